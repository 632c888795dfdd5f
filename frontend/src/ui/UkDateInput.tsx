import { useId, useState } from 'react'
import { isoToUk, parseUkDate } from './ukdate'

/**
 * A date field that always reads and writes UK order, whatever the laptop's
 * locale (a browser date picker follows the system and may show mm/dd/yyyy).
 *
 * whenInvalid is for filters: given, the field stops applying its date as soon
 * as its text is no longer a real date (it sends '') and the error adds this
 * note, so a table never stays filtered by a date the field no longer shows.
 * Without it, the last real date stays with the form until the text is fixed.
 */
export function UkDateInput({ label, value, onChange, name, whenInvalid }: {
  label: string
  value: string // yyyy-mm-dd or ''
  onChange: (iso: string) => void
  name?: string
  whenInvalid?: string
}) {
  const [text, setText] = useState(isoToUk(value))
  const [invalid, setInvalid] = useState(false)
  const errId = useId()
  // A new value from the parent (a reload, a cleared form) replaces what was typed,
  // during this render rather than after it, so the old text never shows.
  const [shown, setShown] = useState(value)
  if (value !== shown) {
    setShown(value)
    setText(isoToUk(value))
    setInvalid(false)
  }
  // send passes a date to the parent, remembering it as shown so the typed text stays.
  const send = (iso: string) => {
    setShown(iso)
    onChange(iso)
  }
  const commit = (s: string) => {
    if (s.trim() === '') {
      setInvalid(false)
      send('')
      return
    }
    const iso = parseUkDate(s)
    setInvalid(iso == null)
    if (iso) send(iso)
    else if (whenInvalid != null && value !== '') send('')
  }
  return (
    <label>
      {label}
      <input type="text" inputMode="numeric" placeholder="dd/mm/yyyy" name={name} value={text} size={11}
        aria-invalid={invalid} aria-describedby={invalid ? errId : undefined}
        onChange={(e) => {
          const s = e.target.value
          setText(s)
          if (s === '' || parseUkDate(s)) commit(s)
          // A filter lets go of its date at once; the error waits until the typing stops.
          else if (whenInvalid != null && value !== '') send('')
        }}
        onKeyDown={(e) => { if (e.key === 'Enter') commit(e.currentTarget.value) }}
        onBlur={(e) => commit(e.target.value)} />
      {invalid && <span id={errId} className="field-error">Enter a real date as dd/mm/yyyy{whenInvalid ? `. ${whenInvalid}` : ''}</span>}
    </label>
  )
}
