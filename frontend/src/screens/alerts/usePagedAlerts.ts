import { useCallback, useEffect, useRef, useState } from 'react'
import { alertsApi, type Alert, type AlertFilter, type AlertSort } from '../../api/alerts'

export const PAGE = 200

/**
 * Rows of the alerts table fetched page by page as they scroll into view, so a
 * million alerts never leave the database at once. A new filter or sort starts
 * a new generation; answers for an older one are dropped.
 */
export function usePagedAlerts(filter: AlertFilter, sort: AlertSort) {
  const [total, setTotal] = useState<number | null>(null)
  const [error, setError] = useState<string>('')
  const [, setTick] = useState(0)
  const pages = useRef(new Map<number, Alert[]>())
  const risks = useRef(new Map<number, string>())
  const pending = useRef(new Set<number>())
  const generation = useRef(0)

  useEffect(() => {
    const gen = ++generation.current
    pages.current = new Map()
    risks.current = new Map()
    pending.current = new Set()
    setTotal(null)
    setError('')
    alertsApi.count(filter).then(
      (n) => gen === generation.current && setTotal(n),
      (e: Error) => gen === generation.current && setError(e.message),
    )
    setTick((t) => t + 1)
  }, [filter, sort])

  const ensure = useCallback(
    (first: number, last: number) => {
      const gen = generation.current
      for (let p = Math.floor(first / PAGE); p <= Math.floor(last / PAGE); p++) {
        if (pages.current.has(p) || pending.current.has(p)) continue
        pending.current.add(p)
        alertsApi.list(filter, sort, p * PAGE, PAGE).then(
          (page) => {
            if (gen !== generation.current) return
            pages.current.set(p, page.rows ?? [])
            for (const [id, label] of Object.entries(page.knownRisk ?? {})) risks.current.set(Number(id), label)
            pending.current.delete(p)
            setTick((t) => t + 1)
          },
          (e: Error) => gen === generation.current && setError(e.message),
        )
      }
    },
    [filter, sort],
  )

  const row = useCallback((i: number): Alert | undefined => pages.current.get(Math.floor(i / PAGE))?.[i % PAGE], [])

  /** The known-risk location covering an alert, if any. */
  const knownRisk = useCallback((id: number): string | undefined => risks.current.get(id), [])

  return { total, error, ensure, row, knownRisk }
}
