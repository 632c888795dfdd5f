import { useState } from 'react'
import { risksApi, type Risk } from '../../api/risks'
import { formatDateTime } from '../../ui/time'
import { useLoad } from '../../ui/useLoad'
import { useAct } from '../letters/act'
import { Outcome } from '../letters/Outcome'
import { NewRiskForm } from './NewRiskForm'
import { RiskDetail } from './RiskDetail'
import { ScoreText } from './score'
import './risks.css'

/**
 * The risk register after a case: re-score an existing risk, add a new one,
 * or record that no change is needed and why. A case closes only with one of these.
 */
export function CaseRisk(props: {
  caseId: number; riskOutcome?: string; noChangeReason?: string; outcomeAt?: number; outcomeBy?: string; onChanged?: () => void
}) {
  const loaded = useLoad(props.caseId, loadRisks)
  // Keyed by the case, so a risk chosen or a reason typed belongs to this case only.
  return <RisksOfCase key={props.caseId} {...props} risks={loaded.data} loadError={loaded.error} reload={loaded.reload} />
}

/** The risks linked to the case and every open risk, to choose from. */
function loadRisks(caseId: number) {
  return Promise.all([risksApi.forCase(caseId), risksApi.list({ status: 'open' })]).then(([linked, all]) => ({ linked, all }))
}

function RisksOfCase({ caseId, riskOutcome, noChangeReason, outcomeAt, outcomeBy, onChanged, risks, loadError, reload }: {
  caseId: number; riskOutcome?: string; noChangeReason?: string; outcomeAt?: number; outcomeBy?: string; onChanged?: () => void
  risks?: { linked: Risk[]; all: Risk[] }; loadError: string; reload: () => Promise<void>
}) {
  const linked = risks?.linked ?? []
  const all = risks?.all ?? []
  const [chosen, setChosen] = useState(0)
  const [mode, setMode] = useState<'' | 'new' | 'nochange'>('')
  const [reason, setReason] = useState('')
  const { act, error, status, setStatus } = useAct()
  const changed = () => { reload(); onChanged?.() }
  const hid = `case-risk-h-${caseId}`
  return (
    <section aria-labelledby={hid} className="case-risk">
      <h3 id={hid}>Risk register</h3>
      <p className="risk-outcome">
        {riskOutcome === 'updated' && <>Risk register updated{outcomeBy ? ` by ${outcomeBy}` : ''}{outcomeAt ? `, ${formatDateTime(outcomeAt).slice(0, 16)}` : ''}.</>}
        {riskOutcome === 'no_change' && <>No change needed: {noChangeReason}{outcomeBy ? ` (${outcomeBy}, ${formatDateTime(outcomeAt).slice(0, 16)})` : ''}.</>}
        {!riskOutcome && <>Not yet recorded. Before the case closes, re-score a risk, add one, or record that no change is needed and why.</>}
      </p>
      {linked.length > 0 && (
        <ul className="plain">
          {linked.map((r) => <li key={r.id}><button type="button" className="linkish" onClick={() => setChosen(r.id)}>{r.ref}</button> {r.title} · current <ScoreText s={r.current} /></li>)}
        </ul>
      )}
      <Outcome error={error || loadError} status={status} />
      <div className="form-row">
        <label>Risk to re-score<select value={chosen} onChange={(e) => { setChosen(Number(e.target.value)); setMode('') }}>
          <option value={0}>Choose a risk…</option>
          {all.map((r) => <option key={r.id} value={r.id}>{r.ref} {r.title}</option>)}</select></label>
        <button type="button" className="secondary" onClick={() => { setMode('new'); setChosen(0) }}>Add a new risk</button>
        <button type="button" className="secondary" onClick={() => { setMode('nochange'); setChosen(0) }}>No change needed…</button>
      </div>
      {mode === 'nochange' && (
        <form className="form-row" aria-label="No change to the risk register"
          onSubmit={(e) => { e.preventDefault(); act('Recorded: no change to the risk register.', () => risksApi.noChange(caseId, reason).then(() => true)).then((ok) => { if (ok) { setMode(''); setReason(''); changed() } }) }}>
          <label className="grow">Why the register needs no change<input value={reason} onChange={(e) => setReason(e.target.value)} /></label>
          <button type="submit">Record no change</button>
        </form>
      )}
      {mode === 'new' && <NewRiskForm caseId={caseId} onCreated={(v) => { setMode(''); setStatus(`Risk ${v.risk.ref} added and linked to this case.`); setChosen(v.risk.id); changed() }} onCancel={() => setMode('')} />}
      {chosen > 0 && <div className="panel case-risk-panel"><RiskDetail riskId={chosen} caseId={caseId} headingLevel={4} onChanged={changed} /></div>}
    </section>
  )
}
