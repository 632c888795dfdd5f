import { useEffect, useState } from 'react'
import { issueMethods, letterKindLabels, lettersApi, letterStatusLabels, mergeValues, type LetterField, type LetterView } from '../../api/letters'
import { reloadOnChange } from '../../api/conflict'
import { appNow } from '../../ui/clock'
import { formatDateTime } from '../../ui/time'
import { isoToUk } from '../../ui/ukdate'
import { UkDateInput } from '../../ui/UkDateInput'
import { useLoad } from '../../ui/useLoad'
import { savedMessage, useAct } from './act'
import { LetterPages } from './LetterPages'
import { Outcome } from './Outcome'
import './letters.css'

/** Today's date in London as yyyy-mm-dd. */
export function londonToday(): string {
  const p = Object.fromEntries(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(appNow()).map((x) => [x.type, x.value]))
  return `${p.year}-${p.month}-${p.day}`
}

/** Names a merge field for people: recording_statement -> Recording statement. */
function fieldLabel(name: string): string {
  const s = name.replace(/_/g, ' ').replace(/\blsms\b/, 'LSMS').replace(/\bdob\b/, 'date of birth')
  return s.charAt(0).toUpperCase() + s.slice(1)
}

// The merge fields in the order Go lists them (who, what, then the wording), fetched once.
let fieldOrder: Promise<LetterField[]> | null = null
function useFieldOrder(): string[] {
  const [names, setNames] = useState<string[]>([])
  useEffect(() => {
    fieldOrder ??= lettersApi.fields().catch(() => [])
    fieldOrder.then((f) => setNames(f.map((x) => x.name)))
  }, [])
  return names
}

export function StatusBadge({ status }: { status: string }) {
  return <span className={`letter-status letter-status-${status}`}>{letterStatusLabels[status] ?? status}</span>
}

/**
 * One letter: its words (the merge values it was made from, shown as text),
 * its dates, the step it can take next, its export and its history.
 */
export function LetterDetail({ letterId, onChanged, headingLevel = 2 }: { letterId: number; onChanged?: () => void; headingLevel?: 2 | 3 | 4 }) {
  const loaded = useLoad(letterId, lettersApi.get, ['letters'])
  if (!loaded.data) return <div className="letter-detail">{loaded.error ? <p className="error" role="alert">{loaded.error}</p> : <p>Loading the letter…</p>}</div>
  // Keyed by the letter, so an outcome or a half-typed reason never carries over to another letter.
  return <LetterPage key={letterId} id={letterId} v={loaded.data} loadError={loaded.error} reload={loaded.reload} onChanged={onChanged} headingLevel={headingLevel} />
}

