import { useMemo, useState } from 'react'
import { importsApi, type HeaderInfo, type Preview } from '../../api/imports'
import { buildProfile, fields, guessColumn, vocabulary, type Draft } from './profileDraft'

// ImportWizard maps an unknown export layout to Redline's fields, previews the
// result and saves it as a new import profile in the data directory.
export function ImportWizard({ token, files, onCancel, onSaved }: {
  token: string
  files: HeaderInfo[]
  onCancel: () => void
  onSaved: (profileName: string) => void
}) {
  const [fileIdx, setFileIdx] = useState(0)
  const file = files[fileIdx]
  const [draft, setDraft] = useState<Draft>(() => initialDraft(files[0]))
  const [preview, setPreview] = useState<Preview | null>(null)
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)

  const headers = useMemo(() => file?.headers ?? [], [file])
  const missing = fields.filter((f) => f.required && !draft.columns[f.id])

  const pickFile = (i: number) => {
    setFileIdx(i)
    setDraft(initialDraft(files[i], draft))
    setPreview(null)
  }
  const set = (patch: Partial<Draft>) => { setDraft((d) => ({ ...d, ...patch })); setPreview(null) }
  const setColumn = (field: string, header: string) => set({ columns: { ...draft.columns, [field]: header } })
  const setVocab = (field: string, value: string, to: string) => {
    const v = { ...draft.vocabulary, [field]: { ...(draft.vocabulary[field] ?? {}), [value]: to } }
    setDraft((d) => ({ ...d, vocabulary: v }))
  }

  const runPreview = async () => {
    setError(''); setBusy(true)
    try {
      setPreview(await importsApi.preview(token, JSON.stringify(buildProfile(draft))))
    } catch (e) { setError((e as Error).message); setPreview(null) }
    setBusy(false)
  }

  const save = async () => {
    setError(''); setBusy(true)
    try {
      const saved = await importsApi.saveProfile(JSON.stringify(buildProfile(draft)))
      onSaved(saved.name)
    } catch (e) { setError((e as Error).message) }
    setBusy(false)
  }

  const unknown = preview ? Object.entries(preview.unknown ?? {}).filter(([, vals]) => vals.length > 0) : []
  const unmapped = unknown.some(([f, vals]) => vals.some((v) => !draft.vocabulary[f]?.[v]))
  return (
    <div className="panel import-wizard" role="region" aria-labelledby="wizard-title">
      <h2 id="wizard-title">No import profile fits this export: map its columns</h2>
      <p>Tell Redline which column holds what. Preview the result, map any values Redline does not know, then save the
        mapping as a profile; later exports from the same ARC are then recognised automatically.</p>
      {error && <p className="error" role="alert">{error}</p>}

      <fieldset>
        <legend>The export</legend>
        <div className="wizard-grid">
          <label>Alarms file
            <select value={fileIdx} onChange={(e) => pickFile(Number(e.target.value))}>
              {files.map((f, i) => <option key={f.file} value={i}>{f.file}</option>)}
            </select>
          </label>
          <label>Profile name
            <input value={draft.name} onChange={(e) => set({ name: e.target.value })} required />
          </label>
          <label>ARC name (when the file has no ARC column)
            <input value={draft.arc} onChange={(e) => set({ arc: e.target.value })} />
          </label>
          <label>Separator
            <select value={draft.delimiter} onChange={(e) => set({ delimiter: e.target.value })}>
              <option value=",">Comma ,</option><option value=";">Semicolon ;</option><option value={'\t'}>Tab</option><option value="|">Bar |</option>
            </select>
          </label>
          <label className="check">
            <input type="checkbox" checked={draft.decimalComma} onChange={(e) => set({ decimalComma: e.target.checked })} />
            Numbers use a decimal comma (53,8)
          </label>
          <label>Character set
            <select value={draft.encoding} onChange={(e) => set({ encoding: e.target.value })}>
              <option value="utf-8">UTF-8</option><option value="windows-1252">Windows-1252 (older Excel)</option>
            </select>
          </label>
          <label>Dates and times look like
            <select value={draft.timeFormat} onChange={(e) => set({ timeFormat: e.target.value })}>
              <option value="dd/MM/yyyy HH:mm:ss">31/12/2025 23:59:59</option>
              <option value="dd/MM/yyyy HH:mm">31/12/2025 23:59</option>
              <option value="yyyy-MM-dd HH:mm:ss">2025-12-31 23:59:59</option>
              <option value="iso8601">ISO 8601 (2025-12-31T23:59:59Z)</option>
            </select>
          </label>
          <label>Times without a zone are
            <select value={draft.timeZone} onChange={(e) => set({ timeZone: e.target.value })}>
              <option value="Europe/London">UK time (GMT/BST)</option><option value="UTC">UTC</option>
            </select>
          </label>
          <label>A time in the hour the clocks skip
            <select value={draft.gap} onChange={(e) => set({ gap: e.target.value })}>
              <option value="reject">Reject the row</option><option value="shift_forward">Read it as if the clocks had not changed yet</option>
            </select>
          </label>
          <label>A time in the hour that repeats
            <select value={draft.overlap} onChange={(e) => set({ overlap: e.target.value })}>
              <option value="reject">Reject the row</option><option value="first">Take the first (BST)</option><option value="second">Take the second (GMT)</option>
            </select>
          </label>
        </div>
      </fieldset>

      <fieldset>
        <legend>Columns of {file?.file}</legend>
        <div className="wizard-grid">
          {fields.map((f) => (
            <label key={f.id}>{f.label}{f.required ? ' (required)' : ''}
              <select value={draft.columns[f.id] ?? ''} onChange={(e) => setColumn(f.id, e.target.value)}>
                <option value="">— not in this file —</option>
                {headers.map((h) => <option key={h} value={h}>{h}</option>)}
              </select>
            </label>
          ))}
        </div>
        {missing.length > 0 && <p className="muted">Still to map: {missing.map((f) => f.label).join(', ')}.</p>}
      </fieldset>

      <div className="import-actions">
        <button type="button" onClick={runPreview} disabled={busy || missing.length > 0}>Preview parsed rows</button>
        <button type="button" onClick={save} disabled={busy || !preview || unmapped || !draft.name.trim()}>Save profile and import</button>
        <button type="button" className="secondary" onClick={onCancel}>Cancel</button>
      </div>

      {preview && (
        <div className="wizard-preview">
          {unknown.length > 0 && (
            <fieldset>
              <legend>Values Redline does not know yet</legend>
              {unknown.map(([field, vals]) => vals.map((v) => (
                <label key={field + v} className="vocab-row">“{v}” in {field} means
                  <select value={draft.vocabulary[field]?.[v] ?? ''} onChange={(e) => setVocab(field, v, e.target.value)}>
                    <option value="">— choose —</option>
                    {vocabulary[field].map((o) => <option key={o} value={o}>{o}</option>)}
                  </select>
                </label>
              )))}
              <button type="button" className="secondary" onClick={runPreview} disabled={busy}>Preview again</button>
            </fieldset>
          )}
          <h3 id="preview-title">First rows as Redline reads them ({preview.read} rows checked)</h3>
          <div className="report-scroll" tabIndex={0} role="region" aria-labelledby="preview-title">
            <table className="mini">
              <thead><tr><th scope="col">Line</th>{previewCols.map((c) => <th scope="col" key={c}>{c}</th>)}</tr></thead>
              <tbody>
                {preview.rows.map((r) => (
                  <tr key={r.line}><td>{r.line}</td>{previewCols.map((c) => <td key={c}>{r.values[c] ?? ''}</td>)}</tr>
                ))}
              </tbody>
            </table>
          </div>
          {preview.problems.length > 0 && (
            <ul className="wizard-problems">
              {preview.problems.slice(0, 10).map((p, i) => <li key={i}>Line {p.line}, {p.column}: {p.value ? `“${p.value}” ` : ''}{p.reason}</li>)}
            </ul>
          )}
        </div>
      )}
    </div>
  )
}

const previewCols = ['arc', 'arc_ref', 'type', 'trigger', 'raised_at', 'validity', 'escalation', 'worker_name', 'lat', 'lon']

function initialDraft(file: HeaderInfo | undefined, prev?: Draft): Draft {
  const headers = file?.headers ?? []
  const columns: Record<string, string> = {}
  for (const f of fields) {
    const h = guessColumn(f.id, headers)
    if (h) columns[f.id] = h
  }
  return {
    name: prev?.name ?? '', arc: prev?.arc ?? '', delimiter: file?.delimiter || ',',
    decimalComma: prev?.decimalComma ?? file?.delimiter === ';', encoding: prev?.encoding ?? 'utf-8',
    timeFormat: prev?.timeFormat ?? 'dd/MM/yyyy HH:mm:ss', timeZone: prev?.timeZone ?? 'Europe/London',
    gap: prev?.gap ?? 'reject', overlap: prev?.overlap ?? 'reject', fileName: file?.file.split('/').pop() ?? '',
    columns, vocabulary: prev?.vocabulary ?? {},
  }
}
