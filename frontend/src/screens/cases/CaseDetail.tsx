import { readableDetail } from '../../ui/auditDetail'
import { historyAction } from '../../ui/auditAction'
import { focusFirstControl } from '../../ui/focus'
import { useEffect, useRef, useState, type ReactNode } from 'react'
import { isChanged } from '../../api/conflict'
import { casesApi, caseStates, stateLabels, type CaseFile, type CasePatch, type CaseView, type Person } from '../../api/cases'
import { formatDateTime } from '../../ui/time'
import { isoToUk } from '../../ui/ukdate'
import { UkDateInput } from '../../ui/UkDateInput'
import { useDraft } from '../../ui/useDraft'
import { useLoad } from '../../ui/useLoad'
import { DecisionWizard } from './DecisionWizard'
import { openCasework } from './nav'
import { CaseLetters } from '../letters/CaseLetters'
import { CaseReview } from '../review/CaseReview'
import { CaseRisk } from '../risks/CaseRisk'
import { CaseBundle } from '../bundle/CaseBundle'
import { CaseInvestigators } from './CaseInvestigators'
import { alertsApi, type Media } from '../../api/alerts'
import { formatDuration } from '../../ui/time'
import { RecordingDialog } from '../recording/RecordingPanel'

const roleLabels: Record<string, string> = { lone_worker: 'Lone worker', alleged_offender: 'Alleged offender', witness: 'Witness' }
const supportLabels: Record<string, string> = { debrief: 'Debrief', occupational_health: 'Occupational health', counselling: 'Counselling' }

/** The parts of a case page, in page order, as its section navigation names them. */
export const caseSections = [
  ['summary', 'Summary'], ['people', 'People'], ['tasks', 'Tasks'], ['decision', 'Decision'], ['letters', 'Letters'],
  ['review', 'Review'], ['risk', 'Risk'], ['police', 'Police and reporting'], ['evidence', 'Evidence'],
  ['timeline', 'Timeline'], ['history', 'History'],
] as const
export type CaseSection = (typeof caseSections)[number][0] | 'recordings'

/**
 * The parts of an investigator's case page (team mode): what their role may
 * read, with the recordings to listen to, and none of the LSMS's forms,
 * which the database would only refuse.
 */
export const investigatorSections: readonly (readonly [CaseSection, string])[] = [
  ['summary', 'Summary'], ['recordings', 'Recordings'], ['people', 'People'], ['tasks', 'Tasks'], ['evidence', 'Evidence'],
  ['timeline', 'Timeline'], ['history', 'History'],
]

/** Where opening an item lands: the case or alert (id), a section, asked for afresh each time (n) so the same one can be opened twice. */
export interface Landing { id: number; section: string; n: number }

const sectionId = (s: string) => `case-part-${s}`

/** One part of the case page, which the section navigation and My work can bring into view. */
function Part({ id, children }: { id: CaseSection; children: ReactNode }) {
  return <div id={sectionId(id)} className="case-part" tabIndex={-1}>{children}</div>
}

/** Brings a part of the case into view: with focus on its first control when landing there to act, else on the part. */
function showPart(section: string, control: boolean) {
  const el = document.getElementById(sectionId(section))
  if (!el) return
  el.scrollIntoView?.({ block: 'start' })
  if (control && focusFirstControl(el)) return
  el.focus({ preventScroll: true })
  if (!control) return
  // A part that loads its own data (letters, the review) draws its controls a moment later:
  // focus moves to the first of them then, unless the person has gone elsewhere meanwhile.
  const watch = new MutationObserver(() => {
    if (document.activeElement !== el || focusFirstControl(el)) watch.disconnect()
  })
  watch.observe(el, { childList: true, subtree: true })
  setTimeout(() => watch.disconnect(), 5000)
}

/** One case: where it stands, its investigation, the decision, its timeline and history. */
export function CaseDetail({ caseId, onChanged, landing, investigator = false }: {
  caseId: number; onChanged: () => void; landing?: Landing; investigator?: boolean
}) {
  const loaded = useLoad(caseId, casesApi.get, ['cases', 'case_events', 'case_notes', 'case_tasks', 'case_decisions', 'case_assignments'])
  if (!loaded.data) return <div className="cw-detail">{loaded.error ? <p className="error" role="alert">{loaded.error}</p> : <p>Loading…</p>}</div>
  // Keyed by the case, so nothing typed or said about one case is left on another's page.
  return <CaseFileView key={caseId} id={caseId} v={loaded.data} loadError={loaded.error} reload={loaded.reload} onChanged={onChanged} landing={landing} investigator={investigator} />
}