function LetterPage({ id, v, loadError, reload, onChanged, headingLevel }: {
  id: number; v: LetterView; loadError: string; reload: () => Promise<void>; onChanged?: () => void; headingLevel: 2 | 3 | 4
}) {
  const order = useFieldOrder()
  const { act, error, status } = useAct()
  const step = async (done: string, fn: () => Promise<unknown>) => {
    // A colleague moved the letter first: it is loaded again as it is now, beside the refusal.
    const r = await act(done, () => reloadOnChange(fn, async () => { await reload(); onChanged?.() }))
    if (r !== undefined) { await reload(); onChanged?.() }
    return r !== undefined
  }
  const save = (format: 'docx' | 'pdf') =>
    act((path: string) => savedMessage(path, `Letter ${v.letter.ref} (${format.toUpperCase()})`), () => lettersApi.export(id, format))

  const l = v.letter
  const H = `h${headingLevel}` as 'h2'
  const Sub = `h${Math.min(headingLevel + 1, 6)}` as 'h3'
  const rank = (k: string) => { const i = order.indexOf(k); return i < 0 ? order.length : i }
  const values = mergeValues(l).sort((a, b) => rank(a[0]) - rank(b[0]))
  const warning = l.kind === 'sanction'
  return (
    <div className="letter-detail" aria-label={`Letter ${l.ref}`} role="region">
      <H className="letter-title">{l.ref} · {v.title || letterKindLabels[l.kind]}</H>
      <p><StatusBadge status={l.status} /> <span className="muted">to {l.recipient || 'no recipient'} · case {l.caseRef}</span></p>
      <dl className="facts letter-facts">
        <dt>Letter date</dt><dd>{isoToUk(l.letterDate)}</dd>
        {warning && <><dt>Review on</dt><dd>{isoToUk(l.reviewOn) || 'not set'}</dd><dt>Expires on</dt><dd>{isoToUk(l.expiresOn) || 'not set'}</dd></>}
        <dt>Drafted</dt><dd>{formatDateTime(l.createdAt).slice(0, 16)} by {l.createdBy}</dd>
        {l.approvedAt ? <><dt>Approved</dt><dd>{formatDateTime(l.approvedAt).slice(0, 16)} by {l.approvedBy}</dd></> : null}
        {l.issuedOn && <><dt>Issued</dt><dd>{isoToUk(l.issuedOn)} · {issueMethods[l.issuedMethod] ?? l.issuedMethod} (recorded by {l.issuedBy})</dd></>}
        {l.endedOn && <><dt>Ended</dt><dd>{isoToUk(l.endedOn)}: {l.endedReason}</dd></>}
        <dt>PDF SHA-256</dt><dd className="hash">{l.pdfSha256}</dd>
      </dl>
      <Outcome error={error || loadError} status={status} />
      <div className="letter-buttons" role="group" aria-label="Save the letter">
        <button type="button" className="secondary" onClick={() => save('docx')}>Save as Word (DOCX)</button>
        <button type="button" className="secondary" onClick={() => save('pdf')}>Save as PDF</button>
      </div>
      <Preview l={l} Sub={Sub} />
      {/* Keyed by what it shows, so its dates and reasons start again from the saved letter after each step. */}
      <NextStep key={`${l.status}-${l.reviewOn}-${l.expiresOn}`} id={id} v={v} step={step} Sub={Sub} />

      <Sub>What the letter says</Sub>
      <p className="muted small">The words merged into the template for this letter.</p>
      {values.length === 0 ? <p>No merge values were recorded.</p> : (
        <dl className="merge-values">
          {values.map(([k, x]) => <div key={k}><dt>{fieldLabel(k)} <code className="small">{`{${k}}`}</code></dt><dd>{x || <em>empty</em>}</dd></div>)}
        </dl>
      )}

      <Sub>History</Sub>
      <table className="mini">
        <thead><tr><th scope="col">When (UK)</th><th scope="col">Who</th><th scope="col">Change</th><th scope="col">Detail</th></tr></thead>
        <tbody>{v.events.map((e, i) => (
          <tr key={i}><td>{formatDateTime(e.at).slice(0, 16)}</td><td>{e.actor}</td>
            <td>{e.from ? `${letterStatusLabels[e.from] ?? e.from} → ` : ''}{letterStatusLabels[e.to] ?? e.to}</td><td>{e.detail}</td></tr>
        ))}</tbody>
      </table>
    </div>
  )
}

type Step = (done: string, fn: () => Promise<unknown>) => Promise<boolean>

/**
 * The letter's pages as they will print: shown at once on a draft, so it is
 * checked as laid out before approval; on request once it has gone further.
 */
function Preview({ l, Sub }: { l: LetterView['letter']; Sub: 'h3' }) {
  const [open, setOpen] = useState(l.status === 'draft')
  return (
    <div className="letter-preview">
      <Sub>How the letter looks</Sub>
      {open ? <LetterPages id={l.id} refText={l.ref} sha={l.pdfSha256} />
        : <button type="button" className="secondary" onClick={() => setOpen(true)}>Show the letter&rsquo;s pages</button>}
    </div>
  )
}

