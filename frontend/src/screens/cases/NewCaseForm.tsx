import { useState } from 'react'
import { casesApi } from '../../api/cases'
import { formatDateTime, londonDayStart } from '../../ui/time'
import { UkDateInput } from '../../ui/UkDateInput'

/** Opens a case for an incident reported another way than a red alert. */
export function NewCaseForm({ onOpened }: { onOpened: (id: number) => void }) {
  const [title, setTitle] = useState('')
  const [day, setDay] = useState('')
  const [time, setTime] = useState('')
  const [summary, setSummary] = useState('')
  const [error, setError] = useState('')
  const submit = async (e: React.FormEvent) => {
    e.preventDefault()
    setError('')
    const m = /^(\d{1,2}):(\d{2})$/.exec(time.trim())
    if (!day) return setError('Give the date of the incident (dd/mm/yyyy).')
    const at = londonInstant(day, m ? Number(m[1]) : 0, m ? Number(m[2]) : 0)
    try {
      const c = await casesApi.openManual(title, at, summary)
      onOpened(c.id)
    } catch (err) { setError((err as Error).message) }
  }
  return (
    <form className="cw-detail stack" onSubmit={submit} aria-labelledby="new-case-h">
      <h2 id="new-case-h">Open a case by hand</h2>
      <label>Title<input value={title} onChange={(e) => setTitle(e.target.value)} /></label>
      <div className="form-row">
        <UkDateInput label="Date of the incident" value={day} onChange={setDay} />
        <label>Time (UK, hh:mm)<input value={time} onChange={(e) => setTime(e.target.value)} size={6} placeholder="14:30" /></label>
      </div>
      <label>What happened<textarea value={summary} onChange={(e) => setSummary(e.target.value)} /></label>
      <div><button type="submit">Open case</button></div>
      {error && <p className="error" role="alert">{error}</p>}
    </form>
  )
}

/** The instant London clocks show hh:mm on day, allowing for a clock change earlier that day. */
export function londonInstant(day: string, h: number, m: number): number {
  const guess = londonDayStart(day) + h * 3600 + m * 60
  const [sh, sm] = formatDateTime(guess).slice(11, 16).split(':').map(Number)
  let diff = (sh * 60 + sm) - (h * 60 + m)
  if (diff > 720) diff -= 1440
  if (diff < -720) diff += 1440
  return guess - diff * 60
}
