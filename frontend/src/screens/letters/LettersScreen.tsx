import { useCallback, useEffect, useState } from 'react'
import { letterKindLabels, lettersApi, letterStatusLabels, type Letter } from '../../api/letters'
import { isoToUk } from '../../ui/ukdate'
import { LetterDetail, londonToday, StatusBadge } from './LetterDetail'
import { LetterSettingsForm } from './LetterSettingsForm'
import { TemplatesPanel } from './TemplatesPanel'
import './letters.css'

type Tab = 'register' | 'templates' | 'settings'
const statuses = Object.keys(letterStatusLabels)

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
  const refresh = useCallback(() => {
    lettersApi.list({ status: shown }).then((r) => { setRows(r); setError('') }, (e: Error) => setError(e.message))
  }, [shown])
  useEffect(refresh, [refresh])
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
        <div className="letters-table-wrap">
          {!rows ? <p>Loading…</p> : list.length === 0 ? <p className="empty">No letters{shown.length || q ? ' match' : ' yet. Record a decision on a case, then draft its letter there'}.</p> : (
            <table className="mini letters-table">
              <caption className="visually-hidden">Letter register, newest first</caption>
              <thead><tr><th scope="col">Reference</th><th scope="col">Kind</th><th scope="col">Status</th><th scope="col">To</th>
                <th scope="col">Letter date</th><th scope="col">Issued</th><th scope="col">Review or expiry</th></tr></thead>
              <tbody>{list.map((l) => {
                const due = l.status === 'in_force' ? (l.reviewOn && l.reviewOn <= (l.expiresOn || l.reviewOn) ? l.reviewOn : l.expiresOn) : ''
                return (
                  <tr key={l.id} className={l.id === selected ? 'selected' : ''}>
                    <td><button type="button" className="linkish" aria-current={l.id === selected} onClick={() => setSelected(l.id)}>{l.ref}</button></td>
                    <td>{letterKindLabels[l.kind] ?? l.kind}</td>
                    <td><StatusBadge status={l.status} /></td>
                    <td>{l.recipient}</td>
                    <td>{isoToUk(l.letterDate)}</td>
                    <td>{l.issuedOn ? isoToUk(l.issuedOn) : ''}</td>
                    <td className={due && due < today ? 'overdue-text' : ''}>{l.kind === 'sanction' ? `review ${isoToUk(l.reviewOn)} · expires ${isoToUk(l.expiresOn)}` : ''}{due && due < today ? ' (overdue)' : ''}</td>
                  </tr>
                )
              })}</tbody>
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