function CaseFileView({ id, v, loadError, reload, onChanged, landing, investigator }: {
  id: number; v: CaseView; loadError: string; reload: () => Promise<void>; onChanged: () => void; landing?: Landing; investigator: boolean
}) {
  // Opened from My work: land on the part the item is about, focus on its first control.
  useEffect(() => {
    if (landing?.id === id) showPart(landing.section || 'summary', true)
  }, [landing, id])

  const [actError, setError] = useState('')
  const error = actError || loadError
  const [status, setStatus] = useState('')
  const changed = () => { reload(); onChanged() }

  // act runs a change, then reloads; the error stays on screen until the next action.
  // A form that shows its own errors beside its fields passes `here`, which takes the error.
  const act = async (what: string, fn: () => Promise<unknown>, here?: (e: Error) => void): Promise<boolean> => {
    setError(''); setStatus('')
    try {
      await fn()
      setStatus(what)
      await reload()
      onChanged()
      return true
    } catch (e) {
      if (here) here(e as Error)
      else setError((e as Error).message)
      // A colleague changed the case first: show it (and the list beside it) as it is now, with the refusal.
      if (isChanged(e)) { await reload(); onChanged() }
      return false
    }
  }

  const c = v.case
  return (
    <div className="cw-detail case-page" aria-labelledby="case-heading">
      <nav className="case-nav" aria-label="Case sections">
        <ul>{(investigator ? investigatorSections : caseSections).map(([s, name]) => (
          <li key={s}><button type="button" className="linkish" onClick={() => showPart(s, false)}>{name}</button></li>
        ))}</ul>
      </nav>
      {/* The parts scroll under the navigation, never behind it. */}
      <div className="case-body">
      <Part id="summary">
      <h2 id="case-heading">{c.ref} · {c.title}</h2>
      <p>
        <span className="state-badge">{stateLabels[c.state]}</span>{' '}
        {c.legalHold && <span className="hold-badge">Legal hold</span>}{' '}
        <span className="muted">Opened {formatDateTime(c.openedAt).slice(0, 16)} by {c.openedBy}; incident {formatDateTime(c.incidentAt).slice(0, 16)}</span>
      </p>
      <ol className="stepper" aria-label="Case stages">
        {caseStates.map((s) => <li key={s} aria-current={s === c.state ? 'step' : undefined}>{stateLabels[s]}</li>)}
      </ol>
      <div aria-live="polite">
        {error && <p className="error" role="alert">{error}</p>}
        {status && <p className="ok" role="status">{status}</p>}
      </div>
      {!investigator && <MoveCase id={id} view={v} act={act} />}
      <CaseInvestigators caseId={id} />
      {investigator && v.alerts.length > 0 && <p>Alerts: {v.alerts.map((a) => `${a.arcRef} (${a.type})`).join(', ')}</p>}
      {!investigator && v.alerts.length > 0 && (
        // A red alert opens its triage; an amber memo (the visit logged before it) opens on the Alerts screen.
        <p>Alerts: {v.alerts.map((a) => (
          <button key={a.id} type="button" className="linkish"
            onClick={() => (a.type === 'red' ? openCasework({ kind: 'triage', id: a.id }) : window.location.assign(`#/alerts/${a.id}`))}>
            {a.arcRef} ({a.type})</button>))}</p>
      )}
      </Part>

      {investigator ? <InvestigatorParts id={id} view={v} act={act} /> : <>
      <Part id="people"><People id={id} view={v} act={act} /></Part>
      <Part id="tasks"><Tasks id={id} view={v} act={act} /></Part>
      <Part id="decision"><DecisionWizard id={id} view={v} act={act} /></Part>
      <Part id="letters"><CaseLetters caseId={id} onChanged={changed} /></Part>
      <Part id="review"><CaseReview caseId={id} onChanged={changed} /></Part>
      <Part id="risk"><CaseRisk caseId={id} riskOutcome={c.riskOutcome} noChangeReason={c.riskNoChangeReason} outcomeAt={c.riskOutcomeAt} outcomeBy={c.riskOutcomeBy} onChanged={changed} /></Part>
      <Part id="police"><PoliceAndReporting id={id} view={v} act={act} /></Part>
      <Support id={id} view={v} act={act} />
      <KeptInformed id={id} view={v} act={act} />
      <Notes id={id} view={v} act={act} />
      <LegalHold id={id} view={v} act={act} />
      <Part id="evidence"><CaseBundle caseId={id} /></Part>
      </>}

      <Part id="timeline">
      <section aria-labelledby="tl-h">
        <h3 id="tl-h">Timeline</h3>
        <table className="mini">
          <thead><tr><th scope="col">When (UK)</th><th scope="col">Source</th><th scope="col">Who</th><th scope="col">What</th></tr></thead>
          <tbody>{v.timeline.map((e, i) => (
            <tr key={i}><td>{formatDateTime(e.at)}</td><td>{e.source === 'arc' ? 'ARC log' : e.source}</td><td>{e.actor}</td><td>{e.text}</td></tr>
          ))}</tbody>
        </table>
      </section>
      </Part>
      <Part id="history">
      <section aria-labelledby="hist-h">
        <h3 id="hist-h">History (audit log)</h3>
        <table className="mini">
          <thead><tr><th scope="col">#</th><th scope="col">When (UK)</th><th scope="col">Who</th><th scope="col">Action</th><th scope="col">Detail</th></tr></thead>
          <tbody>{v.history.map((e) => (
            <tr key={e.seq}><td>{e.seq}</td><td>{formatDateTime(e.at)}</td><td>{e.actor}</td><td>{historyAction(e.action, e.detail)}</td><td>{readableDetail(e.detail)}</td></tr>
          ))}</tbody>
        </table>
      </section>
      </Part>
      </div>
    </div>
  )
}

