import { useEffect, useRef, useState } from 'react'
import { peopleApi } from '../../api/people'
import { isChanged, reloadOnChange } from '../../api/conflict'
import { reviewsApi, type ContributingFactor, type ReviewAction, type ReviewCatalogue, type ReviewForm, type ReviewView } from '../../api/reviews'
import { FieldError, errorId, formError, invalidProps, type FormError } from '../../ui/fieldError'
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
  const review = useLoad(caseId, reviewsApi.forCase, ['reviews', 'review_actions'])
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

/** The fields a problem from Go may name, and where each one's error is shown. */
const formFields = ['incidentType', 'severity', 'severityNote', 'recurrence', 'recurrenceNote', 'costHuman', 'costFinancial',
  'individuals', 'staffGroups', 'weaknessProcedural', 'weaknessSystematic', 'weaknessTechnological', 'trainingNeeds',
  'measuresReview', 'supportRating', 'supportEffectiveness', 'technology', 'aarExpected', 'aarHappened', 'aarDifference',
  'aarLearn', 'noActionReason'] as const
const reviewFields: readonly string[] = [...formFields, 'actions', 'description', 'owner', 'dueOn', 'signer']
/** "actions" (no action yet) is put right by describing a new one. */
const focusName = (field: string) => (field === 'actions' ? 'description' : field)

/**
 * useShowReviewError takes the eye to a new error: its field is scrolled into
 * view and focused, so an error from sign-off lands on the first unanswered
 * question, not on the button far below it.
 */
function useShowReviewError(root: React.RefObject<HTMLDivElement | null>, form: string, err: FormError | null) {
  useEffect(() => {
    const el = root.current
    if (!err || !el) return
    const control = err.field ? el.querySelector<HTMLElement>(`[name="${focusName(err.field)}"]:not([disabled])`) : null
    const target = control ?? document.getElementById(errorId(form, err.field))
    target?.scrollIntoView?.({ block: 'center' })
    control?.focus({ preventScroll: true })
  }, [root, form, err])
}

/**
 * The loaded review; keyed by the case, so an outcome shown belongs to this
 * case. `mine` is the line manager's own review alone ("My reviews"): no
 * assignment, the progress, a form that saves itself as they type, and
 * sign-off under their own login.
 */
