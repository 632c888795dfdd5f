import { useEffect, useState } from 'react'
import { useDataChanged } from '../../api/changes'
import { myWorkApi, type WorkItem } from '../../api/mywork'
import { formatDateTime } from '../../ui/time'
import { countdown } from '../cases/countdown'
import { openCasework } from '../cases/nav'
import '../cases/cases.css'

const kindLabels: Record<string, string> = {
  triage: 'Triage', destruction: 'Destruction', riddor: 'RIDDOR', task: 'Task', decision: 'Decision',
  letter: 'Letter', warning_review: 'Warning review', review: 'Post-incident review', review_action: 'Review action', risk_review: 'Risk review',
  evidence: 'Evidence',
}

/** Opens what an item is about: its case at the part it concerns, its alert's triage, or else its register. */
export function openItem(it: WorkItem) {
  if (it.caseId) return openCasework({ kind: 'case', id: it.caseId, section: it.section || undefined })
  if (it.alertId) return openCasework({ kind: 'triage', id: it.alertId })
  // Items about the registers themselves (a risk due for review) open their register.
  window.location.hash = it.kind === 'risk_review' ? '#/risks' : it.kind === 'evidence' ? '#/settings' : '#/letters'
}

export function MyWorkScreen() {
  const [items, setItems] = useState<WorkItem[] | null>(null)
  const [now, setNow] = useState(0)
  const [error, setError] = useState('')
  // A colleague's change on the team database (team mode) loads the list again.
  const [changes, setChanges] = useState(0)
  useDataChanged(['alerts', 'alert_triage', 'cases', 'case_tasks', 'letters', 'reviews', 'review_actions', 'risks'],
    () => setChanges((n) => n + 1))

  useEffect(() => {
    let live = true
    const load = () => Promise.all([myWorkApi.list(), myWorkApi.now()]).then(
      ([list, n]) => { if (live) { setItems(list); setNow(n); setError('') } },
      (e: Error) => live && setError(e.message),
    )
    load()
    const timer = window.setInterval(load, 60_000) // countdowns move on
    return () => { live = false; window.clearInterval(timer) }
  }, [changes])

  return (
    <section className="screen casework" aria-labelledby="mywork-title">
      <div className="screen-header">
        <h1 id="mywork-title">My work</h1>
        {items && <p className="count">{items.length} item{items.length === 1 ? '' : 's'} due, most urgent first</p>}
      </div>
      {error && <p className="error" role="alert">{error}</p>}
      {!items && !error && <p>Loading…</p>}
      {items && items.length === 0 && <p className="panel">Nothing is due. New red alerts appear here when they are imported.</p>}
      {items && items.length > 0 && (
        <ol className="worklist">
          {items.map((it, i) => (
            <li key={`${it.kind}-${it.alertId}-${it.caseId}-${i}`} className={`work work-${it.kind}${it.overdue ? ' overdue' : it.urgent ? ' urgent' : ''}`}>
              <span className={`kind kind-${it.kind}`}>{kindLabels[it.kind] ?? it.kind}</span>
              <div className="work-main">
                <strong>{it.title}</strong>
                <span className="muted">{it.detail}</span>
              </div>
              <div className="work-due">
                {it.dueAt ? <>
                  <span className={`when${it.overdue ? ' overdue-text' : ''}`}>{countdown(it.dueAt, now)}</span>
                  <span className="muted small">{formatDateTime(it.dueAt).slice(0, 16)}</span>
                </> : it.urgent ? <span className="urgent-text">{it.why || 'Urgent'}</span>
                  : <span className="muted small">No deadline</span>}
              </div>
              <button type="button" className="secondary" onClick={() => openItem(it)}
                aria-label={`Open: ${it.title}`}>Open</button>
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}
