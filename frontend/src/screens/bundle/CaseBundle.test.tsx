import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError } from '../../api/bridge'
import { bundlesApi, type BuildOutcome, type ExhibitView, type PackageProgress, type PackageReport } from '../../api/bundles'
import { deferred, type Deferred } from '../../testing/deferred'
import { CaseBundle } from './CaseBundle'

// Go is mocked at the typed API, so the test decides what each call answers and when.
vi.mock('../../api/bundles', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api/bundles')>()),
  bundlesApi: {
    exhibits: vi.fn(),
    listens: vi.fn(),
    handover: vi.fn(),
    build: vi.fn(),
    cancel: vi.fn(() => Promise.resolve(true)),
    verify: vi.fn(),
  },
}))

const sha = 'ab12cd34ef56' + '0'.repeat(52)
// 14/10/2026 09:05:00 in London (summer time): 08:05 UTC.
const at = Date.UTC(2026, 9, 14, 8, 5, 0) / 1000

function exhibits(): ExhibitView[] {
  return [
    {
      exhibit: { id: 1, caseId: 7, ref: 'AM/1', kind: 'recording', description: 'Audio recording red-1.wav <img src=x onerror=alert(1)>',
        sourceType: 'media', sourceId: 41, sha256: sha, fileName: 'red-1.wav', keptAt: 'Redline evidence store', producer: 'Alex Morgan' },
      continuity: [
        { seq: 3, at, actor: 'system', action: 'import.file', what: 'Received from the ARC in import 2' },
        { seq: 9, at: at + 3600, actor: 'alex.morgan', action: 'recording.play', what: 'Listened to 0:00 to 0:15' },
      ],
    },
    {
      exhibit: { id: 2, caseId: 7, ref: 'AM/2', kind: 'letter', description: 'Warning letter WL-3', sourceType: 'letter', sourceId: 5,
        sha256: 'f'.repeat(64), fileName: 'WL-3.pdf', keptAt: 'Redline evidence store', producer: 'Alex Morgan' },
      continuity: [],
    },
  ] as unknown as ExhibitView[]
}

const api = vi.mocked(bundlesApi)

beforeEach(() => {
  vi.clearAllMocks()
  api.exhibits.mockResolvedValue(exhibits())
  api.listens.mockResolvedValue([])
})
afterEach(cleanup)

async function openPanel() {
  render(<CaseBundle caseId={7} />)
  expect(api.exhibits).not.toHaveBeenCalled() // numbering exhibits is audited: only when asked
  await act(async () => { fireEvent.click(screen.getByRole('button', { name: 'Show the court bundle' })) })
  return screen.getByRole('list', { name: 'Exhibits' })
}

