import type { PastImport } from '../../api/imports'
import { useState } from 'react'
import { formatDateTime } from '../../ui/time'
import { QuarantineList } from './QuarantineList'

interface Stored { summary?: { alerts?: { new: number; updated: number; unchanged: number; rejected: number } } }

function alertCounts(summary: string): string {
  try {
    const s = JSON.parse(summary) as Stored
    const a = s.summary?.alerts
    if (!a) return ''
    return `${a.new} new, ${a.updated} updated, ${a.unchanged} unchanged, ${a.rejected} rejected`
  } catch {
    return ''
  }
}

// ImportHistory lists past imports with every file they received and its SHA-256.
export function ImportHistory({ history, onSaveReport }: { history: PastImport[]; onSaveReport: (importId: number) => void }) {
  const [showQuarantine, setShowQuarantine] = useState<number | null>(null)
  return (
    <div className="panel import-history" aria-labelledby="history-title">
      <h2 id="history-title">Past imports</h2>
      {history.length === 0 && <p className="muted">No imports yet.</p>}
      <ol className="history-list">
        {history.map((h) => (
          <li key={h.id}>
            <details>
              <summary>
                <strong>{formatDateTime(h.startedAt)}</strong> · {h.source} · {h.status} · profile {h.profile} · by {h.importedBy}
                <span className="muted"> · alerts: {alertCounts(h.summary)}</span>
              </summary>
              {(h.problems > 0 || h.quarantined > 0) && (
                <div className="history-actions">
                  {h.problems > 0 && <button type="button" className="secondary" onClick={() => onSaveReport(h.id)}>Save report as CSV…</button>}
                  {h.quarantined > 0 && showQuarantine !== h.id && (
                    <button type="button" className="secondary" onClick={() => setShowQuarantine(h.id)}>
                      Show {h.quarantined} quarantined row{h.quarantined === 1 ? '' : 's'}
                    </button>
                  )}
                </div>
              )}
              {showQuarantine === h.id && <QuarantineList importId={h.id} />}
              <table className="mini">
                <caption className="visually-hidden">Files received in import {h.id}</caption>
                <thead><tr><th scope="col">File</th><th scope="col">Kind</th><th scope="col">Bytes</th><th scope="col">SHA-256</th></tr></thead>
                <tbody>
                  {(h.files ?? []).map((f) => (
                    <tr key={f.name}><td>{f.name}</td><td>{f.kind}</td><td>{f.size.toLocaleString('en-GB')}</td><td className="hash">{f.sha256}</td></tr>
                  ))}
                </tbody>
              </table>
            </details>
          </li>
        ))}
      </ol>
    </div>
  )
}
