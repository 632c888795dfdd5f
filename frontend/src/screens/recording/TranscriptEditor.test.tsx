import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { transcriptsApi, type TranscriptDoc } from '../../api/transcripts'
import { placeSaveError, TranscriptEditor } from './TranscriptEditor'

vi.mock('../../api/transcripts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api/transcripts')>()),
  transcriptsApi: {
    engines: vi.fn(() => Promise.resolve([])),
    list: vi.fn(),
    revisions: vi.fn(() => Promise.resolve([])),
    onProgress: vi.fn(() => () => {}),
    save: vi.fn(),
    sign: vi.fn(),
  },
}))

function doc(): TranscriptDoc {
  return {
    id: 7, mediaId: 3, revision: 2, status: 'draft', engine: 'manual', caseRef: '', exhibitRef: '', speakers: [],
    allSpeakers: ['Lone worker', 'Unknown'], createdAt: 0, transcribedBy: '', checkedBy: '',
    segments: [
      { startMs: 0, endMs: 2000, speaker: 'Lone worker', text: 'Hello', confidence: 0 },
      { startMs: 3000, endMs: 5000, speaker: 'Unknown', text: 'Go away', confidence: 0 },
    ],
  } as unknown as TranscriptDoc
}

beforeEach(() => {
  vi.clearAllMocks()
  vi.mocked(transcriptsApi.list).mockResolvedValue([doc()])
})
afterEach(cleanup)

describe('placeSaveError', () => {
  it.each([
    ['segment 2: it ends (0:01) before it starts (0:03)', 'seg-1-end'],
    ['segment 1 starts at 9:00, after the recording ends (4:12)', 'seg-0-start'],
    ['segment 3 is longer than 5000 characters; split it', 'seg-2-text'],
    ['segment 4: speaker "Bob" is not in the list; add the name first', 'seg-3-speaker'],
    ['the exhibit reference is longer than 100 characters', 'exhibitRef'],
    ['transcript 7 (you edited revision 1, the latest is 2): changed by someone else', 'save'],
  ])('%s goes beside %s', (message, at) => expect(placeSaveError(message)).toBe(at))
})

describe('TranscriptEditor', () => {
  it('shows a refused save beside the segment field it is about, and focuses that field', async () => {
    render(<TranscriptEditor mediaId={3} durationMs={252000} positionMs={0} onSeek={() => {}} />)
    const words = await screen.findByLabelText('Segment 2 words')
    fireEvent.change(words, { target: { value: 'Go away now' } })
    vi.mocked(transcriptsApi.save).mockRejectedValue(new Error('segment 2: it ends (0:01) before it starts (0:03)'))
    await act(async () => { fireEvent.click(screen.getByRole('button', { name: 'Save revision' })) })

    const end = screen.getByLabelText('Segment 2 end')
    const alert = screen.getByRole('alert')
    expect(alert.textContent).toContain('ends (0:01) before it starts')
    expect(alert.closest('li')).toBe(end.closest('li'))
    expect(end.getAttribute('aria-invalid')).toBe('true')
    expect(end.getAttribute('aria-describedby')).toBe(alert.id)
    expect(document.activeElement).toBe(end)
  })

  it('shows a refused sign-off beside the name it asked for', async () => {
    render(<TranscriptEditor mediaId={3} durationMs={252000} positionMs={0} onSeek={() => {}} />)
    await screen.findByLabelText('Segment 1 words')
    vi.mocked(transcriptsApi.sign).mockRejectedValue(new Error('type the full name of the person who checked the transcript'))
    await act(async () => { fireEvent.click(screen.getByRole('button', { name: 'Sign as checker' })) })
    const name = screen.getByLabelText(/Checked by \(full name\)/)
    expect(name.closest('label')!.textContent).toContain('type the full name of the person who checked')
    expect(document.activeElement).toBe(name)
  })
})
