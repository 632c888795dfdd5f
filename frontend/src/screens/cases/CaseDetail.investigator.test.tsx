import { cleanup, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { alertsApi, type AlertDetail } from '../../api/alerts'
import { casesApi, type CaseView } from '../../api/cases'
import { peopleApi } from '../../api/people'
import { triageApi } from '../../api/triage'
import { neverAnswers } from '../../testing/deferred'
import { CaseDetail, investigatorSections } from './CaseDetail'
import { CasesScreen } from './CasesScreen'

vi.mock('../../api/cases', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api/cases')>()),
  casesApi: { get: vi.fn(), list: vi.fn(), routes: vi.fn(() => Promise.resolve([])) },
}))
vi.mock('../../api/alerts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api/alerts')>()), alertsApi: { detail: vi.fn() },
}))
vi.mock('../../api/people', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api/people')>()), peopleApi: { me: vi.fn(), caseInvestigators: vi.fn(), list: vi.fn() },
}))
vi.mock('../../api/triage', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api/triage')>()), triageApi: { list: vi.fn() },
}))
// The parts inside a case load their own data; here they never answer.
vi.mock('../../api/letters', async (importOriginal) => ({ ...(await importOriginal<typeof import('../../api/letters')>()), lettersApi: neverAnswers() }))
vi.mock('../../api/reviews', async (importOriginal) => ({ ...(await importOriginal<typeof import('../../api/reviews')>()), reviewsApi: neverAnswers() }))
vi.mock('../../api/risks', async (importOriginal) => ({ ...(await importOriginal<typeof import('../../api/risks')>()), risksApi: neverAnswers() }))
vi.mock('../../api/bundles', async (importOriginal) => ({ ...(await importOriginal<typeof import('../../api/bundles')>()), bundlesApi: neverAnswers() }))

function caseView(): CaseView {
  return {
    case: { id: 3, ref: 'RL-2026-0003', title: 'Ward assault', state: 'investigating', legalHold: false, legalHoldReason: '', openedAt: 1763726400,
      openedBy: 'lsms', incidentAt: 1763722800, summary: '', physicalAssault: false },
    next: ['awaiting_decision'], people: [{ id: 1, role: 'alleged_offender', name: 'Sam Doe', address: '1 High St', dateOfBirth: '', nhsNumber: '', relationship: '', contact: '' }],
    peopleFix: [], tasks: [{ id: 5, title: 'Ask the police', owner: 'Ian', dueOn: '2026-12-01' }], notes: [], support: [], updates: [], decisions: [],
    timeline: [], history: [], riddorNote: '', alerts: [{ id: 70, arcRef: 'RED-70', type: 'red' }],
  } as unknown as CaseView
}

beforeEach(() => {
  vi.clearAllMocks()
  vi.mocked(casesApi.get).mockResolvedValue(caseView())
  vi.mocked(peopleApi.me).mockResolvedValue({ login: '', name: '', role: 'lsms', team: false } as never)
  vi.mocked(alertsApi.detail).mockResolvedValue({ alert: { arcRef: 'RED-70' }, media: [{ id: 9, originalName: 'red70.wav', durationMs: 65000 }] } as unknown as AlertDetail)
})
afterEach(cleanup)

describe("the investigator's case page", () => {
  it('has only the parts their role may use, with the recordings to listen to and the evidence', async () => {
    render(<CaseDetail caseId={3} onChanged={() => {}} investigator />)
    const nav = await screen.findByRole('navigation', { name: 'Case sections' })
    const names = [...nav.querySelectorAll('button')].map((b) => b.textContent)
    expect(names).toEqual(investigatorSections.map(([, n]) => n))
    for (const gone of ['Risk', 'Decision', 'Letters', 'Review', 'Police and reporting']) expect(names).not.toContain(gone)
    expect(await screen.findByRole('button', { name: 'Listen to red70.wav' })).toBeTruthy()
    expect(screen.getByText(/RED-70 · red70\.wav · 1 min 05 s/)).toBeTruthy()
    expect(screen.getByRole('heading', { name: 'Court bundle' })).toBeTruthy()
    expect(screen.getByRole('cell', { name: 'Sam Doe' })).toBeTruthy()
    // No form the database would refuse: no moving the case, adding people, tasks or notes, no risk register.
    expect(screen.queryByRole('button', { name: /Move to/ })).toBeNull()
    expect(screen.queryByRole('form', { name: 'Add a person' })).toBeNull()
    expect(screen.queryByRole('form', { name: 'Add a task' })).toBeNull()
    expect(screen.queryByRole('button', { name: 'Add note' })).toBeNull()
    expect(screen.queryByText(/does not give access/)).toBeNull()
    expect(document.getElementById('case-part-risk')).toBeNull()
    // The alert is named, not offered as a link to triage.
    expect(screen.queryByRole('button', { name: 'RED-70 (red)' })).toBeNull()
  })

  it('is the whole page for everyone else', async () => {
    render(<CaseDetail caseId={3} onChanged={() => {}} />)
    expect(await screen.findByRole('button', { name: /^Move to / })).toBeTruthy()
    expect(document.getElementById('case-part-risk')).toBeTruthy()
    expect(document.getElementById('case-part-recordings')).toBeNull()
  })
})

describe("the investigator's Cases screen", () => {
  it('lists their cases with no triage tabs and never asks for triage', async () => {
    vi.mocked(peopleApi.me).mockResolvedValue({ login: 'ian', name: 'Ian', role: 'investigator', team: true } as never)
    vi.mocked(casesApi.list).mockResolvedValue([caseView().case])
    render(<CasesScreen />)
    const list = await screen.findByRole('list', { name: 'Cases' })
    await waitFor(() => expect(within(list).getByRole('button', { name: /RL-2026-0003/ })).toBeTruthy())
    expect(screen.queryByRole('tablist')).toBeNull()
    expect(screen.queryByRole('tab')).toBeNull()
    expect(screen.queryByRole('button', { name: 'Open a case by hand' })).toBeNull()
    expect(triageApi.list).not.toHaveBeenCalled()
  })

  it('keeps the triage tabs for the LSMS', async () => {
    vi.mocked(peopleApi.me).mockResolvedValue({ login: 'ann', name: 'Ann', role: 'lsms', team: true } as never)
    vi.mocked(casesApi.list).mockResolvedValue([])
    vi.mocked(triageApi.list).mockResolvedValue([])
    render(<CasesScreen />)
    expect(await screen.findByRole('tab', { name: /Red alerts to triage/ })).toBeTruthy()
    await waitFor(() => expect(triageApi.list).toHaveBeenCalled())
  })
})
