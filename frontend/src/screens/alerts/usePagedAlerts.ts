import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react'
import { alertsApi, type Alert, type AlertFilter, type AlertSort } from '../../api/alerts'
import { useDataChanged } from '../../api/changes'
import { useLoad } from '../../ui/useLoad'

export const PAGE = 200

/** The pages fetched so far for one query, kept with the query they answer. */
interface Pages {
  query: string
  rows: ReadonlyMap<number, Alert[]>
  risks: ReadonlyMap<number, string>
  error: string
}

const none = (query: string): Pages => ({ query, rows: new Map(), risks: new Map(), error: '' })

/** The tables the alerts table shows: a colleague's change to one (team mode) loads the rows on screen again. */
export const alertTables = ['alerts', 'alert_triage', 'alert_category', 'media'] as const

/**
 * Rows of the alerts table fetched page by page as they scroll into view, so a
 * million alerts never leave the database at once. Everything shown is kept
 * with the filter and sort it was asked for: a new filter or sort shows nothing
 * of the old one, and answers for an older one are dropped.
 */
export function usePagedAlerts(filter: AlertFilter, sort: AlertSort) {
  const query = useMemo(() => JSON.stringify({ filter, sort }), [filter, sort])
  // The count does not depend on the order, so a new sort keeps it.
  const counted = useLoad(JSON.stringify(filter), () => alertsApi.count(filter))

  const [got, setGot] = useState<Pages>(() => none(query))
  const pages = got.query === query ? got : none(query)

  // The query of the last render, and the pages already asked for it.
  const latest = useRef(query)
  const asked = useRef({ query, pages: new Set<number>() })
  useLayoutEffect(() => { latest.current = query })

  // Fetches page p of the query on screen; a page fetched again replaces its rows where they stand.
  const fetchPage = useCallback(
    (p: number) => {
      // Each answer lands only while its query is still the one on screen.
      const keep = (add: (g: Pages) => Pages) => {
        if (latest.current === query) setGot((g) => add(g.query === query ? g : none(query)))
      }
      alertsApi.list(filter, sort, p * PAGE, PAGE).then(
        (page) => keep((g) => ({
          ...g,
          rows: new Map(g.rows).set(p, page.rows ?? []),
          risks: new Map([...g.risks, ...Object.entries(page.knownRisk ?? {}).map(([id, place]) => [Number(id), place] as const)]),
        })),
        (e: Error) => keep((g) => ({ ...g, error: e.message })),
      )
    },
    [query, filter, sort],
  )

  const ensure = useCallback(
    (first: number, last: number) => {
      if (asked.current.query !== query) asked.current = { query, pages: new Set() }
      const wanted = asked.current.pages
      for (let p = Math.floor(first / PAGE); p <= Math.floor(last / PAGE); p++) {
        if (wanted.has(p)) continue
        wanted.add(p)
        fetchPage(p)
      }
    },
    [query, fetchPage],
  )

  // A colleague's change: the count and the pages already fetched are asked for
  // again and replace what is shown in place, so nothing empties, the table
  // keeps its scroll position and the selection its alert.
  const reloadCount = counted.reload
  const refresh = useCallback(() => {
    reloadCount()
    if (asked.current.query === query) asked.current.pages.forEach(fetchPage)
  }, [reloadCount, query, fetchPage])
  useDataChanged(alertTables, refresh)

  const row = useCallback((i: number): Alert | undefined => pages.rows.get(Math.floor(i / PAGE))?.[i % PAGE], [pages])

  /** The known-risk location covering an alert, if any. */
  const knownRisk = useCallback((id: number): string | undefined => pages.risks.get(id), [pages])

  /** Where alert id is among the rows fetched, -1 when it is not among them. */
  const indexOf = useCallback((id: number): number => {
    for (const [p, rows] of pages.rows) {
      const i = rows.findIndex((a) => a.id === id)
      if (i >= 0) return p * PAGE + i
    }
    return -1
  }, [pages])

  return { total: counted.data ?? null, error: counted.error || pages.error, ensure, row, knownRisk, indexOf }
}
