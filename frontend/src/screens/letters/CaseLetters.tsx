import { useCallback, useEffect, useState } from 'react'
import { letterKindLabels, lettersApi, type Letter } from '../../api/letters'
import { isoToUk } from '../../ui/ukdate'
import { useAct } from './act'
import { LetterDetail, StatusBadge } from './LetterDetail'
import { Outcome } from './Outcome'
import './letters.css'

/** A case's letters: draft the one its decision calls for, then approve, issue and track it. */
export function CaseLetters({ caseId, onChanged }: { caseId: number; onChanged?: () => void }) {
  const [rows, setRows] = useState<Letter[] | null>(null)
  const [open, setOpen] = useState(0)
  const { act, error, status, setError } = useAct()
  const load = useCallback(() => lettersApi.list({ caseId }).then((r) => {
    setRows(r)
    setOpen((cur) => (cur && r.some((l) => l.id === cur) ? cur : r[0]?.id ?? 0))
  }, (e: Error) => setError(e.message)), [caseId, setError])
  useEffect(() => { setOpen(0); load() }, [load])

  const draft = async () => {
    const l = await act((x: Letter) => `Letter ${x.ref} drafted. Check it, then approve it.`, () => lettersApi.draft(caseId))
    if (l) { await load(); setOpen(l.id); onChanged?.() }
  }
  const live = rows?.some((l) => !['revoked', 'expired', 'breached'].includes(l.status))
  return (
    <section aria-labelledby={`case-letters-h-${caseId}`} className="case-letters">
      <h3 id={`case-letters-h-${caseId}`}>Letters</h3>
      {rows && rows.length > 0 && (
        <ul className="plain letter-list">
          {rows.map((l) => (
            <li key={l.id}>
              <button type="button" className="linkish" aria-expanded={open === l.id} onClick={() => setOpen(open === l.id ? 0 : l.id)}>{l.ref}</button>
              {' '}{letterKindLabels[l.kind] ?? l.kind} <StatusBadge status={l.status} />
              {l.status === 'in_force' && <span className="small"> · review {isoToUk(l.reviewOn)} · expires {isoToUk(l.expiresOn)}</span>}
            </li>
          ))}
        </ul>
      )}
      {rows && rows.length === 0 && <p>No letter yet. Once the decision is recorded, draft the letter it calls for.</p>}
      <Outcome error={error} status={status} />
      <button type="button" className={live ? 'secondary' : ''} onClick={draft}>{rows && rows.length > 0 ? 'Draft another letter' : 'Draft the letter'}</button>
      {open ? <div className="panel case-letter-panel"><LetterDetail letterId={open} headingLevel={4} onChanged={() => { load(); onChanged?.() }} /></div> : null}
    </section>
  )
}
