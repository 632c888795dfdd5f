import { useEffect, useState } from 'react'
import { retentionApi, type Period, type Policy } from '../../api/retention'

// The DOMAIN table, in the guidance's words (NG 9.14, PT 10.8).
type PeriodKey = 'falseRed' | 'testRed' | 'genuineRed' | 'precautionaryRed' | 'duplicateRed' | 'amber' | 'amberSameDay'

const rows: { key: PeriodKey; label: string; from: string }[] = [
  { key: 'falseRed', label: 'False or accidental red alert', from: 'after it is categorised false' },
  { key: 'testRed', label: 'Test red alert', from: 'after it is categorised a test' },
  { key: 'genuineRed', label: 'Genuine red alert', from: 'after the alert' },
  { key: 'precautionaryRed', label: 'Precautionary red alert', from: 'after the alert' },
  { key: 'duplicateRed', label: 'Duplicate red alert', from: 'after the alert' },
  { key: 'amber', label: 'Amber alert memo', from: 'after the alert' },
  { key: 'amberSameDay', label: "Amber memo on the day of the same worker's genuine red alert", from: 'after the alert' },
]

const show = (p: Period) => `${p.n} ${p.n === 1 ? p.unit.slice(0, -1) : p.unit}`

/** How long recordings are kept before Redline destroys them. */
export function RetentionSettings() {
  const [policy, setPolicy] = useState<Policy | null>(null)
  const [defaults, setDefaults] = useState<Policy | null>(null)
  const [status, setStatus] = useState('')
  const [error, setError] = useState('')
  useEffect(() => {
    retentionApi.policy().then((r) => { setPolicy(r.policy); setDefaults(r.default) }, (e: Error) => setError(e.message))
  }, [])
  if (!policy || !defaults) return error ? <p className="error" role="alert">{error}</p> : <p>Loading…</p>
  const set = (key: PeriodKey, p: Partial<Period>) => setPolicy({ ...policy, [key]: { ...policy[key], ...p } } as Policy)
  const save = () => {
    setError('')
    setStatus('')
    retentionApi.save(policy).then((r) => { setPolicy(r.policy); setStatus('Retention periods saved. Recordings now due are destroyed within a minute.') },
      (e: Error) => setError(e.message))
  }
  return (
    <form onSubmit={(e) => { e.preventDefault(); save() }} aria-label="Retention periods">
      <p>Hours are elapsed time; months are calendar months in UK time. A legal hold on a case stops destruction of everything linked to it, and every destruction leaves a record.</p>
      <table className="mini retention">
        <thead><tr><th scope="col">Recording</th><th scope="col">Keep for</th><th scope="col">Counted</th><th scope="col">Guidance</th></tr></thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.label}</th>
              <td>
                <input type="number" min={1} max={120} value={policy[r.key].n} aria-label={`${r.label}: number`} onChange={(e) => set(r.key, { n: Number(e.target.value) })} />{' '}
                <select value={policy[r.key].unit} aria-label={`${r.label}: unit`} onChange={(e) => set(r.key, { unit: e.target.value })}>
                  <option value="hours">hours</option>
                  <option value="months">months</option>
                </select>
              </td>
              <td>{r.from}</td>
              <td>{show(defaults[r.key])}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p><button type="submit">Save retention periods</button></p>
      {status && <p className="ok" role="status">{status}</p>}
      {error && <p className="error" role="alert">{error}</p>}
    </form>
  )
}
