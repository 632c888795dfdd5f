import * as B from '../../wailsjs/go/main/Bundles'
import { bundle, exhibit, main } from '../../wailsjs/go/models'
import { ApiError, call } from './bridge'
import { runJob } from './jobs'

export type ExhibitView = main.ExhibitView
export type ContinuityLink = exhibit.Link
export type Listen = exhibit.Listen
export type PackageReport = bundle.Report
export type PackageFinding = bundle.Finding
/** Who produces the exhibits and how their references are made (backend/exhibit Settings). */
export type ExhibitSettings = exhibit.Settings

/** Where the exhibit settings live, for every message that sends a person there. */
export const exhibitSettingsHash = '#/settings/exhibits'

/** What the page chooses of a package: its form. Go asks where it goes. */
export interface PackageChoice {
  /** a disclosure copy, with personal data taken out */
  redacted: boolean
  /** one .zip file instead of a folder */
  zip: boolean
}

/** Pushed while a package is built (backend/bundle Progress), about ten a second while writing. */
export interface PackageProgress {
  step: 'numbering' | 'reading' | 'drawing' | 'writing'
  /** while writing, the file inside the package */
  file: string
  /** bytes written so far, of total */
  done: number
  total: number
}

/** One file of a built package, its path inside it ("data/..."). */
export interface PackageFile { path: string; sha256: string; bytes: number }

/** The package built (backend/bundle Result). */
export interface PackageResult {
  caseRef: string
  /** the folder or the zip */
  path: string
  zip: boolean
  redacted: boolean
  exhibits: string[]
  /** a disclosure copy's exhibits listed but not carried: recordings and files no text can be taken out of */
  withheld?: string[]
  files: PackageFile[]
  bundleSha256: string
  auditHead: { seq: number; hash: string }
  /** the package's own audit entry */
  auditSeq: number
}

/** Sent once as "bundle:done:<id>" (app/bundles.go BundleDone). */
interface BundleDone {
  chosen: boolean
  result?: PackageResult
  error?: string
  field?: string
}

/** How a build the page started ended: built, or no folder chosen. */
export type BuildOutcome = { built: true; result: PackageResult } | { built: false }

/** A build the page started: its run id (for Cancel) and how it ends. */
export interface Build {
  id: string
  ended: Promise<BuildOutcome>
}

export const bundlesApi = {
  /** The case's exhibits, each with its continuity; numbers any item not yet an exhibit (audited). */
  exhibits: (caseId: number) => call(B.Exhibits(caseId)),
  /** The listen log of one recording. */
  listens: (mediaId: number) => call(B.Listens(mediaId)),
  /** The exhibit settings: saved ones, or defaults drawn from the letters' LSMS. */
  settings: () => call(B.Settings()),
  /** Checks and saves the exhibit settings (audited); a refusal names its field. */
  saveSettings: (s: ExhibitSettings) => call(B.SaveSettings(exhibit.Settings.createFrom(s))),
  /** Records that an exhibit was handed to someone, and why (audited). */
  handover: (ref: string, to: string, reason: string) => call(B.Handover(ref, to, reason)),
  /**
   * Asks Go to open the folder dialog and build the case's package there in the background.
   * Resolves once the run has started; ended settles when it finishes, is stopped, or fails.
   */
  build: async (caseId: number, choice: PackageChoice, onProgress: (p: PackageProgress) => void): Promise<Build> => {
    let settle!: { resolve: (o: BuildOutcome) => void; reject: (e: Error) => void }
    const ended = new Promise<BuildOutcome>((resolve, reject) => { settle = { resolve, reject } })
    const id = await runJob<PackageProgress, BundleDone>('bundle', (runId) => call(B.Build(runId, caseId, main.PackageChoice.createFrom(choice))), {
      onProgress,
      onDone: (d) => {
        if (d.error) settle.reject(new ApiError(d.error, d.field))
        else if (d.chosen && d.result) settle.resolve({ built: true, result: d.result })
        else settle.resolve({ built: false })
      },
    })
    return { id, ended }
  },
  /** Stops a build; false when it had already ended. */
  cancel: (id: string) => call(B.Cancel(id)),
  /** Asks Go to open the dialog for a package (a folder, or a .zip file) and checks it; null when none was chosen. */
  verify: async (zip: boolean): Promise<PackageReport | null> => {
    const c = await call(B.Verify(zip))
    return c.chosen ? c.report : null
  },
}
