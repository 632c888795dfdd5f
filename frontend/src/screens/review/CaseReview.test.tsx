import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { peopleApi, type Member } from '../../api/people'
import { reviewsApi, type ReviewCatalogue, type ReviewView } from '../../api/reviews'
import { CaseReview } from './CaseReview'

vi.mock('../../api/reviews', () => ({ reviewsApi: { forCase: vi.fn(), catalogue: vi.fn(), assign: vi.fn(), assignLineManager: vi.fn() } }))
vi.mock('../../api/people', () => ({ peopleApi: { list: vi.fn() } }))
afterEach(cleanup)

const cat = { citation: 'Not Alone 8.5.1', factors: [], aar: [], factorCategories: {}, supportRatings: {}, actionStatuses: {} } as unknown as ReviewCatalogue
const notStarted = { review: { id: 0, lineManager: '', lineManagerLogin: '', dueOn: '' }, factors: [], actions: [], missing: [] } as unknown as ReviewView
const member = (login: string, displayName: string, role: string) => ({ login, displayName, role, addedAt: 1, addedBy: 'admin' }) as Member

describe('assigning the review', () => {
  it('in a team database, picks the line manager by login from the people list', async () => {
    vi.mocked(reviewsApi.forCase).mockResolvedValue(notStarted)
    vi.mocked(reviewsApi.catalogue).mockResolvedValue(cat)
    vi.mocked(reviewsApi.assignLineManager).mockResolvedValue(notStarted)
    vi.mocked(peopleApi.list).mockResolvedValue([member('ian', 'Ian Vestigator', 'investigator'), member('jsmith', 'Jo Smith', 'line_manager'),
      member('lmay', 'Lee May', 'line_manager')])
    render(<CaseReview caseId={4} />)
    const pick = await screen.findByLabelText('Line manager who completes it')
    expect(pick.tagName).toBe('SELECT')
    expect([...(pick as HTMLSelectElement).options].map((o) => o.text)).toEqual(['Jo Smith (jsmith)', 'Lee May (lmay)'])
    fireEvent.change(pick, { target: { value: 'lmay' } })
    fireEvent.click(screen.getByRole('button', { name: 'Start the review' }))
    await screen.findByText('Review started and assigned.')
    expect(reviewsApi.assignLineManager).toHaveBeenCalledWith(4, 'lmay', '')
    expect(reviewsApi.assign).not.toHaveBeenCalled()
  })

  it('on a laptop, takes the line manager\'s name as typed, as before', async () => {
    vi.mocked(reviewsApi.forCase).mockResolvedValue(notStarted)
    vi.mocked(reviewsApi.catalogue).mockResolvedValue(cat)
    vi.mocked(reviewsApi.assign).mockResolvedValue(notStarted)
    vi.mocked(peopleApi.list).mockResolvedValue([])
    render(<CaseReview caseId={4} />)
    const name = await screen.findByLabelText(/Line manager who completes it/)
    expect(name.tagName).toBe('INPUT')
    fireEvent.change(name, { target: { value: 'Pat Jones' } })
    fireEvent.click(screen.getByRole('button', { name: 'Start the review' }))
    await screen.findByText('Review started and assigned.')
    expect(reviewsApi.assign).toHaveBeenCalledWith(4, 'Pat Jones', '')
  })
})
