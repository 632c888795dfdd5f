import { act, cleanup, render, screen } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { transcriptsApi } from '../../api/transcripts'
import { TranscriptionSettings } from './TranscriptionSettings'

vi.mock('../../api/transcripts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api/transcripts')>()),
  transcriptsApi: { engines: vi.fn(), whisperSettings: vi.fn(), chooseWhisperFile: vi.fn() },
}))

const api = vi.mocked(transcriptsApi)

beforeEach(() => {
  vi.clearAllMocks()
  api.engines.mockResolvedValue([])
  api.whisperSettings.mockResolvedValue({ program: '/opt/whisper-cli', model: '/m/ggml-base.en.bin', vadModel: '/m/silero.bin', threads: 2 } as never)
})
afterEach(cleanup)

describe('TranscriptionSettings', () => {
  it('says plainly that whisper.cpp voice-activity detection is not used for a court transcript, and why', async () => {
    await act(async () => { render(<TranscriptionSettings />) })
    expect(screen.getByText('/m/silero.bin')).toBeTruthy() // a model is chosen, and still:
    const note = document.getElementById('stt-vad-note')!.textContent!
    expect(note).toMatch(/does not ask whisper\.cpp to skip silence \(voice-activity detection\) for a transcript that may go to court/)
    expect(note).toMatch(/unless its timings have been checked against the recording/)
    expect(note).toMatch(/whisper\.cpp issues 3174 and 3754/)
  })
})
