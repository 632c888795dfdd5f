import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react'
import { useDataChanged } from '../api/changes'

/** What a screen loads by: a record's id, or its filters joined into one string. */
export type LoadKey = string | number

/** One answer, kept with the key it was asked for. */
interface Answer<T> {
  key: LoadKey
  data: T | undefined
  error: string
}

export interface Loaded<T> {
  /** The answer for the current key; undefined until it arrives. */
  data: T | undefined
  /** Why the current key's last request failed, or ''. */
  error: string
  /** True until the current key has an answer, data or error. */
  loading: boolean
  /** Asks again for the current key; resolves once the answer is in. A stale closure's reload does nothing. */
  reload: () => Promise<void>
  /** Shows what an action answered with, as the current key's data; dropped if the key has moved on. */
  set: (data: T) => void
}

/**
 * useLoad fetches what the screen shows for key, again whenever key changes.
 * Only the newest request may land, and an answer shows only while its key is
 * still the current one: a slow answer for an earlier selection never replaces
 * the one on screen, so buttons never act on a record the person has left.
 * A null key loads nothing. In team mode, naming the tables the screen shows
 * (e.g. ['cases', 'case_notes']) loads the current key again shortly after a
 * colleague changes one of them.
 */
export function useLoad<K extends LoadKey, T>(key: K | null, fetch: (key: K) => Promise<T>, tables?: readonly string[]): Loaded<T> {
  const [answer, setAnswer] = useState<Answer<T> | null>(null)
  // The key and fetch of the last render, and a count that makes older requests stale.
  const latest = useRef({ key, fetch, seq: 0 })
  useLayoutEffect(() => {
    latest.current.key = key
    latest.current.fetch = fetch
  })

  const ask = useCallback((k: K) => {
    const mine = ++latest.current.seq
    const isNewest = () => mine === latest.current.seq
    return latest.current.fetch(k).then(
      (data) => { if (isNewest()) setAnswer({ key: k, data, error: '' }) },
      // A failed reload keeps what was shown for the same key beside the error.
      (e: unknown) => { if (isNewest()) setAnswer((cur) => ({ key: k, data: cur?.key === k ? cur.data : undefined, error: messageOf(e) })) },
    )
  }, [])

  useEffect(() => {
    if (key == null) latest.current.seq++ // nothing to show: whatever is still on its way is stale
    else ask(key)
  }, [key, ask])

  useDataChanged(tables, () => {
    const k = latest.current.key
    if (k != null) void ask(k)
  })

  const reload = useCallback(() => (key != null && key === latest.current.key ? ask(key) : Promise.resolve()), [key, ask])
  const set = useCallback((data: T) => {
    if (key == null || key !== latest.current.key) return
    latest.current.seq++ // a load still on its way is older than this answer
    setAnswer({ key, data, error: '' })
  }, [key])

  // Derived at render, so a new key shows nothing of the old one, not even for one frame.
  const current = answer && key != null && answer.key === key ? answer : null
  return { data: current?.data, error: current?.error ?? '', loading: key != null && !current, reload, set }
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e)
}
