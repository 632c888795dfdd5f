import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError } from '../../api/bridge'
import { reviewsApi, type ReviewCatalogue, type ReviewForm, type ReviewView } from '../../api/reviews'
import { MyReviewsScreen, reviewOf } from './MyReviewsScreen'

vi.mock('../../api/reviews', () => ({
  reviewsApi: { mine: vi.fn(), get: vi.fn(), catalogue: vi.fn(), save: vi.fn(), signOffMine: vi.fn() },
}))
vi.mock('../../api/people', () => ({ peopleApi: { list: vi.fn().mockResolvedValue([]) } }))

const cat = {
  citation: 'Not Alone 8.5.1',
  factors: ['incidentType', 'severity', 'recurrence', 'cost', 'involved', 'weaknesses', 'trainingNeeds', 'measuresReview', 'support', 'technology']
    .map((key) => ({ key, label: key, hint: '' })),
  aar: ['aarExpected', 'aarHappened', 'aarDifference', 'aarLearn'].map((key) => ({ key, label: `Question ${key}`, hint: '' })),
  factorCategories: { other: 'Other' }, supportRatings: { effective: 'Effective' }, actionStatuses: { open: 'Open' },
} as unknown as ReviewCatalogue

const blank = { incidentType: '', severity: 0, recurrence: 0 } as unknown as ReviewForm
// 12:00 on 22/11/2026 in London (UTC in winter).
const saved = 1_795_348_800
const view = (form: Partial<ReviewForm>, missing: { field: string; label: string }[], updatedAt = saved): ReviewView => ({
  review: { id: 7, caseId: 3, caseRef: 'RL-2026-0003', caseTitle: 'Verbal abuse at a home visit', lineManager: 'Jo Smith', lineManagerLogin: 'jsmith',
    dueOn: '2026-12-06', assignedBy: 'ann', form: { ...blank, ...form }, updatedAt, updatedBy: 'jsmith', signedOffAt: null },
  factors: [], actions: [], missing,
}) as unknown as ReviewView

const allMissing = ['incidentType', 'severity', 'recurrence', 'costHuman', 'individuals', 'weaknessProcedural', 'trainingNeeds', 'measuresReview',
  'supportRating', 'technology', 'aarExpected', 'aarHappened', 'aarDifference', 'aarLearn', 'actions'].map((field) => ({ field, label: field }))

beforeEach(() => {
  vi.useFakeTimers({ shouldAdvanceTime: true })
  vi.mocked(reviewsApi.catalogue).mockResolvedValue(cat)
  vi.mocked(reviewsApi.mine).mockResolvedValue([{ reviewId: 7, caseId: 3, caseRef: 'RL-2026-0003', caseTitle: 'Verbal abuse at a home visit',
    incidentAt: saved - 86400, lineManager: 'Jo Smith', dueOn: '2026-12-06' }] as never)
})
afterEach(() => { cleanup(); vi.useRealTimers(); window.location.hash = '' })

/**
 * Opens review 7, has a colleague ('ann') save it first, and types into it:
 * the autosave is refused and their version loaded.
 */
async function typeOverAColleaguesSave() {
  window.location.hash = '#/my-reviews/7'
  vi.mocked(reviewsApi.save).mockClear()
  vi.mocked(reviewsApi.get).mockResolvedValue(view({}, allMissing))
  vi.mocked(reviewsApi.save).mockRejectedValue(new ApiError('Someone else changed this review while you were looking at it (by ann at 12:01 on 22/11/2026). Your change was not saved. Look again and decide.'))
  render(<MyReviewsScreen />)
  const box = await screen.findByLabelText('Type of incident')
  const theirs = view({ incidentType: 'Threats to kill' }, allMissing.slice(1), saved + 60)
  theirs.review.updatedBy = 'ann'
  vi.mocked(reviewsApi.get).mockResolvedValue(theirs)
  fireEvent.change(box, { target: { value: 'Verbal abuse' } })
  await act(async () => { await vi.advanceTimersByTimeAsync(1000) })
}

