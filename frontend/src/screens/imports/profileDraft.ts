// The wizard's model of an import profile, and the JSON the Go side reads
// (backend/arc/profile.go Profile). Field ids match arc.Fields["alarms"].

export type Kind = 'alarms' | 'log' | 'positions' | 'recordings'

/** One CSV of the export and the fields read from it; a time field's time column, when separate, is under `<field>#time`. */
export interface FileMap extends FileSettings {
  file: string
  columns: Record<string, string>
}

/**
 * A file's own character set and separator, for exports whose files were
 * written by different systems; empty means the export's (Draft.encoding,
 * Draft.delimiter).
 */
export interface FileSettings {
  encoding?: string
  delimiter?: string
}

export interface Draft {
  name: string
  arc: string
  delimiter: string
  decimalComma: boolean
  encoding: string
  timeFormat: string
  timeZone: string
  gap: string
  overlap: string
  /** The date and the time of each event are in separate columns (Date Raised, Time Raised). */
  splitDateTime?: boolean
  fileName: string
  /** The alarms file's own character set and separator, when they differ from the export's. */
  alarmsFile?: FileSettings
  columns: Record<string, string> // alarms: field -> header
  /** The other files of the export, by kind. */
  files?: Partial<Record<Exclude<Kind, 'alarms'>, FileMap>>
  vocabulary: Record<string, Record<string, string>> // field -> vendor value -> Redline value ('(none)': no category)
}

/** NO_CATEGORY is the wizard's value for a word that means "no category" (saved as ""). */
export const NO_CATEGORY = '(none)'

export const kindLabels: Record<Kind, string> = {
  alarms: 'alarms', log: 'operator log', positions: 'positions', recordings: 'recordings list',
}

/** Fields that hold a time, which may come from a date column and a time column. */
export const timeFields = new Set(['raised_at', 'answered_at', 'closed_at', 'at', 'fix_at', 'recorded_at'])

type Field = { id: string; label: string; required?: boolean; hints: string[] }

export const fields: Field[] = [
  { id: 'arc_ref', label: 'Alarm reference', required: true, hints: ['alarm id', 'alarm no', 'alarm ref', 'reference', 'ref', 'incident', 'id'] },
  { id: 'type', label: 'Alarm type (amber or red)', required: true, hints: ['alarm type', 'type', 'category', 'severity'] },
  { id: 'raised_at', label: 'Raised at', required: true, hints: ['raised', 'created', 'start', 'date', 'time', 'when'] },
  { id: 'arc', label: 'ARC name', hints: ['arc', 'centre', 'center', 'provider'] },
  { id: 'trigger', label: 'Trigger (SOS, man down…)', hints: ['trigger', 'event', 'alarm type', 'type'] },
  { id: 'answered_at', label: 'Answered at', hints: ['answered', 'accepted'] },
  { id: 'closed_at', label: 'Closed at', hints: ['closed', 'resolved', 'ended'] },
  { id: 'validity', label: 'Closure category', hints: ['closure', 'outcome', 'resolution', 'validity', 'category'] },
  { id: 'escalation', label: 'Escalation', hints: ['escalat'] },
  { id: 'police_ref', label: 'Police reference', hints: ['police', 'urn', 'cad'] },
  { id: 'operator', label: 'Operator', hints: ['operator', 'handler', 'agent'] },
  { id: 'worker_ref', label: 'Worker id', hints: ['user id', 'staff no', 'worker id', 'payroll', 'user_id'] },
  { id: 'worker_name', label: 'Worker name', hints: ['user name', 'staff name', 'worker', 'name'] },
  { id: 'team', label: 'Team', hints: ['team', 'department', 'unit', 'org'] },
  { id: 'staff_group', label: 'Staff group', hints: ['staff group', 'group'] },
  { id: 'device_serial', label: 'Device', hints: ['imei', 'device', 'serial'] },
  { id: 'memo', label: 'Memo or notes', hints: ['memo', 'note', 'summary', 'description', 'comment'] },
  { id: 'lat', label: 'Latitude', hints: ['latitude', 'lat'] },
  { id: 'lon', label: 'Longitude', hints: ['longitude', 'lon', 'lng', 'long'] },
  { id: 'accuracy_m', label: 'Accuracy (metres)', hints: ['accuracy', 'radius'] },
  { id: 'audio', label: 'Recording file names', hints: ['recording', 'audio', 'file'] },
  { id: 'address', label: 'Address', hints: ['address', 'location address', 'street'] },
  { id: 'location_source', label: 'Location source (GPS, cell…)', hints: ['location source', 'fix source', 'source', 'method'] },
]

