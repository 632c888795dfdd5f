import { useState } from 'react'
import { reloadOnChange } from '../../api/conflict'
import { risksApi, scoreKindLabels, scoreKinds, type RiskFields, type RiskView, type ScoreKind } from '../../api/risks'
import { formatDateTime } from '../../ui/time'
import { isoToUk } from '../../ui/ukdate'
import { useDraft } from '../../ui/useDraft'
import { useLoad } from '../../ui/useLoad'
import { useAct } from '../letters/act'
import { Outcome } from '../letters/Outcome'
import { RiskFieldsForm } from './RiskFieldsForm'
import { ScorePicker, ScoreText } from './score'
import './risks.css'

const linkKindLabels: Record<string, string> = { case: 'Case', alert: 'Alert', hotspot: 'Map hotspot' }

function fieldsOf(v: RiskView): RiskFields {
  const r = v.risk
  return { title: r.title, description: r.description, cause: r.cause, consequence: r.consequence, affected: r.affected,
    controls: r.controls, gaps: r.gaps, actions: r.actions, owner: r.owner, reviewOn: r.reviewOn, status: r.status }
}

/**
 * One risk: its scores (inherent, current, target), its words, a re-score
 * with a reason (optionally prompted by a case), every earlier score, and
 * what it is linked to.
 */
export function RiskDetail({ riskId, caseId = 0, onChanged, headingLevel = 2 }: {
  riskId: number; caseId?: number; onChanged?: () => void; headingLevel?: 2 | 3 | 4
}) {
  const loaded = useLoad(riskId, risksApi.get, ['risks', 'risk_scores'])
  if (!loaded.data) return <div className="risk-detail">{loaded.error ? <p className="error" role="alert">{loaded.error}</p> : <p>Loading the risk…</p>}</div>
  // Keyed by the risk, so an outcome or a half-typed reason never carries over to another risk.
  return <RiskPage key={riskId} id={riskId} caseId={caseId} v={loaded.data} show={loaded.set} reload={loaded.reload} onChanged={onChanged} headingLevel={headingLevel} />
}

function RiskPage({ id, caseId, v, show, reload, onChanged, headingLevel }: {
  id: number; caseId: number; v: RiskView; show: (v: RiskView) => void; reload: () => Promise<void>; onChanged?: () => void; headingLevel: 2 | 3 | 4
}) {
  // The details form starts again from each view the risk comes back with.
  const [f, setF] = useDraft(v, fieldsOf)
  const { act, outcomeAt } = useAct()
  const apply = async (done: string, fn: () => Promise<RiskView>, where = '') => {
    // A colleague's change refuses the write: the risk is loaded again and the refusal shown beside the action.
    const r = await act(done, () => reloadOnChange(fn, async () => { await reload(); onChanged?.() }), where)
    if (r) { show(r); onChanged?.() }
    return !!r
  }
  const r = v.risk
  const H = `h${headingLevel}` as 'h2'
  const Sub = `h${Math.min(headingLevel + 1, 6)}` as 'h3'
  const dirty = JSON.stringify(f) !== JSON.stringify(fieldsOf(v))
  return (
    <div className="risk-detail" role="region" aria-label={`Risk ${r.ref}`}>
      <H className="risk-title">{r.ref} · {r.title}</H>
      <p className="muted small">{r.status === 'closed' ? 'Closed. ' : ''}Owner {r.owner || 'not named'} · review {isoToUk(r.reviewOn) || 'not set'} · last changed {formatDateTime(r.updatedAt).slice(0, 16)} by {r.updatedBy}</p>
      <dl className="risk-scores">
        {scoreKinds.map((k) => <div key={k}><dt>{scoreKindLabels[k]}</dt><dd><ScoreText s={r[k]} /></dd></div>)}
      </dl>
      <Outcome {...outcomeAt('')} />
      <Rescore riskId={id} caseId={caseId} v={v} apply={apply} Sub={Sub} />

      <Sub>Details</Sub>
      <form aria-label={`Details of ${r.ref}`} onSubmit={(e) => { e.preventDefault(); apply('Risk details saved.', () => risksApi.update(id, fieldsOf(v), f), 'details') }}>
        <RiskFieldsForm f={f} set={setF} idPrefix={`risk-${id}`} />
        <Outcome {...outcomeAt('details')} />
        <button type="submit" disabled={!dirty}>Save details</button>
      </form>

      <Sub>Score history</Sub>
      <table className="mini">
        <thead><tr><th scope="col">When (UK)</th><th scope="col">Score</th><th scope="col">Rating</th><th scope="col">Reason</th><th scope="col">Incident</th><th scope="col">Who</th></tr></thead>
        <tbody>{[...v.history].reverse().map((s) => (
          <tr key={s.id}><td>{formatDateTime(s.scoredAt).slice(0, 16)}</td><td>{scoreKindLabels[s.kind as ScoreKind] ?? s.kind}</td>
            <td><ScoreText s={s} /></td><td>{s.reason}</td><td>{s.caseRef}</td><td>{s.scoredBy}</td></tr>
        ))}</tbody>
      </table>

      <Links id={id} v={v} apply={apply} Sub={Sub} outcome={<Outcome {...outcomeAt('links')} />} />
    </div>
  )
}

