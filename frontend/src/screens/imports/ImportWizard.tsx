import { useMemo, useState } from 'react'
import { importsApi, type HeaderInfo, type Preview } from '../../api/imports'
import {
  NO_CATEGORY, buildProfile, fields, guessColumn, guessKind, guessTimeColumn, kindFields, kindLabels, looksSplit, timeFields,
  vocabulary, type Draft, type FileMap, type FileSettings, type Kind,
} from './profileDraft'

type OtherKind = Exclude<Kind, 'alarms'>
const otherKinds: OtherKind[] = ['log', 'positions', 'recordings']

// ImportWizard maps an unknown export layout to Redline's fields, file by
// file (alarms, operator log, positions, recordings), previews what each file
// gives, warns about the files it would only hash and list, and saves the
// mapping as a new import profile in the data directory.
export function ImportWizard({ token, files, onCancel, onSaved }: {
  token: string
  files: HeaderInfo[]
  onCancel: () => void
  onSaved: (profileName: string) => void
}) {
  const [roles, setRoles] = useState<(Kind | '')[]>(() => files.map((f, i) => guessKind(f.file, i)))
  const alarmsIdx = Math.max(0, roles.indexOf('alarms'))
  const file = files[alarmsIdx]
  const [draft, setDraft] = useState<Draft>(() => initialDraft(files, roles))
  const [preview, setPreview] = useState<Preview | null>(null)
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)

  const headers = useMemo(() => file?.headers ?? [], [file])
  const split = !!draft.splitDateTime
  const missing = fields.filter((f) => f.required && !draft.columns[f.id])
  const missingOther = otherKinds.flatMap((k) => {
    const m = draft.files?.[k]
    return m ? kindFields[k].filter((f) => f.required && !m.columns[f.id]).map((f) => `${f.label} (${kindLabels[k]})`) : []
  })

  const setRole = (i: number, role: Kind | '') => {
    const next = roles.map((r, j) => (j === i ? role : r === role && role !== '' ? '' : r))
    if (!next.includes('alarms')) return // the alarms file is always one of them
    setRoles(next)
    setDraft((d) => initialDraft(files, next, d))
    setPreview(null)
  }
  const set = (patch: Partial<Draft>) => { setDraft((d) => ({ ...d, ...patch })); setPreview(null) }
  const setColumn = (field: string, header: string) => set({ columns: { ...draft.columns, [field]: header } })
  const setOther = (kind: OtherKind, field: string, header: string) => {
    const m = draft.files?.[kind]
    if (!m) return
    set({ files: { ...draft.files, [kind]: { ...m, columns: { ...m.columns, [field]: header } } } })
  }
  const setOtherSettings = (kind: OtherKind, patch: FileSettings) => {
    const m = draft.files?.[kind]
    if (!m) return
    set({ files: { ...draft.files, [kind]: { ...m, ...patch } } })
  }
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
  const onlyListed = preview ? [...(preview.unread ?? [])] : []
  return (
    <div className="panel import-wizard" role="region" aria-labelledby="wizard-title">
      <h2 id="wizard-title">No import profile fits this export: map its columns</h2>
      <p>Tell Redline what each file is and which column holds what. Preview the result, map any values Redline does not
        know, then save the mapping as a profile; later exports from the same ARC are then recognised automatically.</p>
      {error && <p className="error" role="alert">{error}</p>}

      <fieldset>
        <legend>The files of the export</legend>
        <div className="wizard-grid">
          {files.map((f, i) => (
            <label key={f.file}>What is {f.file}?
              <select value={roles[i]} onChange={(e) => setRole(i, e.target.value as Kind | '')}>
                <option value="alarms">The alarms</option>
                <option value="log">The operator log</option>
                <option value="positions">Positions (location fixes)</option>
                <option value="recordings">The list of recordings</option>
                <option value="">Not read (hashed and listed only)</option>
              </select>
            </label>
          ))}
        </div>
      </fieldset>

      <fieldset>
        <legend>The export</legend>
        <div className="wizard-grid">
          <label>Profile name
            <input value={draft.name} onChange={(e) => set({ name: e.target.value })} required />
          </label>
          <label>ARC name (when the file has no ARC column)
            <input value={draft.arc} onChange={(e) => set({ arc: e.target.value })} />
          </label>
          <label>Separator of every file
            <select value={draft.delimiter} onChange={(e) => set({ delimiter: e.target.value })}>
              <DelimiterOptions />
            </select>
          </label>
          <label className="check">
            <input type="checkbox" checked={draft.decimalComma} onChange={(e) => set({ decimalComma: e.target.checked })} />
            Numbers use a decimal comma (53,8)
          </label>
          <label>Character set of every file
            <select value={draft.encoding} onChange={(e) => set({ encoding: e.target.value })}>
              <EncodingOptions />
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
          <label className="check">
            <input type="checkbox" checked={split} onChange={(e) => set({ splitDateTime: e.target.checked })} />
            Date and time are in separate columns
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
        <p className="muted">A file written differently from the others can have its own separator and character set below.</p>
        {split && <p className="muted">Choose the date column and then the time column of each time: Redline joins them with a space
          and reads the result in the format above.</p>}
      </fieldset>

      <fieldset>
        <legend>Columns of {file?.file} (alarms)</legend>
        <div className="wizard-grid">
          <FileSettingsFields file={file?.file ?? ''} value={draft.alarmsFile} onChange={(p) => set({ alarmsFile: { ...draft.alarmsFile, ...p } })} />
          {fields.map((f) => (
            <FieldSelect key={f.id} id={f.id} label={`${f.label}${f.required ? ' (required)' : ''}`} headers={headers}
              columns={draft.columns} split={split} onChange={setColumn} />
          ))}
        </div>
        {missing.length > 0 && <p className="muted">Still to map: {missing.map((f) => f.label).join(', ')}.</p>}
      </fieldset>

      {otherKinds.map((k) => {
        const m = draft.files?.[k]
        if (!m) return null
        const hs = files.find((f) => f.file === m.file)?.headers ?? []
        return (
          <fieldset key={k}>
            <legend>Columns of {m.file} ({kindLabels[k]})</legend>
            <div className="wizard-grid">
              <FileSettingsFields file={m.file} value={m} onChange={(p) => setOtherSettings(k, p)} />
              {kindFields[k].map((f) => (
                <FieldSelect key={f.id} id={f.id} label={`${f.label} in the ${kindLabels[k]}${f.required ? ' (required)' : ''}`} headers={hs}
                  columns={m.columns} split={split} onChange={(field, h) => setOther(k, field, h)} />
              ))}
            </div>
          </fieldset>
        )
      })}
      {missingOther.length > 0 && <p className="muted">Still to map in the other files: {missingOther.join(', ')}.</p>}

      <div className="import-actions">
        <button type="button" onClick={runPreview} disabled={busy || missing.length > 0 || missingOther.length > 0}>Preview parsed rows</button>
        <button type="button" onClick={save} disabled={busy || !preview || unmapped || !draft.name.trim()}>Save profile and import</button>
        <button type="button" className="secondary" onClick={onCancel}>Cancel</button>
      </div>

      {preview && (
        <div className="wizard-preview">
          {onlyListed.length > 0 && (
            <p className="notice" role="note">Redline will only hash and list {onlyListed.length === 1 ? 'this file' : 'these files'}, and read
              nothing from {onlyListed.length === 1 ? 'it' : 'them'}: {onlyListed.join(', ')}. Map {onlyListed.length === 1 ? 'it' : 'them'} above
              if {onlyListed.length === 1 ? 'it holds' : 'they hold'} alarms, log entries, positions or recordings.</p>
          )}
          {(preview.others ?? []).length > 0 && (
            <p className="muted">Other files ({preview.others.length}): recordings and documents are kept as an alarm's evidence when an alarm
              names them or their name holds its reference; the rest are hashed and listed.</p>
          )}
          {unknown.length > 0 && (
            <fieldset>
              <legend>Values Redline does not know yet</legend>
              {unknown.map(([field, vals]) => vals.map((v) => (
                <label key={field + v} className="vocab-row">“{v}” in {field} means
                  <select value={draft.vocabulary[field]?.[v] ?? ''} onChange={(e) => setVocab(field, v, e.target.value)}>
                    <option value="">— choose —</option>
                    {field !== 'type' && <option value={NO_CATEGORY}>no category (leave it blank)</option>}
                    {vocabulary[field].map((o) => <option key={o} value={o}>{o}</option>)}
                  </select>
                </label>
              )))}
              <button type="button" className="secondary" onClick={runPreview} disabled={busy}>Preview again</button>
            </fieldset>
          )}
          <PreviewTable title={`First rows of ${preview.file} as Redline reads them (${preview.read} rows checked)`} id="preview-title"
            cols={previewCols} rows={preview.rows} />
          {preview.problems.length > 0 && (
            <ul className="wizard-problems">
              {preview.problems.slice(0, 10).map((p, i) => <li key={i}>{p.line > 0 ? `Line ${p.line}, ` : ''}{p.column}: {p.value ? `“${p.value}” ` : ''}{p.reason}</li>)}
            </ul>
          )}
          {(preview.tables ?? []).map((t) => (
            <div key={t.file}>
              <PreviewTable title={`First rows of ${t.file} (${kindLabels[t.kind as Kind] ?? t.kind}, ${t.read} rows checked)`} id={`preview-${t.kind}`}
                cols={Object.keys(t.rows[0]?.values ?? {})} rows={t.rows} />
              {t.problems.length > 0 && (
                <ul className="wizard-problems">
                  {t.problems.slice(0, 10).map((p, i) => <li key={i}>Line {p.line}, {p.column}: {p.value ? `“${p.value}” ` : ''}{p.reason}</li>)}
                </ul>
              )}
            </div>
          ))}
        </div>
      )}
    </div>
  )
}