/**
 * What an investigator's login may read of a case, and the court bundle they
 * build: the recordings of its alerts with the player (and its transcripts),
 * its people, tasks and notes as they stand, and the evidence.
 */
function InvestigatorParts({ id, view }: Props) {
  return (
    <>
      <Part id="recordings"><CaseRecordings view={view} /></Part>
      <Part id="people"><PeopleRead view={view} /></Part>
      <Part id="tasks">
        <section aria-labelledby="tasks-h">
          <h3 id="tasks-h">Tasks</h3>
          {view.tasks.length === 0 ? <p className="muted">No tasks.</p> : (
            <ul className="plain">{view.tasks.map((k) => (
              <li key={k.id}>{k.title} · {k.owner}{k.dueOn ? ` · due ${isoToUk(k.dueOn)}` : ''}{k.doneAt ? ` · done ${formatDateTime(k.doneAt).slice(0, 10)} by ${k.doneBy}` : ' · not done'}</li>
            ))}</ul>
          )}
          {view.notes.length > 0 && <>
            <h3>Notes</h3>
            {view.notes.map((n) => {
              const cur = n.revisions[n.revisions.length - 1]
              return <article key={n.id} className="panel"><p className="note-body">{cur.body}</p>
                <p className="muted small">Revision {cur.rev} by {cur.by}, {formatDateTime(cur.at).slice(0, 16)}</p></article>
            })}
          </>}
        </section>
      </Part>
      <Part id="evidence"><CaseBundle caseId={id} /></Part>
    </>
  )
}

/** The case's people as recorded; corrections are the LSMS's. */
function PeopleRead({ view }: { view: CaseView }) {
  return (
    <section aria-labelledby="people-h">
      <h3 id="people-h">People</h3>
      {view.people.length === 0 ? <p className="muted">No one is recorded on this case.</p> : (
        <table className="mini">
          <thead><tr><th scope="col">Role</th><th scope="col">Name</th><th scope="col">Address</th><th scope="col">Date of birth</th><th scope="col">Relationship to patient</th></tr></thead>
          <tbody>{view.people.map((x) => (
            <tr key={x.id}><td>{roleLabels[x.role]}</td><td>{x.name}</td><td>{x.address}</td><td>{isoToUk(x.dateOfBirth)}</td><td>{x.relationship}</td></tr>
          ))}</tbody>
        </table>
      )}
    </section>
  )
}

