import type { PlayerStatus } from '../../api/recordings'
import type { TranscribeProgress } from '../../api/transcripts'

const ended = (state: string) => state === 'done' || state === 'failed' || state === 'cancelled'

/**
 * The job to show after news p. Events can arrive out of order over the
 * bridge, and a fast engine can finish before Start answers: once a job has
 * ended, later news about it that says otherwise changes nothing.
 */
export function nextJob(cur: TranscribeProgress | null, p: TranscribeProgress): TranscribeProgress {
  return cur && cur.jobId === p.jobId && ended(cur.state) && !ended(p.state) ? cur : p
}

/** The player status to show: s unless it is older than what is shown (null resets). */
export function newerStatus(cur: PlayerStatus | null, s: PlayerStatus | null): PlayerStatus | null {
  if (!s || !cur || cur.mediaId !== s.mediaId) return s
  return s.seq >= cur.seq ? s : cur
}
