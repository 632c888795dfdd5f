import { useId, useRef, useState } from 'react'
import { bundlesApi, exhibitSettingsHash, type Build, type ExhibitView, type PackageProgress, type PackageReport, type PackageResult } from '../../api/bundles'
import { ApiError } from '../../api/bridge'
import { formatDateTime } from '../../ui/time'
import { useLoad } from '../../ui/useLoad'
import './bundle.css'

/**
 * A case's court bundle: its exhibits with their continuity from the audit
 * log, a recording's listen log, handovers, building the evidence package
 * and checking one. Go opens every folder and file dialog; the page only
 * says what kind of package it wants.
 */
export function CaseBundle({ caseId }: { caseId: number }) {
  const [open, setOpen] = useState(false)
  const bodyId = useId()
  return (
    <section aria-labelledby={`${bodyId}-h`} className="case-bundle">
      <h3 id={`${bodyId}-h`}>Court bundle</h3>
      <p>
        The exhibits of this case, each with its chain of custody taken from the audit log, and the evidence
        package for the police, the CPS or the court.
      </p>
      <button type="button" className="secondary" aria-expanded={open} aria-controls={bodyId} onClick={() => setOpen(!open)}>
        {open ? 'Hide the court bundle' : 'Show the court bundle'}
      </button>
      {!open && <p className="muted small">Showing it gives an exhibit number to anything on the case that has none yet. The audit log records each one.</p>}
      <div id={bodyId} hidden={!open}>
        {open && <BundleBody caseId={caseId} />}
      </div>
    </section>
  )
}

/**
 * An error, with a way to where it is fixed: a message that sends the person
 * to Settings > Exhibits (no producer, bad initials) links there.
 */
function BundleError({ message }: { message: string }) {
  return (
    <p className="error" role="alert">
      {message}
      {message.includes('Settings > Exhibits') && <> <a href={exhibitSettingsHash}>Open Settings &gt; Exhibits</a></>}
    </p>
  )
}

function BundleBody({ caseId }: { caseId: number }) {
  const loaded = useLoad(caseId, bundlesApi.exhibits)
  const exhibits = loaded.data
  return (
    <>
      <h4>Exhibits</h4>
      {loaded.error && <BundleError message={loaded.error} />}
      {!exhibits && !loaded.error && <p role="status">Loading the exhibits…</p>}
      {exhibits && exhibits.length === 0 && <p>This case has nothing to produce yet: no recording, letter or document is held on it.</p>}
      {exhibits && exhibits.length > 0 && (
        <ul className="exhibits" aria-label="Exhibits">
          {exhibits.map((x) => <ExhibitItem key={x.exhibit.id} x={x} />)}
        </ul>
      )}
      {exhibits && exhibits.length > 0 && <HandoverForm exhibits={exhibits} onRecorded={loaded.reload} />}
      <BuildPackage caseId={caseId} onBuilt={loaded.reload} />
      <CheckPackage />
    </>
  )
}

const isRecording = (x: ExhibitView) => x.exhibit.sourceType === 'media'

function ExhibitItem({ x }: { x: ExhibitView }) {
  const e = x.exhibit
  return (
    <li className="exhibit">
      <p className="exhibit-head"><strong className="exhibit-ref">{e.ref}</strong> {e.description}</p>
      <p className="small muted">
        SHA-256 <code>{e.sha256.slice(0, 12)}…</code> · kept at {e.keptAt}
      </p>
      <details className="continuity">
        <summary>Continuity of {e.ref} ({x.continuity.length} {x.continuity.length === 1 ? 'entry' : 'entries'})</summary>
        <p className="small">Full SHA-256: <code>{e.sha256}</code></p>
        <p className="small">File: {e.fileName}</p>
        {x.continuity.length === 0
          ? <p>The audit log holds nothing about this exhibit yet.</p>
          : (
            <ol className="links" aria-label={`Continuity of ${e.ref}, from the audit log`}>
              {x.continuity.map((l) => (
                <li key={l.seq}><span className="when">{formatDateTime(l.at)}</span> {l.actor}: {l.what}</li>
              ))}
            </ol>
          )}
        {isRecording(x) && <ListenLog mediaId={e.sourceId} exhibitRef={e.ref} />}
      </details>
    </li>
  )
}