/** Every recording of the case's alerts, each opening the player (listens are logged under the person's login). */
function CaseRecordings({ view }: { view: CaseView }) {
  const ids = view.alerts.map((a) => a.id).join(',')
  const loaded = useLoad(ids, recordingsOf, ['media'])
  const [listen, setListen] = useState<Media | null>(null)
  const media = loaded.data
  return (
    <section aria-labelledby="case-rec-h">
      <h3 id="case-rec-h">Recordings</h3>
      {loaded.error && <p className="error" role="alert">{loaded.error}</p>}
      {!media && !loaded.error && <p role="status">Loading the recordings…</p>}
      {media && media.length === 0 && <p className="muted">This case has no recording.</p>}
      {media && media.length > 0 && (
        <ul className="plain case-recordings">{media.map(({ arcRef, m }) => (
          <li key={m.id}>{arcRef} · {m.originalName} · {formatDuration(m.durationMs / 1000)}{' '}
            <button type="button" className="secondary" aria-label={`Listen to ${m.originalName}`} onClick={() => setListen(m)}>Listen</button></li>
        ))}</ul>
      )}
      {listen && <RecordingDialog mediaId={listen.id} onClose={() => setListen(null)} />}
    </section>
  )
}

/** The recordings of the alerts ids names (comma-separated), with the alert each came with. */
async function recordingsOf(ids: string): Promise<{ arcRef: string; m: Media }[]> {
  const alerts = ids ? ids.split(',').map(Number) : []
  const details = await Promise.all(alerts.map((id) => alertsApi.detail(id)))
  return details.flatMap((d) => d.media.map((m) => ({ arcRef: d.alert.arcRef, m })))
}

export type Act = (what: string, fn: () => Promise<unknown>, here?: (e: Error) => void) => Promise<boolean>
/** id is the selected case: every change is sent for it, never for an id read from a loaded object. */
type Props = { id: number; view: CaseView; act: Act }

function MoveCase({ id, view, act }: Props) {
  const [reason, setReason] = useState('')
  const c = view.case
  if (view.next.length === 0) return null
  return (
    <div className="form-row" role="group" aria-label="Move the case">
      {c.state === 'closed' && <label className="grow">Why reopen?<input value={reason} onChange={(e) => setReason(e.target.value)} /></label>}
      {view.next.map((s) => (
        <button key={s} type="button" className="secondary"
          onClick={() => act(`Moved to ${stateLabels[s]}.`, () => casesApi.move(id, c.state, s, reason)).then((ok) => ok && setReason(''))}>
          {c.state === 'closed' ? 'Reopen' : `Move to ${stateLabels[s]}`}
        </button>
      ))}
    </div>
  )
}

const personFields: Record<string, string> = {
  name: 'name', address: 'address', date_of_birth: 'date of birth', nhs_number: 'NHS number',
  relationship: 'relationship to patient', contact: 'contact',
}