/** The actions open to a letter in its current status; id is the selected letter. */
function NextStep({ id, v, step, Sub }: { id: number; v: LetterView; step: Step; Sub: 'h3' }) {
  const l = v.letter
  const [issueOn, setIssueOn] = useState(londonToday())
  const [method, setMethod] = useState('post')
  const [reason, setReason] = useState('')
  const [breachOn, setBreachOn] = useState(londonToday())
  const [reviewOn, setReviewOn] = useState(l.reviewOn)
  const [expiresOn, setExpiresOn] = useState(l.expiresOn)
  const [extendReason, setExtendReason] = useState('')
  const ended = ['breached', 'expired', 'revoked'].includes(l.status)
  if (ended) return null
  return (
    <div className="letter-steps">
      <Sub>Next step</Sub>
      {l.status === 'draft' && v.approvalByAnother && (
        <p className="hint" id={`approval-${id}`}>Approval by another person is required: {l.createdBy}, who drafted it, cannot approve it.</p>
      )}
      {l.status === 'draft' && (
        <div className="form-row">
          <button type="button" onClick={() => step(`Letter ${l.ref} approved.`, () => lettersApi.approve(id))}>Approve letter</button>
          <button type="button" className="secondary" onClick={() => step(`Letter ${l.ref} drafted again from the case, settings and template.`, () => lettersApi.redraft(id))}>Draft again</button>
        </div>
      )}
      {l.status === 'approved' && (
        <form className="form-row" aria-label="Issue the letter" onSubmit={(e) => { e.preventDefault(); step(`Letter ${l.ref} issued.`, () => lettersApi.issue(id, issueOn, method)) }}>
          <UkDateInput label="Issued on" value={issueOn} onChange={setIssueOn} />
          <label>How<select value={method} onChange={(e) => setMethod(e.target.value)}>
            {Object.entries(issueMethods).map(([k, t]) => <option key={k} value={k}>{t}</option>)}</select></label>
          <button type="submit">Record issue</button>
        </form>
      )}
      {l.status === 'in_force' && (
        <>
          <p className="warning-dates">This warning is in force. Review on <strong>{isoToUk(l.reviewOn) || 'no date'}</strong>; expires on <strong>{isoToUk(l.expiresOn) || 'no date'}</strong>.</p>
          <form className="form-row" aria-label="Record a breach" onSubmit={(e) => { e.preventDefault(); step(`Breach of ${l.ref} recorded.`, () => lettersApi.breach(id, breachOn, reason)) }}>
            <UkDateInput label="Breached on" value={breachOn} onChange={setBreachOn} />
            <label className="grow">What happened<input value={reason} onChange={(e) => setReason(e.target.value)} /></label>
            <button type="submit" className="secondary">Record breach</button>
          </form>
          <form className="form-row" aria-label="New review and expiry dates" onSubmit={(e) => { e.preventDefault(); step(`New dates for ${l.ref} recorded.`, () => lettersApi.extend(id, l, reviewOn, expiresOn, extendReason)) }}>
            <UkDateInput label="Review on" value={reviewOn} onChange={setReviewOn} />
            <UkDateInput label="Expires on" value={expiresOn} onChange={setExpiresOn} />
            <label className="grow">Why the dates change<input value={extendReason} onChange={(e) => setExtendReason(e.target.value)} /></label>
            <button type="submit" className="secondary">Change dates</button>
          </form>
        </>
      )}
      {l.status !== 'draft' && <RevokeForm id={id} refText={l.ref} step={step} />}
    </div>
  )
}

function RevokeForm({ id, refText, step }: { id: number; refText: string; step: Step }) {
  const [reason, setReason] = useState('')
  return (
    <form className="form-row" aria-label="Revoke the letter" onSubmit={(e) => { e.preventDefault(); step(`Letter ${refText} revoked.`, () => lettersApi.revoke(id, reason)).then((ok) => ok && setReason('')) }}>
      <label className="grow">Why revoke it<input value={reason} onChange={(e) => setReason(e.target.value)} /></label>
      <button type="submit" className="secondary danger">Revoke letter</button>
    </form>
  )
}
