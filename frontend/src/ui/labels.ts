// Plain-English names for the codes the database stores.

export const typeLabels: Record<string, string> = { amber: 'Amber', red: 'Red' }

export const validityLabels: Record<string, string> = {
  '': 'Not closed',
  genuine: 'Genuine',
  precautionary: 'Precautionary',
  false: 'False or accidental',
  test: 'Test',
  duplicate: 'Duplicate',
  auto_closed: 'Closed by system',
}

export const escalationLabels: Record<string, string> = {
  none: 'None',
  contact: 'Escalation contact',
  '101': 'Police 101',
  '999': 'Police 999',
  urn: 'Police URN',
}

export const triggerLabels: Record<string, string> = {
  amber_memo: 'Voice memo',
  sos: 'SOS button',
  man_down: 'Man down / fall',
  no_motion: 'No motion',
  timer_expiry: 'Timer expired',
  missed_checkin: 'Missed check-in',
  low_battery: 'Low battery',
  test: 'Test',
}

export const sourceLabels: Record<string, string> = { gps: 'GPS', cell: 'Mobile cell', wifi: 'Wi-Fi', manual: 'Manual' }

export function label(map: Record<string, string>, code: string): string {
  return map[code] ?? code
}

export function formatAccuracy(m: number | null | undefined): string {
  if (m == null) return ''
  return m >= 1000 ? `${(m / 1000).toFixed(1)} km` : `${Math.round(m)} m`
}