function People({ id, view, act }: Props) {
  const empty = { role: 'alleged_offender', name: '', address: '', dateOfBirth: '', nhsNumber: '', relationship: '', contact: '' }
  const [p, setP] = useState(empty)
  // The person whose details the form corrects, or 0 when it adds someone.
  const [editing, setEditing] = useState(0)
  // Their details as the form loaded them: a colleague's correction since is refused, not overwritten.
  const [seen, setSeen] = useState<Person | null>(null)
  const nameField = useRef<HTMLInputElement>(null)
  const set = (k: keyof typeof empty) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setP({ ...p, [k]: e.target.value })
  const nameOf = (id: number) => view.people.find((x) => x.id === id)?.name ?? 'someone no longer listed'
  const done = () => { setP(empty); setEditing(0) }
  const submit = () => editing
    ? act('Details corrected; the old values are kept below.', () => casesApi.correctPerson(seen!, { ...p, id: editing, caseId: id }))
    : act('Person added.', () => casesApi.addPerson({ ...p, caseId: id }))
  return (
    <section aria-labelledby="people-h">
      <h3 id="people-h">People</h3>
      {view.people.length > 0 && (
        <table className="mini">
          <thead><tr><th scope="col">Role</th><th scope="col">Name</th><th scope="col">Address</th><th scope="col">Date of birth</th><th scope="col">NHS number</th><th scope="col">Relationship to patient</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr></thead>
          <tbody>{view.people.map((x) => (
            <tr key={x.id}><td>{roleLabels[x.role]}</td><td>{x.name}</td><td>{x.address}</td><td>{isoToUk(x.dateOfBirth)}</td>
              <td>{x.nhsNumber && `${x.nhsNumber.slice(0, 3)} ${x.nhsNumber.slice(3, 6)} ${x.nhsNumber.slice(6)}`}</td><td>{x.relationship}</td>
              <td><button type="button" className="secondary small" aria-label={`Correct the details of ${x.name}`}
                onClick={() => {
                  setEditing(x.id)
                  setSeen(x)
                  setP({ role: x.role, name: x.name, address: x.address, dateOfBirth: x.dateOfBirth, nhsNumber: x.nhsNumber, relationship: x.relationship, contact: x.contact })
                  nameField.current?.focus() // keyboard users land in the form they opened
                }}>
                Correct</button></td></tr>
          ))}</tbody>
        </table>
      )}
      {view.peopleFix.length > 0 && (
        <details className="corrections">
          <summary>Corrections ({view.peopleFix.length})</summary>
          <ul className="plain">{view.peopleFix.map((c, i) => (
            <li key={i}>{formatDateTime(c.changedAt)} · {c.changedBy} corrected the {personFields[c.field] ?? c.field} of {nameOf(c.personId)}:
              {' '}was <q>{c.old || 'blank'}</q>, now <q>{c.new || 'blank'}</q></li>
          ))}</ul>
        </details>
      )}
      <form aria-label={editing ? `Correct the details of ${nameOf(editing)}` : 'Add a person'}
        onSubmit={(e) => { e.preventDefault(); submit().then((ok) => ok && done()) }}>
        {editing > 0 && <p className="muted">Correcting {nameOf(editing)}. Letters already made keep what they said; the old values stay on record.</p>}
        <div className="form-row">
          <label>Role<select value={p.role} onChange={set('role')} disabled={editing > 0}>
            {Object.entries(roleLabels).map(([k, l]) => <option key={k} value={k}>{l}</option>)}</select></label>
          <label>Name<input ref={nameField} value={p.name} onChange={set('name')} /></label>
          <label className="grow">Address<input value={p.address} onChange={set('address')} /></label>
        </div>
        <div className="form-row">
          <UkDateInput label="Date of birth" value={p.dateOfBirth} onChange={(iso) => setP({ ...p, dateOfBirth: iso })} />
          <label>NHS number<input value={p.nhsNumber} onChange={set('nhsNumber')} size={13} placeholder="943 476 5919" /></label>
          <label>Relationship to patient<input value={p.relationship} onChange={set('relationship')} /></label>
          <label>Contact<input value={p.contact} onChange={set('contact')} /></label>
          <button type="submit">{editing ? 'Save correction' : 'Add person'}</button>
          {editing > 0 && <button type="button" className="secondary" onClick={done}>Cancel</button>}
        </div>
      </form>
    </section>
  )
}

function Tasks({ id, view, act }: Props) {
  const [t, setT] = useState({ title: '', owner: '', dueOn: '' })
  return (
    <section aria-labelledby="tasks-h">
      <h3 id="tasks-h">Tasks</h3>
      <ul className="plain">
        {view.tasks.map((k) => (
          <li key={k.id}>
            <label className="choice">
              <input type="checkbox" checked={k.doneAt != null} onChange={(e) => act(e.target.checked ? 'Task done.' : 'Task reopened.', () => casesApi.completeTask(id, k.id, e.target.checked))} />
              {k.title} · {k.owner}{k.dueOn ? ` · due ${isoToUk(k.dueOn)}` : ''}{k.doneAt ? ` · done ${formatDateTime(k.doneAt).slice(0, 10)} by ${k.doneBy}` : ''}
            </label>
          </li>
        ))}
      </ul>
      <form className="form-row" aria-label="Add a task" onSubmit={(e) => { e.preventDefault(); act('Task added.', () => casesApi.addTask({ ...t, caseId: id })).then((ok) => ok && setT({ title: '', owner: '', dueOn: '' })) }}>
        <label className="grow">Task<input value={t.title} onChange={(e) => setT({ ...t, title: e.target.value })} /></label>
        <label>Owner<input value={t.owner} onChange={(e) => setT({ ...t, owner: e.target.value })} /></label>
        <UkDateInput label="Due" value={t.dueOn} onChange={(iso) => setT({ ...t, dueOn: iso })} />
        <button type="submit">Add task</button>
      </form>
    </section>
  )
}

function reportingOf(c: CaseFile): CasePatch {
  return {
    policeForce: c.policeForce, policeOfficer: c.policeOfficer, policeRef: c.policeRef, policeContactedOn: c.policeContactedOn,
    physicalAssault: c.physicalAssault, riddorOutcome: c.riddorOutcome, riddorFirstAbsence: c.riddorFirstAbsence,
    riddorReturn: c.riddorReturn, riddorRef: c.riddorRef, riddorReportedOn: c.riddorReportedOn,
  }
}

