import { useState } from 'react'
import { risksApi, scoreKindLabels, type NewScore, type RiskFields, type RiskView, type ScoreKind } from '../../api/risks'
import { useAct } from '../letters/act'
import { Outcome } from '../letters/Outcome'
import { emptyFields, RiskFieldsForm } from './RiskFieldsForm'
import { ScorePicker } from './score'

type S = { consequence: number; likelihood: number }
const none: S = { consequence: 0, likelihood: 0 }

/** Adds a register entry: its words, a current score (required), inherent and target scores if known. */
export function NewRiskForm({ caseId = 0, onCreated, onCancel }: { caseId?: number; onCreated: (v: RiskView) => void; onCancel: () => void }) {
  const [f, setF] = useState<RiskFields>(emptyFields)
  const [scores, setScores] = useState<Record<ScoreKind, S>>({ inherent: none, current: none, target: none })
  const [reason, setReason] = useState('')
  const { act, error, status } = useAct()
  const submit = async (e: React.FormEvent) => {
    e.preventDefault()
    const list: NewScore[] = (Object.keys(scores) as ScoreKind[])
      .filter((k) => scores[k].consequence > 0 || scores[k].likelihood > 0)
      .map((k) => ({ kind: k, ...scores[k] }))
    const v = await act((x: RiskView) => `Risk ${x.risk.ref} added.`, () => risksApi.create({ fields: f, scores: list, reason, caseId }))
    if (v) onCreated(v)
  }
  return (
    <form className="new-risk panel" aria-label="Add a risk" onSubmit={submit}>
      <h3>Add a risk{caseId ? ' prompted by this incident' : ''}</h3>
      <RiskFieldsForm f={f} set={setF} idPrefix={`new-risk-${caseId}`} />
      <div className="score-row">
        {(['current', 'inherent', 'target'] as ScoreKind[]).map((k) => (
          <ScorePicker key={k} value={scores[k]} onChange={(s) => setScores({ ...scores, [k]: s })} idPrefix={`new-${caseId}-${k}`}
            legend={`${scoreKindLabels[k]} score${k === 'current' ? ' (required)' : ' (if known)'}`} />
        ))}
      </div>
      <label className="stack-label">Why it is being added<input value={reason} onChange={(e) => setReason(e.target.value)} placeholder="first assessment" /></label>
      <Outcome error={error} status={status} />
      <div className="form-row"><button type="submit">Add risk</button><button type="button" className="secondary" onClick={onCancel}>Cancel</button></div>
    </form>
  )
}