/** m:ss into the recording. */
function offset(ms: number): string {
  const s = Math.floor(ms / 1000)
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`
}

function ListenLog({ mediaId, exhibitRef }: { mediaId: number; exhibitRef: string }) {
  const [open, setOpen] = useState(false)
  const loaded = useLoad(open ? mediaId : null, bundlesApi.listens)
  const ls = loaded.data
  return (
    <details className="listens" onToggle={(ev) => setOpen((ev.target as HTMLDetailsElement).open)}>
      <summary>Listen log of {exhibitRef}</summary>
      {loaded.error && <p className="error" role="alert">{loaded.error}</p>}
      {open && !ls && !loaded.error && <p role="status">Loading the listen log…</p>}
      {ls && ls.length === 0 && <p>Nobody has listened to this recording in Redline.</p>}
      {ls && ls.length > 0 && (
        <table className="mini">
          <caption className="visually-hidden">Who listened to {exhibitRef}, when, and which part</caption>
          <thead><tr><th scope="col">When (UK)</th><th scope="col">Who</th><th scope="col">Part heard</th><th scope="col">How</th></tr></thead>
          <tbody>{ls.map((l) => (
            <tr key={l.seq}>
              <td>{formatDateTime(l.at)}</td><td>{l.actor}</td><td>{offset(l.fromMs)} to {offset(l.toMs)}</td>
              <td>{l.speed !== 1 ? `at ${l.speed}× speed` : 'normal speed'}{l.enhance ? ', voice enhanced' : ''}{l.device ? '' : ', no sound device'}</td>
            </tr>
          ))}</tbody>
        </table>
      )}
    </details>
  )
}

function HandoverForm({ exhibits, onRecorded }: { exhibits: ExhibitView[]; onRecorded: () => Promise<void> }) {
  const [ref, setRef] = useState(exhibits[0].exhibit.ref)
  const [to, setTo] = useState('')
  const [reason, setReason] = useState('')
  const [problem, setProblem] = useState<ApiError | null>(null)
  const [status, setStatus] = useState('')
  const [busy, setBusy] = useState(false)
  const id = useId()
  const fieldError = (field: string) => problem?.field === field ? problem.message : ''
  const toError = fieldError('to')
  const reasonError = fieldError('reason')
  const otherError = problem && problem.field !== 'to' && problem.field !== 'reason' ? problem.message : ''
  const submit = async () => {
    setProblem(null); setStatus(''); setBusy(true)
    try {
      await bundlesApi.handover(ref, to, reason)
      setStatus(`Handover of ${ref} to ${to.trim()} recorded in the audit log.`)
      setTo(''); setReason('')
      await onRecorded()
    } catch (e) {
      setProblem(e instanceof ApiError ? e : new ApiError(String(e)))
    } finally {
      setBusy(false)
    }
  }
  return (
    <form className="handover" aria-labelledby={`${id}-h`} noValidate onSubmit={(e) => { e.preventDefault(); submit() }}>
      <h4 id={`${id}-h`}>Record a handover</h4>
      <p className="small muted">When an exhibit leaves your hands (to the police, the CPS, a solicitor), say to whom and why. It joins the exhibit's continuity.</p>
      <div className="form-row">
        <label>Exhibit
          <select value={ref} onChange={(e) => setRef(e.target.value)}>
            {exhibits.map((x) => <option key={x.exhibit.id} value={x.exhibit.ref}>{x.exhibit.ref}</option>)}
          </select>
        </label>
        <label className="grow">To whom
          <input value={to} onChange={(e) => setTo(e.target.value)} placeholder="e.g. DC 2290 Imogen Booth, West Yorkshire Police"
            aria-invalid={!!toError} aria-describedby={toError ? `${id}-to-err` : undefined} />
          {toError && <span className="field-error" id={`${id}-to-err`} role="alert">{toError}</span>}
        </label>
        <label className="grow">Why
          <input value={reason} onChange={(e) => setReason(e.target.value)} placeholder="e.g. for the CPS charging decision"
            aria-invalid={!!reasonError} aria-describedby={reasonError ? `${id}-reason-err` : undefined} />
          {reasonError && <span className="field-error" id={`${id}-reason-err`} role="alert">{reasonError}</span>}
        </label>
        <button type="submit" disabled={busy}>Record handover</button>
      </div>
      <div aria-live="polite">
        {otherError && <p className="error" role="alert">{otherError}</p>}
        {status && <p className="ok" role="status">{status}</p>}
      </div>
    </form>
  )
}

const stepText: Record<PackageProgress['step'], string> = {
  numbering: 'Giving exhibit numbers to anything new on the case…',
  reading: 'Reading the exhibits and their continuity…',
  drawing: 'Drawing the bundle PDF…',
  writing: 'Writing the files…',
}

/** 1.2 MB, 340 KB, 512 bytes. */
export function formatBytes(n: number): string {
  if (n >= 1_000_000) return `${(n / 1_000_000).toFixed(1)} MB`
  if (n >= 1_000) return `${Math.round(n / 1_000)} KB`
  return `${n} bytes`
}

function progressText(p: PackageProgress | null): string {
  if (!p) return 'Waiting for a folder to be chosen…'
  if (p.step !== 'writing' || !p.file) return stepText[p.step] ?? 'Working…'
  const pct = p.total > 0 ? Math.round((100 * p.done) / p.total) : 100
  return `Writing ${p.file.replace(/^data\//, '')}: ${pct}% of ${formatBytes(p.total)} written.`
}

type Running = { id: string | null; progress: PackageProgress | null; stopping: boolean }

function BuildPackage({ caseId, onBuilt }: { caseId: number; onBuilt: () => Promise<void> }) {
  const [redacted, setRedacted] = useState(false)
  const [zip, setZip] = useState(false)
  const [running, setRunning] = useState<Running | null>(null)
  const [result, setResult] = useState<PackageResult | null>(null)
  const [error, setError] = useState('')
  const [note, setNote] = useState('')
  const build = useRef<Build | null>(null)
  const stopping = useRef(false)
  const id = useId()

  const start = async () => {
    setError(''); setNote(''); setResult(null)
    setRunning({ id: null, progress: null, stopping: false })
    stopping.current = false
    try {
      const b = await bundlesApi.build(caseId, { redacted, zip }, (p) => setRunning((r) => r && { ...r, progress: p }))
      build.current = b
      setRunning((r) => r && { ...r, id: b.id })
      const out = await b.ended
      if (out.built) {
        setResult(out.result)
        onBuilt()
      } else {
        setNote('No folder was chosen, so nothing was built.')
      }
    } catch (e) {
      const msg = (e as Error).message
      if (stopping.current) setNote(`${msg} Nothing was left in the folder and the audit log records no package.`)
      else setError(msg)
    } finally {
      build.current = null
      setRunning(null)
    }
  }
  const cancel = () => {
    const b = build.current
    if (!b) return
    stopping.current = true
    setRunning((r) => r && { ...r, stopping: true })
    bundlesApi.cancel(b.id).catch(() => { /* it ended on its own meanwhile */ })
  }

  const p = running?.progress
  const value = p && p.step === 'writing' && p.total > 0 ? p.done / p.total : undefined
  return (
    <form className="build-package" aria-labelledby={`${id}-h`} onSubmit={(e) => { e.preventDefault(); start() }}>
      <h4 id={`${id}-h`}>Build the evidence package</h4>
      <p className="small muted">
        A BagIt package holding the paginated bundle PDF, every exhibit's file and a manifest of their SHA-256 values.
        You choose the folder in the next step. Building it is recorded in the audit log.
      </p>
      <div className="form-row">
        <fieldset>
          <legend>Which copy</legend>
          <label className="choice"><input type="radio" name={`${id}-copy`} checked={!redacted} onChange={() => setRedacted(false)} disabled={!!running} />
            Master copy: everything as held</label>
          <label className="choice"><input type="radio" name={`${id}-copy`} checked={redacted} onChange={() => setRedacted(true)} disabled={!!running} />
            Redacted disclosure copy: the lone worker's home address and telephone and third parties' details taken out of every text;
            recordings are listed as available on request, not carried</label>
        </fieldset>
        <fieldset>
          <legend>Form</legend>
          <label className="choice"><input type="radio" name={`${id}-form`} checked={!zip} onChange={() => setZip(false)} disabled={!!running} />
            A folder</label>
          <label className="choice"><input type="radio" name={`${id}-form`} checked={zip} onChange={() => setZip(true)} disabled={!!running} />
            One .zip file</label>
        </fieldset>
      </div>
      <button type="submit" disabled={!!running}>Build evidence package…</button>
      <div aria-live="polite">
        {running && (
          <div className="package-progress" role="status">
            <progress max={1} value={value} aria-label="Evidence package progress" />{' '}
            <span>{running.stopping ? 'Stopping…' : progressText(p ?? null)}</span>
          </div>
        )}
        {note && <p role="status">{note}</p>}
      </div>
      {running && (
        <button type="button" className="secondary" onClick={cancel} disabled={!running.id || running.stopping}>Cancel the build</button>
      )}
      {error && <BundleError message={error} />}
      {result && <BuiltPackage r={result} />}
    </form>
  )
}

function BuiltPackage({ r }: { r: PackageResult }) {
  return (
    <div className="package-result">
      <p className="ok" role="status">{r.redacted ? 'Redacted disclosure copy' : 'Evidence package'} of {r.caseRef} built.</p>
      <dl className="package-facts">
        <dt>Written to</dt><dd><code>{r.path}</code></dd>
        <dt>Exhibits</dt><dd>{r.exhibits.join(', ')}</dd>
        {r.withheld && r.withheld.length > 0 && (
          <><dt>Listed but not carried</dt><dd>{r.withheld.join(', ')}: recordings and files no text can be taken out of, available from the producer on request</dd></>
        )}
        <dt>Audit head it carries</dt><dd><code>{r.auditHead.seq}:{r.auditHead.hash}</code></dd>
        <dt>Recorded as</dt><dd>audit entry {r.auditSeq}</dd>
        <dt>Bundle PDF SHA-256</dt><dd><code>{r.bundleSha256}</code></dd>
      </dl>
      <p>Files in the package ({r.files.length}), besides its manifests:</p>
      <ul className="package-files">
        {r.files.map((f) => <li key={f.path}><code>{f.path}</code> <span className="muted">({formatBytes(f.bytes)})</span></li>)}
      </ul>
    </div>
  )
}

const findingLabels: Record<string, string> = {
  missing: 'Missing', extra: 'Extra', altered: 'Altered', malformed: 'Not readable as a package', audit: 'Not in the audit log',
}

function CheckPackage() {
  const [report, setReport] = useState<PackageReport | null>(null)
  const [error, setError] = useState('')
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)
  const id = useId()
  const check = async (zip: boolean) => {
    setError(''); setNote(''); setReport(null); setBusy(true)
    try {
      const r = await bundlesApi.verify(zip)
      if (r) setReport(r)
      else setNote('No package was chosen, so nothing was checked.')
    } catch (e) {
      setError((e as Error).message)
    } finally {
      setBusy(false)
    }
  }
  const findings = report?.findings ?? []
  return (
    <div className="check-package" role="group" aria-labelledby={`${id}-h`}>
      <h4 id={`${id}-h`}>Check a package</h4>
      <p className="small muted">Checks every file of a package against its manifest, and its audit head against this Redline's audit log.</p>
      <div className="form-row">
        <button type="button" className="secondary" disabled={busy} onClick={() => check(false)}>Check a package folder…</button>
        <button type="button" className="secondary" disabled={busy} onClick={() => check(true)}>Check a .zip package…</button>
      </div>
      <div aria-live="polite">
        {busy && <p role="status">Checking the package…</p>}
        {note && <p role="status">{note}</p>}
      </div>
      {error && <p className="error" role="alert">{error}</p>}
      {report && (
        <div className="package-report">
          <p>Package <code>{report.path}</code>: {report.files} file(s) checked against its manifest.</p>
          {report.headNote && <p>{report.headNote}</p>}
          {findings.length === 0
            ? <p className="ok" role="status">All well: every file is present, unchanged and listed.</p>
            : (
              <>
                <p className="error" role="alert">{findings.length} problem(s) found: do not rely on this package; build it again from Redline.</p>
                <ul className="findings" aria-label="Problems found in the package">
                  {findings.map((f, i) => (
                    <li key={`${f.kind}-${f.path}-${i}`}><strong>{findingLabels[f.kind] ?? 'Problem'}</strong>: <code>{f.path}</code><br />{f.message}</li>
                  ))}
                </ul>
              </>
            )}
        </div>
      )}
    </div>
  )
}
