import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError } from '../../api/bridge'
import { triageApi, type Triage, type TriageDetail } from '../../api/triage'
import { TriagePanel } from './TriagePanel'

vi.mock('../../api/triage', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api/triage')>()),
  triageApi: { detail: vi.fn(), categorise: vi.fn() },
}))
// The map and the player have tests of their own; here they stand aside.
vi.mock('./TriageMap', () => ({ TriageMap: () => null }))
vi.mock('../recording/RecordingPanel', () => ({ RecordingPanel: () => null }))

const ALERT = 42
const onChanged = vi.fn()

function triage(id: number, category: string, by: string, at: number): Triage {
  return { id, alertId: ALERT, category, reason: '', categorisedBy: by, categorisedAt: at } as Triage
}

function detail(history: Triage[]): TriageDetail {
  return {
    alert: {
      alert: { id: ALERT, arcRef: 'RED-42', type: 'red', trigger: 'button', workerName: 'Pat Jones', teamName: 'Community nursing',
        raisedAt: 1763726400, validity: 'genuine', escalation: 'none', policeRef: '', memo: '', words: [] },
      log: [], media: [], positions: [],
    },
    history, retention: [], destructions: [], cases: [], now: 1763812800,
  } as unknown as TriageDetail
}

const jones = triage(5, 'precautionary', 'lsms.jones', 1763730000)
const smith = triage(6, 'false', 'j.smith', 1763734920)
const refusal = 'Someone else changed this alert\'s triage while you were looking at it: it is now ‘False or accidental’ ' +
  '(by j.smith at 14:22 on 21/11/2025). Your change was not saved. Look again and decide.'

beforeEach(() => {
  vi.clearAllMocks()
  vi.mocked(triageApi.detail).mockResolvedValueOnce(detail([jones])).mockResolvedValue(detail([jones, smith]))
})
afterEach(cleanup)

async function recategorise(category: string, reason: string) {
  render(<TriagePanel alertId={ALERT} onChanged={onChanged} />)
  const form = await screen.findByRole('form', { name: 'Categorise this red alert' })
  fireEvent.click(within(form).getByRole('radio', { name: category }))
  fireEvent.change(within(form).getByLabelText(/^Reason/), { target: { value: reason } })
  await act(async () => fireEvent.click(within(form).getByRole('button', { name: 'Record categorisation' })))
  return form
}

describe('TriagePanel when a colleague triaged the alert first', () => {
  it('sends the triage it showed, shows the refusal beside the button and loads the alert again', async () => {
    vi.mocked(triageApi.categorise).mockRejectedValue(new ApiError(refusal))
    const form = await recategorise('Genuine', 'heard a blow on the recording')
    expect(onChanged).toHaveBeenCalledTimes(1) // the list beside the panel loads again too

    expect(triageApi.categorise).toHaveBeenCalledWith(ALERT, jones.id, 'genuine', 'heard a blow on the recording')
    expect(within(form).getByRole('alert').textContent).toBe(refusal)
    // The colleague's triage is now the one shown, and what the person typed is still there to reconsider.
    expect(triageApi.detail).toHaveBeenCalledTimes(2)
    expect(screen.getByText('False or accidental', { selector: 'strong' }).parentElement?.textContent).toMatch(/by j\.smith/)
    expect((within(form).getByLabelText(/^Reason/) as HTMLTextAreaElement).value).toBe('heard a blow on the recording')
  })

  it('does not load again for a refusal that is not a colleague’s change', async () => {
    vi.mocked(triageApi.categorise).mockRejectedValue(new ApiError('Give the reason for re-categorising.'))
    const form = await recategorise('Genuine', '')
    expect(within(form).getByRole('alert').textContent).toBe('Give the reason for re-categorising.')
    expect(triageApi.detail).toHaveBeenCalledTimes(1)
    expect(onChanged).not.toHaveBeenCalled()
  })

  it('sends 0 for an alert that was waiting', async () => {
    vi.mocked(triageApi.detail).mockReset().mockResolvedValue(detail([]))
    vi.mocked(triageApi.categorise).mockResolvedValue(triage(7, 'genuine', 'lsms.jones', 1763740000))
    render(<TriagePanel alertId={ALERT} onChanged={() => {}} />)
    const form = await screen.findByRole('form', { name: 'Categorise this red alert' })
    fireEvent.click(within(form).getByRole('radio', { name: 'Genuine' }))
    await act(async () => fireEvent.click(within(form).getByRole('button', { name: 'Record categorisation' })))
    expect(triageApi.categorise).toHaveBeenCalledWith(ALERT, 0, 'genuine', '')
  })
})
