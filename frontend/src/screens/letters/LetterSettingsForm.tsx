import { useEffect, useState } from 'react'
import { lettersApi, type LetterSettings } from '../../api/letters'
import { useAct } from './act'
import { Outcome } from './Outcome'
import './letters.css'

type Key = keyof LetterSettings
const lines: [Key, string, string][] = [
  ['trustName', 'Trust name', ''],
  ['lsmsName', 'LSMS name', ''],
  ['lsmsTitle', 'LSMS job title', ''],
  ['lsmsPhone', 'LSMS telephone', ''],
  ['lsmsEmail', 'LSMS email', ''],
  ['legalServicesName', 'Legal services name', 'Who private prosecution and civil action referrals go to'],
]
const blocks: [Key, string, string][] = [
  ['letterhead', 'Letterhead', 'Address, telephone and web site, one per line'],
  ['lsmsAddress', 'LSMS postal address', 'Where recipients write to ask for a transcript'],
  ['legalServicesAddress', 'Legal services address', ''],
  ['recordingStatement', 'Statement that a recording exists (required)', 'Every letter to an alleged offender must say a recording exists (policy 10.8)'],
  ['transcriptRequest', 'How to request a transcript (required)', 'The route the recipient uses to ask for a transcript'],
  ['warningWording', 'Warning wording', 'The body of a sanction (warning) letter'],
  ['noSanctionWording', 'No-sanction wording', 'The body of a letter saying no sanction follows'],
]

/** The trust's letter wording and contacts. Texts may use merge fields such as {trust_name}. */
export function LetterSettingsForm() {
  const [s, setS] = useState<LetterSettings | null>(null)
  const { act, error, status, setError } = useAct()
  useEffect(() => { lettersApi.settings().then(setS, (e: Error) => setError(e.message)) }, [setError])
  if (!s) return error ? <p className="error" role="alert">{error}</p> : <p>Loading…</p>
  const set = (k: Key) => (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
    setS({ ...s, [k]: k === 'warningMonths' ? Number(e.target.value) : e.target.value } as LetterSettings)
  return (
    <form className="letter-settings" aria-label="Letter wording and contacts"
      onSubmit={(e) => { e.preventDefault(); act('Letter settings saved. New drafts use them; drafts already made can be drafted again.', () => lettersApi.saveSettings(s)).then((r) => r && setS(r)) }}>
      <p className="muted">Texts may use merge fields in braces, such as <code>{'{trust_name}'}</code> or <code>{'{case_ref}'}</code>; see the Templates tab for the list.</p>
      <div className="settings-grid">
        {lines.map(([k, label, hint]) => (
          <label key={k}>{label}<input value={String(s[k] ?? '')} onChange={set(k)} aria-describedby={hint ? `ls-${k}` : undefined} />
            {hint && <span id={`ls-${k}`} className="hint">{hint}</span>}</label>
        ))}
        <label>Warning review period (months)<input type="number" min={1} max={60} value={s.warningMonths} onChange={set('warningMonths')} aria-describedby="ls-months" />
          <span id="ls-months" className="hint">A warning's review and expiry date, unless the decision gives one (the guidance suggests 12)</span></label>
      </div>
      {blocks.map(([k, label, hint]) => (
        <label key={k} className="settings-block">{label}
          <textarea value={String(s[k] ?? '')} onChange={set(k)} rows={k === 'letterhead' || k.endsWith('Address') ? 3 : 4} aria-describedby={hint ? `ls-${k}` : undefined} />
          {hint && <span id={`ls-${k}`} className="hint">{hint}</span>}</label>
      ))}
      <Outcome error={error} status={status} />
      <button type="submit">Save letter settings</button>
    </form>
  )
}