function DelimiterOptions() {
  return <><option value=",">Comma ,</option><option value=";">Semicolon ;</option><option value={'\t'}>Tab</option><option value="|">Bar |</option></>
}

function EncodingOptions() {
  return <><option value="utf-8">UTF-8</option><option value="windows-1252">Windows-1252 (older Excel)</option></>
}

/** FileSettingsFields lets one file of the export have its own separator and character set. */
function FileSettingsFields({ file, value, onChange }: { file: string; value: FileSettings | undefined; onChange: (p: FileSettings) => void }) {
  const name = file.split('/').pop() ?? file
  return (
    <>
      <label>Separator of {name}
        <select value={value?.delimiter ?? ''} onChange={(e) => onChange({ delimiter: e.target.value || undefined })}>
          <option value="">As for every file</option>
          <DelimiterOptions />
        </select>
      </label>
      <label>Character set of {name}
        <select value={value?.encoding ?? ''} onChange={(e) => onChange({ encoding: e.target.value || undefined })}>
          <option value="">As for every file</option>
          <EncodingOptions />
        </select>
      </label>
    </>
  )
}

function FieldSelect({ id, label, headers, columns, split, onChange }: {
  id: string; label: string; headers: string[]; columns: Record<string, string>; split: boolean
  onChange: (field: string, header: string) => void
}) {
  const isTime = split && timeFields.has(id)
  return (
    <>
      <label>{isTime ? `${label}: date column` : label}
        <select value={columns[id] ?? ''} onChange={(e) => onChange(id, e.target.value)}>
          <option value="">— not in this file —</option>
          {headers.map((h) => <option key={h} value={h}>{h}</option>)}
        </select>
      </label>
      {isTime && (
        <label>{label}: time column
          <select value={columns[`${id}#time`] ?? ''} onChange={(e) => onChange(`${id}#time`, e.target.value)}>
            <option value="">— in the date column —</option>
            {headers.map((h) => <option key={h} value={h}>{h}</option>)}
          </select>
        </label>
      )}
    </>
  )
}

