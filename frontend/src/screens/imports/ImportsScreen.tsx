import { useCallback, useEffect, useRef, useState } from 'react'
import {
  importsApi, type HeaderInfo, type ImportOutcome, type ImportProgress, type ImportResult, type PastImport,
  type Picked, type ProfileInfo,
} from '../../api/imports'
import { newRunId } from '../../api/jobs'
import { appNowUnix } from '../../ui/clock'
import { formatDateTime } from '../../ui/time'
import { ImportWizard } from './ImportWizard'
import { ImportReport } from './ImportReport'
import { ImportHistory } from './ImportHistory'
import { QuarantineList } from './QuarantineList'
import './imports.css'

const statusText: Record<string, string> = {
  imported: 'Imported', partial: 'Partly imported', unchanged: 'Nothing to do', rejected: 'Rejected: nothing imported',
}

interface Running {
  id: string
  progress: ImportProgress | null
  startedAt: number
}

/** 16 random hex digits naming one import run's events. */
export function ImportsScreen() {
  const [picked, setPicked] = useState<Picked | null>(null)
  const [profiles, setProfiles] = useState<ProfileInfo[]>([])
  const [profile, setProfile] = useState('')
  const [partial, setPartial] = useState(false)
  const [running, setRunning] = useState<Running | null>(null)
  const [result, setResult] = useState<{ id: string; result: ImportResult } | null>(null)
  const [noProfile, setNoProfile] = useState<HeaderInfo[] | null>(null)
  const [history, setHistory] = useState<PastImport[]>([])
  const [error, setError] = useState('')
  const [notice, setNotice] = useState('')
  const offs = useRef<Array<() => void>>([])

  const loadHistory = useCallback(() => importsApi.history().then(setHistory, (e: Error) => setError(e.message)), [])
  const loadProfiles = useCallback(() => importsApi.profiles().then(setProfiles, (e: Error) => setError(e.message)), [])

  useEffect(() => {
    loadHistory()
    loadProfiles()
    const off = importsApi.onDropped((p) => { setPicked(p); setResult(null); setNoProfile(null) })
    // The listeners of runs started while the screen is open, added to as each run starts.
    const runs = offs.current
    return () => { off(); runs.forEach((f) => f()) }
  }, [loadHistory, loadProfiles])

  const choose = async (folder: boolean) => {
    setError('')
    try {
      const p = folder ? await importsApi.chooseFolder() : await importsApi.chooseFile()
      if (p.token) { setPicked(p); setResult(null); setNoProfile(null); setNotice('') }
    } catch (e) { setError((e as Error).message) }
  }

  const start = async (withProfile = profile) => {
    if (!picked) return
    setError(''); setResult(null); setNoProfile(null); setNotice('')
    // Listen before starting: a small export can finish before Start answers.
    const id = newRunId()
    setRunning({ id, progress: null, startedAt: Date.now() })
    const offP = importsApi.onProgress(id, (p) => setRunning((r) => (r && r.id === id ? { ...r, progress: p } : r)))
    const offD = importsApi.onDone(id, (o: ImportOutcome) => {
      offP(); offD()
      setRunning(null)
      if (o.result) setResult({ id, result: o.result })
      if (o.noProfile && o.noProfile.length) setNoProfile(o.noProfile)
      else if (o.error && !o.result) setError(o.error)
      loadHistory()
    })
    offs.current.push(offP, offD)
    try {
      await importsApi.start(picked.token, { profile: withProfile, partial, runId: id })
    } catch (e) {
      offP(); offD()
      setRunning(null)
      setError((e as Error).message)
    }
  }

  const cancel = () => { if (running) importsApi.cancel(running.id).catch((e: Error) => setError(e.message)) }

  const saveReport = async (importId: number) => {
    setError('')
    try {
      const path = await importsApi.saveReport(importId)
      if (path) setNotice(`Report saved to ${path}`)
    } catch (e) { setError((e as Error).message) }
  }

  const p = running?.progress
  const pct = p && p.fraction > 0 ? Math.min(100, Math.round(p.fraction * 100)) : undefined
  // After the commit the import waits for its recordings' waveforms, so each opens at once.
  const waveforms = p?.phase === 'waveforms'
  const label = !p ? 'Starting…'
    : waveforms ? `Imported and saved. Preparing waveforms ${Math.min(p.waveformsDone + 1, p.waveformsTotal)} of ${p.waveformsTotal}`
      : `Reading ${p.file || '…'}`
  return (
    <section className="screen imports" aria-labelledby="imports-title">
      <div className="screen-header">
        <h1 id="imports-title">Import an ARC export</h1>
      </div>
      {error && <p className="error" role="alert">{error}</p>}
      {notice && <p className="notice" role="status">{notice}</p>}

      <div className="panel import-choose">
        <div className="import-actions">
          <button type="button" onClick={() => choose(false)} disabled={!!running}>Choose export file…</button>
          <button type="button" className="secondary" onClick={() => choose(true)} disabled={!!running}>Choose export folder…</button>
          <span className="muted">or drop a .zip, a CSV or a folder on this window</span>
        </div>
        {picked && (
          <div className="import-options">
            <p className="picked">Selected: <strong>{picked.name}</strong> <span className="muted">({picked.kind})</span></p>
            <label>Import profile
              <select value={profile} onChange={(e) => setProfile(e.target.value)} disabled={!!running}>
                <option value="">Detect from the column headers</option>
                {profiles.map((pr) => <option key={pr.name} value={pr.name}>{pr.name}{pr.saved ? ' (saved)' : ''}</option>)}
              </select>
            </label>
            <label className="check">
              <input type="checkbox" checked={partial} onChange={(e) => setPartial(e.target.checked)} disabled={!!running} />
              Import the valid rows and keep rejected rows in quarantine
            </label>
            <button type="button" onClick={() => start()} disabled={!!running}>Import</button>
          </div>
        )}
      </div>

      {running && (
        <div className="panel import-progress" aria-live="polite">
          <label htmlFor="import-bar">{label}</label>
          <progress id="import-bar" max={100} value={pct} aria-valuetext={pct !== undefined ? `${pct}%` : 'working'} />
          <p className="muted">
            {waveforms ? 'Each recording will then open with its waveform at once.'
              : p ? `${p.rows.toLocaleString('en-GB')} rows · ${Math.round(p.rowsPerSecond).toLocaleString('en-GB')} rows per second` : ''}
          </p>
          <button type="button" className="secondary" onClick={cancel}>
            {waveforms ? 'Finish the waveforms later' : 'Cancel import'}
          </button>
        </div>
      )}

      {noProfile && picked && (
        <ImportWizard token={picked.token} files={noProfile}
          onCancel={() => setNoProfile(null)}
          onSaved={(name) => { setNoProfile(null); loadProfiles(); setProfile(name); start(name) }} />
      )}

      {result && (
        <div className="panel import-summary" aria-labelledby="summary-title">
          <h2 id="summary-title">{statusText[result.result.status] ?? result.result.status}</h2>
          <p className="summary-message">{result.result.message}</p>
          <p className="muted">Profile {result.result.profile} · {result.result.rows.toLocaleString('en-GB')} rows read
            {result.result.seconds > 0 ? ` in ${result.result.seconds.toFixed(1)} s` : ''}</p>
          {result.result.indexesWaiting > 0 && (
            <p className="muted">Everything above is saved. The {result.result.indexesWaiting} indexes that keep lists fast
              to sort and filter are being rebuilt in the background.</p>
          )}
          <SummaryTable result={result.result} />
          <ImportReport result={result.result} onSave={() => saveReport(result.result.importId)} />
          {result.result.status === 'partial' && result.result.importId > 0 && <QuarantineList importId={result.result.importId} />}
        </div>
      )}

      <ImportHistory history={history} onSaveReport={saveReport} />
      <p className="muted small">Times are UK time. Last refreshed {formatDateTime(appNowUnix())}.</p>
    </section>
  )
}

