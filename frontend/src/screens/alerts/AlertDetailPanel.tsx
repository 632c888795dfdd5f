import { useState } from 'react'
import { alertsApi, type AlertDetail } from '../../api/alerts'
import { formatDateTime, formatDuration } from '../../ui/time'
import { useLoad } from '../../ui/useLoad'
import { RecordingDialog } from '../recording/RecordingPanel'
import { openCasework } from '../cases/nav'
import { ARCFacts, ARCDocuments, ExtraCell, hasExtra, sourceWord, useAlertARC, word } from '../imports/AlertARC'
import { escalationLabels, formatAccuracy, label, sourceLabels, triggerLabels, typeLabels, validityLabels } from '../../ui/labels'

export function AlertDetailPanel({ id, onClose }: { id: number; onClose: () => void }) {
  const loaded = useLoad(id, alertsApi.detail, ['alerts', 'alert_triage', 'alert_category', 'media'])
  if (loaded.error) return <aside className="detail" aria-label="Alert detail"><p className="error" role="alert">{loaded.error}</p></aside>
  if (!loaded.data) return <aside className="detail" aria-label="Alert detail" aria-busy="true"><p>Loading…</p></aside>
  // Keyed by the alert, so a recording opened from one alert is never left open over another.
  return <AlertDetailBody key={id} detail={loaded.data} onClose={onClose} />
}

function AlertDetailBody({ detail, onClose }: { detail: AlertDetail; onClose: () => void }) {
  const [listen, setListen] = useState<number | null>(null)
  const a = detail.alert
  const arc = useAlertARC(a.id)
  const answer = a.answeredAt ? a.answeredAt - a.raisedAt : null
  // The ARC's own columns of its log and positions files, when it sent any.
  const logExtra = hasExtra(detail.log)
  const posExtra = hasExtra(detail.positions)
  return (
    <aside className="detail" aria-labelledby="detail-heading">
      <div className="detail-head">
        <h2 id="detail-heading">
          <span className={`badge badge-${a.type}`}>{label(typeLabels, a.type)}</span> {a.arcRef}
        </h2>
        {a.type === 'red' && <button type="button" onClick={() => openCasework({ kind: 'triage', id: a.id })}>Triage</button>}
        <button type="button" className="secondary" onClick={onClose} aria-label="Close alert detail">Close</button>
      </div>
      <dl className="facts">
        <dt>Lone worker</dt><dd>{a.workerName} ({a.workerRef})</dd>
        <dt>Team</dt><dd>{a.teamName}</dd>
        <dt>Trigger</dt><dd>{label(triggerLabels, a.trigger)}{word(arc, 'trigger')}</dd>
        <dt>Raised</dt><dd>{formatDateTime(a.raisedAt)}</dd>
        {answer != null && <><dt>Answered</dt><dd>{formatDateTime(a.answeredAt)} (after {formatDuration(answer)})</dd></>}
        {a.closedAt != null && <><dt>Closed</dt><dd>{formatDateTime(a.closedAt)}</dd></>}
        <dt>ARC validity</dt><dd>{label(validityLabels, a.validity)}{word(arc, 'validity')}</dd>
        <dt>Escalation</dt><dd>{label(escalationLabels, a.escalation)}{word(arc, 'escalation')}</dd>
        {a.policeRef && <><dt>Police reference</dt><dd>{a.policeRef}</dd></>}
        {a.operator && <><dt>Operator</dt><dd>{a.operator}</dd></>}
        {a.memo && <><dt>{a.type === 'amber' ? 'Memo' : 'ARC summary'}</dt><dd>{a.memo}</dd></>}
        <dt>Provider</dt><dd>{a.arc}</dd>
        <ARCFacts arc={arc} />
      </dl>
      {a.type === 'red' && <p className="case-map-link"><a href={`#/map/case/${a.id}`}>Case map<span className="visually-hidden"> of {a.arcRef}</span></a></p>}

      <h3>ARC operator log</h3>
      {detail.log.length === 0 ? <p className="muted">No operator log for this alert.</p> : (
        <table className="mini">
          <thead><tr><th scope="col">Time</th><th scope="col">Action</th><th scope="col">Contact</th><th scope="col">Result</th>{logExtra && <th scope="col">Other ARC fields</th>}</tr></thead>
          <tbody>
            {detail.log.map((e) => (
              <tr key={e.id}>
                <td>{formatDateTime(e.at).slice(11)}</td><td>{e.action}</td><td>{e.contact}</td>
                <td>{e.result}{e.note ? ` — ${e.note}` : ''}</td>
                {logExtra && <ExtraCell extra={e.extra} />}
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h3>Positions</h3>
      {detail.positions.length === 0 ? <p className="muted">No location was sent.</p> : (
        <table className="mini">
          <thead><tr><th scope="col">Time</th><th scope="col">Source</th><th scope="col">Accuracy</th><th scope="col">Latitude, longitude</th>{posExtra && <th scope="col">Other ARC fields</th>}</tr></thead>
          <tbody>
            {detail.positions.map((p) => (
              <tr key={p.id}>
                <td>{formatDateTime(p.fixAt).slice(11)}</td><td>{label(sourceLabels, p.source)}{sourceWord(p.sourceWord)}</td>
                <td>{formatAccuracy(p.accuracyM)}</td><td>{p.lat.toFixed(5)}, {p.lon.toFixed(5)}</td>
                {posExtra && <ExtraCell extra={p.extra} />}
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h3>Recordings</h3>
      {detail.media.length === 0 ? <p className="muted">No recording.</p> : (
        <ul className="media">
          {detail.media.map((m) => (
            <li key={m.id}>
              <strong>{m.originalName}</strong> · {formatDuration(m.durationMs / 1000)} · {m.codec}, {m.sampleRate / 1000} kHz{' '}
              <button type="button" className="secondary" onClick={() => setListen(m.id)} aria-label={`Listen to ${m.originalName}`}>Listen</button>
              <br /><span className="hash" title="SHA-256 recorded on receipt">SHA-256 {m.sha256}</span>
            </li>
          ))}
        </ul>
      )}
      <ARCDocuments arc={arc} />
      {listen != null && <RecordingDialog mediaId={listen} onClose={() => setListen(null)} />}
    </aside>
  )
}