function PreviewTable({ title, id, cols, rows }: { title: string; id: string; cols: string[]; rows: { line: number; values: Record<string, string> }[] }) {
  return (
    <>
      <h3 id={id}>{title}</h3>
      <div className="report-scroll" tabIndex={0} role="region" aria-labelledby={id}>
        <table className="mini">
          <thead><tr><th scope="col">Line</th>{cols.map((c) => <th scope="col" key={c}>{c}</th>)}</tr></thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.line}><td>{r.line}</td>{cols.map((c) => <td key={c}>{r.values[c] ?? ''}</td>)}</tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  )
}

const previewCols = ['arc', 'arc_ref', 'type', 'trigger', 'raised_at', 'validity', 'escalation', 'worker_name', 'lat', 'lon', 'address', 'location_source']

function guessColumns(list: { id: string }[], headers: string[], kind: Kind): Record<string, string> {
  const columns: Record<string, string> = {}
  const split = looksSplit(headers)
  for (const f of list) {
    let h = guessColumn(f.id, headers, kind)
    if (split && timeFields.has(f.id)) {
      // With separate columns, the date column is the one with "date" in it.
      const word = f.id === 'at' || f.id === 'fix_at' ? '' : f.id.split('_')[0]
      h = headers.find((x) => /date/i.test(x) && (word === '' || x.toLowerCase().includes(word)) && guessTimeColumn(x, headers)) ?? h
      const time = h ? guessTimeColumn(h, headers) : undefined
      if (time) columns[`${f.id}#time`] = time
    }
    if (h) columns[f.id] = h
  }
  return columns
}

