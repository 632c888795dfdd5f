// The wizard's model of an import profile, and the JSON the Go side reads
// (backend/arc/profile.go Profile). Field ids match arc.Fields["alarms"].

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
  fileName: string
  columns: Record<string, string> // field -> header
  vocabulary: Record<string, Record<string, string>> // field -> vendor value -> Redline value
}

export const fields: { id: string; label: string; required?: boolean; hints: string[] }[] = [
  { id: 'arc_ref', label: 'Alarm reference', required: true, hints: ['alarm id', 'alarm ref', 'reference', 'ref', 'incident', 'id'] },
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
]

export const vocabulary: Record<string, string[]> = {
  type: ['amber', 'red'],
  trigger: ['amber_memo', 'sos', 'man_down', 'no_motion', 'timer_expiry', 'missed_checkin', 'low_battery', 'test', 'other'],
  validity: ['genuine', 'precautionary', 'false', 'test', 'duplicate', 'auto_closed'],
  escalation: ['none', 'contact', '101', '999', 'urn'],
}

/** guessColumn proposes a header for a field; the person confirms or changes it. */
export function guessColumn(field: string, headers: string[]): string | undefined {
  const f = fields.find((x) => x.id === field)
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

/** buildProfile turns the draft into the profile JSON Go validates. */
export function buildProfile(d: Draft) {
  const columns: Record<string, string> = {}
  for (const [k, v] of Object.entries(d.columns)) if (v) columns[k] = v
  const vocab: Record<string, Record<string, string>> = {}
  for (const [field, m] of Object.entries(d.vocabulary)) {
    const kept = Object.fromEntries(Object.entries(m).filter(([, to]) => to))
    if (Object.keys(kept).length) vocab[field] = kept
  }
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
    listSeparator: d.delimiter === '|' ? ';' : '|',
    files: { alarms: { name: d.fileName, columns } },
    vocabulary: vocab,
  }
}
