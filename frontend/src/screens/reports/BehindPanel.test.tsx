import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { trendsApi, type Behind, type Report } from '../../api/trends'
import { ReportsScreen } from './ReportsScreen'

vi.mock('../../api/trends', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api/trends')>()),
  trendsApi: { report: vi.fn(), capabilities: vi.fn(async () => ({ drillDown: true })), behind: vi.fn(), exportPDF: vi.fn(), exportXLSX: vi.fn(), exportCSV: vi.fn() },
}))
// jsdom has no canvas: the stand-in keeps each chart's click handler so a test can choose a point or bar.
const picks: Record<string, ((series: number, index: number, name: string) => void) | undefined> = {}
vi.mock('./Chart', () => ({
  Chart: ({ label, onPick }: { label: string; onPick?: (s: number, i: number, n: string) => void }) => {
    picks[label] = onPick
    return <div role="img" aria-label={label} />
  },
}))
afterEach(() => { cleanup(); vi.mocked(trendsApi.report).mockReset(); vi.mocked(trendsApi.behind).mockReset() })

const point = (period: string, label: string, value: unknown) => ({ period, label, part: false, value, rules: [], type: 'common_cause' })
const measure = (x: object) => ({ id: 'm', title: 'M', unit: 'count', better: 'neither', target: null, points: [], columns: [], mean: null,
  upperLimit: null, lowerLimit: null, upperNear: null, lowerNear: null, signals: [], variation: '', assurance: '', commentary: '', note: '',
  denominator: '', breakdown: false, ...x })

function report(shared = false): Report {
  return { from: '2026-09', to: '2026-10', by: 'month', shared, rules: { run: 7, trend: 6, minPoints: 13 }, teams: [],
    teamsTotal: { team: 'All teams', staffGroup: '', workers: 0, red: 0, incidents: 0, perThousand: null, noAmber: 0 },
    staffGroups: [], staffGroupsTotal: { staffGroup: 'All staff groups', workers: 0, red: 0, incidents: 0, perThousand: null },
    riskMovement: { bands: [], moves: [] }, denominator: '', snapshot: [], notice: '',
    measures: [
      measure({ id: 'red_alerts', title: 'Red alerts', points: [point('2026-09', 'Sep 2026', 2), point('2026-10', 'Oct 2026', shared ? { suppressed: true } : 3)] }),
      measure({ id: 'false_alarm_rate', title: 'False-alarm rate', unit: 'percent', points: [point('2026-09', 'Sep 2026', 50)],
        columns: [{ name: 'False alarms', values: [1] }, { name: 'Red alerts', values: [2] }] }),
      measure({ id: 'escalated_police', title: 'Red alerts escalated to the police', breakdown: true, points: [point('2026-09', 'Sep 2026', 1)],
        columns: [{ name: 'Police (999)', values: [1] }] }),
      measure({ id: 'warnings_issued', title: 'Warnings issued', points: [point('2026-09', 'Sep 2026', 4)] }),
    ] } as unknown as Report
}

const behind = (total: number, items: { id: number; ref: string }[], kind = 'alert'): Behind => ({
  measure: 'red_alerts', title: 'Red alerts', period: '2026-10', label: 'Oct 2026', key: '', shared: false, kind, total, offset: 0,
  items: items.map((i) => ({ kind, id: i.id, reference: i.ref, at: 1790000000, label: 'Red alert, <b>genuine</b>' })),
}) as unknown as Behind