describe('CaseBundle', () => {
  it('lists the exhibits with a short SHA-256, each opening onto its continuity in UK time, data shown as text', async () => {
    const list = await openPanel()
    expect(api.exhibits).toHaveBeenCalledWith(7)
    const first = within(list).getAllByRole('listitem')[0]
    expect(first.textContent).toContain('AM/1')
    expect(first.textContent).toContain('ab12cd34ef56…')
    expect(first.textContent).toContain('kept at Redline evidence store')
    // Markup in a description stays text.
    expect(first.textContent).toContain('<img src=x onerror=alert(1)>')
    expect(first.querySelector('img')).toBeNull()

    fireEvent.click(within(first).getByText('Continuity of AM/1 (2 entries)'))
    const links = within(first).getByRole('list', { name: 'Continuity of AM/1, from the audit log' })
    const items = within(links).getAllByRole('listitem').map((li) => li.textContent)
    expect(items).toEqual(['14/10/2026 09:05:00 system: Received from the ARC in import 2', '14/10/2026 10:05:00 alex.morgan: Listened to 0:00 to 0:15'])
    expect(first.textContent).toContain(sha) // the full value is there
    expect(screen.queryByText(/import\.file|recording\.play/)).toBeNull() // no internal codes
  })

  it('links a problem with the exhibit settings to Settings > Exhibits', async () => {
    api.exhibits.mockRejectedValueOnce(new ApiError("The producer's name is empty: exhibits are produced by a named person. Enter it in Settings > Exhibits.", 'producer'))
    render(<CaseBundle caseId={7} />)
    await act(async () => { fireEvent.click(screen.getByRole('button', { name: 'Show the court bundle' })) })
    const alert = screen.getByRole('alert')
    expect(alert.textContent).toContain("The producer's name is empty")
    expect(within(alert).getByRole('link', { name: 'Open Settings > Exhibits' }).getAttribute('href')).toBe('#/settings/exhibits')
  })

  it('offers no settings link for a problem the settings cannot fix', async () => {
    api.exhibits.mockRejectedValueOnce(new ApiError('Something went wrong (ref 7f3a).'))
    render(<CaseBundle caseId={7} />)
    await act(async () => { fireEvent.click(screen.getByRole('button', { name: 'Show the court bundle' })) })
    expect(screen.getByRole('alert').textContent).toBe('Something went wrong (ref 7f3a).')
    expect(screen.queryByRole('link')).toBeNull()
  })

  it('shows a handover problem beside its field', async () => {
    await openPanel()
    api.handover.mockRejectedValueOnce(new ApiError('Say to whom exhibit AM/2 was handed.', 'to'))
    const form = screen.getByRole('form', { name: 'Record a handover' })
    fireEvent.change(within(form).getByLabelText('Exhibit'), { target: { value: 'AM/2' } })
    fireEvent.change(within(form).getByRole('textbox', { name: /^Why/ }), { target: { value: 'for the CPS' } })
    await act(async () => { fireEvent.click(within(form).getByRole('button', { name: 'Record handover' })) })
    expect(api.handover).toHaveBeenCalledWith('AM/2', '', 'for the CPS')
    const to = within(form).getByRole('textbox', { name: /^To whom/ })
    expect(to.getAttribute('aria-invalid')).toBe('true')
    const said = document.getElementById(to.getAttribute('aria-describedby')!)
    expect(said?.textContent).toBe('Say to whom exhibit AM/2 was handed.')

    api.handover.mockResolvedValueOnce(undefined)
    fireEvent.change(to, { target: { value: 'DC 2290 Imogen Booth' } })
    await act(async () => { fireEvent.click(within(form).getByRole('button', { name: 'Record handover' })) })
    expect(within(form).getByRole('status').textContent).toBe('Handover of AM/2 to DC 2290 Imogen Booth recorded in the audit log.')
    expect(to.getAttribute('aria-invalid')).toBe('false')
    expect(api.exhibits).toHaveBeenCalledTimes(2) // the continuity is read again
  })

  it('builds a package with progress and Cancel, then says what was written', async () => {
    await openPanel()
    let progress: (p: PackageProgress) => void = () => {}
    const ended: Deferred<BuildOutcome> = deferred()
    api.build.mockImplementation(async (_id, _choice, onProgress) => {
      progress = onProgress
      return { id: '00112233aabbccdd', ended: ended.promise }
    })
    const form = screen.getByRole('form', { name: 'Build the evidence package' })
    fireEvent.click(within(form).getByRole('radio', { name: /Redacted disclosure copy/ }))
    fireEvent.click(within(form).getByRole('radio', { name: 'One .zip file' }))
    await act(async () => { fireEvent.click(within(form).getByRole('button', { name: 'Build evidence package…' })) })
    expect(api.build).toHaveBeenCalledWith(7, { redacted: true, zip: true }, expect.any(Function))

    act(() => progress({ step: 'writing', file: 'data/exhibits/AM-1 red-1.wav', done: 500_000, total: 2_000_000 }))
    const status = within(form).getAllByRole('status')[0]
    expect(status.textContent).toContain('Writing exhibits/AM-1 red-1.wav: 25% of 2.0 MB written.')
    expect((within(form).getByRole('progressbar', { name: 'Evidence package progress' }) as HTMLProgressElement).value).toBe(0.25)

    fireEvent.click(within(form).getByRole('button', { name: 'Cancel the build' }))
    expect(api.cancel).toHaveBeenCalledWith('00112233aabbccdd')
    await act(async () => ended.reject(new ApiError('Stopped before it finished.')))
    expect(within(form).queryByRole('progressbar')).toBeNull()
    expect(within(form).getByRole('status').textContent).toContain('Stopped before it finished.')
    expect(within(form).queryByRole('alert')).toBeNull()

    // Built, this time: the result is text.
    const again: Deferred<BuildOutcome> = deferred()
    api.build.mockResolvedValueOnce({ id: '00112233aabbccde', ended: again.promise })
    await act(async () => { fireEvent.click(within(form).getByRole('button', { name: 'Build evidence package…' })) })
    await act(async () => again.resolve({ built: true, result: {
      caseRef: 'RL-2026-0003', path: '/tmp/out/RL-2026-0003 disclosure copy (redacted).zip', zip: true, redacted: true,
      exhibits: ['AM/1', 'AM/2'], withheld: ['AM/1'], bundleSha256: 'c'.repeat(64), auditHead: { seq: 812, hash: 'd'.repeat(64) }, auditSeq: 813,
      files: [{ path: 'data/RL-2026-0003 bundle.pdf', sha256: 'c'.repeat(64), bytes: 120_000 }, { path: 'data/exhibits.json', sha256: 'e'.repeat(64), bytes: 900 }],
    } }))
    expect(form.textContent).toContain('Redacted disclosure copy of RL-2026-0003 built.')
    expect(form.textContent).toContain('/tmp/out/RL-2026-0003 disclosure copy (redacted).zip')
    expect(form.textContent).toContain(`812:${'d'.repeat(64)}`)
    expect(form.textContent).toContain('audit entry 813')
    expect(form.textContent).toContain('data/RL-2026-0003 bundle.pdf (120 KB)')
    // The recording is listed, not carried: the copy says so.
    expect(form.textContent).toContain('Listed but not carriedAM/1: recordings and files no text can be taken out of, available from the producer on request')
  })

  it('names each missing, extra or altered file of a package it checks', async () => {
    await openPanel()
    const report = {
      path: '/tmp/out/RL-2026-0003 evidence package', files: 4, headNote: '', auditHead: { seq: 1, hash: 'a' },
      findings: [
        { kind: 'altered', path: 'data/exhibits.json', message: 'data/exhibits.json has changed' },
        { kind: 'extra', path: 'data/note.txt', message: 'data/note.txt is in the package but not in manifest-sha256.txt' },
      ],
    } as unknown as PackageReport
    api.verify.mockResolvedValueOnce(report)
    const group = screen.getByRole('group', { name: 'Check a package' })
    await act(async () => { fireEvent.click(within(group).getByRole('button', { name: 'Check a package folder…' })) })
    expect(api.verify).toHaveBeenCalledWith(false)
    expect(within(group).getByRole('alert').textContent).toContain('2 problem(s) found')
    const items = within(within(group).getByRole('list', { name: 'Problems found in the package' })).getAllByRole('listitem').map((li) => li.textContent)
    expect(items).toEqual([
      'Altered: data/exhibits.jsondata/exhibits.json has changed',
      'Extra: data/note.txtdata/note.txt is in the package but not in manifest-sha256.txt',
    ])

    api.verify.mockResolvedValueOnce(null)
    await act(async () => { fireEvent.click(within(group).getByRole('button', { name: 'Check a .zip package…' })) })
    expect(within(group).getByRole('status').textContent).toBe('No package was chosen, so nothing was checked.')
  })
})
