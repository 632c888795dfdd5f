import { useCallback, useEffect, useState } from 'react'
import { useDataChanged } from '../../api/changes'
import { casesApi, stateLabels, type CaseFile } from '../../api/cases'
import { peopleApi } from '../../api/people'
import { useLoad } from '../../ui/useLoad'
import { categoryLabels, triageApi, type TriageRow } from '../../api/triage'
import { formatDateTime } from '../../ui/time'
import { label, validityLabels } from '../../ui/labels'
import { TriagePanel } from '../triage/TriagePanel'
import { CaseDetail, type Landing } from './CaseDetail'
import { NewCaseForm } from './NewCaseForm'
import { onOpenCasework, takePending } from './nav'
import './cases.css'

type Tab = 'triage' | 'reds' | 'cases'

/**
 * Triage of red alerts and the cases opened from them. An investigator
 * (team mode) neither triages nor opens cases: they get their assigned cases
 * alone, with no tabs and nothing that would only be refused.
 */
export function CasesScreen() {
  const me = useLoad('me', peopleApi.me)
  // Until the window says who is signed in, nothing is asked for; if it cannot say (no team), the page is the LSMS's.
  const investigator = !!me.data?.team && me.data.role === 'investigator'
  const known = !me.loading
  const [chosenTab, setTab] = useState<Tab>('triage')
  const tab: Tab = investigator ? 'cases' : chosenTab
  const [reds, setReds] = useState<TriageRow[]>([])
  const [cases, setCases] = useState<CaseFile[]>([])
  const [pendingCount, setPendingCount] = useState(0)
  const [alertId, setAlertId] = useState(0)
  const [caseId, setCaseId] = useState(0)
  const [creating, setCreating] = useState(false)
  // Set when something (My work, a link) opens an item here: the keyboard starts on it.
  const [landing, setLanding] = useState<Landing | undefined>()
  const [error, setError] = useState('')

  const refresh = useCallback(() => {
    if (!known) return
    if (investigator) {
      casesApi.list(false).then((c) => { setCases(c); setError('') }, (e: Error) => setError(e.message))
      return
    }
    Promise.all([triageApi.list(tab === 'triage'), casesApi.list(false), triageApi.list(true)]).then(([r, c, p]) => {
      setReds(r); setCases(c); setPendingCount(p.length); setError('')
    }, (e: Error) => setError(e.message))
  }, [tab, known, investigator])
  useEffect(refresh, [refresh])
  useDataChanged(['alerts', 'alert_triage', 'cases', 'case_events', 'case_tasks', 'case_decisions'], refresh)

  useEffect(() => {
    const pick = () => {
      const t = takePending()
      if (!t) return
      setLanding((l) => ({ id: t.id, section: t.section ?? '', n: (l?.n ?? 0) + 1 }))
      if (t.kind === 'case') { setTab('cases'); setCaseId(t.id); setCreating(false) } else { setTab('reds'); setAlertId(t.id) }
    }
    pick()
    return onOpenCasework(pick)
  }, [])

  const tabs: [Tab, string][] = [['triage', `Red alerts to triage (${pendingCount})`], ['reds', 'All red alerts'], ['cases', `Cases (${cases.length})`]]
  return (
    <section className="screen casework" aria-labelledby="cases-title">
      <div className="screen-header">
        <h1 id="cases-title">Cases</h1>
        {!investigator && <button type="button" className="secondary" onClick={() => { setTab('cases'); setCreating(true); setCaseId(0) }}>Open a case by hand</button>}
      </div>
      {error && <p className="error" role="alert">{error}</p>}
      {investigator ? <p className="muted">The cases assigned to you ({cases.length}).</p> : (
        <div className="tabs" role="tablist" aria-label="Casework">
          {tabs.map(([id, text]) => (
            <button key={id} type="button" role="tab" aria-selected={tab === id} aria-controls="cw-panel" id={`tab-${id}`} onClick={() => setTab(id)}>{text}</button>
          ))}
        </div>
      )}
      <div className="cw-split" id="cw-panel" role={investigator ? undefined : 'tabpanel'} aria-labelledby={investigator ? undefined : `tab-${tab}`}>
        {tab !== 'cases' ? (
          <>
            <ul className="cw-list" aria-label={tab === 'triage' ? 'Red alerts waiting for triage' : 'Red alerts'}>
              {reds.length === 0 && <li className="empty">{tab === 'triage' ? 'Every red alert has been categorised.' : 'No red alerts.'}</li>}
              {reds.map((r) => (
                <li key={r.alert.id}>
                  <button type="button" aria-current={r.alert.id === alertId} onClick={() => setAlertId(r.alert.id)}>
                    <strong>{r.alert.arcRef}</strong> · {r.alert.workerName}<br />
                    <span className="small">{formatDateTime(r.alert.raisedAt).slice(0, 16)} · ARC: {label(validityLabels, r.alert.validity)}
                      {' · '}{r.category ? `LSMS: ${categoryLabels[r.category]}` : 'waiting'}{r.caseRef ? ` · ${r.caseRef}` : ''}</span>
                  </button>
                </li>
              ))}
            </ul>
            {alertId ? <TriagePanel alertId={alertId} onChanged={refresh} landing={landing} /> : <div className="cw-detail"><p>Choose a red alert to categorise it.</p></div>}
          </>
        ) : (
          <>
            <ul className="cw-list" aria-label="Cases">
              {cases.length === 0 && <li className="empty">{investigator ? 'No case is assigned to you yet. Your LSMS assigns cases.' : 'No cases yet. Categorise a red alert as genuine to open one.'}</li>}
              {cases.map((c) => (
                <li key={c.id}>
                  <button type="button" aria-current={c.id === caseId} onClick={() => { setCaseId(c.id); setCreating(false) }}>
                    <strong>{c.ref}</strong> · {stateLabels[c.state]}{c.legalHold ? ' · legal hold' : ''}<br />
                    <span className="small">{c.title}</span>
                  </button>
                </li>
              ))}
            </ul>
            {creating ? <NewCaseForm onOpened={(id) => { setCreating(false); setCaseId(id); refresh() }} />
              : caseId ? <CaseDetail caseId={caseId} onChanged={refresh} landing={landing} investigator={investigator} /> : <div className="cw-detail"><p>Choose a case.</p></div>}
          </>
        )}
      </div>
    </section>
  )
}