/** The fields of each other file kind, required ones first (arc.Fields). */
export const kindFields: Record<Exclude<Kind, 'alarms'>, Field[]> = {
  log: [
    { id: 'arc_ref', label: 'Alarm reference', required: true, hints: ['alarm id', 'alarm no', 'alarm ref', 'reference', 'ref'] },
    { id: 'at', label: 'Time of the action', required: true, hints: ['log date', 'action date', 'date', 'time', 'at'] },
    { id: 'action', label: 'Action', required: true, hints: ['action', 'step', 'event'] },
    { id: 'arc', label: 'ARC name', hints: ['arc', 'centre', 'provider'] },
    { id: 'operator', label: 'Operator', hints: ['operator', 'handler', 'agent'] },
    { id: 'contact', label: 'Contact', hints: ['contacted', 'contact', 'called', 'party'] },
    { id: 'result', label: 'Result', hints: ['outcome', 'result'] },
    { id: 'note', label: 'Note', hints: ['comments', 'comment', 'note', 'remarks'] },
  ],
  positions: [
    { id: 'arc_ref', label: 'Alarm reference', required: true, hints: ['alarm id', 'alarm no', 'alarm ref', 'reference', 'ref'] },
    { id: 'fix_at', label: 'Time of the fix', required: true, hints: ['fix date', 'fix time', 'date', 'time'] },
    { id: 'lat', label: 'Latitude', required: true, hints: ['latitude', 'lat'] },
    { id: 'lon', label: 'Longitude', required: true, hints: ['longitude', 'lon', 'lng', 'long'] },
    { id: 'arc', label: 'ARC name', hints: ['arc', 'centre', 'provider'] },
    { id: 'accuracy_m', label: 'Accuracy (metres)', hints: ['accuracy', 'radius'] },
    { id: 'source', label: 'Location source', hints: ['source', 'method', 'provider type'] },
  ],
  recordings: [
    { id: 'arc_ref', label: 'Alarm reference', required: true, hints: ['alarm id', 'alarm no', 'alarm ref', 'reference', 'ref'] },
    { id: 'file', label: 'Recording file', required: true, hints: ['file', 'audio file', 'path', 'recording'] },
    { id: 'arc', label: 'ARC name', hints: ['arc', 'centre', 'provider'] },
    { id: 'kind', label: 'Kind of recording', hints: ['audio type', 'type', 'kind'] },
    { id: 'recorded_at', label: 'Recorded at', hints: ['recorded', 'start', 'time'] },
    { id: 'sha256', label: 'SHA-256', hints: ['sha256', 'sha-256', 'hash'] },
  ],
}

/** guessKind proposes what a CSV is from its name: the person confirms or changes it. */
export function guessKind(file: string, index: number): Kind | '' {
  const n = file.toLowerCase()
  if (/log|action|timeline/.test(n)) return 'log'
  if (/position|location|fix|gps/.test(n)) return 'positions'
  if (/record|audio|media/.test(n)) return 'recordings'
  return index === 0 ? 'alarms' : ''
}

export const vocabulary: Record<string, string[]> = {
  type: ['amber', 'red'],
  trigger: ['amber_memo', 'sos', 'man_down', 'no_motion', 'timer_expiry', 'missed_checkin', 'low_battery', 'test', 'other'],
  validity: ['genuine', 'precautionary', 'false', 'test', 'duplicate', 'auto_closed'],
  escalation: ['none', 'contact', '101', '999', 'urn'],
  source: ['gps', 'cell', 'wifi', 'manual'],
  kind: ['recording', 'amber_memo', 'red_live', 'pre_alarm'],
}

