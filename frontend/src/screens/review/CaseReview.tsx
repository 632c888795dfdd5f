import { useState } from 'react'
import { reviewsApi, type ReviewAction, type ReviewCatalogue, type ReviewForm, type ReviewView } from '../../api/reviews'
import { formatDateTime } from '../../ui/time'
import { isoToUk } from '../../ui/ukdate'
import { UkDateInput } from '../../ui/UkDateInput'
import { useLoad } from '../../ui/useLoad'
import { savedMessage, useAct } from '../letters/act'
import { Outcome } from '../letters/Outcome'
import './review.css'

const severities = ['', 'Negligible', 'Minor', 'Moderate', 'Major', 'Catastrophic']
const likelihoods = ['', 'Rare', 'Unlikely', 'Possible', 'Likely', 'Almost certain']

/**
 * The post-incident review of a case (NG 8.5.1, PT 9.4): assigned to the
 * worker's line manager, the ten factors and the After Action Review, the
 * contributing factors, the agreed actions, and the line manager's sign-off.
 */
export function CaseReview({ caseId, onChanged }: { caseId: number; onChanged?: () => void }) {
  const review = useLoad(caseId, reviewsApi.forCase)
  const cat = useLoad('review catalogue', reviewsApi.catalogue)
  const hid = `review-h-${caseId}`
  const error = review.error || cat.error
  return (
    <section aria-labelledby={hid} className="case-review">
      <h3 id={hid}>Post-incident review</h3>
      {!review.data || !cat.data ? (error ? <Outcome error={error} status="" /> : <p>Loading…</p>)
        : <ReviewOfCase key={caseId} caseId={caseId} v={review.data} cat={cat.data} show={review.set} onChanged={onChanged} />}
    </section>
  )
}

/** The loaded review; keyed by the case, so an outcome shown belongs to this case. */
function ReviewOfCase({ caseId, v, cat, show, onChanged }: {
  caseId: number; v: ReviewView; cat: ReviewCatalogue; show: (v: ReviewView) => void; onChanged?: () => void
}) {
  const { act, outcomeAt } = useAct()
  // apply runs a change that answers with the new view.
  const apply = async (done: string, fn: () => Promise<ReviewView>, where = '') => {
    const r = await act(done, fn, where)
    if (r) { show(r); onChanged?.() }
    return !!r
  }
  const id = v.review.id
  return (
    <>
      <Assignment v={v} caseId={caseId} apply={apply} />
      <Outcome {...outcomeAt('')} />
      {id > 0 && <>
        <FactorsForm key={`${id}-${v.review.updatedAt}`} v={v} cat={cat} apply={apply} outcome={<Outcome {...outcomeAt('form')} />} />
        <Contributing v={v} cat={cat} apply={apply} outcome={<Outcome {...outcomeAt('factors')} />} />
        <Actions v={v} cat={cat} apply={apply} outcome={<Outcome {...outcomeAt('actions')} />} />
        <SignOff v={v} apply={apply} outcome={<Outcome {...outcomeAt('signoff')} />}
          onExport={() => act((p: string) => savedMessage(p, 'Review PDF'), () => reviewsApi.exportPDF(id), 'signoff')} />
      </>}
    </>
  )
}

type Apply = (done: string, fn: () => Promise<ReviewView>, where?: string) => Promise<boolean>

function Assignment({ v, caseId, apply }: { v: ReviewView; caseId: number; apply: Apply }) {
  const r = v.review
  const [editing, setEditing] = useState(false)
  const signed = !!r.signedOffAt
  if (r.id > 0 && !editing) {
    return (
      <p className="review-assigned">Assigned to <strong>{r.lineManager}</strong> by {r.assignedBy}, due {isoToUk(r.dueOn)}.
        {signed ? <> <span className="signed-badge">Signed off</span> by {r.signedOffBy}, {formatDateTime(r.signedOffAt).slice(0, 16)} (recorded by {r.signedOffRecordedBy}).</>
          : <> <button type="button" className="linkish" onClick={() => setEditing(true)}>Reassign</button></>}
      </p>
    )
  }
  // Mounted afresh each time it opens, so it starts from the assignment as saved.
  return <AssignForm v={v} caseId={caseId} apply={apply} editing={editing} onDone={() => setEditing(false)} />
}