function PoliceAndReporting({ id, view, act }: Props) {
  const c = view.case
  // Starts again from the saved case after every reload, as the form shows what was saved.
  const [p, setP] = useDraft(c, reportingOf)
  const text = (k: keyof CasePatch) => ({ value: String(p[k] ?? ''), onChange: (e: React.ChangeEvent<HTMLInputElement>) => setP({ ...p, [k]: e.target.value }) })
  const date = (k: keyof CasePatch, l: string) => <UkDateInput label={l} value={String(p[k] ?? '')} onChange={(iso) => setP({ ...p, [k]: iso })} />
  const r = view.riddor
  return (
    <section aria-labelledby="police-h">
      <h3 id="police-h">Police and reporting</h3>
      <form onSubmit={(e) => { e.preventDefault(); act('Saved.', () => casesApi.update(id, reportingOf(c), p)) }}>
        <div className="form-row">
          <label>Police force<input {...text('policeForce')} /></label>
          <label>Officer<input {...text('policeOfficer')} /></label>
          <label>Crime reference or URN<input {...text('policeRef')} /></label>
          {date('policeContactedOn', 'Police contacted on')}
        </div>
        <label className="choice"><input type="checkbox" checked={!!p.physicalAssault} onChange={(e) => setP({ ...p, physicalAssault: e.target.checked })} />
          Physical assault (report nationally; tell the police as soon as possible)</label>
        <fieldset>
          <legend>RIDDOR</legend>
          <div className="form-row">
            <label>Outcome<select value={p.riddorOutcome ?? ''} onChange={(e) => setP({ ...p, riddorOutcome: e.target.value })}>
              <option value="">No injury recorded</option><option value="injury">Injury with time off work</option>
              <option value="specified_injury">Specified injury</option><option value="death">Death</option></select></label>
            {date('riddorFirstAbsence', 'First day of absence')}
            {date('riddorReturn', 'Back at normal work on')}
          </div>
          <div className="form-row">
            <label>HSE reference<input {...text('riddorRef')} /></label>
            {date('riddorReportedOn', 'Reported on')}
          </div>
          {r && <p className={r.reportable && !c.riddorReportedOn ? 'overdue-text' : ''}>{r.explanation}</p>}
          {view.riddorNote && <p className="error">{view.riddorNote}</p>}
        </fieldset>
        <button type="submit">Save police and reporting</button>
      </form>
    </section>
  )
}

function Support({ id, view, act }: Props) {
  const [x, setX] = useState({ kind: 'debrief', offeredOn: '', takenUp: '', note: '' })
  return (
    <section aria-labelledby="support-h">
      <h3 id="support-h">Staff support offered</h3>
      <ul className="plain">{view.support.map((s) => <li key={s.id}>{supportLabels[s.kind]} offered {isoToUk(s.offeredOn)}{s.takenUp ? ` · taken up: ${s.takenUp}` : ''}{s.note ? ` · ${s.note}` : ''}</li>)}</ul>
      <form className="form-row" aria-label="Record support offered" onSubmit={(e) => { e.preventDefault(); act('Support recorded.', () => casesApi.addSupport({ ...x, caseId: id })) }}>
        <label>Support<select value={x.kind} onChange={(e) => setX({ ...x, kind: e.target.value })}>
          {Object.entries(supportLabels).map(([k, l]) => <option key={k} value={k}>{l}</option>)}</select></label>
        <UkDateInput label="Offered on" value={x.offeredOn} onChange={(iso) => setX({ ...x, offeredOn: iso })} />
        <label>Taken up<select value={x.takenUp} onChange={(e) => setX({ ...x, takenUp: e.target.value })}>
          <option value="">Not known yet</option><option value="yes">Yes</option><option value="no">No</option></select></label>
        <label className="grow">Note<input value={x.note} onChange={(e) => setX({ ...x, note: e.target.value })} /></label>
        <button type="submit">Record support</button>
      </form>
    </section>
  )
}

