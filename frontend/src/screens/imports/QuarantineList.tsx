import { useEffect, useState } from 'react'
import { importsApi, type Quarantine } from '../../api/imports'

// QuarantineList shows the rows an import kept aside and saves them as CSV
// files the person can fix and import again. Go picks the folder in a native
// dialog; the page only ever names the import by its id.
export function QuarantineList({ importId }: { importId: number }) {
  const [q, setQ] = useState<Quarantine | null>(null)
  const [error, setError] = useState('')
  const [saved, setSaved] = useState('')
  const [saving, setSaving] = useState(false)

  useEffect(() => {
    let live = true
    importsApi.quarantined(importId).then((r) => { if (live) setQ(r) }, (e: Error) => { if (live) setError(e.message) })
    return () => { live = false }
  }, [importId])

  const save = async () => {
    setError(''); setSaved(''); setSaving(true)
    try {
      const folder = await importsApi.saveQuarantine(importId)
      if (folder) setSaved(folder)
    } catch (e) { setError((e as Error).message) } finally { setSaving(false) }
  }

  if (error && !q) return <p className="error" role="alert">{error}</p>
  if (!q || q.total === 0) return null
  const rows = q.rows ?? []
  const titleId = `quarantine-title-${importId}`
  return (
    <div className="import-quarantine" role="region" aria-labelledby={titleId}>
      <div className="report-head">
        <h3 id={titleId}>Quarantined rows: {q.total.toLocaleString('en-GB')} kept aside</h3>
        <button type="button" onClick={save} disabled={saving}>Save quarantined rows to fix…</button>
      </div>
      <p className="muted">These rows were not imported. Save them, fix them in the files (they keep the export's own columns),
        then import the saved folder. Open the files in a text editor, or in a spreadsheet as text: cells are written exactly as
        the ARC sent them.</p>
      {error && <p className="error" role="alert">{error}</p>}
      {saved && <p className="notice" role="status">Quarantined rows saved to {saved}. Fix them there, then choose that folder to import it.</p>}
      {q.total > rows.length && <p className="muted">Showing the first {rows.length}; the saved files hold all {q.total.toLocaleString('en-GB')}.</p>}
      <div className="report-scroll" tabIndex={0} role="group" aria-labelledby={titleId}>
        <table className="mini quarantine-table">
          <thead><tr><th scope="col">File</th><th scope="col">Line</th><th scope="col">Alarm reference</th><th scope="col">Problems</th></tr></thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.file}:${r.line}`}>
                <td>{r.file}</td>
                <td>{r.line}</td>
                <td className="value">{r.ref}</td>
                <td>{(r.problems ?? []).length === 1 ? r.problems[0] : (
                  <ul className="problem-list">{(r.problems ?? []).map((p, i) => <li key={i}>{p}</li>)}</ul>
                )}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  )
}
