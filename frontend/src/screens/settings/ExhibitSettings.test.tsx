import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError } from '../../api/bridge'
import { bundlesApi, type ExhibitSettings as Settings } from '../../api/bundles'
import { ExhibitSettings } from './ExhibitSettings'

// Go is mocked at the typed API: the test decides what loading and saving answer.
vi.mock('../../api/bundles', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api/bundles')>()),
  bundlesApi: { settings: vi.fn(), saveSettings: vi.fn() },
}))

const api = vi.mocked(bundlesApi)
const saved: Settings = { producer: 'Alex Morgan', role: 'Local Security Management Specialist', initials: 'AM', separator: '/',
  keptAt: 'Redline evidence store, Leeds Community Trust', trust: 'Leeds Community Trust' }

beforeEach(() => {
  vi.clearAllMocks()
  api.settings.mockResolvedValue({ ...saved })
  window.location.hash = ''
})
afterEach(cleanup)

async function show() {
  await act(async () => { render(<ExhibitSettings />) })
  return screen.getByRole('form', { name: 'Exhibit settings' })
}

describe('ExhibitSettings', () => {
  it('shows every setting with its label and previews the references they make', async () => {
    const form = await show()
    expect((within(form).getByLabelText(/^Producer's name/) as HTMLInputElement).value).toBe('Alex Morgan')
    expect((within(form).getByLabelText(/^Initials for exhibit references/) as HTMLInputElement).value).toBe('AM')
    expect((within(form).getByLabelText(/^Separator/) as HTMLInputElement).value).toBe('/')
    expect((within(form).getByLabelText(/^Where exhibits are kept/) as HTMLInputElement).value).toBe(saved.keptAt)
    expect(within(form).getByLabelText(/^Trust name/)).toBeTruthy()
    expect(within(form).getByLabelText(/^Producer's job title/)).toBeTruthy()
    expect(form.textContent).toContain('References will look like AM/1, AM/2.')
    fireEvent.change(within(form).getByLabelText(/^Initials/), { target: { value: 'jd' } })
    fireEvent.change(within(form).getByLabelText(/^Separator/), { target: { value: '-' } })
    expect(form.textContent).toContain('References will look like JD-1, JD-2.')
  })

  it('saves what was typed and says how new exhibits will be numbered', async () => {
    const form = await show()
    api.saveSettings.mockImplementation(async (s) => ({ ...s, initials: s.initials.toUpperCase() }))
    fireEvent.change(within(form).getByLabelText(/^Producer's name/), { target: { value: 'Jo Dale' } })
    fireEvent.change(within(form).getByLabelText(/^Initials/), { target: { value: 'jd' } })
    await act(async () => { fireEvent.click(within(form).getByRole('button', { name: 'Save exhibit settings' })) })
    expect(api.saveSettings).toHaveBeenCalledWith({ ...saved, producer: 'Jo Dale', initials: 'jd' })
    expect(within(form).getByRole('status').textContent).toBe(
      'Exhibit settings saved. New exhibits will be numbered JD/1, JD/2 and so on; exhibits already numbered keep their references.')
    expect((within(form).getByLabelText(/^Initials/) as HTMLInputElement).value).toBe('JD') // as Go tidied it
  })

  it('shows a refusal beside its field and puts focus there', async () => {
    const form = await show()
    api.saveSettings.mockRejectedValueOnce(new ApiError('The separator "x" must be one or two marks such as / or -, never a letter, digit or space.', 'separator'))
    const sep = within(form).getByLabelText(/^Separator/) as HTMLInputElement
    fireEvent.change(sep, { target: { value: 'x' } })
    await act(async () => { fireEvent.click(within(form).getByRole('button', { name: 'Save exhibit settings' })) })
    expect(sep.getAttribute('aria-invalid')).toBe('true')
    const said = sep.getAttribute('aria-describedby')!.split(' ').map((id) => document.getElementById(id)?.textContent)
    expect(said).toContain('The separator "x" must be one or two marks such as / or -, never a letter, digit or space.')
    expect(sep.closest('label')!.querySelector('[role=alert]')).not.toBeNull() // beside its field, not at the foot
    expect(document.activeElement).toBe(sep)
    expect(within(form).queryByRole('status')).toBeNull()
  })

  it('shows a problem about no field at the form, and a load failure in words', async () => {
    const form = await show()
    api.saveSettings.mockRejectedValueOnce(new ApiError('Something went wrong (ref 7f3a).'))
    await act(async () => { fireEvent.click(within(form).getByRole('button', { name: 'Save exhibit settings' })) })
    expect(within(form).getByRole('alert').textContent).toBe('Something went wrong (ref 7f3a).')
    cleanup()
    api.settings.mockRejectedValueOnce(new ApiError('No data folder is open.'))
    await act(async () => { render(<ExhibitSettings />) })
    expect(screen.getByRole('alert').textContent).toBe('No data folder is open.')
  })

  it('starts the keyboard in the form when a message sent the person to Settings > Exhibits', async () => {
    window.location.hash = '#/settings/exhibits'
    const form = await show()
    expect(document.activeElement).toBe(within(form).getByLabelText(/^Producer's name/))
  })

  it('leaves focus alone when the settings screen is opened without that address', async () => {
    window.location.hash = '#/settings'
    await show()
    expect(document.activeElement).toBe(document.body)
  })
})