/** SummaryTable counts what an import did, or for a rejected one what it would have done without its rejected rows. */
function SummaryTable({ result }: { result: ImportResult }) {
  const would = result.status === 'rejected' && result.wouldImport ? result.wouldImport : null
  const s = would ?? result.summary
  const none = { new: 0, updated: 0, unchanged: 0, rejected: 0 }
  return (
    <table className="mini summary-table">
      <caption className={would ? undefined : 'visually-hidden'}>
        {would ? 'Nothing was stored. Without the rejected rows, this import would have:' : 'What the import did, per kind of record'}
      </caption>
      <thead><tr><th scope="col">Records</th><th scope="col">{would ? 'Would add' : 'New'}</th><th scope="col">{would ? 'Would update' : 'Updated'}</th>
        <th scope="col">Unchanged</th><th scope="col">Rejected</th></tr></thead>
      <tbody>
        {([['Alerts', s.alerts], ['Positions', s.positions], ['Operator log entries', s.log], ['Recordings', s.media],
          ['ARC documents', s.documents ?? none]] as const).map(([label, c]) => (
          <tr key={label}><th scope="row">{label}</th><td>{c.new}</td><td>{c.updated}</td><td>{c.unchanged}</td><td>{c.rejected}</td></tr>
        ))}
      </tbody>
    </table>
  )
}
