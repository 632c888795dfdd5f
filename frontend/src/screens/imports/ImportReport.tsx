import type { ImportResult } from '../../api/imports'

// ImportReport lists every problem an import found. Values come from the
// export and are shown as text only.
export function ImportReport({ result, onSave }: { result: ImportResult; onSave: () => void }) {
  const problems = result.problems ?? []
  if (problems.length === 0) return <p>No problems found.</p>
  return (
    <div className="import-report">
      <div className="report-head">
        <h3 id="report-title">Validation report: {result.errors} error{result.errors === 1 ? '' : 's'}, {result.warnings} warning{result.warnings === 1 ? '' : 's'}</h3>
        <button type="button" className="secondary" onClick={onSave}>Save report as CSV…</button>
      </div>
      {result.problemsOmitted > 0 && <p className="muted">Showing the first {problems.length}; {result.problemsOmitted} more are counted but not listed.</p>}
      <div className="report-scroll" tabIndex={0} role="region" aria-labelledby="report-title">
        <table className="mini report-table">
          <thead><tr><th scope="col">Severity</th><th scope="col">File</th><th scope="col">Line</th><th scope="col">Column</th><th scope="col">Value</th><th scope="col">Reason</th></tr></thead>
          <tbody>
            {problems.slice(0, 1000).map((p, i) => (
              <tr key={i} className={`sev-${p.severity}`}>
                <td>{p.severity === 'error' ? 'Error' : 'Warning'}</td>
                <td>{p.file}</td>
                <td>{p.line || ''}</td>
                <td>{p.column}</td>
                <td className="value">{p.value}</td>
                <td>{p.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  )
}