function AssignForm({ v, caseId, apply, editing, onDone }: { v: ReviewView; caseId: number; apply: Apply; editing: boolean; onDone: () => void }) {
  const r = v.review
  const [lm, setLm] = useState(r.lineManager ?? '')
  const [due, setDue] = useState(r.dueOn ?? '')
  return (
    <form className="form-row" aria-label="Assign the review"
      onSubmit={(e) => { e.preventDefault(); apply(r.id ? 'Review reassigned.' : 'Review started and assigned.', () => reviewsApi.assign(caseId, lm, due)).then((ok) => ok && onDone()) }}>
      <label className="grow">Line manager who completes it<input value={lm} onChange={(e) => setLm(e.target.value)} aria-describedby={`lm-hint-${caseId}`} />
        <span id={`lm-hint-${caseId}`} className="hint">Leave blank to use the lone worker's own line manager from the staff list</span></label>
      <UkDateInput label="Due (blank: in 14 days)" value={due} onChange={setDue} />
      <button type="submit">{r.id ? 'Reassign review' : 'Start the review'}</button>
      {editing && <button type="button" className="secondary" onClick={onDone}>Cancel</button>}
    </form>
  )
}

type FormKey = keyof ReviewForm

/** The ten factors and the AAR questions as structured fields. */
function FactorsForm({ v, cat, apply, outcome }: { v: ReviewView; cat: ReviewCatalogue; apply: Apply; outcome: React.ReactNode }) {
  const [f, setF] = useState<ReviewForm>(v.review.form)
  const signed = !!v.review.signedOffAt
  const dirty = JSON.stringify(f) !== JSON.stringify(v.review.form)
  const id = (k: string) => `rv-${v.review.id}-${k}`
  const text = (k: FormKey, label: string, rows = 2) => (
    <div className="rv-field"><label htmlFor={id(k)}>{label}</label>
      <textarea id={id(k)} rows={rows} value={String(f[k] ?? '')} readOnly={signed} onChange={(e) => setF({ ...f, [k]: e.target.value })} />
    </div>
  )
  const scale = (k: 'severity' | 'recurrence', label: string, names: string[]) => (
    <div className="rv-field"><label htmlFor={id(k)}>{label}</label>
      <select id={id(k)} value={f[k]} disabled={signed} onChange={(e) => setF({ ...f, [k]: Number(e.target.value) })}>
        <option value={0}>Not answered</option>
        {names.slice(1).map((n, i) => <option key={n} value={i + 1}>{i + 1} {n}</option>)}
      </select>
    </div>
  )
  const factor = (key: string) => cat.factors.find((x) => x.key === key)
  const group = (key: string, body: React.ReactNode) => {
    const fc = factor(key)
    const n = cat.factors.findIndex((x) => x.key === key) + 1
    return (
      <fieldset className="rv-factor" key={key}>
        <legend>{n}. {fc?.label ?? key}</legend>
        {fc?.hint && <p className="hint">{fc.hint}</p>}
        {body}
      </fieldset>
    )
  }
  return (
    <form aria-label="Review form" className="rv-form" onSubmit={(e) => { e.preventDefault(); apply('Review saved.', () => reviewsApi.save(v.review.id, f), 'form') }}>
      <h4>The ten factors (Not Alone 8.5.1)</h4>
      {group('incidentType', text('incidentType', 'Type of incident', 1))}
      {group('severity', <div className="rv-pair">{scale('severity', 'Severity', severities)}{text('severityNote', 'Severity note', 1)}</div>)}
      {group('recurrence', <div className="rv-pair">{scale('recurrence', 'Likelihood of recurrence', likelihoods)}{text('recurrenceNote', 'Recurrence note', 1)}</div>)}
      {group('cost', <div className="rv-pair">{text('costHuman', 'Human cost')}{text('costFinancial', 'Financial cost')}</div>)}
      {group('involved', <div className="rv-pair">{text('individuals', 'Individuals involved (roles)')}{text('staffGroups', 'Staff groups involved')}</div>)}
      {group('weaknesses', <div className="rv-triple">{text('weaknessProcedural', 'Procedural')}{text('weaknessSystematic', 'Systematic')}{text('weaknessTechnological', 'Technological')}</div>)}
      {group('trainingNeeds', text('trainingNeeds', 'Training needs'))}
      {group('measuresReview', text('measuresReview', 'Review of measures in place'))}
      {group('support', <>
        <fieldset className="rv-radios" disabled={signed}><legend>How effective was the support?</legend>
          {Object.entries(cat.supportRatings).map(([k, l]) => (
            <label key={k} className="choice"><input type="radio" name={id('support')} value={k} checked={f.supportRating === k} onChange={() => setF({ ...f, supportRating: k })} />{l}</label>
          ))}
        </fieldset>
        {text('supportEffectiveness', 'What support was offered and how it helped')}
      </>)}
      {group('technology', text('technology', 'Technology in place'))}
      <h4>After Action Review</h4>
      {cat.aar.map((q) => <div key={q.key}>{text(q.key as FormKey, q.label)}</div>)}
      {outcome}
      {!signed && (
        <div className="rv-save">
          <button type="submit" disabled={!dirty}>Save review</button>
          <span className="muted small" aria-live="polite">{dirty ? 'Unsaved changes' : `Saved ${formatDateTime(v.review.updatedAt).slice(0, 16)} by ${v.review.updatedBy}`}</span>
        </div>
      )}
    </form>
  )
}