/** ownSettings are the separator and character set guessed for f where they differ from the alarms file's. */
function ownSettings(f: HeaderInfo, alarms: HeaderInfo | undefined): FileSettings {
  const out: FileSettings = {}
  if (f.delimiter && f.delimiter !== (alarms?.delimiter || ',')) out.delimiter = f.delimiter
  if (f.encoding && f.encoding !== (alarms?.encoding || 'utf-8')) out.encoding = f.encoding
  return out
}

function initialDraft(files: HeaderInfo[], roles: (Kind | '')[], prev?: Draft): Draft {
  const alarms = files[Math.max(0, roles.indexOf('alarms'))]
  const headers = alarms?.headers ?? []
  const others: Partial<Record<OtherKind, FileMap>> = {}
  roles.forEach((r, i) => {
    if (r && r !== 'alarms') {
      const keep = prev?.files?.[r]?.file === files[i].file ? prev.files[r] : undefined
      // A file written unlike the alarms file (as far as Redline can tell) gets its own settings.
      const own = ownSettings(files[i], alarms)
      others[r] = keep ?? { file: files[i].file, columns: guessColumns(kindFields[r], files[i].headers, r), ...own }
    }
  })
  const sameAlarms = prev && prev.fileName === (alarms?.file.split('/').pop() ?? '')
  return {
    name: prev?.name ?? '', arc: prev?.arc ?? '', delimiter: prev?.delimiter ?? (alarms?.delimiter || ','),
    decimalComma: prev?.decimalComma ?? alarms?.delimiter === ';', encoding: prev?.encoding ?? (alarms?.encoding || 'utf-8'),
    timeFormat: prev?.timeFormat ?? 'dd/MM/yyyy HH:mm:ss', timeZone: prev?.timeZone ?? 'Europe/London',
    gap: prev?.gap ?? 'reject', overlap: prev?.overlap ?? 'reject', fileName: alarms?.file.split('/').pop() ?? '',
    splitDateTime: prev?.splitDateTime ?? looksSplit(headers), alarmsFile: sameAlarms ? prev.alarmsFile : undefined,
    columns: sameAlarms ? prev.columns : guessColumns(fields, headers, 'alarms'), files: others, vocabulary: prev?.vocabulary ?? {},
  }
}
