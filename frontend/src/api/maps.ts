import * as M from '../../wailsjs/go/main/Maps'
import { geo, main, store } from '../../wailsjs/go/models'
import { call } from './bridge'
import type { AlertFilter } from './alerts'

export type MapBox = store.MapBox
export type MapView = main.MapView
export type MapPoints = store.MapPoints
export type Cluster = geo.Cluster
export type HeatCell = geo.HeatCell
export type Hotspot = geo.Hotspot
export type HotspotLink = main.HotspotLink
export type RiskMatch = geo.RiskMatch
export type MapAlert = main.MapAlert
export type CaseMap = geo.CaseMap
export type TrailFix = geo.TrailFix
export type NearbyRisk = geo.NearbyRisk
export type KnownRisk = main.KnownRisk
export type KnownRiskLocation = store.KnownRiskLocation
export type MapSettings = main.MapSettings
export type MapSettingsView = main.MapSettingsView
export type ExportResult = main.ExportResult

/** Closure codes in the order MapPoints.validity indexes them (store.ValidityNames). */
export const validityCodes = ['', 'genuine', 'precautionary', 'false', 'test', 'duplicate', 'auto_closed', 'other']

export interface ViewRequest {
  box: MapBox
  zoom: number
  filter: AlertFilter
}

const req = (r: ViewRequest) => geo.ViewRequest.createFrom(r)

export const mapsApi = {
  view: (r: ViewRequest) => call(M.View(req(r))),
  heat: (r: ViewRequest) => call(M.Heat(req(r))),
  describe: (ids: number[]) => call(M.Describe(ids)),
  caseMap: (alertId: number) => call(M.CaseMap(alertId)),
  hotspots: (from: number, to: number) => call(M.Hotspots(from, to)),
  hotspotRiskLink: (key: string) => call(M.HotspotRiskLink(key)),
  knownRisks: () => call(M.KnownRisks()),
  saveKnownRisk: (k: KnownRiskLocation) => call(M.SaveKnownRisk(store.KnownRiskLocation.createFrom(k))),
  exportAlerts: (filter: AlertFilter, format: 'geojson' | 'kml') =>
    call(M.ExportAlerts(store.AlertFilter.createFrom(filter), format)),
  exportCaseMapPNG: (alertId: number) => call(M.ExportCaseMapPNG(alertId)),
  settings: () => call(M.Settings()),
  saveSettings: (s: MapSettings) => call(M.SaveSettings(main.MapSettings.createFrom(s))),
  chooseTileFile: () => call(M.ChooseTileFile()),
  refresh: () => call(M.Refresh()),
}
