import { act, cleanup, renderHook } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

// A stand-in for the Wails runtime: emit() plays Go's EventsEmit.
const runtime = vi.hoisted(() => {
  const listeners = new Set<(...args: unknown[]) => void>()
  return {
    EventsOn: (name: string, fn: (...args: unknown[]) => void) => {
      if (name !== 'data:changed') return () => {}
      listeners.add(fn)
      return () => listeners.delete(fn)
    },
    emit: (table: string) => listeners.forEach((fn) => fn(table)),
  }
})
vi.mock('../../wailsjs/runtime/runtime', () => ({ EventsOn: runtime.EventsOn }))

import { refreshDelayMs } from '../api/changes'
import { useLoad } from './useLoad'

beforeEach(() => vi.useFakeTimers())
afterEach(() => {
  cleanup()
  vi.useRealTimers()
})

describe('useLoad in team mode', () => {
  it('loads the current key again when a colleague changes a table it shows', async () => {
    let version = 0
    const fetch = vi.fn((id: number) => Promise.resolve(`case ${id} v${++version}`))
    const { result, rerender } = renderHook(({ id }) => useLoad(id, fetch, ['cases', 'case_notes']), { initialProps: { id: 1 } })
    await act(async () => {})
    rerender({ id: 2 })
    await act(async () => {})
    expect(result.current.data).toBe('case 2 v2')

    runtime.emit('risks')
    await act(async () => vi.advanceTimersByTime(refreshDelayMs))
    expect(fetch).toHaveBeenCalledTimes(2)

    runtime.emit('case_notes')
    await act(async () => vi.advanceTimersByTime(refreshDelayMs))
    expect(fetch.mock.calls).toEqual([[1], [2], [2]])
    expect(result.current).toMatchObject({ data: 'case 2 v3', loading: false })

    runtime.emit('*')
    await act(async () => vi.advanceTimersByTime(refreshDelayMs))
    expect(result.current.data).toBe('case 2 v4')
  })

  it('never reloads without tables, nor with a null key', async () => {
    const fetch = vi.fn((id: number) => Promise.resolve(id))
    renderHook(() => useLoad(1, fetch))
    renderHook(() => useLoad<number, number>(null, fetch, ['cases']))
    await act(async () => {})
    runtime.emit('*')
    await act(async () => vi.advanceTimersByTime(refreshDelayMs))
    expect(fetch).toHaveBeenCalledTimes(1)
  })
})
