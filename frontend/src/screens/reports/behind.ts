import type { Measure, Value } from '../../api/trends'

/** One figure whose alerts or cases a person asked to see. */
export interface BehindTarget {
  measure: string
  title: string
  period: string
  periodLabel: string
  key: string
  /** Where the list opens: under its measure's chart, or under the teams or staff groups table. */
  where?: 'teams' | 'groups'
}

/**
 * Which figure of each listable measure counts what its list holds: the
 * value itself (-1), or for a rate or median the column of what it rests on.
 * The Go side (backend/trends/behind.go) lists from the same conditions.
 */
const countColumn: Record<string, number | string> = {
  red_alerts: -1,
  escalated_police: -1,
  incidents_per_1000: 'Incidents (genuine or precautionary red alerts)',
  false_alarm_rate: 'Red alerts',
  answered_10s: 'Answered',
  answered_40s: 'Answered',
  hours_to_triage: 'Triaged',
  days_to_decision: 'Decided',
  riddor_in_time: 'Reported',
}

/** Whether a measure lists cases rather than alerts. */
export const listsCases = (measure: string) => measure === 'riddor_in_time'

/** How many alerts or cases lie behind a measure's i-th point; null when it has no list or the count is hidden. */
export function behindCount(m: Measure, i: number): number | null {
  const c = countColumn[m.id]
  if (c === undefined) return null
  const v = (c === -1 ? m.points[i]?.value : m.columns.find((col) => col.name === c)?.values[i]) as Value
  return typeof v === 'number' ? v : null
}

/** The words on a "List the N alerts" button. */
export function listWords(measure: string, n: number): string {
  const noun = listsCases(measure) ? (n === 1 ? 'case' : 'cases') : n === 1 ? 'alert' : 'alerts'
  return n === 1 ? `List the ${noun}` : `List the ${n} ${noun}`
}
