import { act, cleanup, renderHook } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { deferred, type Deferred } from '../testing/deferred'
import { useLoad } from './useLoad'

afterEach(cleanup)

/** A fetch whose answers the test hands back by hand, one per request, keyed by what was asked. */
function byHand() {
  const asked = new Map<number, Deferred<string>[]>()
  const fetch = vi.fn((key: number) => {
    const d = deferred<string>()
    asked.set(key, [...(asked.get(key) ?? []), d])
    return d.promise
  })
  /** The nth request made for key, counting from 0. */
  const answer = (key: number, nth = 0) => asked.get(key)![nth]
  return { fetch, answer }
}

describe('useLoad', () => {
  it('drops a late answer for an earlier key', async () => {
    const { fetch, answer } = byHand()
    const { result, rerender } = renderHook(({ id }) => useLoad(id, fetch), { initialProps: { id: 1 } })
    rerender({ id: 2 })
    expect(fetch.mock.calls).toEqual([[1], [2]])

    await act(async () => answer(2).resolve('case two'))
    expect(result.current).toMatchObject({ data: 'case two', loading: false, error: '' })

    await act(async () => answer(1).resolve('case one'))
    expect(result.current.data).toBe('case two')
  })

  it('drops a late failure for an earlier key', async () => {
    const { fetch, answer } = byHand()
    const { result, rerender } = renderHook(({ id }) => useLoad(id, fetch), { initialProps: { id: 1 } })
    rerender({ id: 2 })
    await act(async () => answer(2).resolve('case two'))
    await act(async () => answer(1).reject(new Error('Case 1 could not be read.')))
    expect(result.current).toMatchObject({ data: 'case two', error: '' })
  })

  it('shows nothing of the old key once the key changes, even before the new answer', async () => {
    const { fetch, answer } = byHand()
    const { result, rerender } = renderHook(({ id }) => useLoad(id, fetch), { initialProps: { id: 1 } })
    await act(async () => answer(1).resolve('case one'))
    expect(result.current.data).toBe('case one')

    rerender({ id: 2 })
    expect(result.current).toMatchObject({ data: undefined, loading: true })
  })

  it('drops an answer that arrives after going back to an earlier key and asking again', async () => {
    const { fetch, answer } = byHand()
    const { result, rerender } = renderHook(({ id }) => useLoad(id, fetch), { initialProps: { id: 1 } })
    rerender({ id: 2 })
    rerender({ id: 1 })
    expect(fetch.mock.calls).toEqual([[1], [2], [1]])

    // The first request for 1 is older than the second: only the newest lands.
    await act(async () => answer(1).resolve('case one, first read'))
    expect(result.current.data).toBeUndefined()
    await act(async () => answer(2).resolve('case two'))
    expect(result.current.data).toBeUndefined()
    await act(async () => answer(1, 1).resolve('case one, second read'))
    expect(result.current.data).toBe('case one, second read')
  })
})
