// Audit entries carry their detail as JSON written by Go; people read it as
// "field: value" pairs. Anything that is not a JSON object is shown as it is.

function plain(v: unknown): string {
  if (v == null || v === '') return '—'
  if (Array.isArray(v)) return v.map(plain).join(', ')
  if (typeof v === 'object') return JSON.stringify(v)
  return String(v)
}

/** "Category: genuine; Reason: closed under duress" from {"category":"genuine","reason":"closed under duress"}. */
export function readableDetail(detail: string): string {
  let parsed: unknown
  try {
    parsed = JSON.parse(detail)
  } catch {
    return detail
  }
  if (parsed == null || typeof parsed !== 'object' || Array.isArray(parsed)) return detail
  return Object.entries(parsed as Record<string, unknown>)
    .filter(([, v]) => v !== '' && v != null && !(Array.isArray(v) && v.length === 0))
    .map(([k, v]) => `${k.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase())}: ${plain(v)}`)
    .join('; ')
}
