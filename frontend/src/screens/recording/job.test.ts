import { describe, expect, it } from 'vitest'
import type { TranscribeProgress } from '../../api/transcripts'
import { nextJob } from './job'

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
