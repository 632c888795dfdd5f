import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError } from '../../api/bridge'
import { lettersApi, type LetterSettings } from '../../api/letters'
import { LetterSettingsForm } from './LetterSettingsForm'

vi.mock('../../api/letters', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api/letters')>()),
  lettersApi: { settings: vi.fn(), saveSettings: vi.fn() },
}))

const saved = {
  trustName: 'Leeds Community NHS Trust', letterhead: 'HQ', lsmsName: 'Sam Patel', lsmsTitle: 'LSMS', lsmsAddress: '1 Road',
  lsmsPhone: '0113', lsmsEmail: 'lsms@nhs.net', recordingStatement: 'A recording exists.', transcriptRequest: 'Write to us.',
  warningWording: 'Warning.', noSanctionWording: 'No sanction.', warningMonths: 12, expiryMonths: 12, approvalByAnother: false,
  legalServicesName: 'Legal', legalServicesAddress: '2 Road',
} as LetterSettings

const scrolled: Element[] = []

beforeEach(() => {
  vi.clearAllMocks()
  scrolled.length = 0
  vi.mocked(lettersApi.settings).mockResolvedValue(saved)
  Element.prototype.scrollIntoView = function (this: Element) { scrolled.push(this) }
})
afterEach(cleanup)

async function submitRefused(err: Error) {
  vi.mocked(lettersApi.saveSettings).mockRejectedValue(err)
  render(<LetterSettingsForm />)
  fireEvent.click(await screen.findByRole('button', { name: 'Save letter settings' }))
  return screen.findByRole('alert')
}

describe('LetterSettingsForm', () => {
  it('shows a refusal beside the field Go names, focused and scrolled into view', async () => {
    const alert = await submitRefused(new ApiError('How to request a transcript uses the merge field {lsms_nmae}, which Redline cannot fill there: correct it.', 'transcriptRequest'))
    const field = document.querySelector<HTMLTextAreaElement>('[name="transcriptRequest"]')!
    // Beside its field: in the field's own label, straight after it, not at the foot of the form.
    expect(alert.closest('label')).toBe(field.closest('label'))
    expect(alert.textContent).toContain('{lsms_nmae}')
    expect(screen.getAllByRole('alert')).toHaveLength(1)
    expect(field.getAttribute('aria-invalid')).toBe('true')
    expect(field.getAttribute('aria-describedby')?.split(' ')).toContain(alert.id)
    await waitFor(() => expect(document.activeElement).toBe(field))
    expect(scrolled).toEqual([field])
    expect(screen.queryByRole('status')).toBeNull()
  })

  it('shows a number refusal beside its number field', async () => {
    const alert = await submitRefused(new ApiError('Warning expiry 6 months: use the review period (12) to 60.', 'expiryMonths'))
    const field = screen.getByRole('spinbutton', { name: /Warning expiry/ })
    expect(alert.closest('label')).toBe(field.closest('label'))
    await waitFor(() => expect(document.activeElement).toBe(field))
    expect(screen.getByRole('spinbutton', { name: /^Warning review period/ }).getAttribute('aria-invalid')).toBeNull()
  })

  it('shows a refusal about no field beside the Save button, and clears it on the next save', async () => {
    const alert = await submitRefused(new ApiError('Something went wrong (ref 7f3a).', undefined, '7f3a'))
    expect(alert.nextElementSibling?.nextElementSibling).toBe(screen.getByRole('button', { name: 'Save letter settings' }))
    vi.mocked(lettersApi.saveSettings).mockResolvedValue(saved)
    fireEvent.click(screen.getByRole('button', { name: 'Save letter settings' }))
    expect(await screen.findByRole('status')).toBeTruthy()
    expect(screen.queryByRole('alert')).toBeNull()
  })
})