function Contributing({ v, cat, apply, outcome }: { v: ReviewView; cat: ReviewCatalogue; apply: Apply; outcome: React.ReactNode }) {
  const [category, setCategory] = useState('environment')
  const [desc, setDesc] = useState('')
  const signed = !!v.review.signedOffAt
  return (
    <div className="rv-block">
      <h4>Contributing factors</h4>
      {v.factors.length === 0 ? <p className="muted">None recorded.</p> : (
        <ul className="plain rv-factors">
          {v.factors.map((x) => (
            <li key={x.id}><strong>{cat.factorCategories[x.category] ?? x.category}:</strong> {x.description}
              {!signed && <button type="button" className="linkish" onClick={() => apply('Contributing factor removed.', () => reviewsApi.removeFactor(v.review.id, x.id), 'factors')}>
                Remove<span className="visually-hidden"> {x.description}</span></button>}</li>
          ))}
        </ul>
      )}
      {outcome}
      {!signed && (
        <form className="form-row" aria-label="Add a contributing factor"
          onSubmit={(e) => { e.preventDefault(); apply('Contributing factor added.', () => reviewsApi.addFactor(v.review.id, category, desc), 'factors').then((ok) => ok && setDesc('')) }}>
          <label>Category<select value={category} onChange={(e) => setCategory(e.target.value)}>
            {Object.entries(cat.factorCategories).map(([k, l]) => <option key={k} value={k}>{l}</option>)}</select></label>
          <label className="grow">Factor<input value={desc} onChange={(e) => setDesc(e.target.value)} /></label>
          <button type="submit" className="secondary">Add factor</button>
        </form>
      )}
    </div>
  )
}

