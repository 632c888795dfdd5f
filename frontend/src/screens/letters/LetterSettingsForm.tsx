import { useEffect, useRef, useState } from 'react'
import { isChanged } from '../../api/conflict'
import { lettersApi, type LetterSettings } from '../../api/letters'
import { FieldError, errorId, formError, useShowError, type FormError } from '../../ui/fieldError'
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

// The fields Go's settings check can name (letters.Settings.Check), as the inputs' names.
const fields: readonly string[] = [...lines, ...blocks].map(([k]) => k).concat('warningMonths', 'expiryMonths', 'approvalByAnother')
const form = 'letter-settings'

/**
 * What a field's input carries: its name (so a refusal can find it), its hint,
 * and, while a refusal is about it, aria-invalid with the error read after the hint.
 */
function fieldProps(k: string, hinted: boolean, err: FormError | null) {
  const bad = err?.field === k
  const describedBy = [hinted ? `ls-${k}` : '', bad ? errorId(form, k) : ''].filter(Boolean).join(' ')
  return { name: k, 'aria-describedby': describedBy || undefined, ...(bad ? { 'aria-invalid': true } : {}) }
}

/** The trust's letter wording and contacts. Texts may use merge fields such as {trust_name}. */
export function LetterSettingsForm() {
  const [s, setS] = useState<LetterSettings | null>(null)
  // The settings as loaded or last saved here: a colleague's save since is refused, not overwritten.
  const [seen, setSeen] = useState<LetterSettings | null>(null)
  const show = (x: LetterSettings) => { setS(x); setSeen(x) }
  const [loadError, setLoadError] = useState('')
  const [status, setStatus] = useState('')
  // A refusal is shown beside the field it is about, which is scrolled to and focused.
  const [err, setErr] = useState<FormError | null>(null)
  const ref = useRef<HTMLFormElement>(null)
  useShowError(ref, form, err)
  useEffect(() => { lettersApi.settings().then((x) => { setS(x); setSeen(x) }, (e: Error) => setLoadError(e.message)) }, [])
  if (!s || !seen) return loadError ? <p className="error" role="alert">{loadError}</p> : <p>Loading…</p>
  const set = (k: Key) => (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
    setS({ ...s, [k]: k === 'warningMonths' || k === 'expiryMonths' ? Number(e.target.value) : e.target.value } as LetterSettings)
  const save = async (e: React.FormEvent) => {
    e.preventDefault()
    setErr(null); setStatus('')
    try {
      show(await lettersApi.saveSettings(seen, s))
      setStatus('Letter settings saved. New drafts use them; drafts already made can be drafted again.')
    } catch (x) {
      setErr((old) => formError(x as Error, fields, (old?.n ?? 0) + 1))
      // A colleague saved first: the form shows their settings, to look at again.
      if (isChanged(x)) lettersApi.settings().then(show, () => {})
    }
  }
  return (
    <form ref={ref} className="letter-settings" aria-label="Letter wording and contacts" onSubmit={(e) => { void save(e) }}>
      <p className="muted">Texts may use merge fields in braces, such as <code>{'{trust_name}'}</code> or <code>{'{case_ref}'}</code>; see the Templates tab for the list.</p>
      <div className="settings-grid">
        {lines.map(([k, label, hint]) => (
          <label key={k}>{label}<input value={String(s[k] ?? '')} onChange={set(k)} {...fieldProps(k, hint !== '', err)} />
            {hint && <span id={`ls-${k}`} className="hint">{hint}</span>}
            <FieldError form={form} field={k} err={err} /></label>
        ))}
        <label>Warning review period (months)<input type="number" min={1} max={60} value={s.warningMonths} onChange={set('warningMonths')} {...fieldProps('warningMonths', true, err)} />
          <span id="ls-warningMonths" className="hint">When a warning is reviewed, unless the decision gives a date (the guidance suggests 12)</span>
          <FieldError form={form} field="warningMonths" err={err} /></label>
        <label>Warning expiry (months)<input type="number" min={1} max={60} value={s.expiryMonths} onChange={set('expiryMonths')} {...fieldProps('expiryMonths', true, err)} />
          <span id="ls-expiryMonths" className="hint">When a warning lapses; not before its review</span>
          <FieldError form={form} field="expiryMonths" err={err} /></label>
      </div>
      <label className="choice settings-check"><input type="checkbox" checked={s.approvalByAnother} onChange={(e) => setS({ ...s, approvalByAnother: e.target.checked })}
        {...fieldProps('approvalByAnother', true, err)} />Approval by another person</label>
      <span id="ls-approvalByAnother" className="hint">When ticked, the person who drafted a letter cannot approve it. Team mode always requires this.</span>
      <FieldError form={form} field="approvalByAnother" err={err} />
      {blocks.map(([k, label, hint]) => (
        <label key={k} className="settings-block">{label}
          <textarea value={String(s[k] ?? '')} onChange={set(k)} rows={k === 'letterhead' || k.endsWith('Address') ? 3 : 4} {...fieldProps(k, hint !== '', err)} />
          {hint && <span id={`ls-${k}`} className="hint">{hint}</span>}
          <FieldError form={form} field={k} err={err} /></label>
      ))}
      <FieldError form={form} field="" err={err} />
      <Outcome error="" status={status} />
      <button type="submit">Save letter settings</button>
    </form>
  )
}
