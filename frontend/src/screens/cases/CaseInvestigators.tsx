import { useState } from 'react'
import { peopleApi, type Member } from '../../api/people'
import { useLoad } from '../../ui/useLoad'

/**
 * The investigators a case is assigned to (team mode, issue 16): each sees
 * this case and its evidence alone. Only the LSMS assigns them; on a laptop,
 * and for every other role, there is nothing to show.
 */
export function CaseInvestigators({ caseId }: { caseId: number }) {
  const me = useLoad('me', peopleApi.me)
  if (!me.data?.team || me.data.role !== 'lsms') return null
  return <Assigned caseId={caseId} />
}

function Assigned({ caseId }: { caseId: number }) {
  const assigned = useLoad(caseId, peopleApi.caseInvestigators, ['case_assignments'])
  const people = useLoad('people', peopleApi.list, ['people'])
  const [pick, setPick] = useState('')
  const [error, setError] = useState('')
  const [status, setStatus] = useState('')
  const on = new Set((assigned.data ?? []).map((m) => m.login))
  const free = (people.data ?? []).filter((p) => p.role === 'investigator' && !on.has(p.login))
  const chosen = pick && free.some((p) => p.login === pick) ? pick : free[0]?.login ?? ''
  const change = (done: string, fn: () => Promise<Member[]>) => {
    setError(''); setStatus('')
    fn().then((list) => { assigned.set(list); setStatus(done) }, (e: Error) => setError(e.message))
  }
  const sid = `inv-pick-${caseId}`
  const eid = `inv-err-${caseId}`
  return (
    <section aria-labelledby={`inv-h-${caseId}`} className="case-investigators">
      <h3 id={`inv-h-${caseId}`}>Investigators</h3>
      {(assigned.data ?? []).length === 0 ? <p className="muted">No investigator is assigned; only the LSMS sees this case.</p> : (
        <ul className="plain">{(assigned.data ?? []).map((m) => (
          <li key={m.login}>{m.displayName || m.login} ({m.login}){' '}
            <button type="button" className="linkish" onClick={() => change(`${m.displayName || m.login} no longer has this case.`, () => peopleApi.unassignInvestigator(caseId, m.login))}>
              Remove<span className="visually-hidden"> {m.displayName || m.login}</span></button></li>
        ))}</ul>
      )}
      {free.length > 0 && (
        <form className="form-row" aria-label="Assign an investigator"
          onSubmit={(e) => { e.preventDefault(); change('Investigator assigned.', () => peopleApi.assignInvestigator(caseId, chosen)) }}>
          <label htmlFor={sid}>Investigator
            <select id={sid} name="login" value={chosen} onChange={(e) => setPick(e.target.value)}
              aria-invalid={error ? true : undefined} aria-describedby={error ? eid : undefined}>
              {free.map((p) => <option key={p.login} value={p.login}>{p.displayName || p.login} ({p.login})</option>)}
            </select></label>
          <button type="submit" className="secondary">Assign to this case</button>
        </form>
      )}
      <div aria-live="polite">
        {error && <p id={eid} className="error" role="alert">{error}</p>}
        {status && <p className="ok" role="status">{status}</p>}
      </div>
    </section>
  )
}
