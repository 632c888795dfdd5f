import { useCallback, useEffect, useState, type ReactNode } from 'react'
import { useDataChanged } from '../../api/changes'
import { letterKindLabels, letterKindShort, lettersApi, letterStatusLabels, type Letter } from '../../api/letters'
import { fitColumns, useColumns, useRoom } from '../../ui/columns'
import { ColumnsMenu } from '../../ui/ColumnsMenu'
import { isoToUk } from '../../ui/ukdate'
import { LetterDetail, londonToday, StatusBadge } from './LetterDetail'
import { LetterSettingsForm } from './LetterSettingsForm'
import { TemplatesPanel } from './TemplatesPanel'
import './letters.css'

type Tab = 'register' | 'templates' | 'settings'
const statuses = Object.keys(letterStatusLabels)

interface Column { id: string; header: string; size: number; cell: (l: Letter, today: string) => ReactNode }

/** A warning's date is overdue once it has passed while the warning is in force. */
function dueCell(day: string, l: Letter, today: string): ReactNode {
  if (!day) return ''
  const overdue = l.status === 'in_force' && day < today
  return <span className={overdue ? 'overdue-text' : ''}>{isoToUk(day)}{overdue ? ' (overdue)' : ''}</span>
}

// In the order a 1366-pixel laptop shows them beside the open letter: the
// reference (which names the letter), its status and recipient first; the
// rest as room allows, each on one line. Sizes are pixels.
const columns: Column[] = [
  { id: 'ref', header: 'Reference', size: 125, cell: () => null },
  { id: 'status', header: 'Status', size: 90, cell: (l) => <StatusBadge status={l.status} /> },
  { id: 'recipient', header: 'To', size: 130, cell: (l) => l.recipient },
  { id: 'kind', header: 'Kind', size: 110, cell: (l) => <span title={letterKindLabels[l.kind]}>{letterKindShort[l.kind] ?? l.kind}</span> },
  { id: 'reviewOn', header: 'Review on', size: 92, cell: (l, today) => (l.kind === 'sanction' ? dueCell(l.reviewOn, l, today) : '') },
  { id: 'expiresOn', header: 'Expires on', size: 92, cell: (l, today) => (l.kind === 'sanction' ? dueCell(l.expiresOn, l, today) : '') },
  { id: 'letterDate', header: 'Letter date', size: 95, cell: (l) => isoToUk(l.letterDate) },
  { id: 'issuedOn', header: 'Issued', size: 92, cell: (l) => (l.issuedOn ? isoToUk(l.issuedOn) : '') },
]
const columnIds = columns.map((c) => c.id)
const columnSizes = Object.fromEntries(columns.map((c) => [c.id, c.size]))
const columnHeaders = Object.fromEntries(columns.map((c) => [c.id, c.header]))
const KEEP = 'ref'
export const LETTER_COLUMNS_KEY = 'redline.letters.columns'

/** The letter register, the Word templates and the trust's letter wording. */
export function LettersScreen() {
  const [tab, setTab] = useState<Tab>('register')
  const tabs: [Tab, string][] = [['register', 'Register'], ['templates', 'Templates'], ['settings', 'Wording and contacts']]
  return (
    <section className="screen letters-screen" aria-labelledby="letters-title">
      <div className="screen-header"><h1 id="letters-title">Letters</h1></div>
      <div className="tabs" role="tablist" aria-label="Letters">
        {tabs.map(([id, text]) => (
          <button key={id} type="button" role="tab" id={`letters-tab-${id}`} aria-selected={tab === id} aria-controls="letters-panel"
            onClick={() => setTab(id)}>{text}</button>
        ))}
      </div>
      <div id="letters-panel" role="tabpanel" aria-labelledby={`letters-tab-${tab}`} className="letters-panel">
        {tab === 'register' && <Register />}
        {tab === 'templates' && <TemplatesPanel />}
        {tab === 'settings' && <LetterSettingsForm />}
      </div>
    </section>
  )
}

function Register() {
  const [shown, setShown] = useState<string[]>([])
  const [text, setText] = useState('')
  const [rows, setRows] = useState<Letter[] | null>(null)
  const [selected, setSelected] = useState(0)
  const [error, setError] = useState('')
  // The columns chosen, fitted to the room beside the open letter.
  const cols = useColumns(LETTER_COLUMNS_KEY, columnIds, KEEP)
  const [setWrap, room] = useRoom()
  const drawn = fitColumns(cols.choice, columnSizes, room, KEEP).map((id) => columns.find((c) => c.id === id)!)
  const refresh = useCallback(() => {
    lettersApi.list({ status: shown }).then((r) => { setRows(r); setError('') }, (e: Error) => setError(e.message))
  }, [shown])
  useEffect(refresh, [refresh])
  useDataChanged(['letters'], refresh)
  const toggle = (s: string) => setShown(shown.includes(s) ? shown.filter((x) => x !== s) : [...shown, s])
  const today = londonToday()
  const q = text.trim().toLowerCase()
  const list = (rows ?? []).filter((l) => !q || [l.ref, l.caseRef, l.recipient].some((x) => x.toLowerCase().includes(q)))
  return (
    <div className="letters-register">
      <fieldset className="filters letter-filters">
        <legend>Show letters that are</legend>
        {statuses.map((s) => (
          <label key={s} className="choice"><input type="checkbox" checked={shown.includes(s)} onChange={() => toggle(s)} />{letterStatusLabels[s]}</label>
        ))}
        <span className="muted small">{shown.length === 0 ? 'No status ticked: every letter is shown.' : ''}</span>
        <label className="letter-search">Search<input type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder="Reference, case or recipient" /></label>
      </fieldset>
      {error && <p className="error" role="alert">{error}</p>}
      <div className="letters-split">
        <div className="letters-table-wrap" ref={setWrap}>
          <div className="table-tools">
            <ColumnsMenu choice={cols.choice} headers={columnHeaders} drawn={drawn.map((c) => c.id)} keep={KEEP} toggle={cols.toggle} move={cols.move} reset={cols.reset} />
          </div>
          {!rows ? <p>Loading…</p> : list.length === 0 ? <p className="empty">No letters{shown.length || q ? ' match' : ' yet. Record a decision on a case, then draft its letter there'}.</p> : (
            <table className="mini letters-table">
              <caption className="visually-hidden">Letter register, newest first</caption>
              <thead><tr>{drawn.map((c) => <th key={c.id} scope="col">{c.header}</th>)}</tr></thead>
              <tbody>{list.map((l) => (
                <tr key={l.id} className={l.id === selected ? 'selected' : ''}>
                  {drawn.map((c) => c.id === KEEP
                    ? <td key={c.id}><button type="button" className="linkish" aria-current={l.id === selected} onClick={() => setSelected(l.id)}>{l.ref}</button></td>
                    : <td key={c.id}>{c.cell(l, today)}</td>)}
                </tr>
              ))}</tbody>
            </table>
          )}
        </div>
        <div className="letters-detail-wrap">
          {selected ? <LetterDetail letterId={selected} onChanged={refresh} /> : <p className="muted">Choose a letter to see it.</p>}
        </div>
      </div>
    </div>
  )
}