export function ReviewOfCase({ caseId, v, cat, show, onChanged, mine = false }: {
  caseId: number; v: ReviewView; cat: ReviewCatalogue; show: (v: ReviewView) => void; onChanged?: () => void; mine?: boolean
}) {
  const { act, outcomeAt, setError } = useAct()
  const [err, setErr] = useState<FormError | null>(null)
  const root = useRef<HTMLDivElement>(null)
  const form = `rv-${v.review.id}`
  useShowReviewError(root, form, err)
  // apply runs a change that answers with the new view. An error about one of
  // the review's fields is shown beside that field instead of at `where`.
  const apply = async (done: string, fn: () => Promise<ReviewView>, where = '') => {
    setErr(null)
    const failed: { e?: Error } = {}
    const r = await act(done, async () => {
      try { return await fn() } catch (e) { failed.e = e as Error; throw e }
    }, where)
    if (r) { show(r); onChanged?.() }
    if (failed.e) {
      const fe = formError(failed.e, [...reviewFields, ...v.factors.map((f) => `finding-${f.id}`)], (err?.n ?? 0) + 1)
      if (fe.field) { setError(''); setErr(fe) }
    }
    return !!r
  }
  const id = v.review.id
  return (
    <div ref={root}>
      {mine ? <Progress v={v} cat={cat} /> : <Assignment v={v} caseId={caseId} apply={apply} />}
      <Outcome {...outcomeAt('')} />
      {id > 0 && <>
        {mine ? <FactorsForm key={id} v={v} cat={cat} apply={apply} err={err} outcome={null} show={show} autosave />
          : <FactorsForm key={`${id}-${v.review.updatedAt}`} v={v} cat={cat} apply={apply} err={err} outcome={<Outcome {...outcomeAt('form')} />} show={show} />}
        <Contributing v={v} cat={cat} apply={apply} err={err} outcome={<Outcome {...outcomeAt('factors')} />} />
        <Actions v={v} cat={cat} apply={apply} err={err} outcome={<Outcome {...outcomeAt('actions')} />} />
        {mine ? <SignOffMine v={v} apply={apply} outcome={<Outcome {...outcomeAt('signoff')} />} />
          : <SignOff v={v} apply={apply} err={err} outcome={<Outcome {...outcomeAt('signoff')} />}
            onExport={() => act((p: string) => savedMessage(p, 'Review PDF'), () => reviewsApi.exportPDF(id), 'signoff')} />}
      </>}
    </div>
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
  const people = useLoad('people', peopleApi.list, ['people'])
  const managers = (people.data ?? []).filter((p) => p.role === 'line_manager')
  // In a team database the review goes to a line manager's own login, so
  // they alone see it and sign it off; on a laptop a name is typed as before.
  if (managers.length > 0) return <AssignToLogin v={v} caseId={caseId} apply={apply} editing={editing} onDone={onDone} managers={managers} />
  return <AssignByName v={v} caseId={caseId} apply={apply} editing={editing} onDone={onDone} />
}

function AssignToLogin({ v, caseId, apply, editing, onDone, managers }: {
  v: ReviewView; caseId: number; apply: Apply; editing: boolean; onDone: () => void; managers: { login: string; displayName: string }[]
}) {
  const r = v.review
  const [login, setLogin] = useState(r.lineManagerLogin || managers[0].login)
  const [due, setDue] = useState(r.dueOn ?? '')
  const sid = `lm-login-${caseId}`
  return (
    <form className="form-row" aria-label="Assign the review"
      onSubmit={(e) => { e.preventDefault(); apply(r.id ? 'Review reassigned.' : 'Review started and assigned.', () => reviewsApi.assignLineManager(caseId, login, due)).then((ok) => ok && onDone()) }}>
      <label className="grow" htmlFor={sid}>Line manager who completes it
        <select id={sid} name="lineManagerLogin" value={login} onChange={(e) => setLogin(e.target.value)}>
          {managers.map((m) => <option key={m.login} value={m.login}>{m.displayName || m.login} ({m.login})</option>)}
        </select></label>
      <UkDateInput label="Due (blank: in 14 days)" value={due} onChange={setDue} />
      <button type="submit">{r.id ? 'Reassign review' : 'Start the review'}</button>
      {editing && <button type="button" className="secondary" onClick={onDone}>Cancel</button>}
    </form>
  )
}

function AssignByName({ v, caseId, apply, editing, onDone }: { v: ReviewView; caseId: number; apply: Apply; editing: boolean; onDone: () => void }) {
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

/**
 * The ten factors and the AAR questions as structured fields. With autosave
 * (the line manager's own review) the form saves itself shortly after they
 * stop typing and hands the saved review to autosave; a failed save is said
 * plainly and what they typed stays in the form.
 */
function FactorsForm({ v, cat, apply, err, outcome, show, autosave = false }: {
  v: ReviewView; cat: ReviewCatalogue; apply: Apply; err: FormError | null; outcome: React.ReactNode; show: (v: ReviewView) => void; autosave?: boolean
}) {
  const [f, setF] = useState<ReviewForm>(v.review.form)
  const signed = !!v.review.signedOffAt
  const dirty = JSON.stringify(f) !== JSON.stringify(v.review.form)
  const saving = useAutosave(v, f, dirty && !signed, autosave ? show : undefined)
  const form = `rv-${v.review.id}`
  const id = (k: string) => `${form}-${k}`
  const text = (k: FormKey, label: string, rows = 2) => (
    <div className="rv-field"><label htmlFor={id(k)}>{label}</label>
      <textarea id={id(k)} name={k} rows={rows} value={String(f[k] ?? '')} readOnly={signed} onChange={(e) => setF({ ...f, [k]: e.target.value })}
        {...invalidProps(form, k, err)} />
      <FieldError form={form} field={k} err={err} />
    </div>
  )
  const scale = (k: 'severity' | 'recurrence', label: string, names: string[]) => (
    <div className="rv-field"><label htmlFor={id(k)}>{label}</label>
      <select id={id(k)} name={k} value={f[k]} disabled={signed} onChange={(e) => setF({ ...f, [k]: Number(e.target.value) })} {...invalidProps(form, k, err)}>
        <option value={0}>Not answered</option>
        {names.slice(1).map((n, i) => <option key={n} value={i + 1}>{i + 1} {n}</option>)}
      </select>
      <FieldError form={form} field={k} err={err} />
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
    <form aria-label="Review form" className="rv-form" onSubmit={(e) => { e.preventDefault(); apply('Review saved.', () => reloadOnChange(() => reviewsApi.save(v.review.id, f, v.review), () => reviewsApi.get(v.review.id).then(show)), 'form') }}>
      <h4>The ten factors ({cat.citation})</h4>
      {group('incidentType', text('incidentType', 'Type of incident', 1))}
      {group('severity', <div className="rv-pair">{scale('severity', 'Severity', severities)}{text('severityNote', 'Severity note', 1)}</div>)}
      {group('recurrence', <div className="rv-pair">{scale('recurrence', 'Likelihood of recurrence', likelihoods)}{text('recurrenceNote', 'Recurrence note', 1)}</div>)}
      {group('cost', <div className="rv-pair">{text('costHuman', 'Human cost')}{text('costFinancial', 'Financial cost')}</div>)}
      {group('involved', <div className="rv-pair">{text('individuals', 'Individuals involved (roles)')}{text('staffGroups', 'Staff groups involved')}</div>)}
      {group('weaknesses', <div className="rv-triple">{text('weaknessProcedural', 'Procedural')}{text('weaknessSystematic', 'Systematic')}{text('weaknessTechnological', 'Technological')}</div>)}
      {group('trainingNeeds', text('trainingNeeds', 'Training needs'))}
      {group('measuresReview', text('measuresReview', 'Review of measures in place'))}
      {group('support', <>
        <fieldset className="rv-radios" disabled={signed} {...invalidProps(form, 'supportRating', err)}><legend>How effective was the support?</legend>
          {Object.entries(cat.supportRatings).map(([k, l]) => (
            <label key={k} className="choice"><input type="radio" name="supportRating" value={k} checked={f.supportRating === k} onChange={() => setF({ ...f, supportRating: k })} />{l}</label>
          ))}
          <FieldError form={form} field="supportRating" err={err} />
        </fieldset>
        {text('supportEffectiveness', 'What support was offered and how it helped')}
      </>)}
      {group('technology', text('technology', 'Technology in place'))}
      <h4>After Action Review</h4>
      {cat.aar.map((q) => <div key={q.key}>{text(q.key as FormKey, q.label)}</div>)}
      <fieldset className="rv-factor">
        <legend>If the review agrees no action</legend>
        <p className="hint">Sign-off needs at least one action below, or this box ticked with the reason.</p>
        <label className="choice"><input type="checkbox" name="noActionNeeded" checked={f.noActionNeeded} disabled={signed}
          onChange={(e) => setF({ ...f, noActionNeeded: e.target.checked })} />No action needed</label>
        {(f.noActionNeeded || f.noActionReason) && text('noActionReason', 'Why no action is needed')}
      </fieldset>
      {outcome}
      {!signed && !autosave && (
        <div className="rv-save">
          <button type="submit" disabled={!dirty}>Save review</button>
          <span className="muted small" aria-live="polite">{dirty ? 'Unsaved changes' : `Saved ${formatDateTime(v.review.updatedAt).slice(0, 16)} by ${v.review.updatedBy}`}</span>
        </div>
      )}
      {!signed && autosave && <AutosaveStatus v={v} dirty={dirty} saving={saving} takeTheirs={(r) => setF(r.review.form)} />}
    </form>
  )
}

/** How long the form waits after the last keystroke before it saves. */
export const autosaveDelayMs = 800

interface Saving {
  busy: boolean; error: string; retry: () => void; dismiss: () => void
  /** Someone else saved the review first: their version, now shown as saved, while the form keeps what was typed. */
  theirs: ReviewView | null
}

/**
 * useAutosave saves f once typing has paused, while it differs from the saved
 * review. Only the newest save's answer is shown; a failure leaves f as typed.
 * Each save names the saved review it started from, so a colleague's save in
 * between is not overwritten: their version is loaded and the person decides.
 */
function useAutosave(v: ReviewView, f: ReviewForm, due: boolean, onSaved?: (v: ReviewView) => void): Saving {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const [theirs, setTheirs] = useState<ReviewView | null>(null)
  const [attempt, setAttempt] = useState(0)
  const seq = useRef(0)
  const saved = useRef(onSaved)
  const base = useRef(v)
  useEffect(() => { saved.current = onSaved; base.current = v })
  const on = !!onSaved
  const id = v.review.id
  useEffect(() => {
    if (!on || !due) return
    const timer = window.setTimeout(() => {
      const mine = ++seq.current
      setBusy(true)
      reviewsApi.save(id, f, base.current.review).then(
        (r) => { if (mine === seq.current) { setBusy(false); setError(''); setTheirs(null); saved.current?.(r) } },
        (e: Error) => {
          if (mine !== seq.current) return
          setBusy(false); setError(e.message)
          if (isChanged(e)) reviewsApi.get(id).then((r) => { setTheirs(r); saved.current?.(r) }, () => {})
        },
      )
    }, autosaveDelayMs)
    return () => window.clearTimeout(timer)
  }, [id, f, due, on, attempt])
  return { busy, error, theirs, retry: () => setAttempt((n) => n + 1), dismiss: () => { setError(''); setTheirs(null) } }
}

function AutosaveStatus({ v, dirty, saving, takeTheirs }: { v: ReviewView; dirty: boolean; saving: Saving; takeTheirs: (r: ReviewView) => void }) {
  const at = formatDateTime(v.review.updatedAt).slice(11, 16)
  const theirs = saving.theirs
  return (
    <div className="rv-save">
      <span role="status" className={saving.error ? 'rv-autosave-failed' : 'muted'}>
        {saving.error ? `Not saved: ${saving.error} What you typed is still here.`
          : saving.busy ? 'Saving…' : dirty ? 'Changes not saved yet' : `Saved at ${at}`}
      </span>
      {saving.error && !theirs && <button type="button" className="secondary" onClick={saving.retry}>Try saving again</button>}
      {theirs && <>
        <button type="button" className="secondary" onClick={saving.retry}>Save my answers over theirs</button>
        <button type="button" className="secondary" onClick={() => { saving.dismiss(); takeTheirs(theirs) }}>Show their answers instead</button>
      </>}
    </div>
  )
}

/** The review's sections (the ten factors, the four AAR questions, the actions) and how many are answered. */
export function progressOf(v: ReviewView, cat: ReviewCatalogue): { done: number; total: number } {
  const section: Record<string, string> = {
    incidentType: 'incidentType', severity: 'severity', recurrence: 'recurrence', costHuman: 'cost', individuals: 'involved',
    weaknessProcedural: 'weaknesses', trainingNeeds: 'trainingNeeds', measuresReview: 'measuresReview', supportRating: 'support', technology: 'technology',
  }
  const total = cat.factors.length + cat.aar.length + 1
  const open = new Set((v.missing ?? []).map((g) => section[g.field] ?? (g.field.startsWith('aar') ? g.field : 'actions')))
  return { done: Math.max(0, total - open.size), total }
}

function Progress({ v, cat }: { v: ReviewView; cat: ReviewCatalogue }) {
  const { done, total } = progressOf(v, cat)
  const pid = `rv-progress-${v.review.id}`
  return (
    <p className="rv-progress">
      <label htmlFor={pid}>{done} of {total} sections done</label>
      <progress id={pid} max={total} value={done}>{done} of {total}</progress>
    </p>
  )
}

function Contributing({ v, cat, apply, err, outcome }: { v: ReviewView; cat: ReviewCatalogue; apply: Apply; err: FormError | null; outcome: React.ReactNode }) {
  const [category, setCategory] = useState('environment')
  const [desc, setDesc] = useState('')
  const signed = !!v.review.signedOffAt
  return (
    <div className="rv-block">
      <h4>Contributing factors (the review&rsquo;s findings)</h4>
      <p className="hint">Each finding needs an action below, or &ldquo;no action needed&rdquo; with the reason, before sign-off.</p>
      {v.factors.length === 0 ? <p className="muted">None recorded.</p> : (
        <ul className="plain rv-factors">
          {v.factors.map((x) => (
            <li key={x.id}><strong>{cat.factorCategories[x.category] ?? x.category}:</strong> {x.description}{' '}
              {!signed && <button type="button" className="linkish" onClick={() => apply('Contributing factor removed.', () => reviewsApi.removeFactor(v.review.id, x.id), 'factors')}>
                Remove<span className="visually-hidden"> {x.description}</span></button>}
              <FindingAnswer key={`${x.id}-${x.noActionReason}`} v={v} finding={x} apply={apply} err={err} signed={signed} /></li>
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

/** How a finding is answered: by its actions, or a stated "no action needed". */
function FindingAnswer({ v, finding, apply, err, signed }: { v: ReviewView; finding: ContributingFactor; apply: Apply; err: FormError | null; signed: boolean }) {
  const [why, setWhy] = useState('')
  const form = `rv-${v.review.id}`
  const field = `finding-${finding.id}`
  const actions = v.actions.filter((a) => a.factorId === finding.id && a.status !== 'cancelled')
  if (actions.length > 0) return <p className="rv-answer ok-text">Answered by {actions.length === 1 ? 'the action' : `${actions.length} actions`}: {actions.map((a) => a.description).join('; ')}.</p>
  if (finding.noActionReason) {
    return (
      <p className="rv-answer">No action needed: {finding.noActionReason}
        {!signed && <> <button type="button" className="linkish" onClick={() => apply('Finding no longer marked.', () => reviewsApi.markNoAction(v.review.id, finding.id, ''), 'factors')}>
          Undo<span className="visually-hidden"> no action needed for {finding.description}</span></button></>}</p>
    )
  }
  if (signed) return null
  return (
    <form className="form-row rv-answer" aria-label={`No action needed for ${finding.description}`}
      onSubmit={(e) => { e.preventDefault(); apply('Finding marked: no action needed.', () => reviewsApi.markNoAction(v.review.id, finding.id, why), 'factors') }}>
      <label className="grow">Add an action for it below, or say why no action is needed
        <input name={field} value={why} onChange={(e) => setWhy(e.target.value)} {...invalidProps(form, field, err)} />
        <FieldError form={form} field={field} err={err} /></label>
      <button type="submit" className="secondary" disabled={!why.trim()}>No action needed</button>
    </form>
  )
}

function Actions({ v, cat, apply, err, outcome }: { v: ReviewView; cat: ReviewCatalogue; apply: Apply; err: FormError | null; outcome: React.ReactNode }) {
  const blank = { description: '', owner: '', dueOn: '', factorId: 0 }
  const [a, setA] = useState(blank)
  const form = `rv-${v.review.id}`
  return (
    <div className="rv-block">
      <h4>Actions</h4>
      {v.actions.length === 0 ? <p className="muted">No actions yet.</p> : (
        <table className="mini rv-actions">
          <thead><tr><th scope="col">Action</th><th scope="col">Owner</th><th scope="col">Due</th><th scope="col">Status</th><th scope="col">Note</th><th scope="col"><span className="visually-hidden">Save</span></th></tr></thead>
          <tbody>{v.actions.map((x) => <ActionRow key={`${x.id}-${x.updatedAt}`} a={x} cat={cat} apply={apply}
            finding={v.factors.find((f) => f.id === x.factorId)?.description ?? ''} />)}</tbody>
        </table>
      )}
      {outcome}
      <form className="form-row" aria-label="Add an action"
        onSubmit={(e) => { e.preventDefault(); apply('Action added.', () => reviewsApi.addAction({ ...a, reviewId: v.review.id }), 'actions').then((ok) => ok && setA(blank)) }}>
        <label className="grow">New action<input name="description" value={a.description} onChange={(e) => setA({ ...a, description: e.target.value })}
          {...invalidProps(form, err?.field === 'actions' ? 'actions' : 'description', err)} />
          <FieldError form={form} field="actions" err={err} /><FieldError form={form} field="description" err={err} /></label>
        {v.factors.length > 0 && <label>For the finding<select name="factorId" value={a.factorId} onChange={(e) => setA({ ...a, factorId: Number(e.target.value) })}>
          <option value={0}>The review as a whole</option>
          {v.factors.map((f) => <option key={f.id} value={f.id}>{f.description}</option>)}</select></label>}
        <label>Owner<input name="owner" value={a.owner} onChange={(e) => setA({ ...a, owner: e.target.value })} {...invalidProps(form, 'owner', err)} />
          <FieldError form={form} field="owner" err={err} /></label>
        <span><UkDateInput label="Due" name="dueOn" value={a.dueOn} onChange={(iso) => setA({ ...a, dueOn: iso })} />
          <FieldError form={form} field="dueOn" err={err} /></span>
        <button type="submit" className="secondary">Add action</button>
      </form>
    </div>
  )
}

function ActionRow({ a, cat, apply, finding }: { a: ReviewAction; cat: ReviewCatalogue; apply: Apply; finding: string }) {
  const [x, setX] = useState(a)
  const dirty = x.owner !== a.owner || x.dueOn !== a.dueOn || x.status !== a.status || x.note !== a.note
  const name = a.description
  return (
    <tr>
      <td>{a.description}{finding && <><br /><span className="muted small">For: {finding}</span></>}</td>
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

function SignOff({ v, apply, onExport, err, outcome }: { v: ReviewView; apply: Apply; onExport: () => void; err: FormError | null; outcome: React.ReactNode }) {
  const r = v.review
  const [signer, setSigner] = useState('')
  const signed = !!r.signedOffAt
  const missing = v.missing ?? []
  const nameOk = signer.trim().toLowerCase() === r.lineManager.trim().toLowerCase()
  const reason = missing.length > 0 ? `Still to answer in the saved form: ${missing.map((m) => m.label).join(', ')}.`
    : !nameOk ? `Type the assigned line manager's name (${r.lineManager}) to sign as them.` : ''
  const rid = `signoff-why-${r.id}`
  const form = `rv-${r.id}`
  return (
    <div className="rv-block rv-signoff">
      <h4>Sign-off</h4>
      {signed ? <p><span className="signed-badge">Signed off</span> by {r.signedOffBy} on {formatDateTime(r.signedOffAt).slice(0, 16)}. The review can no longer be changed; actions can still be updated.</p> : (
        <form className="form-row" aria-label="Sign off the review" onSubmit={(e) => { e.preventDefault(); apply('Review signed off.', () => reviewsApi.signOff(r.id, signer), 'signoff') }}>
          <label>Signed by (the line manager)<input name="signer" value={signer} onChange={(e) => setSigner(e.target.value)} autoComplete="name"
            {...invalidProps(form, 'signer', err)} /><FieldError form={form} field="signer" err={err} /></label>
          <button type="submit" aria-describedby={rid}>Sign off review</button>
          <p id={rid} className={reason ? 'signoff-why' : 'ok'}>{reason || 'Ready to sign off.'}</p>
        </form>
      )}
      {outcome}
      <button type="button" className="secondary" onClick={onExport}>Save review as PDF</button>
    </div>
  )
}

/** The assigned line manager signs off their own review under their own login: the login is the signature. */
function SignOffMine({ v, apply, outcome }: { v: ReviewView; apply: Apply; outcome: React.ReactNode }) {
  const r = v.review
  const missing = v.missing ?? []
  const rid = `signoff-why-${r.id}`
  return (
    <div className="rv-block rv-signoff">
      <h4>Sign-off</h4>
      {r.signedOffAt ? <p><span className="signed-badge">Signed off</span> by {r.signedOffBy} on {formatDateTime(r.signedOffAt).slice(0, 16)}. The review can no longer be changed.</p> : (
        <form className="form-row" aria-label="Sign off the review" onSubmit={(e) => { e.preventDefault(); apply('Review signed off.', () => reviewsApi.signOffMine(r.id), 'signoff') }}>
          <button type="submit" aria-describedby={rid}>Sign off as {r.lineManager}</button>
          <p id={rid} className={missing.length ? 'signoff-why' : 'ok'}>
            {missing.length ? `Still to answer: ${missing.map((m) => m.label).join(', ')}.` : 'Every section is answered: ready to sign off.'}</p>
        </form>
      )}
      {outcome}
    </div>
  )
}
