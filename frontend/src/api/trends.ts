import * as T from '../../wailsjs/go/main/Trends'
import { main, trends } from '../../wailsjs/go/models'
import { call } from './bridge'

export type Report = trends.Report
export type Measure = trends.Measure
export type Point = trends.Point
export type TeamRow = trends.TeamRow
export type GroupRow = trends.GroupRow
export type RiskMovement = trends.RiskMovement
export type BandMove = trends.BandMove
export type Behind = trends.Behind
export type BehindItem = trends.BehindItem
/** What the person signed in may do on the Reports screen: the security director sees counts only. */
export type TrendsAccess = main.TrendsAccess
/** A figure: a number, unknown (null), or hidden for sharing ({suppressed: true}, never with its number). */
export type Value = number | { suppressed: true } | null

export interface TrendsQuery {
  from: string
  to: string
  by: 'month' | 'week'
  shared: boolean
  run: 6 | 7
}

const q = (x: TrendsQuery) => trends.Query.createFrom(x)

export const trendsApi = {
  report: (x: TrendsQuery) => call(T.Report(q(x))),
  /** Whether the person signed in may list the alerts and cases behind a figure (never the security director). */
  capabilities: () => call(T.Capabilities()),
  /** Go opens the save dialog; resolves to the path saved, or "" when cancelled. */
  exportPDF: (x: TrendsQuery) => call(T.ExportPDF(q(x))),
  exportXLSX: (x: TrendsQuery) => call(T.ExportXLSX(q(x))),
  /** One table of the screen as CSV (a measure's id, or teams, staff-groups, risk-movement); "" when cancelled. */
  exportCSV: (x: TrendsQuery, table: string) => call(T.ExportCSV(q(x), table)),
  /**
   * A page of the alerts or cases behind one figure: a measure's period ("" for the whole range),
   * optionally one breakdown cell (key "team:ID", "group:ID", "escalation:KEY"). Lists nothing when shared.
   */
  behind: (x: TrendsQuery, measure: string, period: string, key: string, offset: number, limit: number) =>
    call(T.Behind(q(x), measure, period, key, offset, limit)),
}

export function isSuppressed(v: Value): v is { suppressed: true } {
  return typeof v === 'object' && v !== null
}

/** The number of a value, or null when unknown or hidden. */
export function num(v: Value): number | null {
  return typeof v === 'number' ? v : null
}
