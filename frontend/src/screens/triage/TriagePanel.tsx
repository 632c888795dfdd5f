import { useEffect, useId, useRef, useState } from 'react'
import { focusFirstControl } from '../../ui/focus'
import type { Landing } from '../cases/CaseDetail'
import { categories, categoryLabels, triageApi, type TriageDetail } from '../../api/triage'
import { casesApi } from '../../api/cases'
import { reloadOnChange } from '../../api/conflict'
import { formatDateTime, formatDuration } from '../../ui/time'
import { escalationLabels, label, triggerLabels, validityLabels } from '../../ui/labels'
import { WithARCWord, arcWordOf } from '../alerts/arcWord'
import { useLoad } from '../../ui/useLoad'
import { countdown } from '../cases/countdown'
import { openCasework } from '../cases/nav'
import { RecordingPanel } from '../recording/RecordingPanel'
import { TriageMap } from './TriageMap'
import './triage.css'

const fileActions: Record<string, string> = {
  overwritten_and_removed: 'file overwritten and removed',
  kept_shared: 'file kept: the same bytes back another recording still held',
}

/**
 * Everything the LSMS weighs to categorise one red alert, and the form to do
 * it: the recording's player, a map of the fixes and the ARC operator log sit
 * beside the form, so triage needs no other screen.
 */
export function TriagePanel({ alertId, onChanged, landing }: { alertId: number; onChanged: () => void; landing?: Landing }) {
  const loaded = useLoad(alertId, triageApi.detail, ['alerts', 'alert_triage', 'cases'])
  if (!loaded.data) return <div className="cw-detail" aria-busy={!loaded.error}>{loaded.error ? <p className="error" role="alert">{loaded.error}</p> : <p>Loading…</p>}</div>
  // Keyed by the alert, so a category ticked or a reason typed never carries over to another alert.
  return <Triage key={alertId} alertId={alertId} d={loaded.data} loadError={loaded.error} reload={loaded.reload} onChanged={onChanged} landing={landing} />
}

