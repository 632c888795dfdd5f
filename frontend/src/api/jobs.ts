// The one protocol every long job in Go follows (app/jobs.go): the page names
// the run, listens to "<kind>:progress:<id>" and "<kind>:done:<id>", then
// starts it, so a fast job's end is never missed; cancel by the same id.
import { EventsOn } from '../../wailsjs/runtime/runtime'

/** newRunId is 16 hexadecimal digits, the form Go accepts for a run's id. */
export function newRunId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => b.toString(16).padStart(2, '0')).join('')
}

export interface RunHandlers<P, D> {
  onProgress?: (p: P) => void
  onDone?: (d: D) => void
}

/**
 * runJob listens to a run's events, then calls start with its id. The
 * listeners go once the done event arrives, or at once if start fails.
 */
export async function runJob<P, D>(kind: string, start: (id: string) => Promise<string>, h: RunHandlers<P, D>): Promise<string> {
  const id = newRunId()
  const offProgress = EventsOn(`${kind}:progress:${id}`, (p: P) => h.onProgress?.(p))
  const offDone = EventsOn(`${kind}:done:${id}`, (d: D) => {
    offProgress()
    offDone()
    h.onDone?.(d)
  })
  try {
    return await start(id)
  } catch (e) {
    offProgress()
    offDone()
    throw e
  }
}
