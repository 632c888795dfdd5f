import { afterEach, describe, expect, it, vi } from 'vitest'
import { appNow, appNowUnix, syncClock } from './clock'

describe('app clock', () => {
  afterEach(() => { vi.useRealTimers() })

  it('follows the Go clock when it is pinned to another day', async () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 11, 5, 9, 0, 0) })
    const pinned = Date.UTC(2026, 10, 22, 12, 0, 0) / 1000
    await syncClock(async () => pinned)
    expect(appNowUnix()).toBe(pinned)
    vi.advanceTimersByTime(90_000)
    expect(appNowUnix()).toBe(pinned + 90)
    expect(appNow().toISOString()).toBe('2026-11-22T12:01:30.000Z')
  })

  it('does not wait for a Go side that never answers', async () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 11, 5, 9, 0, 0) })
    const done = syncClock(() => new Promise<number>(() => {}), 3000)
    await vi.advanceTimersByTimeAsync(3000)
    await done
    expect(appNow().toISOString()).toBe('2026-12-05T09:00:03.000Z')
  })

  it('keeps the browser clock when the Go side cannot be asked', async () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 11, 5, 9, 0, 0) })
    await syncClock(async () => { throw new Error('no bridge') })
    expect(appNow().toISOString()).toBe('2026-12-05T09:00:00.000Z')
  })
})