function Actions({ v, cat, apply, outcome }: { v: ReviewView; cat: ReviewCatalogue; apply: Apply; outcome: React.ReactNode }) {
  const blank = { description: '', owner: '', dueOn: '' }
  const [a, setA] = useState(blank)
  return (
    <div className="rv-block">
      <h4>Actions</h4>
      {v.actions.length === 0 ? <p className="muted">No actions yet.</p> : (
        <table className="mini rv-actions">
          <thead><tr><th scope="col">Action</th><th scope="col">Owner</th><th scope="col">Due</th><th scope="col">Status</th><th scope="col">Note</th><th scope="col"><span className="visually-hidden">Save</span></th></tr></thead>
          <tbody>{v.actions.map((x) => <ActionRow key={`${x.id}-${x.updatedAt}`} a={x} cat={cat} apply={apply} />)}</tbody>
        </table>
      )}
      {outcome}
      <form className="form-row" aria-label="Add an action"
        onSubmit={(e) => { e.preventDefault(); apply('Action added.', () => reviewsApi.addAction({ ...a, reviewId: v.review.id }), 'actions').then((ok) => ok && setA(blank)) }}>
        <label className="grow">New action<input value={a.description} onChange={(e) => setA({ ...a, description: e.target.value })} /></label>
        <label>Owner<input value={a.owner} onChange={(e) => setA({ ...a, owner: e.target.value })} /></label>
        <UkDateInput label="Due" value={a.dueOn} onChange={(iso) => setA({ ...a, dueOn: iso })} />
        <button type="submit" className="secondary">Add action</button>
      </form>
    </div>
  )
}

function ActionRow({ a, cat, apply }: { a: ReviewAction; cat: ReviewCatalogue; apply: Apply }) {
  const [x, setX] = useState(a)
  const dirty = x.owner !== a.owner || x.dueOn !== a.dueOn || x.status !== a.status || x.note !== a.note
  const name = a.description
  return (
    <tr>
      <td>{a.description}</td>
      <td><input aria-label={`Owner of ${name}`} value={x.owner} onChange={(e) => setX({ ...x, owner: e.target.value })} size={12} /></td>
      <td className="rv-due"><UkDateInput label={`Due date of ${name}`} value={x.dueOn} onChange={(iso) => setX({ ...x, dueOn: iso })} /></td>
      <td><select aria-label={`Status of ${name}`} value={x.status} onChange={(e) => setX({ ...x, status: e.target.value })}>
        {Object.entries(cat.actionStatuses).map(([k, l]) => <option key={k} value={k}>{l}</option>)}</select></td>
      <td><input aria-label={`Note on ${name}`} value={x.note} onChange={(e) => setX({ ...x, note: e.target.value })} size={14} /></td>
      <td><button type="button" className="secondary" disabled={!dirty} onClick={() => apply('Action updated.', () => reviewsApi.updateAction(x), 'actions')}>
        Save<span className="visually-hidden"> {name}</span></button></td>
    </tr>
  )
}

function SignOff({ v, apply, onExport, outcome }: { v: ReviewView; apply: Apply; onExport: () => void; outcome: React.ReactNode }) {
  const r = v.review
  const [signer, setSigner] = useState('')
  const signed = !!r.signedOffAt
  const missing = v.missing ?? []
  const nameOk = signer.trim().toLowerCase() === r.lineManager.trim().toLowerCase()
  const reason = missing.length > 0 ? `Still to answer in the saved form: ${missing.join(', ')}.`
    : !nameOk ? `Type the assigned line manager's name (${r.lineManager}) to sign as them.` : ''
  const rid = `signoff-why-${r.id}`
  return (
    <div className="rv-block rv-signoff">
      <h4>Sign-off</h4>
      {signed ? <p><span className="signed-badge">Signed off</span> by {r.signedOffBy} on {formatDateTime(r.signedOffAt).slice(0, 16)}. The review can no longer be changed; actions can still be updated.</p> : (
        <form className="form-row" aria-label="Sign off the review" onSubmit={(e) => { e.preventDefault(); apply('Review signed off.', () => reviewsApi.signOff(r.id, signer), 'signoff') }}>
          <label>Signed by (the line manager)<input value={signer} onChange={(e) => setSigner(e.target.value)} autoComplete="name" /></label>
          <button type="submit" disabled={reason !== ''} aria-describedby={rid}>Sign off review</button>
          <p id={rid} className={reason ? 'signoff-why' : 'ok'}>{reason || 'Ready to sign off.'}</p>
        </form>
      )}
      {outcome}
      <button type="button" className="secondary" onClick={onExport}>Save review as PDF</button>
    </div>
  )
}
