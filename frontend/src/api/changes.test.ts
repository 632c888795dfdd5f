import { cleanup, renderHook } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

// A stand-in for the Wails runtime: emit() plays Go's EventsEmit.
const runtime = vi.hoisted(() => {
  const listeners = new Map<string, Set<(...args: unknown[]) => void>>()
  return {
    listeners,
    EventsOn: (name: string, fn: (...args: unknown[]) => void) => {
      if (!listeners.has(name)) listeners.set(name, new Set())
      listeners.get(name)!.add(fn)
      return () => listeners.get(name)!.delete(fn)
    },
    emit: (name: string, ...args: unknown[]) => listeners.get(name)?.forEach((fn) => fn(...args)),
  }
})
vi.mock('../../wailsjs/runtime/runtime', () => ({ EventsOn: runtime.EventsOn }))

import { onDataChanged, refreshDelayMs, touches, useDataChanged } from './changes'

beforeEach(() => vi.useFakeTimers())
afterEach(() => {
  cleanup()
  vi.useRealTimers()
  runtime.listeners.clear()
})

describe('onDataChanged', () => {
  it('hears each data:changed table until stopped', () => {
    const heard: string[] = []
    const off = onDataChanged((t) => heard.push(t))
    runtime.emit('data:changed', 'alerts')
    runtime.emit('import:done:0123456789abcdef', 'alerts')
    runtime.emit('data:changed', '*')
    off()
    runtime.emit('data:changed', 'cases')
    expect(heard).toEqual(['alerts', '*'])
  })

  it('counts "*" as a change to every table', () => {
    expect(touches(['alerts'], '*')).toBe(true)
    expect(touches(['alerts'], 'alerts')).toBe(true)
    expect(touches(['alerts'], 'cases')).toBe(false)
  })
})

describe('useDataChanged', () => {
  it('reloads once, shortly after a burst of changes to its tables', () => {
    const reload = vi.fn()
    renderHook(() => useDataChanged(['cases', 'case_notes'], reload))
    runtime.emit('data:changed', 'cases')
    runtime.emit('data:changed', 'case_notes')
    expect(reload).not.toHaveBeenCalled()
    vi.advanceTimersByTime(refreshDelayMs)
    expect(reload).toHaveBeenCalledTimes(1)
  })

  it('ignores other tables, and everything when given none', () => {
    const reload = vi.fn()
    renderHook(() => useDataChanged(['risks'], reload))
    renderHook(() => useDataChanged(undefined, reload))
    runtime.emit('data:changed', 'alerts')
    vi.advanceTimersByTime(refreshDelayMs * 2)
    expect(reload).not.toHaveBeenCalled()
    runtime.emit('data:changed', '*')
    vi.advanceTimersByTime(refreshDelayMs)
    expect(reload).toHaveBeenCalledTimes(1)
  })

  it('stops listening, and drops a pending reload, when the screen goes', () => {
    const reload = vi.fn()
    const { unmount } = renderHook(() => useDataChanged(['letters'], reload))
    runtime.emit('data:changed', 'letters')
    unmount()
    vi.advanceTimersByTime(refreshDelayMs)
    runtime.emit('data:changed', 'letters')
    vi.advanceTimersByTime(refreshDelayMs)
    expect(reload).not.toHaveBeenCalled()
    expect(runtime.listeners.get('data:changed')?.size ?? 0).toBe(0)
  })
})
