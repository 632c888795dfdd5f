import { useEffect, useRef, useState } from 'react'
import { FieldError, formError, invalidProps, useShowError, type FormError } from '../../ui/fieldError'
import { casesApi, type CaseView, type Route } from '../../api/cases'
import { formatDateTime } from '../../ui/time'
import { isoToUk } from '../../ui/ukdate'
import { UkDateInput } from '../../ui/UkDateInput'
import type { Act } from './CaseDetail'

const kindLabels: Record<string, string> = {
  warning_letter: 'Warning letter', yellow_card: 'Yellow card (written warning)', red_card: 'Red card (exclusion, treatment elsewhere)',
  acceptable_behaviour_agreement: 'Acceptable behaviour agreement', private_prosecution: 'Private prosecution',
  civil_action: 'Civil action', civil_injunction: 'Civil injunction',
}

const blank = {
  route: '', sanction: '', referredTo: '', reviewOn: '', reasons: '', changeReason: '',
  noFormalAction: false, workerBelievesHarm: false, lsmsAgrees: false,
  clinicianName: '', clinicianRole: '', clinicianDate: '', clinicianReasons: '',
}

// The fields Go's decision check can name (casework.DecisionCheck), as the inputs' names.
const fields = Object.keys(blank)

/** The LSMS decision: exactly one of the five routes (PT 10.8), who, when and why. */
export function DecisionWizard({ id, view, act }: { id: number; view: CaseView; act: Act }) {
  const [routes, setRoutes] = useState<Route[]>([])
  const [d, setD] = useState(blank)
  const [open, setOpen] = useState(false)
  // The decision in force when the person began: a colleague's decision made meanwhile is refused, not replaced.
  const [seen, setSeen] = useState(0)
  // A refused decision is shown beside the field it is about, which is scrolled to and focused.
  const [err, setErr] = useState<FormError | null>(null)
  const form = useRef<HTMLFormElement>(null)
  useShowError(form, 'decision', err)
  const bad = (k: string) => invalidProps('decision', k, err)
  useEffect(() => { casesApi.routes().then(setRoutes, () => setRoutes([])) }, [])
  const current = view.decisions.length ? view.decisions[view.decisions.length - 1] : null
  const label = (id: string) => routes.find((r) => r.id === id)?.label ?? id
  const route = routes.find((r) => r.id === d.route)
  const str = (k: keyof typeof blank) => ({ name: k, ...bad(k), value: String(d[k]), onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) => setD({ ...d, [k]: e.target.value }) })
  const tick = (k: 'noFormalAction' | 'workerBelievesHarm' | 'lsmsAgrees') => ({ name: k, checked: d[k], onChange: (e: React.ChangeEvent<HTMLInputElement>) => setD({ ...d, [k]: e.target.checked }) })
  const submit = (e: React.FormEvent) => {
    e.preventDefault()
    setErr(null)
    act('Decision recorded.', () => casesApi.decide({ ...d, caseId: id }, seen), (e) => setErr((x) => formError(e, fields, (x?.n ?? 0) + 1)))
      .then((ok) => { if (ok) { setD(blank); setOpen(false) } })
  }
  return (
    <section aria-labelledby="decision-h">
      <h3 id="decision-h">Decision</h3>
      {current ? (
        <div className="panel">
          <p><strong>{label(current.route)}</strong>{current.sanction ? `: ${kindLabels[current.sanction] ?? current.sanction}` : ''}
            {current.referredTo ? `, referred to ${current.referredTo}` : ''}{current.reviewOn ? `; review on ${isoToUk(current.reviewOn)}` : ''}</p>
          <p>Why: {current.reasons}</p>
          {current.route === 'no_notification' && <p>Independent senior clinician: {current.clinicianName}, {current.clinicianRole}, agreed {isoToUk(current.clinicianDate)}: {current.clinicianReasons}</p>}
          <p className="muted small">Decided by {current.decidedBy}, {formatDateTime(current.decidedAt).slice(0, 16)}{current.changeReason ? `; changed because ${current.changeReason}` : ''}</p>
          {view.decisions.length > 1 && <details><summary>Earlier decisions ({view.decisions.length - 1})</summary>
            <ol>{view.decisions.slice(0, -1).map((x) => <li key={x.id}>{label(x.route)} by {x.decidedBy}, {formatDateTime(x.decidedAt).slice(0, 16)}: {x.reasons}</li>)}</ol></details>}
        </div>
      ) : <p>No decision yet.</p>}
      {!open ? (
        view.case.state !== 'closed' && <button type="button" onClick={() => { setSeen(current?.id ?? 0); setOpen(true) }}>{current ? 'Change the decision' : 'Record the decision'}</button>
      ) : (
        <form ref={form} className="stack" onSubmit={submit} aria-label="Decision" noValidate>
          <fieldset>
            <legend>Choose exactly one (Lone worker policy 10.8)</legend>
            <FieldError form="decision" field="route" err={err} />
            {routes.map((r) => (
              <div key={r.id}>
                <label className="choice"><input type="radio" name="route" value={r.id} checked={d.route === r.id} onChange={() => setD({ ...d, route: r.id, sanction: '' })} aria-describedby={`route-${r.id}`} />{r.label}</label>
                <p id={`route-${r.id}`} className="route-help">{r.description}</p>
              </div>
            ))}
          </fieldset>
          {route && route.kinds && route.kinds.length > 0 && (
            <label>Which kind<select {...str('sanction')}><option value="">Choose…</option>
              {route.kinds.map((k) => <option key={k} value={k}>{kindLabels[k] ?? k}</option>)}</select>
              <FieldError form="decision" field="sanction" err={err} /></label>
          )}
          {d.route === 'sanction_letter' && <UkDateInput label="Review or expiry date (blank: 12 months)" value={d.reviewOn} onChange={(iso) => setD({ ...d, reviewOn: iso })} />}
          {(d.route === 'police' || d.route === 'private_prosecution') && (
            <label>{d.route === 'police' ? 'Police force' : 'Referred to (blank: trust legal services)'}<input {...str('referredTo')} placeholder={d.route === 'police' ? view.case.policeForce : 'Trust legal services'} />
              <FieldError form="decision" field="referredTo" err={err} /></label>
          )}
          {d.route === 'no_notification' && (
            <fieldset>
              <legend>All of these must be recorded before no notification can be chosen</legend>
              <FieldError form="decision" field="noFormalAction" err={err} />
              <label className="choice"><input type="checkbox" {...tick('noFormalAction')} />No formal action is being taken</label>
              <label className="choice"><input type="checkbox" {...tick('workerBelievesHarm')} />The lone worker believes notification would harm the alleged offender's health</label>
              <label className="choice"><input type="checkbox" {...tick('lsmsAgrees')} />I, the LSMS, agree</label>
              <div className="form-row">
                <label>Independent senior clinician's name<input {...str('clinicianName')} /></label>
                <label>Their role<input {...str('clinicianRole')} /></label>
                <UkDateInput label="Date they agreed" value={d.clinicianDate} onChange={(iso) => setD({ ...d, clinicianDate: iso })} />
              </div>
              <label>Their reasons<textarea {...str('clinicianReasons')} /></label>
            </fieldset>
          )}
          <label>Why this decision<textarea {...str('reasons')} /><FieldError form="decision" field="reasons" err={err} /></label>
          {current && <label>Why the decision changes (required: a change is a new decision)<textarea {...str('changeReason')} />
            <FieldError form="decision" field="changeReason" err={err} /></label>}
          <FieldError form="decision" field="" err={err} />
          <div><button type="submit" disabled={!d.route}>Record decision</button> <button type="button" className="secondary" onClick={() => { setOpen(false); setD(blank) }}>Cancel</button></div>
        </form>
      )}
    </section>
  )
}
