/**
 * "in 10 min", "in 3 h 05 min", "overdue by 1 day 14 h" or "in 5 days" between
 * two Unix instants: minutes within the hour, hours and minutes within the day,
 * then days and whole hours (rounded), short enough to stay on one line.
 */
export function countdown(due: number, now: number): string {
  const d = due - now
  const abs = Math.abs(d)
  let text: string
  if (abs < 3600) text = `${Math.max(1, Math.round(abs / 60))} min`
  else if (abs < 24 * 3600) text = `${Math.floor(abs / 3600)} h ${String(Math.floor((abs % 3600) / 60)).padStart(2, '0')} min`
  else {
    const hours = Math.round(abs / 3600)
    const [days, rest] = [Math.floor(hours / 24), hours % 24]
    text = `${days} day${days === 1 ? '' : 's'}${rest ? ` ${rest} h` : ''}`
  }
  return d >= 0 ? `in ${text}` : `overdue by ${text}`
}