function Triage({ alertId, d, loadError, reload, onChanged, landing }: {
  alertId: number; d: TriageDetail; loadError: string; reload: () => Promise<void>; onChanged: () => void; landing?: Landing
}) {
  const form = useRef<HTMLFormElement>(null)
  // Opened from My work or a case: the keyboard starts on the first category.
  useEffect(() => {
    if (landing?.id === alertId) focusFirstControl(form.current)
  }, [landing, alertId])
  const [actError, setError] = useState('')
  const [category, setCategory] = useState('')
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  const [saved, setSaved] = useState('')
  const [listen, setListen] = useState<number | null>(null)
  const reasonId = useId()
  const error = actError || loadError

  const a = d.alert.alert
  const current = d.history.length ? d.history[d.history.length - 1] : null
  const openCase = d.cases.find((c) => c.state !== 'closed')

  const submit = async (e: React.FormEvent) => {
    e.preventDefault()
    setBusy(true); setError(''); setSaved('')
    try {
      // What the page shows is what the person decided over: a colleague's triage since is refused, and shown.
      // The list beside the panel loads again too, so it no longer says the alert is waiting.
      await reloadOnChange(() => triageApi.categorise(alertId, current?.id ?? 0, category, reason), async () => { await reload(); onChanged() })
      setSaved(`Categorised ${categoryLabels[category].toLowerCase()}.`)
      setCategory(''); setReason('')
      await reload()
      onChanged()
    } catch (err) {
      setError((err as Error).message)
    } finally {
      setBusy(false)
    }
  }
  const startCase = async () => {
    setError('')
    try {
      const c = await casesApi.openFromAlert(alertId)
      openCasework({ kind: 'case', id: c.id })
      onChanged()
    } catch (err) { setError((err as Error).message) }
  }

  return (
    <div className="cw-detail" aria-labelledby="triage-heading">
      <h2 id="triage-heading"><WithARCWord value={<span className="badge badge-red">Red</span>} word={arcWordOf(a.words, 'type', 'Red')} /> {a.arcRef} · {a.workerName}</h2>
      <dl className="facts">
        <dt>Raised</dt><dd>{formatDateTime(a.raisedAt)}</dd>
        <dt>Trigger</dt><dd><WithARCWord value={label(triggerLabels, a.trigger)} word={arcWordOf(a.words, 'trigger', label(triggerLabels, a.trigger))} /></dd>
        <dt>Team</dt><dd>{a.teamName}</dd>
        <dt>ARC closure</dt><dd><WithARCWord value={label(validityLabels, a.validity)} word={arcWordOf(a.words, 'validity', label(validityLabels, a.validity))} /> · escalation: <WithARCWord value={label(escalationLabels, a.escalation)} word={arcWordOf(a.words, 'escalation', label(escalationLabels, a.escalation))} />{a.policeRef ? ` (${a.policeRef})` : ''}</dd>
        {a.memo && <><dt>ARC summary</dt><dd>{a.memo}</dd></>}
        <dt>LSMS categorisation</dt>
        <dd>{current ? <><strong>{categoryLabels[current.category]}</strong> by {current.categorisedBy}, {formatDateTime(current.categorisedAt)}: {current.reason}</> : <strong>Waiting for triage</strong>}</dd>
        {d.cases.length > 0 && <><dt>Case</dt><dd>{d.cases.map((c) => (
          <button key={c.id} type="button" className="linkish" onClick={() => openCasework({ kind: 'case', id: c.id })}>{c.ref}</button>))}</dd></>}
      </dl>

      {current?.category === 'genuine' && !openCase && (
        <p><button type="button" onClick={startCase}>Open a case for this alert</button></p>
      )}

      <div className="triage-grid">
        <div className="triage-main">
          <form ref={form} onSubmit={submit} className="stack" aria-label="Categorise this red alert">
            <fieldset>
              <legend>{current ? 'Re-categorise (the reason is kept with the history)' : 'Categorise this red alert'}</legend>
              {categories.map((c) => (
                <label key={c} className="choice">
                  <input type="radio" name="category" value={c} checked={category === c} onChange={() => setCategory(c)}
                    disabled={current?.category === c} />
                  {categoryLabels[c]}{current?.category === c ? ' (current)' : ''}
                </label>
              ))}
            </fieldset>
            <label htmlFor={reasonId}>Reason {current ? '(required: for example, the worker closed the alarm under duress)' : '(required if you disagree with the ARC)'}</label>
            <textarea id={reasonId} value={reason} onChange={(e) => setReason(e.target.value)} rows={2} />
            {category === 'false' && <p className="muted">A false alarm's recordings are destroyed 24 hours after you categorise it, unless you re-categorise it first.</p>}
            <div><button type="submit" disabled={busy || !category}>Record categorisation</button></div>
            {error && <p className="error" role="alert">{error}</p>}
            {saved && <p className="ok" role="status">{saved}</p>}
          </form>

          <section aria-labelledby="log-h">
            <h3 id="log-h">ARC operator log</h3>
            {d.alert.log.length === 0 ? <p className="muted">No operator log.</p> : (
              <table className="mini">
                <thead><tr><th scope="col">Time</th><th scope="col">Operator</th><th scope="col">Action</th><th scope="col">Result</th></tr></thead>
                <tbody>{d.alert.log.map((e) => (
                  <tr key={e.id}><td>{formatDateTime(e.at).slice(11)}</td><td>{e.operator}</td><td>{e.action}{e.contact ? ` (${e.contact})` : ''}</td><td>{e.result}{e.note ? ` — ${e.note}` : ''}</td></tr>
                ))}</tbody>
              </table>
            )}
          </section>
        </div>

        <div className="triage-side">
          <section aria-labelledby="listen-h">
            <h3 id="listen-h">Recording</h3>
            {d.alert.media.length === 0 ? <p className="muted">No recording.</p> : listen == null ? (
              <ul className="plain">
                {d.alert.media.map((m) => (
                  <li key={m.id}>{m.originalName} · {formatDuration(m.durationMs / 1000)}{' '}
                    <button type="button" className="secondary" onClick={() => setListen(m.id)} aria-label={`Listen to ${m.originalName}`}>Listen</button></li>
                ))}
              </ul>
            ) : <RecordingPanel mediaId={listen} onClose={() => setListen(null)} />}
          </section>

          <section aria-labelledby="pos-h">
            <h3 id="pos-h">Where the worker was</h3>
            <TriageMap alertId={alertId} arcRef={a.arcRef} fixes={d.alert.positions} />
            {a.answeredAt != null && <p className="muted">Answered after {formatDuration(a.answeredAt - a.raisedAt)}.</p>}
          </section>
        </div>
      </div>

      <section aria-labelledby="rec-h">
        <h3 id="rec-h">Recordings and retention</h3>
        {d.retention.length === 0 && d.destructions.length === 0 && <p className="muted">No recording.</p>}
        <ul className="media">
          {d.retention.map((r) => (
            <li key={r.mediaId}>
              <strong>{r.name}</strong> <span className="hash">SHA-256 {r.sha256}</span><br />
              {r.dueAt ? <>{r.ruleText}. Destroyed {formatDateTime(r.dueAt).slice(0, 16)} (<span className={r.dueAt - d.now < 86400 ? 'overdue-text' : ''}>{countdown(r.dueAt, d.now)}</span>)</> : r.kept}
            </li>
          ))}
          {d.destructions.map((x) => (
            <li key={`d${x.id}`}>
              <span className="destroyed">Destroyed</span> {x.item} on {formatDateTime(x.destroyedAt)} by {x.destroyedBy}: {x.ruleText}; {fileActions[x.fileAction] ?? x.fileAction}.
              <br /><span className="hash">SHA-256 {x.sha256}</span>
            </li>
          ))}
        </ul>
      </section>

      {d.history.length > 1 && (
        <section aria-labelledby="hist-h">
          <h3 id="hist-h">Categorisation history</h3>
          <ol>{d.history.map((h) => <li key={h.id}>{formatDateTime(h.categorisedAt)}: {categoryLabels[h.category]} by {h.categorisedBy}. {h.reason}</li>)}</ol>
        </section>
      )}

    </div>
  )
}