/** guessColumn proposes a header for a field; the person confirms or changes it. */
export function guessColumn(field: string, headers: string[], kind: Kind = 'alarms'): string | undefined {
  const f = (kind === 'alarms' ? fields : kindFields[kind]).find((x) => x.id === field)
  if (!f) return undefined
  const low = headers.map((h) => h.toLowerCase().trim())
  const exact = low.indexOf(field)
  if (exact >= 0) return headers[exact]
  for (const hint of f.hints) {
    const i = low.findIndex((h) => h === hint)
    if (i >= 0) return headers[i]
  }
  for (const hint of f.hints.filter((h) => h.length > 3)) {
    const i = low.findIndex((h) => h.includes(hint))
    if (i >= 0) return headers[i]
  }
  return undefined
}

/** fileColumns turns one file's choices into profile columns: a header, or [date, time] when they are separate. */
function fileColumns(columns: Record<string, string>, split: boolean) {
  const out: Record<string, string | string[]> = {}
  for (const [k, v] of Object.entries(columns)) {
    if (!v || k.endsWith('#time')) continue
    const time = columns[`${k}#time`]
    out[k] = split && timeFields.has(k) && time ? [v, time] : v
  }
  return out
}

type ProfileFile = { name: string; columns: Record<string, string | string[]>; encoding?: string; delimiter?: string }

/** ownSettings is what a file's profile entry says of its own encoding and delimiter: only where they differ from the export's. */
function ownSettings(d: Draft, f: FileSettings | undefined): FileSettings {
  const out: FileSettings = {}
  if (f?.encoding && f.encoding !== d.encoding) out.encoding = f.encoding
  if (f?.delimiter && f.delimiter !== d.delimiter) out.delimiter = f.delimiter
  return out
}

/** buildProfile turns the draft into the profile JSON Go validates. */
export function buildProfile(d: Draft) {
  const split = !!d.splitDateTime
  const vocab: Record<string, Record<string, string>> = {}
  for (const [field, m] of Object.entries(d.vocabulary)) {
    const kept = Object.fromEntries(Object.entries(m).filter(([, to]) => to).map(([from, to]) => [from, to === NO_CATEGORY ? '' : to]))
    if (Object.keys(kept).length) vocab[field] = kept
  }
  const files: Record<string, ProfileFile> = {
    alarms: { name: d.fileName, columns: fileColumns(d.columns, split), ...ownSettings(d, d.alarmsFile) },
  }
  for (const [kind, f] of Object.entries(d.files ?? {})) {
    if (f?.file) files[kind] = { name: f.file.split('/').pop() ?? f.file, columns: fileColumns(f.columns, split), ...ownSettings(d, f) }
  }
  const alarmsDelimiter = files.alarms.delimiter ?? d.delimiter
  return {
    name: d.name.trim() || 'unnamed',
    description: `Made with the import wizard from ${d.fileName}.`,
    arc: d.arc.trim(),
    encoding: d.encoding,
    delimiter: d.delimiter,
    decimalComma: d.decimalComma,
    timeFormat: d.timeFormat,
    timeZone: d.timeZone,
    clockChange: { gap: d.gap, overlap: d.overlap },
    listSeparator: alarmsDelimiter === '|' ? ';' : '|',
    files,
    vocabulary: vocab,
  }
}

/** guessTimeColumn finds the time column beside a date column: "Time Raised" for "Date Raised", "Log Time" for "Log Date". */
export function guessTimeColumn(dateHeader: string, headers: string[]): string | undefined {
  if (!/date/i.test(dateHeader)) return undefined
  const want = dateHeader.replace(/date/i, 'time').toLowerCase()
  return headers.find((h) => h.toLowerCase().trim() === want)
}

/** looksSplit says whether a file writes dates and times in separate columns. */
export function looksSplit(headers: string[]): boolean {
  return headers.some((h) => /date/i.test(h) && !/time/i.test(h) && guessTimeColumn(h, headers) !== undefined)
}
