import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError } from '../../api/bridge'
import { casesApi, type CaseView } from '../../api/cases'
import { neverAnswers } from '../../testing/deferred'
import { CaseDetail } from './CaseDetail'

vi.mock('../../api/cases', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api/cases')>()),
  casesApi: { get: vi.fn(), move: vi.fn(), routes: vi.fn(() => Promise.resolve([])) },
}))
// The panels inside a case (letters, review, risks, bundle) load their own parts; here they never answer.
vi.mock('../../api/letters', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api/letters')>()), lettersApi: neverAnswers(),
}))
vi.mock('../../api/reviews', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api/reviews')>()), reviewsApi: neverAnswers(),
}))
vi.mock('../../api/risks', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api/risks')>()), risksApi: neverAnswers(),
}))
vi.mock('../../api/bundles', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api/bundles')>()), bundlesApi: neverAnswers(),
}))

function caseView(state: string, next: string[]): CaseView {
  return {
    case: {
      id: 4, ref: 'RL-2026-0004', title: 'Car park threat', state, legalHold: false, legalHoldReason: '', openedAt: 1763726400,
      openedBy: 'lsms', incidentAt: 1763722800, summary: '', physicalAssault: false,
    },
    next, people: [], peopleFix: [], tasks: [], notes: [], support: [], updates: [], decisions: [],
    timeline: [], history: [], riddorNote: '', alerts: [],
  } as unknown as CaseView
}

const refusal = 'Someone else changed case RL-2026-0004\'s state while you were looking at it: it is now ‘Investigating’ ' +
  '(by j.smith at 14:02 on 21/11/2026). Your change was not saved. Look again and decide.'

beforeEach(() => vi.clearAllMocks())
afterEach(cleanup)

describe('CaseDetail when a colleague moved the case first', () => {
  it('sends the state it showed, says who moved it, and shows the case as it is now', async () => {
    vi.mocked(casesApi.get).mockResolvedValueOnce(caseView('open', ['investigating'])).mockResolvedValue(caseView('investigating', ['decision_pending']))
    vi.mocked(casesApi.move).mockRejectedValue(new ApiError(refusal))
    const onChanged = vi.fn()
    render(<CaseDetail caseId={4} onChanged={onChanged} />)
    await act(async () => {})

    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Move to Investigating' })))
    expect(casesApi.move).toHaveBeenCalledWith(4, 'open', 'investigating', '')
    expect(screen.getByRole('alert').textContent).toBe(refusal)
    expect(casesApi.get).toHaveBeenCalledTimes(2)
    expect(screen.getByText('Investigating', { selector: '.state-badge' })).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Move to Decision pending' })).toBeTruthy()
    expect(onChanged).toHaveBeenCalledTimes(1) // the cases list beside it loads again too
  })

  it('does not load the case again for a refusal that is not a colleague’s change', async () => {
    vi.mocked(casesApi.get).mockResolvedValue(caseView('open', ['investigating']))
    vi.mocked(casesApi.move).mockRejectedValue(new ApiError('Case RL-2026-0004 cannot move to Investigating yet.'))
    render(<CaseDetail caseId={4} onChanged={() => {}} />)
    await act(async () => {})
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Move to Investigating' })))
    expect(screen.getByRole('alert').textContent).toBe('Case RL-2026-0004 cannot move to Investigating yet.')
    expect(casesApi.get).toHaveBeenCalledTimes(1)
  })
})
