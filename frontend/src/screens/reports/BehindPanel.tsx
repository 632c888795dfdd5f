import { useEffect, useRef, useState } from 'react'
import { openCasework } from '../cases/nav'
import { trendsApi, type BehindItem, type TrendsQuery } from '../../api/trends'
import { formatDateTime } from '../../ui/time'
import { useLoad } from '../../ui/useLoad'
import type { BehindTarget } from './behind'

const pageSize = 50

/**
 * The alerts or cases behind one figure of the Reports screen. Focus moves to
 * its heading when it opens; Escape or Close hands focus back to the opener.
 * Its parent keys it by query and target, so a new figure starts a new list.
 */
export function BehindPanel({ query, target, onClose }: { query: TrendsQuery; target: BehindTarget; onClose: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null)
  const [more, setMore] = useState<BehindItem[]>([])
  const [moreError, setMoreError] = useState('')
  const key = `${JSON.stringify(query)} ${target.measure} ${target.period} ${target.key}`
  const loaded = useLoad(key, () => trendsApi.behind(query, target.measure, target.period, target.key, 0, pageSize))
  useEffect(() => heading.current?.focus(), [key])
  const b = loaded.data
  const items = [...(b?.items ?? []), ...more]

  async function showMore() {
    setMoreError('')
    try {
      const next = await trendsApi.behind(query, target.measure, target.period, target.key, items.length, pageSize)
      setMore((m) => [...m, ...next.items])
    } catch (e) {
      setMoreError(e instanceof Error ? e.message : String(e))
    }
  }

  const noun = b?.kind === 'case' ? 'cases' : 'alerts'
  return (
    <section className="panel behind" aria-labelledby="behind-h" role="region"
      onKeyDown={(e) => { if (e.key === 'Escape') { e.stopPropagation(); onClose() } }}>
      <h2 id="behind-h" ref={heading} tabIndex={-1}>{target.title}: {target.periodLabel}</h2>
      <button type="button" className="behind-close" onClick={onClose}>Close the list</button>
      {loaded.error && <p className="error" role="alert">{loaded.error}</p>}
      {loaded.loading && <p>Loading…</p>}
      {b?.shared && <p className="muted">Nothing is listed for sharing beyond the security team.</p>}
      {b && !b.shared && (
        <>
          <p role="status">{b.total === 1 ? `1 ${noun.slice(0, -1)}` : `${b.total} ${noun}`}, newest first.</p>
          <ul className="behind-list">{items.map((it) => (
            <li key={`${it.kind}${it.id}`}>
              {it.kind === 'case'
                ? <a href="#/cases" onClick={(e) => { e.preventDefault(); openCasework({ kind: 'case', id: it.id }) }}>{it.reference}</a>
                : <a href={`#/alerts/${it.id}`}>{it.reference}</a>}{' '}
              <span>{formatDateTime(it.at)}</span> <span className="muted">{it.label}</span>
            </li>
          ))}</ul>
          {items.length < b.total && <button type="button" onClick={() => void showMore()}>Show {Math.min(pageSize, b.total - items.length)} more</button>}
          {moreError && <p className="error" role="alert">{moreError}</p>}
        </>
      )}
    </section>
  )
}
