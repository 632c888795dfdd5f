import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { casesApi, type CaseView } from '../../api/cases'
import { deferred, neverAnswers, type Deferred } from '../../testing/deferred'
import { CaseDetail, caseSections } from './CaseDetail'

// The case comes from the typed API, mocked so the test hands answers back in the order it chooses.
vi.mock('../../api/cases', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api/cases')>()),
  casesApi: {
    get: vi.fn(),
    move: vi.fn(() => Promise.resolve()),
    addNote: vi.fn(() => Promise.resolve()),
    routes: vi.fn(() => Promise.resolve([])),
  },
}))
// The panels inside a case (letters, review, risks) load their own parts; here they never answer.
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

/** A case as Go sends it, open and ready to move on. */
function caseView(id: number, ref: string, title: string): CaseView {
  return {
    case: {
      id, ref, title, state: 'open', legalHold: false, legalHoldReason: '', openedAt: 1735725600, openedBy: 'lsms',
      incidentAt: 1735722000, summary: '', physicalAssault: false,
    },
    next: ['investigating'], people: [], peopleFix: [], tasks: [], notes: [], support: [], updates: [], decisions: [],
    timeline: [], history: [], riddorNote: '', alerts: [],
  } as unknown as CaseView
}

const get = vi.mocked(casesApi.get)
let answers: Map<number, Deferred<CaseView>>

beforeEach(() => {
  vi.clearAllMocks()
  answers = new Map()
  get.mockImplementation((id: number) => {
    const d = deferred<CaseView>()
    answers.set(id, d)
    return d.promise
  })
})
afterEach(cleanup)

describe('CaseDetail', () => {
  it('shows the case now selected when the earlier case answers last, and acts on it', async () => {
    const { rerender } = render(<CaseDetail caseId={1} onChanged={() => {}} />)
    rerender(<CaseDetail caseId={2} onChanged={() => {}} />)
    expect(get.mock.calls).toEqual([[1], [2]])

    await act(async () => answers.get(2)!.resolve(caseView(2, 'RL-2025-0002', 'Car park threat')))
    await act(async () => answers.get(1)!.resolve(caseView(1, 'RL-2025-0001', 'Ward assault')))

    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('RL-2025-0002 · Car park threat')
    expect(screen.queryByText(/RL-2025-0001|Ward assault/)).toBeNull()

    fireEvent.click(screen.getByRole('button', { name: 'Move to Investigating' }))
    // The state the page showed goes with the move, so a colleague's move since is refused.
    expect(casesApi.move).toHaveBeenCalledWith(2, 'open', 'investigating', '')

    fireEvent.change(screen.getByLabelText('New note'), { target: { value: 'Spoke to the ward manager.' } })
    fireEvent.click(screen.getByRole('button', { name: 'Add note' }))
    expect(casesApi.addNote).toHaveBeenCalledWith(2, 'Spoke to the ward manager.')
    expect(casesApi.move).not.toHaveBeenCalledWith(1, expect.anything(), expect.anything(), expect.anything())
  })

  it('shows Loading, not the earlier case, while the selected case is on its way', async () => {
    const { rerender } = render(<CaseDetail caseId={1} onChanged={() => {}} />)
    await act(async () => answers.get(1)!.resolve(caseView(1, 'RL-2025-0001', 'Ward assault')))
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('RL-2025-0001 · Ward assault')

    rerender(<CaseDetail caseId={2} onChanged={() => {}} />)
    expect(screen.queryByText(/RL-2025-0001/)).toBeNull()
    expect(screen.queryByRole('button', { name: 'Move to Investigating' })).toBeNull()
    expect(screen.getByText('Loading…')).toBeTruthy()
  })
})

describe('CaseDetail for the day\'s work', () => {
  const open = async (v: CaseView, landing?: { id: number; section: string; n: number }) => {
    render(<CaseDetail caseId={v.case.id} onChanged={() => {}} landing={landing} />)
    await act(async () => answers.get(v.case.id)!.resolve(v))
  }

  it('lands on the section an item is about, with focus on its first control', async () => {
    await open(caseView(3, 'RL-2025-0003', 'Ward assault'), { id: 3, section: 'decision', n: 1 })
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Record the decision' }))
  })

  it('lands on the people when asked, not on the page body', async () => {
    await open(caseView(3, 'RL-2025-0003', 'Ward assault'), { id: 3, section: 'people', n: 1 })
    expect(document.activeElement).toBe(within(screen.getByRole('form', { name: 'Add a person' })).getByRole('combobox', { name: 'Role' }))
  })

  it('offers a navigation to every section of the case', async () => {
    await open(caseView(3, 'RL-2025-0003', 'Ward assault'))
    const nav = screen.getByRole('navigation', { name: 'Case sections' })
    const names = [...nav.querySelectorAll('button')].map((b) => b.textContent)
    expect(names).toEqual(caseSections.map(([, name]) => name))
    for (const s of ['Summary', 'People', 'Evidence', 'Timeline', 'Decision', 'Letters', 'Review', 'Risk', 'History']) expect(names).toContain(s)
    fireEvent.click(screen.getByRole('button', { name: 'History' }))
    expect(document.activeElement?.id).toBe('case-part-history')
  })

  it('tells its history in plain English', async () => {
    const v = caseView(3, 'RL-2025-0003', 'Ward assault')
    v.history = [
      { seq: 10, at: 1735725600, actor: 'lsms', action: 'case.person_add', detail: '{"role":"witness"}' },
      { seq: 11, at: 1735725700, actor: 'lsms', action: 'case.decide', detail: '{"route":"sanction_letter","sanction":""}' },
    ] as CaseView['history']
    await open(v)
    expect(screen.getByRole('cell', { name: 'added a person: a witness' })).toBeTruthy()
    expect(screen.getByRole('cell', { name: 'decision: sanction letter' })).toBeTruthy()
    expect(screen.queryByRole('cell', { name: /case\.person_add|case\.decide/ })).toBeNull()
  })

  it('opens an amber alert of the case on the Alerts screen', async () => {
    const v = caseView(3, 'RL-2025-0003', 'Ward assault')
    v.alerts = [{ id: 77, arcRef: 'AMB-77', type: 'amber' }] as CaseView['alerts']
    await open(v)
    fireEvent.click(screen.getByRole('button', { name: 'AMB-77 (amber)' }))
    expect(window.location.hash).toBe('#/alerts/77')
    window.location.hash = ''
  })
})
