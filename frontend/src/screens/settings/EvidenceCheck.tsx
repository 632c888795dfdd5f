import { useEffect, useState } from 'react'
import { evidenceApi, type EvidenceProgress, type EvidenceReport } from '../../api/evidence'
import { formatDateTime } from '../../ui/time'

const kindLabels: Record<string, string> = {
  missing: 'Missing', altered: 'Altered', unreadable: 'Unreadable', unreferenced: 'Unreferenced',
}

/** Progress in words: the share of bytes hashed, then how many files listed. */
function progressText(p: EvidenceProgress): string {
  if (p.phase === 'files') return `Looking at the vault's files: ${p.done} so far.`
  const pct = p.total > 0 ? Math.round((100 * p.done) / p.total) : 100
  return `Hashing recordings: ${p.recordings} checked, ${pct}% of the bytes.`
}

/** The check that every recording's file is present and unchanged and every file is accounted for. */
export function EvidenceCheck() {
  const [last, setLast] = useState<EvidenceReport | null>(null)
  const [running, setRunning] = useState(false)
  const [progress, setProgress] = useState<EvidenceProgress | null>(null)
  const [error, setError] = useState('')
  useEffect(() => {
    let live = true
    evidenceApi.last().then((r) => live && setLast(r), (e: Error) => live && setError(e.message))
    return () => { live = false }
  }, [])
  const check = () => {
    setError('')
    setRunning(true)
    setProgress(null)
    evidenceApi.check(setProgress).then(setLast, (e: Error) => setError(e.message)).finally(() => { setRunning(false); setProgress(null) })
  }
  const rep = last?.report
  return (
    <div aria-label="Evidence check">
      <p>Redline checks every week that each recording's file is in the evidence vault and still hashes to its SHA-256, and that every file in the vault belongs to a recording, a letter or a destruction in progress. Problems also appear in My work.</p>
      <p>
        <button type="button" onClick={check} disabled={running}>Check the evidence now</button>
      </p>
      {running && (
        <p role="status" aria-live="polite">
          <progress max={1} value={progress && progress.phase === 'recordings' && progress.total > 0 ? progress.done / progress.total : undefined}
            aria-label="Evidence check progress" />{' '}
          {progress ? progressText(progress) : 'Starting the check…'}
        </p>
      )}
      {error && <p className="error" role="alert">{error}</p>}
      {last && !last.checked && <p>The evidence has not been checked yet.</p>}
      {last && last.checked && rep && (
        <>
          <p>
            Last checked {formatDateTime(rep.at)}: {rep.recordings} recording(s), {rep.files} file(s), {rep.awaiting} awaiting destruction.
            {' '}Next weekly check {formatDateTime(last.nextAt).slice(0, 16)}.
          </p>
          {rep.unconfirmed > 0 && <p>{rep.unconfirmed} file(s) looked unreferenced while an import was running; the next check looks at them again.</p>}
          {rep.problems.length === 0 && rep.more === 0
            ? <p className="ok" role="status">All well: every recording's file is present and unchanged, and every file is accounted for.</p>
            : (
              <>
                <p className="error" role="alert">{rep.problems.length + rep.more} problem(s) found.</p>
                <ul className="evidence-problems">
                  {rep.problems.map((p, i) => (
                    <li key={`${p.kind}-${p.mediaId}-${p.item}-${i}`}>
                      <strong>{kindLabels[p.kind] ?? p.kind}</strong>
                      {p.arcRef && <> · alert {p.arcRef}</>}
                      {p.cases && <> · case {p.cases}{p.legalHold ? ' (legal hold)' : ''}</>}
                      <br />{p.message}
                    </li>
                  ))}
                </ul>
                {rep.more > 0 && <p>…and {rep.more} more, listed once these are dealt with.</p>}
              </>
            )}
        </>
      )}
    </div>
  )
}
