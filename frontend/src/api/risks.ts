import * as K from '../../wailsjs/go/main/Risks'
import { geo, main, risk, store } from '../../wailsjs/go/models'
import { call } from './bridge'

export type Risk = store.Risk
export type RiskFields = store.RiskFields
export type RiskScore = store.RiskScore
export type RiskLink = store.RiskLink
export type RiskView = main.RiskView
export type RiskCatalogue = main.RiskCatalogue
export type Band = risk.Band
export type Grid = risk.Grid
export type Cell = risk.Cell
export type ScoreKind = 'inherent' | 'current' | 'target'
export type HotspotParams = geo.HotspotParams

export const scoreKinds: ScoreKind[] = ['inherent', 'current', 'target']
export const scoreKindLabels: Record<ScoreKind, string> = { inherent: 'Inherent', current: 'Current', target: 'Target' }

export interface NewScore { kind: ScoreKind; consequence: number; likelihood: number }

export const risksApi = {
  catalogue: () => call(K.Catalogue()),
  /** seen is the set the form loaded; a colleague's save since is refused, not overwritten. */
  setBands: (seen: Band[], bs: Band[]) => call(K.SetBands(seen.map((b) => risk.Band.createFrom(b)), bs.map((b) => risk.Band.createFrom(b)))),
  list: (f: { status?: string; text?: string; band?: string } = {}) =>
    call(K.List(store.RiskFilter.createFrom({ status: f.status ?? '', text: f.text ?? '', band: f.band ?? '' }))),
  grid: (kind: ScoreKind) => call(K.Grid(kind)),
  get: (id: number) => call(K.Get(id)),
  create: (n: { fields: RiskFields; scores: NewScore[]; reason: string; caseId: number; links?: RiskLink[] }) =>
    call(K.Create(risk.NewRisk.createFrom({ ...n, links: n.links ?? [] }))),
  /** seen is the fields as the form loaded them; a colleague's save since is refused, not overwritten. */
  update: (id: number, seen: RiskFields, f: RiskFields) =>
    call(K.Update(id, store.RiskFields.createFrom(seen), store.RiskFields.createFrom(f))),
  /** seenScore is the id of the score of that kind the page showed (0: none). */
  rescore: (id: number, seenScore: number, s: NewScore, reason: string, caseId: number) =>
    call(K.Rescore(id, seenScore, risk.NewScore.createFrom(s), reason, caseId)),
  link: (id: number, l: { kind: string; target: string; note: string }) =>
    call(K.Link(id, store.RiskLink.createFrom({ riskId: id, label: '', linkedAt: 0, linkedBy: '', ...l }))),
  unlink: (id: number, kind: string, target: string, reason: string) => call(K.Unlink(id, kind, target, reason)),
  forCase: (caseId: number) => call(K.ForCase(caseId)),
  noChange: (caseId: number, reason: string) => call(K.NoChange(caseId, reason)),
  fromHotspot: (key: string, params: HotspotParams, current: { consequence: number; likelihood: number }) =>
    call(K.FromHotspot(key, geo.HotspotParams.createFrom(params), risk.Score.createFrom(current))),
  /** Opens Go's save dialog; resolves to the path written, or '' when cancelled. */
  exportXLSX: () => call(K.ExportXLSX()),
}

/** "4 x 3 = 12 (High)", or "Not scored". */
export function describeScore(s: RiskScore | undefined | null): string {
  return s ? `${s.consequence} x ${s.likelihood} = ${s.rating} (${s.band})` : 'Not scored'
}
