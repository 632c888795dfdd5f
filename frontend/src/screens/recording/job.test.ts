import { describe, expect, it } from 'vitest'
import type { TranscribeProgress } from '../../api/transcripts'
import { newerStatus, nextJob } from './job'
import type { PlayerStatus } from '../../api/recordings'

const ev = (jobId: string, state: TranscribeProgress['state'], progress = 0): TranscribeProgress =>
  ({ jobId, mediaId: 1, engine: 'whisper', state, progress, message: '', transcriptId: 0 })

describe('nextJob', () => {
  it('follows a job from running to done', () => {
    expect(nextJob(ev('a', 'running', 0.5), ev('a', 'done', 1)).state).toBe('done')
  })
  it('keeps done when a late progress event arrives', () => {
    expect(nextJob(ev('a', 'done', 1), ev('a', 'running', 1)).state).toBe('done')
  })
  it("keeps done when Start's answer arrives after the job ended", () => {
    expect(nextJob(ev('a', 'done', 1), ev('a', 'running', 0)).state).toBe('done')
  })
  it('shows a new job even after an old one ended', () => {
    expect(nextJob(ev('a', 'done', 1), ev('b', 'running', 0)).jobId).toBe('b')
  })
})

describe('newerStatus', () => {
  const st = (seq: number, playing: boolean, mediaId = 1) => ({ mediaId, seq, playing, state: playing ? 'playing' : 'paused' }) as unknown as PlayerStatus
  it('takes a newer status', () => expect(newerStatus(st(1, true), st(2, false))?.playing).toBe(false))
  it('ignores a late older one (a tick that overtook the pause)', () => expect(newerStatus(st(5, false), st(4, true))?.playing).toBe(false))
  it('takes any status of another recording, and a reset', () => {
    expect(newerStatus(st(9, false), st(1, true, 2))?.mediaId).toBe(2)
    expect(newerStatus(st(9, false), null)).toBeNull()
  })
})
