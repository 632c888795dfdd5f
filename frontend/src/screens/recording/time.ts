// Recording clock helpers: hh:mm:ss (as court transcripts print) and parsing typed times.

export function clock(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000))
  const p = (n: number) => String(n).padStart(2, '0')
  return `${p(Math.floor(s / 3600))}:${p(Math.floor(s / 60) % 60)}:${p(s % 60)}`
}

/** clock with tenths, for segment start/end fields. */
export function clockTenths(ms: number): string {
  return `${clock(ms)}.${Math.floor((Math.max(0, ms) % 1000) / 100)}`
}

/** Parses hh:mm:ss(.t), mm:ss(.t) or seconds; returns null when it is not a time. */
export function parseClock(s: string): number | null {
  const m = s.trim().match(/^(?:(\d+):)?(?:(\d+):)?(\d+(?:\.\d+)?)$/)
  if (!m) return null
  const parts = [m[1], m[2], m[3]].filter((x) => x !== undefined).map(Number)
  let sec = 0
  for (const p of parts) sec = sec * 60 + p
  return Math.round(sec * 1000)
}