type Apply = (done: string, fn: () => Promise<RiskView>, where?: string) => Promise<boolean>

function Rescore({ riskId, caseId, v, apply, Sub }: { riskId: number; caseId: number; v: RiskView; apply: Apply; Sub: 'h3' }) {
  const [kind, setKind] = useState<ScoreKind>('current')
  const [s, setS] = useState({ consequence: 0, likelihood: 0 })
  const [reason, setReason] = useState('')
  return (
    <form className="rescore" aria-label="Re-score the risk"
      onSubmit={(e) => { e.preventDefault(); apply(`${scoreKindLabels[kind]} score recorded.`, () => risksApi.rescore(riskId, v.risk[kind]?.id ?? 0, { kind, ...s }, reason, caseId)).then((ok) => ok && (setReason(''), setS({ consequence: 0, likelihood: 0 }))) }}>
      <Sub>Re-score{caseId ? ' after this incident' : ''}</Sub>
      <div className="form-row">
        <label>Which score<select value={kind} onChange={(e) => setKind(e.target.value as ScoreKind)}>
          {scoreKinds.map((k) => <option key={k} value={k}>{scoreKindLabels[k]}</option>)}</select></label>
        <ScorePicker value={s} onChange={setS} idPrefix={`rescore-${riskId}`} legend="New score" />
      </div>
      <div className="form-row">
        <label className="grow">Why the score changes<input value={reason} onChange={(e) => setReason(e.target.value)} /></label>
        <button type="submit">Record score</button>
      </div>
    </form>
  )
}

function Links({ id, v, apply, Sub, outcome }: { id: number; v: RiskView; apply: Apply; Sub: 'h3'; outcome: React.ReactNode }) {
  const [kind, setKind] = useState('alert')
  const [target, setTarget] = useState('')
  const [note, setNote] = useState('')
  const [removing, setRemoving] = useState<{ kind: string; target: string } | null>(null)
  const [why, setWhy] = useState('')
  return (
    <>
      <Sub>Linked incidents and hotspots</Sub>
      {v.links.length === 0 ? <p className="muted">Nothing linked.</p> : (
        <ul className="plain risk-links">
          {v.links.map((l) => (
            <li key={`${l.kind}-${l.target}`}>
              <strong>{linkKindLabels[l.kind] ?? l.kind}</strong> {l.label}{l.note ? ` · ${l.note}` : ''} <span className="muted small">linked {formatDateTime(l.linkedAt).slice(0, 10)} by {l.linkedBy}</span>
              {' '}<button type="button" className="linkish" onClick={() => { setRemoving({ kind: l.kind, target: l.target }); setWhy('') }}>Unlink<span className="visually-hidden"> {l.label}</span></button>
              {removing?.kind === l.kind && removing.target === l.target && (
                <form className="form-row" aria-label={`Unlink ${l.label}`} onSubmit={(e) => { e.preventDefault(); apply('Link removed.', () => risksApi.unlink(id, l.kind, l.target, why), 'links').then((ok) => ok && setRemoving(null)) }}>
                  <label className="grow">Why remove the link<input value={why} onChange={(e) => setWhy(e.target.value)} /></label>
                  <button type="submit" className="secondary">Remove link</button>
                  <button type="button" className="secondary" onClick={() => setRemoving(null)}>Cancel</button>
                </form>
              )}
            </li>
          ))}
        </ul>
      )}
      {outcome}
      <form className="form-row" aria-label="Link an incident or hotspot"
        onSubmit={(e) => { e.preventDefault(); apply('Linked.', () => risksApi.link(id, { kind, target: target.trim(), note }), 'links').then((ok) => ok && (setTarget(''), setNote(''))) }}>
        <label>Link to<select value={kind} onChange={(e) => setKind(e.target.value)}>
          <option value="alert">Alert (record number)</option><option value="case">Case (record number)</option><option value="hotspot">Map hotspot (hotspot:…)</option></select></label>
        <label>Number or key<input value={target} onChange={(e) => setTarget(e.target.value)} size={14} /></label>
        <label className="grow">Note<input value={note} onChange={(e) => setNote(e.target.value)} /></label>
        <button type="submit" className="secondary">Add link</button>
      </form>
    </>
  )
}
