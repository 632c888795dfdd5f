import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ApiError } from '../../api/bridge'
import { casesApi, type CaseView } from '../../api/cases'
import type { Act } from './CaseDetail'
import { DecisionWizard } from './DecisionWizard'

vi.mock('../../api/cases', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api/cases')>()),
  casesApi: {
    routes: vi.fn(() => Promise.resolve([
      { id: 'sanction_letter', label: 'Sanction letter', description: 'Send a letter.', kinds: ['warning_letter'] },
      { id: 'police', label: 'Refer to the police', description: 'Refer it.', kinds: [] },
    ])),
    decide: vi.fn(),
  },
}))
afterEach(cleanup)

const view = { case: { id: 5, state: 'investigating', policeForce: '' }, decisions: [], people: [] } as unknown as CaseView
// The case page's act, as far as a form sees it: errors go to the form when it asks for them.
const runAct: Act = async (_what, fn, here) => {
  try { await fn(); return true } catch (e) { here?.(e as Error); return false }
}

describe('DecisionWizard', () => {
  it('shows a refused decision beside the field Go names, and takes focus there', async () => {
    vi.mocked(casesApi.decide).mockRejectedValue(new ApiError('say why you made this decision', 'reasons'))
    render(<DecisionWizard id={5} view={view} act={runAct} />)
    fireEvent.click(screen.getByRole('button', { name: 'Record the decision' }))
    fireEvent.click(await screen.findByRole('radio', { name: 'Refer to the police' }))
    await act(async () => { fireEvent.click(screen.getByRole('button', { name: 'Record decision' })) })

    const why = screen.getByRole('textbox', { name: /Why this decision/ })
    expect(screen.getByRole('alert').textContent).toBe('say why you made this decision')
    expect(why.closest('label')!.contains(screen.getByRole('alert'))).toBe(true)
    expect(why.getAttribute('aria-invalid')).toBe('true')
    expect(document.activeElement).toBe(why)
  })

  it('shows an error about no one field beside the button that was pressed', async () => {
    vi.mocked(casesApi.decide).mockRejectedValue(new ApiError('case RL-1 is closed: reopen it before changing the decision'))
    render(<DecisionWizard id={5} view={view} act={runAct} />)
    fireEvent.click(screen.getByRole('button', { name: 'Record the decision' }))
    fireEvent.click(await screen.findByRole('radio', { name: 'Refer to the police' }))
    await act(async () => { fireEvent.click(screen.getByRole('button', { name: 'Record decision' })) })
    const alert = screen.getByRole('alert')
    expect(alert.textContent).toMatch(/is closed/)
    expect(alert.nextElementSibling?.contains(screen.getByRole('button', { name: 'Record decision' }))).toBe(true)
  })
})
