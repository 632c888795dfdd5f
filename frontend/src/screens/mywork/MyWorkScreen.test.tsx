import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { myWorkApi, type WorkItem } from '../../api/mywork'
import { openCasework } from '../cases/nav'
import { MyWorkScreen } from './MyWorkScreen'

vi.mock('../../api/mywork', () => ({ myWorkApi: { list: vi.fn(), now: vi.fn() } }))
vi.mock('../cases/nav', () => ({ openCasework: vi.fn() }))
afterEach(cleanup)

const now = 1_800_000_000
const item = (x: Partial<WorkItem>) => ({ kind: 'task', title: '', detail: '', dueAt: 0, overdue: false, urgent: false, why: '',
  section: '', alertId: 0, caseId: 0, ...x }) as WorkItem

describe('My work', () => {
  it('says why an untriaged red alert is urgent, shows overdue in days, and opens a review at the review', async () => {
    vi.mocked(myWorkApi.now).mockResolvedValue(now)
    vi.mocked(myWorkApi.list).mockResolvedValue([
      item({ kind: 'task', title: 'Call the ward', dueAt: now - (37 * 3600 + 35 * 60), overdue: true, caseId: 4, section: 'tasks' }),
      item({ kind: 'triage', title: 'Triage red alert R1 (Sam Lone)', urgent: true, why: 'Urgent: police called on 999', alertId: 9 }),
      item({ kind: 'review', title: 'Post-incident review of RL-2026-0002', dueAt: now + 3 * 86400, caseId: 2, section: 'review' }),
    ])
    render(<MyWorkScreen />)
    await screen.findByText('Urgent: police called on 999')
    expect(screen.getByText('overdue by 1 day 14 h')).toBeTruthy()
    expect(screen.queryByText('No deadline')).toBeNull()

    fireEvent.click(screen.getByRole('button', { name: 'Open: Post-incident review of RL-2026-0002' }))
    expect(openCasework).toHaveBeenLastCalledWith({ kind: 'case', id: 2, section: 'review' })
    fireEvent.click(screen.getByRole('button', { name: 'Open: Triage red alert R1 (Sam Lone)' }))
    expect(openCasework).toHaveBeenLastCalledWith({ kind: 'triage', id: 9 })
  })

  it('opens a review action at its case\'s review, not the letters, and names its kind in words', async () => {
    vi.mocked(myWorkApi.now).mockResolvedValue(now)
    vi.mocked(myWorkApi.list).mockResolvedValue([
      item({ kind: 'review_action', title: 'RL-2026-0003 action: Add a warning marker', dueAt: now + 86400, caseId: 3, section: 'review' }),
    ])
    render(<MyWorkScreen />)
    fireEvent.click(await screen.findByRole('button', { name: 'Open: RL-2026-0003 action: Add a warning marker' }))
    expect(openCasework).toHaveBeenLastCalledWith({ kind: 'case', id: 3, section: 'review' })
    expect(screen.getByText('Review action')).toBeTruthy()
    expect(screen.queryByText('review_action')).toBeNull()
  })
})
