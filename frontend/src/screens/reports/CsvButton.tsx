import { useState } from 'react'
import { trendsApi, type TrendsQuery } from '../../api/trends'

/**
 * "Export CSV" for one table of the Reports screen. The file is written by
 * the backend through the export chokepoint (audited, in the export
 * register, formula-like cells neutralised); the outcome shows beside the button.
 */
export function CsvButton({ query, table, title }: { query: TrendsQuery; table: string; title: string }) {
  const [saved, setSaved] = useState('')
  const [error, setError] = useState('')
  async function save() {
    setSaved('')
    setError('')
    try {
      const path = await trendsApi.exportCSV(query, table)
      if (path) setSaved(`Saved to ${path}`)
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
    }
  }
  return (
    <div className="csv-export">
      <button type="button" className="secondary" onClick={() => void save()} aria-label={`Export CSV of ${title.toLowerCase()}`}>Export CSV</button>
      {saved && <span role="status">{saved}</span>}
      {error && <span className="error" role="alert">{error}</span>}
    </div>
  )
}
