import { useCallback, useState } from 'react'

/**
 * useAct runs a change and keeps its outcome on screen: the error stays until
 * the next action, a success message is announced politely. `where` names the
 * part of a long form that acted, so the outcome can be shown beside it
 * (outcomeAt) rather than out of sight at the top. Shared by the letters,
 * review and risk panels so every action reports the same way.
 */
export function useAct() {
  const [error, setError] = useState('')
  const [status, setStatus] = useState('')
  const [at, setAt] = useState('')
  const act = useCallback(async <T,>(done: string | ((r: T) => string), fn: () => Promise<T>, where = ''): Promise<T | undefined> => {
    setError(''); setStatus(''); setAt(where)
    try {
      const r = await fn()
      setStatus(typeof done === 'function' ? done(r) : done)
      return r
    } catch (e) {
      setError((e as Error).message)
      return undefined
    }
  }, [])
  const outcomeAt = useCallback((where: string) => (at === where ? { error, status } : { error: '', status: '' }), [at, error, status])
  return { act, error, status, setError, setStatus, outcomeAt }
}

/** Saved to a path, or the save dialog was cancelled. */
export function savedMessage(path: string, what: string): string {
  return path ? `${what} saved to ${path}` : 'Nothing saved: the save dialog was cancelled.'
}