describe('What lies behind a figure', () => {
  it('lists the alerts behind a table row with links, names the measure and period, takes focus and gives it back on Escape', async () => {
    vi.mocked(trendsApi.report).mockResolvedValue(report())
    vi.mocked(trendsApi.behind).mockResolvedValue(behind(3, [{ id: 31, ref: 'ARC-31' }, { id: 30, ref: 'ARC-30' }, { id: 29, ref: 'ARC-29' }]))
    render(<ReportsScreen />)
    const red = await screen.findByRole('region', { name: 'Red alerts' })
    const button = within(red).getByRole('button', { name: 'List the 3 alerts behind red alerts, Oct 2026' })
    button.focus()
    fireEvent.click(button)
    const panel = await screen.findByRole('region', { name: 'Red alerts: Oct 2026' })
    expect(vi.mocked(trendsApi.behind).mock.calls[0].slice(1)).toEqual(['red_alerts', '2026-10', '', 0, 50])
    await waitFor(() => expect(within(panel).getByText('3 alerts, newest first.')).toBeTruthy())
    expect(document.activeElement).toBe(within(panel).getByRole('heading', { name: 'Red alerts: Oct 2026' }))
    expect(within(panel).getByRole('link', { name: 'ARC-31' }).getAttribute('href')).toBe('#/alerts/31')
    // Text from the ARC is shown as text, never as markup.
    expect(within(panel).getAllByText('Red alert, <b>genuine</b>')).toHaveLength(3)
    fireEvent.keyDown(within(panel).getByRole('link', { name: 'ARC-30' }), { key: 'Escape' })
    expect(screen.queryByRole('region', { name: 'Red alerts: Oct 2026' })).toBeNull()
    await waitFor(() => expect(document.activeElement).toBe(button))
  })

  it('lists the red alerts behind a rate, pages on, and offers nothing where the measure has no list', async () => {
    vi.mocked(trendsApi.report).mockResolvedValue(report())
    vi.mocked(trendsApi.behind)
      .mockResolvedValueOnce(behind(52, Array.from({ length: 50 }, (_, i) => ({ id: 100 - i, ref: `R${100 - i}` }))))
      .mockResolvedValueOnce(behind(52, [{ id: 50, ref: 'R50' }, { id: 49, ref: 'R49' }]))
    render(<ReportsScreen />)
    const rate = await screen.findByRole('region', { name: 'False-alarm rate' })
    fireEvent.click(within(rate).getByRole('button', { name: /List the 2 alerts/ }))
    const panel = await screen.findByRole('region', { name: 'False-alarm rate: Sep 2026' })
    fireEvent.click(await within(panel).findByRole('button', { name: 'Show 2 more' }))
    await within(panel).findByRole('link', { name: 'R49' })
    expect(vi.mocked(trendsApi.behind).mock.calls[1].slice(1)).toEqual(['false_alarm_rate', '2026-09', '', 50, 50])
    expect(within(panel).queryByRole('button', { name: /more/ })).toBeNull()
    fireEvent.click(within(panel).getByRole('button', { name: 'Close the list' }))
    expect(within(screen.getByRole('region', { name: 'Warnings issued' })).queryByRole('button', { name: /List/ })).toBeNull()
  })

  it('opens the list from a chart point and from an escalation bar', async () => {
    vi.mocked(trendsApi.report).mockResolvedValue(report())
    vi.mocked(trendsApi.behind).mockResolvedValue(behind(1, [{ id: 7, ref: 'ARC-7' }]))
    render(<ReportsScreen />)
    await screen.findByRole('region', { name: 'Red alerts' })
    act(() => picks['XmR chart of red alerts; the figures are in the table below.']?.(0, 1, 'Red alerts'))
    await screen.findByRole('region', { name: 'Red alerts: Oct 2026' })
    act(() => picks[Object.keys(picks).find((k) => k.startsWith('Stacked bar chart of red alerts escalated'))!]?.(0, 0, 'Police (999)'))
    await screen.findByRole('region', { name: 'Red alerts escalated to the police: police (999): Sep 2026' })
    expect(vi.mocked(trendsApi.behind).mock.calls.map((c) => c.slice(1, 4))).toEqual([['red_alerts', '2026-10', ''], ['escalated_police', '2026-09', 'escalation:999']])
  })

  it('lists the red alerts of a team over the whole range from the teams table', async () => {
    vi.mocked(trendsApi.report).mockResolvedValue({ ...report(), teams: [{ teamId: 4, team: 'Leeds East', staffGroup: '', workers: 9, red: 30, incidents: 0, perThousand: 0, noAmber: 1 }] } as unknown as Report)
    vi.mocked(trendsApi.behind).mockResolvedValue(behind(30, [{ id: 5, ref: 'ARC-5' }]))
    render(<ReportsScreen />)
    const teams = await screen.findByRole('region', { name: 'By team' })
    // No incidents, no button for them.
    expect(within(teams).queryByRole('button', { name: /incident/ })).toBeNull()
    fireEvent.click(within(teams).getByRole('button', { name: 'List the 30 red alerts, Leeds East' }))
    await screen.findByRole('region', { name: 'Red alerts, Leeds East: the whole range' })
    expect(vi.mocked(trendsApi.behind).mock.calls[0].slice(1)).toEqual(['red_alerts', '', 'team:4', 0, 50])
  })

  it('offers no list at all to the security director, who sees counts only', async () => {
    vi.mocked(trendsApi.capabilities).mockResolvedValueOnce({ drillDown: false } as Awaited<ReturnType<typeof trendsApi.capabilities>>)
    vi.mocked(trendsApi.report).mockResolvedValue({ ...report(), notice: 'Counts from 1 to 7 are shown as *.',
      teams: [{ teamId: 4, team: 'Leeds East', staffGroup: '', workers: 9, red: 30, incidents: 12, perThousand: 0, noAmber: 1 }],
      staffGroups: [{ groupId: 7, staffGroup: 'Community midwives', workers: 20, red: 10, incidents: 9, perThousand: 450 }] } as unknown as Report)
    render(<ReportsScreen />)
    const red = await screen.findByRole('region', { name: 'Red alerts' })
    await waitFor(() => expect(vi.mocked(trendsApi.capabilities)).toHaveBeenCalled())
    expect(within(red).getByRole('row', { name: /Oct 2026 3/ })).toBeTruthy()
    expect(screen.queryAllByRole('button', { name: /^List/ })).toEqual([])
    expect(screen.queryAllByRole('columnheader', { name: 'Alerts' })).toEqual([])
    expect(picks['XmR chart of red alerts; the figures are in the table below.']).toBeUndefined()
    expect(picks['Stacked bar chart of red alerts escalated to the police by police (999); the figures are in the table below.']).toBeUndefined()
    expect(vi.mocked(trendsApi.behind)).not.toHaveBeenCalled()
    // The page says why some figures are *, without the sharing box ticked.
    expect(screen.getByRole('note').textContent).toBe('Counts from 1 to 7 are shown as *.')
  })

  it('lists nothing for sharing beyond the security team', async () => {
    vi.mocked(trendsApi.report).mockResolvedValue(report(true))
    render(<ReportsScreen />)
    fireEvent.click(await screen.findByRole('checkbox', { name: 'For sharing beyond the security team' }))
    const red = await screen.findByRole('region', { name: 'Red alerts' })
    expect(within(red).queryByRole('button', { name: /List/ })).toBeNull()
    expect(picks['XmR chart of red alerts; the figures are in the table below.']).toBeUndefined()
  })
})
