// Times are stored as Unix seconds in UTC and always shown in Europe/London,
// in UK order, whatever zone the laptop is set to.

const ZONE = 'Europe/London'

const dateTimeFmt = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE, day: '2-digit', month: '2-digit', year: 'numeric',
  hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
})
const dateFmt = new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, day: '2-digit', month: '2-digit', year: 'numeric' })
const partsFmt = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit',
  hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
})

/** 30/03/2025 01:30:00 */
export function formatDateTime(unix: number | null | undefined): string {
  if (unix == null || unix === 0) return ''
  return dateTimeFmt.format(new Date(unix * 1000)).replace(',', '')
}

/** 30/03/2025 */
export function formatDate(unix: number | null | undefined): string {
  if (unix == null || unix === 0) return ''
  return dateFmt.format(new Date(unix * 1000))
}

/** Seconds between two instants as "1 min 05 s" or "2 h 03 min". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return ''
  const s = Math.round(seconds)
  if (s < 60) return `${s} s`
  const m = Math.floor(s / 60)
  if (m < 60) return `${m} min ${String(s % 60).padStart(2, '0')} s`
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`
}

/** London's offset from UTC, in seconds, at an instant. */
function londonOffset(unix: number): number {
  const p = Object.fromEntries(partsFmt.formatToParts(new Date(unix * 1000)).map((x) => [x.type, x.value]))
  const asUTC = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour % 24, +p.minute, +p.second) / 1000
  return asUTC - unix
}

/**
 * The instant a London calendar day (yyyy-mm-dd, as <input type=date> gives)
 * begins. Midnight is never inside a UK clock change, so one correction is exact.
 */
export function londonDayStart(isoDate: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate)
  if (!m) return 0
  const guess = Date.UTC(+m[1], +m[2] - 1, +m[3]) / 1000
  return guess - londonOffset(guess)
}

/** The instant the London day after isoDate begins: an exclusive upper bound. */
export function londonDayEnd(isoDate: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate)
  if (!m) return 0
  const next = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3] + 1))
  return londonDayStart(next.toISOString().slice(0, 10))
}
