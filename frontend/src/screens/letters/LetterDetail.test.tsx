import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { lettersApi, type LetterView } from '../../api/letters'
import { deferred, type Deferred } from '../../testing/deferred'
import { LetterDetail } from './LetterDetail'

// The letter comes from the typed API, mocked so the test hands answers back in the order it chooses.
vi.mock('../../api/letters', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api/letters')>()),
  lettersApi: {
    get: vi.fn(),
    fields: vi.fn(() => Promise.resolve([])),
    approve: vi.fn(() => Promise.resolve()),
    export: vi.fn(() => Promise.resolve('')),
    pdf: vi.fn(() => new Promise(() => {})),
  },
}))

/** A draft letter as Go sends it. */
function letterView(id: number, ref: string, recipient: string): LetterView {
  return {
    letter: {
      id, ref, caseId: id, caseRef: `RL-2025-000${id}`, kind: 'sanction', status: 'draft', recipient,
      letterDate: '2025-03-01', reviewOn: '', expiresOn: '', pdfSha256: 'ab12', fields: '{}',
      createdAt: 1740787200, createdBy: 'lsms', approvedBy: '', issuedOn: '', issuedMethod: '', issuedBy: '', endedOn: '', endedReason: '',
    },
    events: [], title: '',
  } as unknown as LetterView
}

const get = vi.mocked(lettersApi.get)
let answers: Map<number, Deferred<LetterView>>

beforeEach(() => {
  vi.clearAllMocks()
  answers = new Map()
  get.mockImplementation((id: number) => {
    const d = deferred<LetterView>()
    answers.set(id, d)
    return d.promise
  })
})
afterEach(cleanup)

describe('LetterDetail', () => {
  it('shows the letter now selected when the earlier letter answers last, and acts on it', async () => {
    const { rerender } = render(<LetterDetail letterId={11} />)
    rerender(<LetterDetail letterId={12} />)
    expect(get.mock.calls).toEqual([[11], [12]])

    await act(async () => answers.get(12)!.resolve(letterView(12, 'L-0012', 'Sam Brown')))
    await act(async () => answers.get(11)!.resolve(letterView(11, 'L-0011', 'Alex Green')))

    expect(screen.getByRole('region', { name: 'Letter L-0012' })).toBeTruthy()
    expect(screen.getByText(/to Sam Brown/)).toBeTruthy()
    expect(screen.queryByText(/L-0011|Alex Green/)).toBeNull()

    fireEvent.click(screen.getByRole('button', { name: 'Approve letter' }))
    expect(lettersApi.approve).toHaveBeenCalledWith(12)
    fireEvent.click(screen.getByRole('button', { name: 'Save as PDF' }))
    expect(lettersApi.export).toHaveBeenCalledWith(12, 'pdf')
    expect(lettersApi.approve).not.toHaveBeenCalledWith(11)
  })

  it('shows nothing of the earlier letter while the selected one is on its way', async () => {
    const { rerender } = render(<LetterDetail letterId={11} />)
    await act(async () => answers.get(11)!.resolve(letterView(11, 'L-0011', 'Alex Green')))
    expect(screen.getByRole('region', { name: 'Letter L-0011' })).toBeTruthy()

    rerender(<LetterDetail letterId={12} />)
    expect(screen.queryByText(/L-0011|Alex Green/)).toBeNull()
    expect(screen.queryByRole('button', { name: 'Approve letter' })).toBeNull()
    expect(screen.getByText('Loading the letter…')).toBeTruthy()
  })
})
