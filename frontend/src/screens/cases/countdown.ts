/** "in 3 h 05 min", "in 2 days", or "overdue by 10 min" between two Unix instants. */
export function countdown(due: number, now: number): string {
  const d = due - now
  const abs = Math.abs(d)
  let text: string
  if (abs < 3600) text = `${Math.max(1, Math.round(abs / 60))} min`
  else if (abs < 48 * 3600) text = `${Math.floor(abs / 3600)} h ${String(Math.floor((abs % 3600) / 60)).padStart(2, '0')} min`
  else text = `${Math.floor(abs / 86400)} days`
  return d >= 0 ? `in ${text}` : `overdue by ${text}`
}
