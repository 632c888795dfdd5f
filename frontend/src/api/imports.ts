import * as I from '../../wailsjs/go/main/Imports'
import { EventsOn } from '../../wailsjs/runtime/runtime'
import { arc, main } from '../../wailsjs/go/models'
import { call } from './bridge'

export type Picked = main.Picked
export type ProfileInfo = main.ProfileInfo
export type PastImport = main.PastImport
export type Quarantine = main.Quarantine
export type QuarantinedRow = main.QuarantinedRow
export type Problem = arc.Problem

/** arc.Counts / arc.Summary / arc.Result, delivered by event, so not generated. */
export interface Counts { new: number; updated: number; unchanged: number; rejected: number }
export interface ImportSummary { alerts: Counts; positions: Counts; log: Counts; media: Counts; documents?: Counts }
export interface ImportFile { importId: number; name: string; kind: string; size: number; sha256: string }
export interface ImportResult {
  importId: number
  source: string
  profile: string
  status: 'imported' | 'partial' | 'unchanged' | 'rejected'
  message: string
  summary: ImportSummary
  /** For a rejected import: what it would have stored without its rejected rows. */
  wouldImport?: ImportSummary | null
  errors: number
  warnings: number
  problems: Problem[] | null
  problemsOmitted: number
  files: ImportFile[] | null
  rows: number
  seconds: number
  /** Alert indexes this import left to rebuild after its commit (see IndexBanner). */
  indexesWaiting: number
}
export type IndexStatus = main.IndexStatus
export type HeaderInfo = arc.HeaderInfo
export type Preview = arc.Preview
export type TablePreview = arc.TablePreview
export type AlertARCInfo = main.AlertARCInfo

/** Pushed as "import:progress:<id>" about ten times a second (app/imports.go ImportProgress). */
export interface ImportProgress {
  phase: string
  file: string
  rows: number
  bytes: number
  totalBytes: number
  rowsPerSecond: number
  fraction: number
  /** Phase "waveforms", after the commit: recordings of the import whose waveforms are ready, of how many. */
  waveformsDone: number
  waveformsTotal: number
}

/** Pushed once as "import:done:<id>" (app/imports.go ImportOutcome). */
export interface ImportOutcome {
  result: ImportResult | null
  error: string
  noProfile: HeaderInfo[] | null
}

export interface StartOptions {
  profile: string
  partial: boolean
  /** Names the run's events, so the page can listen before it starts (app/imports.go StartOptions). */
  runId?: string
}

export const importsApi = {
  chooseFile: () => call(I.ChooseFile()),
  chooseFolder: () => call(I.ChooseFolder()),
  profiles: () => call(I.Profiles()),
  start: (token: string, opts: StartOptions) => call(I.Start(token, main.StartOptions.createFrom(opts))),
  cancel: (id: string) => call(I.Cancel(id)),
  /** Saves the stored validation report of an import (by import id) where the person chooses. */
  saveReport: (importId: number) => call(I.SaveReport(importId)),
  quarantined: (importId: number) => call(I.Quarantined(importId)),
  /** Writes an import's quarantined rows into a new folder inside the folder the person chooses. */
  saveQuarantine: (importId: number) => call(I.SaveQuarantine(importId)),
  history: () => call(I.History()),
  inspect: (token: string) => call(I.Inspect(token)),
  preview: (token: string, profileJSON: string) => call(I.Preview(token, profileJSON)),
  saveProfile: (profileJSON: string) => call(I.SaveProfile(profileJSON)),
  /** What the ARC sent about an alert beyond its own fields, and its documents. */
  alertARC: (alertId: number) => call(I.AlertARC(alertId)),
  onProgress: (id: string, fn: (p: ImportProgress) => void) => EventsOn(`import:progress:${id}`, fn),
  onDone: (id: string, fn: (o: ImportOutcome) => void) => EventsOn(`import:done:${id}`, fn),
  onDropped: (fn: (p: Picked) => void) => EventsOn('import:dropped', fn),
  /** The rebuild of alert indexes a large import left for after its commit. */
  indexes: () => call(I.Indexes()),
  /** Fires as that rebuild moves on; read indexes() for the state, as events may arrive out of order. */
  onIndexes: (fn: () => void) => EventsOn('indexes:progress', fn),
}
