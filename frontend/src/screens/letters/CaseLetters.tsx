import { useState } from 'react'
import { letterKindLabels, lettersApi, type Letter } from '../../api/letters'
import { isoToUk } from '../../ui/ukdate'
import { useLoad } from '../../ui/useLoad'
import { useAct } from './act'
import { LetterDetail, StatusBadge } from './LetterDetail'
import { Outcome } from './Outcome'
import './letters.css'

/** A case's letters: draft the one its decision calls for, then approve, issue and track it. */
export function CaseLetters({ caseId, onChanged }: { caseId: number; onChanged?: () => void }) {
  const loaded = useLoad(caseId, (id) => lettersApi.list({ caseId: id }))
  // Keyed by the case, so the open letter and any outcome belong to this case only.
  return <LettersOfCase key={caseId} caseId={caseId} rows={loaded.data ?? null} loadError={loaded.error} reload={loaded.reload} onChanged={onChanged} />
}

function LettersOfCase({ caseId, rows, loadError, reload, onChanged }: {
  caseId: number; rows: Letter[] | null; loadError: string; reload: () => Promise<void>; onChanged?: () => void
}) {
  // The letter chosen here (0: all closed); until one is, or once it has gone, the first listed is open.
  const [chosen, setOpen] = useState<number | null>(null)
  const keep = chosen === 0 || !!rows?.some((l) => l.id === chosen)
  const open = keep && chosen != null ? chosen : rows?.[0]?.id ?? 0
  const { act, error, status, setStatus } = useAct()

  const draft = async () => {
    const l = await act((x: Letter) => `Letter ${x.ref} drafted. Check it, then approve it.`, () => lettersApi.draft(caseId))
    if (l) { await reload(); setOpen(l.id); onChanged?.() }
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
      <Outcome error={error || loadError} status={status} />
      <button type="button" className={live ? 'secondary' : ''} onClick={draft}>{rows && rows.length > 0 ? 'Draft another letter' : 'Draft the letter'}</button>
      {open ? <div className="panel case-letter-panel"><LetterDetail letterId={open} headingLevel={4} onChanged={() => { setStatus(''); reload(); onChanged?.() }} /></div> : null}
    </section>
  )
}