function KeptInformed({ id, view, act }: Props) {
  const [u, setU] = useState({ person: '', role: 'victim', onDay: '', method: '', summary: '' })
  return (
    <section aria-labelledby="informed-h">
      <h3 id="informed-h">Victim and witnesses kept informed</h3>
      <ul className="plain">{view.updates.map((x) => <li key={x.id}>{isoToUk(x.onDay)}: {x.person} ({x.role}){x.method ? ` by ${x.method}` : ''}: {x.summary}</li>)}</ul>
      <form className="form-row" aria-label="Record an update" onSubmit={(e) => { e.preventDefault(); act('Update recorded.', () => casesApi.addUpdate({ ...u, caseId: id })) }}>
        <label>Person<input value={u.person} onChange={(e) => setU({ ...u, person: e.target.value })} /></label>
        <label>Role<select value={u.role} onChange={(e) => setU({ ...u, role: e.target.value })}><option value="victim">Victim</option><option value="witness">Witness</option></select></label>
        <UkDateInput label="On" value={u.onDay} onChange={(iso) => setU({ ...u, onDay: iso })} />
        <label>How<input value={u.method} onChange={(e) => setU({ ...u, method: e.target.value })} size={10} /></label>
        <label className="grow">What they were told<input value={u.summary} onChange={(e) => setU({ ...u, summary: e.target.value })} /></label>
        <button type="submit">Record update</button>
      </form>
    </section>
  )
}

function Notes({ id, view, act }: Props) {
  const [body, setBody] = useState('')
  // The revision being edited is kept, so a colleague's later revision is never written over.
  const [editing, setEditing] = useState<{ id: number; rev: number; body: string } | null>(null)
  return (
    <section aria-labelledby="notes-h">
      <h3 id="notes-h">Notes</h3>
      {view.notes.map((n) => {
        const cur = n.revisions[n.revisions.length - 1]
        return (
          <article key={n.id} className="panel">
            {editing?.id === n.id ? (
              <form onSubmit={(e) => { e.preventDefault(); act('Note revised.', () => casesApi.reviseNote(id, n.id, editing.rev, editing.body)).then((ok) => ok && setEditing(null)) }}>
                <label>Revise note<textarea value={editing.body} onChange={(e) => setEditing({ ...editing, body: e.target.value })} /></label>
                <button type="submit">Save revision</button> <button type="button" className="secondary" onClick={() => setEditing(null)}>Cancel</button>
              </form>
            ) : <p className="note-body">{cur.body}</p>}
            <p className="muted small">Revision {cur.rev} by {cur.by}, {formatDateTime(cur.at).slice(0, 16)}
              {editing?.id !== n.id && <> · <button type="button" className="linkish" onClick={() => setEditing({ id: n.id, rev: cur.rev, body: cur.body })}>Revise</button></>}</p>
            {n.revisions.length > 1 && (
              <details><summary>Earlier revisions ({n.revisions.length - 1})</summary>
                {n.revisions.slice(0, -1).map((r) => <p key={r.rev} className="small">Revision {r.rev}, {r.by}, {formatDateTime(r.at).slice(0, 16)}: {r.body}</p>)}
              </details>
            )}
          </article>
        )
      })}
      <form onSubmit={(e) => { e.preventDefault(); act('Note added.', () => casesApi.addNote(id, body)).then((ok) => ok && setBody('')) }}>
        <label className="stack">New note<textarea value={body} onChange={(e) => setBody(e.target.value)} /></label>
        <button type="submit">Add note</button>
      </form>
    </section>
  )
}

function LegalHold({ id, view, act }: Props) {
  const c = view.case
  const [reason, setReason] = useState('')
  return (
    <section aria-labelledby="hold-h">
      <h3 id="hold-h">Legal hold</h3>
      <p>{c.legalHold ? `On: ${c.legalHoldReason}. Nothing linked to this case is destroyed while the hold lasts.` : 'Off: recordings follow the retention rules.'}</p>
      <form className="form-row" onSubmit={(e) => { e.preventDefault(); act(c.legalHold ? 'Legal hold lifted.' : 'Legal hold placed.', () => casesApi.update(id, { legalHold: c.legalHold }, { legalHold: !c.legalHold, legalHoldReason: reason })).then((ok) => ok && setReason('')) }}>
        <label className="grow">{c.legalHold ? 'Why can the hold be lifted?' : 'Why is a hold needed?'}<input value={reason} onChange={(e) => setReason(e.target.value)} /></label>
        <button type="submit" className="secondary">{c.legalHold ? 'Lift legal hold' : 'Place legal hold'}</button>
      </form>
    </section>
  )
}
