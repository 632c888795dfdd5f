import { useEffect, useId, useRef, useState } from 'react'
import { bundlesApi, exhibitSettingsHash, type ExhibitSettings as Settings } from '../../api/bundles'
import { FieldError, formError, invalidProps, useShowError, type FormError } from '../../ui/fieldError'
import { focusFirstControl } from '../../ui/focus'
import './exhibit-settings.css'

type Key = keyof Settings
const fields: { key: Key; label: string; hint: string }[] = [
  { key: 'producer', label: "Producer's name", hint: 'The person who produces the exhibits: the statement is in their name.' },
  { key: 'role', label: "Producer's job title", hint: 'For example Local Security Management Specialist.' },
  { key: 'initials', label: 'Initials for exhibit references', hint: '1 to 4 letters: AM gives AM/1, AM/2 and so on.' },
  { key: 'separator', label: 'Separator', hint: 'One or two marks between the initials and the number, such as / or -.' },
  { key: 'keptAt', label: 'Where exhibits are kept', hint: 'Printed in the exhibit list for every exhibit.' },
  { key: 'trust', label: 'Trust name', hint: 'Printed in the statement and the evidence package.' },
]
const names = fields.map((f) => f.key as string)

/** A reference as the settings would make it, for the preview. */
function example(s: Settings, n: number): string {
  return `${s.initials.trim().toUpperCase() || '??'}${s.separator}${n}`
}

/**
 * Settings > Exhibits: who produces a case's exhibits and how their
 * references are made. Reached from any message that names this place, by
 * the address #/settings/exhibits, which brings the form into view.
 */
export function ExhibitSettings() {
  const [s, setS] = useState<Settings | null>(null)
  const [loadError, setLoadError] = useState('')
  const [err, setErr] = useState<FormError | null>(null)
  const [status, setStatus] = useState('')
  const [busy, setBusy] = useState(false)
  const form = useRef<HTMLFormElement>(null)
  const n = useRef(0)
  const id = useId()
  const formId = `exs${id.replace(/:/g, '')}`
  useShowError(form, formId, err)
  useEffect(() => { bundlesApi.settings().then(setS, (e: Error) => setLoadError(e.message)) }, [])
  const ready = s !== null
  useEffect(() => {
    // Sent here by a message: show the form and start the keyboard in it.
    const arrive = () => {
      if (window.location.hash !== exhibitSettingsHash || !form.current) return
      form.current.scrollIntoView?.({ block: 'start' })
      focusFirstControl(form.current)
    }
    arrive()
    window.addEventListener('hashchange', arrive)
    return () => window.removeEventListener('hashchange', arrive)
  }, [ready])

  if (!s) return loadError ? <p className="error" role="alert">{loadError}</p> : <p role="status">Loading the exhibit settings…</p>
  const save = async () => {
    setErr(null); setStatus(''); setBusy(true)
    try {
      const saved = await bundlesApi.saveSettings(s)
      setS(saved)
      setStatus(`Exhibit settings saved. New exhibits will be numbered ${example(saved, 1)}, ${example(saved, 2)} and so on; exhibits already numbered keep their references.`)
    } catch (e) {
      setErr(formError(e as Error, names, ++n.current))
    } finally {
      setBusy(false)
    }
  }
  return (
    <form ref={form} className="exhibit-settings" aria-label="Exhibit settings" noValidate
      onSubmit={(e) => { e.preventDefault(); save() }}>
      <p>
        A case's exhibits are numbered under the producer's initials (such as AM/1) when its court bundle is first shown.
        Numbers are never reused. Saving is recorded in the audit log.
      </p>
      <div className="settings-grid">
        {fields.map((f) => (
          <label key={f.key}>{f.label}
            <input name={f.key} value={s[f.key] ?? ''} maxLength={f.key === 'separator' ? 2 : f.key === 'initials' ? 4 : 200}
              onChange={(e) => setS({ ...s, [f.key]: e.target.value })}
              {...invalidProps(formId, f.key, err)}
              aria-describedby={err?.field === f.key ? `${formId}-err-${f.key} ${formId}-h-${f.key}` : `${formId}-h-${f.key}`} />
            <span id={`${formId}-h-${f.key}`} className="hint">{f.hint}</span>
            <FieldError form={formId} field={f.key} err={err} />
          </label>
        ))}
      </div>
      <p className="muted" aria-live="polite">References will look like <strong>{example(s, 1)}</strong>, <strong>{example(s, 2)}</strong>.</p>
      <button type="submit" disabled={busy}>Save exhibit settings</button>
      <div aria-live="polite">
        {status && <p className="ok" role="status">{status}</p>}
      </div>
      <FieldError form={formId} field="" err={err} />
    </form>
  )
}