describe('My reviews', () => {
  it('reads the review a link opens', () => {
    expect(reviewOf('#/my-reviews/12')).toBe(12)
    expect(reviewOf('#/my-reviews')).toBe(0)
    expect(reviewOf('#/alerts/12')).toBe(0)
  })

  it('lists the reviews assigned to the line manager, each opening the form alone', async () => {
    render(<MyReviewsScreen />)
    const link = await screen.findByRole('link', { name: 'Review of RL-2026-0003' })
    expect(link.getAttribute('href')).toBe('#/my-reviews/7')
    expect(screen.getByText('06/12/2026')).toBeTruthy()
  })

  it('saves as they type, says when, and shows progress', async () => {
    window.location.hash = '#/my-reviews/7'
    vi.mocked(reviewsApi.get).mockResolvedValue(view({}, allMissing))
    vi.mocked(reviewsApi.save).mockResolvedValue(view({ incidentType: 'Verbal abuse' }, allMissing.slice(1), saved + 120))
    render(<MyReviewsScreen />)
    expect(await screen.findByText('0 of 15 sections done')).toBeTruthy()
    expect(screen.queryByRole('link', { name: /Cases/ })).toBeNull()
    fireEvent.change(screen.getByLabelText('Type of incident'), { target: { value: 'Verbal abuse' } })
    expect(screen.getByText('Changes not saved yet')).toBeTruthy()
    expect(reviewsApi.save).not.toHaveBeenCalled() // not on every keystroke
    await act(async () => { await vi.advanceTimersByTimeAsync(1000) })
    expect(reviewsApi.save).toHaveBeenCalledTimes(1)
    expect(vi.mocked(reviewsApi.save).mock.calls[0][1].incidentType).toBe('Verbal abuse')
    expect(await screen.findByText('Saved at 12:02')).toBeTruthy()
    expect(screen.getByText('1 of 15 sections done')).toBeTruthy()
  })

  it('says plainly when a save fails and keeps what was typed', async () => {
    window.location.hash = '#/my-reviews/7'
    vi.mocked(reviewsApi.get).mockResolvedValue(view({}, allMissing))
    vi.mocked(reviewsApi.save).mockRejectedValue(new ApiError('The team database could not be reached.'))
    render(<MyReviewsScreen />)
    const box = await screen.findByLabelText('Type of incident')
    fireEvent.change(box, { target: { value: 'Theft of equipment' } })
    await act(async () => { await vi.advanceTimersByTimeAsync(1000) })
    expect(await screen.findByText(/Not saved: The team database could not be reached\. What you typed is still here\./)).toBeTruthy()
    expect((screen.getByLabelText('Type of incident') as HTMLTextAreaElement).value).toBe('Theft of equipment')
    vi.mocked(reviewsApi.save).mockResolvedValue(view({ incidentType: 'Theft of equipment' }, allMissing.slice(1), saved + 60))
    fireEvent.click(screen.getByRole('button', { name: 'Try saving again' }))
    await act(async () => { await vi.advanceTimersByTimeAsync(1000) })
    expect(await screen.findByText('Saved at 12:01')).toBeTruthy()
  })

  it('never saves over a colleague: their answers are loaded and the line manager decides', async () => {
    await typeOverAColleaguesSave()
    expect(await screen.findByText(/Someone else changed this review/)).toBeTruthy()
    // The save named the review the form started from.
    expect(vi.mocked(reviewsApi.save).mock.calls[0][2]).toMatchObject({ updatedAt: saved, updatedBy: 'jsmith' })
    expect((screen.getByLabelText('Type of incident') as HTMLTextAreaElement).value).toBe('Verbal abuse')
    fireEvent.click(await screen.findByRole('button', { name: 'Show their answers instead' }))
    expect((screen.getByLabelText('Type of incident') as HTMLTextAreaElement).value).toBe('Threats to kill')
    expect(screen.queryByText(/Someone else changed/)).toBeNull()
    expect(reviewsApi.save).toHaveBeenCalledTimes(1)
  })

  it('saves over a colleague only when asked, from their version', async () => {
    await typeOverAColleaguesSave()
    vi.mocked(reviewsApi.save).mockResolvedValue(view({ incidentType: 'Verbal abuse' }, allMissing.slice(1), saved + 120))
    fireEvent.click(await screen.findByRole('button', { name: 'Save my answers over theirs' }))
    await act(async () => { await vi.advanceTimersByTimeAsync(1000) })
    expect(await screen.findByText('Saved at 12:02')).toBeTruthy()
    expect(vi.mocked(reviewsApi.save).mock.calls[1][2]).toMatchObject({ updatedAt: saved + 60, updatedBy: 'ann' })
  })

  it('signs off under their own login, with no name to type', async () => {
    window.location.hash = '#/my-reviews/7'
    vi.mocked(reviewsApi.get).mockResolvedValue(view({}, []))
    const signed = view({}, [])
    signed.review.signedOffAt = saved + 300
    signed.review.signedOffBy = 'Jo Smith'
    vi.mocked(reviewsApi.signOffMine).mockResolvedValue(signed)
    render(<MyReviewsScreen />)
    expect(await screen.findByText('15 of 15 sections done')).toBeTruthy()
    expect(screen.queryByLabelText(/Signed by/)).toBeNull()
    fireEvent.click(screen.getByRole('button', { name: 'Sign off as Jo Smith' }))
    expect(await screen.findByText('Review signed off.')).toBeTruthy()
    expect(reviewsApi.signOffMine).toHaveBeenCalledWith(7)
  })
})
