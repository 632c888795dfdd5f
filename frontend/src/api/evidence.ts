import * as E from '../../wailsjs/go/main/Evidence'
import { evidence, main } from '../../wailsjs/go/models'
import { ApiError, call } from './bridge'
import { runJob } from './jobs'

export type EvidenceReport = main.EvidenceReport
export type EvidenceProblem = evidence.Problem

/** Pushed about ten times a second while a check the page started runs (backend/evidence Progress). */
export interface EvidenceProgress {
  /** recordings while hashing, then files while listing the vault */
  phase: 'recordings' | 'files'
  done: number
  /** bytes to hash; 0 while listing files */
  total: number
  recordings: number
}

/** Sent once as "evidence:done:<id>" (app/evidence.go EvidenceDone). */
interface EvidenceDone {
  report: EvidenceReport
  error?: string
}

export const evidenceApi = {
  /** The latest check; checked is false before the first. */
  last: () => call(E.Last()),
  /** Runs the check now in the background; resolves with its report when it ends. */
  check: (onProgress: (p: EvidenceProgress) => void) =>
    new Promise<EvidenceReport>((resolve, reject) => {
      runJob<EvidenceProgress, EvidenceDone>('evidence', (id) => call(E.Start(id)), {
        onProgress,
        onDone: (d) => (d.error ? reject(new ApiError(d.error)) : resolve(d.report)),
      }).catch(reject)
    }),
}
