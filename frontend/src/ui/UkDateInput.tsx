import { useId, useState } from 'react'
import { isoToUk, parseUkDate } from './ukdate'

/**
 * A date field that always reads and writes UK order, whatever the laptop's
 * locale (a browser date picker follows the system and may show mm/dd/yyyy).
 */
export function UkDateInput({ label, value, onChange, name }: {
  label: string
  value: string // yyyy-mm-dd or ''
  onChange: (iso: string) => void
  name?: string
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
  const commit = (s: string) => {
    if (s.trim() === '') {
      setInvalid(false)
      onChange('')
      return
    }
    const iso = parseUkDate(s)
    setInvalid(iso == null)
    if (iso) onChange(iso)
  }
  return (
    <label>
      {label}
      <input type="text" inputMode="numeric" placeholder="dd/mm/yyyy" name={name} value={text} size={11}
        aria-invalid={invalid} aria-describedby={invalid ? errId : undefined}
        onChange={(e) => {
          setText(e.target.value)
          if (e.target.value === '' || parseUkDate(e.target.value)) commit(e.target.value)
        }}
        onBlur={(e) => commit(e.target.value)} />
      {invalid && <span id={errId} className="field-error">Enter a real date as dd/mm/yyyy</span>}
    </label>
  )
}
