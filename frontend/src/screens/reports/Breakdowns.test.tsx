import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { trendsApi, type Behind, type Report } from '../../api/trends'
import { ReportsScreen } from './ReportsScreen'

vi.mock('../../api/trends', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api/trends')>()),
  trendsApi: { report: vi.fn(), capabilities: vi.fn(async () => ({ drillDown: true })), behind: vi.fn(), exportPDF: vi.fn(), exportXLSX: vi.fn(), exportCSV: vi.fn() },
}))
// jsdom has no canvas.
vi.mock('./Chart', () => ({ Chart: ({ label }: { label: string }) => <div role="img" aria-label={label} /> }))
afterEach(() => { cleanup(); vi.mocked(trendsApi.report).mockReset(); vi.mocked(trendsApi.behind).mockReset() })

const hidden = { suppressed: true as const }

function report(shared = false): Report {
  return { from: '2026-09', to: '2026-10', by: 'month', shared, rules: { run: 7, trend: 6, minPoints: 13 }, measures: [], teams: [],
    teamsTotal: { team: 'All teams', staffGroup: '', workers: 0, red: 0, incidents: 0, perThousand: null, noAmber: 0 },
    staffGroups: [
      { groupId: 7, staffGroup: 'Mental-health outreach', workers: 18, red: shared ? 20 : 21, incidents: 8, perThousand: 444.4 },
      { groupId: 3, staffGroup: 'Community midwives', workers: 20, red: 1, incidents: 0, perThousand: 0 },
      { groupId: 0, staffGroup: 'No staff group', workers: 0, red: shared ? hidden : 2, incidents: shared ? hidden : 1, perThousand: null },
    ],
    staffGroupsTotal: { groupId: 0, staffGroup: 'All staff groups', workers: 38, red: 24, incidents: 9, perThousand: 236.8 },
    riskMovement: { bands: [], moves: [] }, denominator: 'Denominator: the register today.', snapshot: [], notice: '' } as unknown as Report
}

const behind = (key: string): Behind => ({
  measure: 'red_alerts', title: 'Red alerts', period: '', label: 'the whole range', key, shared: false, kind: 'alert', total: 1, offset: 0,
  items: [{ kind: 'alert', id: 41, reference: 'ARC-41', at: 1790000000, label: 'Red alert, genuine' }],
}) as unknown as Behind

const groupsPanel = async () => screen.findByRole('region', { name: 'Incidents by staff group' })

describe('Staff groups: what lies behind a row', () => {
  it('lists a staff group\'s red alerts and incidents by its group key, under the table, and gives focus back on close', async () => {
    vi.mocked(trendsApi.report).mockResolvedValue(report())
    vi.mocked(trendsApi.behind).mockResolvedValue(behind('group:7'))
    render(<ReportsScreen />)
    const panel = await groupsPanel()
    expect(within(panel).getByRole('columnheader', { name: 'Alerts' })).toBeTruthy()
    const row = within(panel).getByRole('row', { name: /^Mental-health outreach/ })
    expect(within(row).getByRole('button', { name: 'List the 8 incidents, Mental-health outreach' })).toBeTruthy()
    const red = within(row).getByRole('button', { name: 'List the 21 red alerts, Mental-health outreach' })
    fireEvent.click(red)
    const list = await within(panel).findByRole('region', { name: 'Red alerts, Mental-health outreach: the whole range' })
    expect(vi.mocked(trendsApi.behind).mock.calls[0].slice(1, 4)).toEqual(['red_alerts', '', 'group:7'])
    await waitFor(() => expect(document.activeElement).toBe(within(list).getByRole('heading')))
    expect(await within(list).findByRole('link', { name: 'ARC-41' })).toBeTruthy()
    fireEvent.click(within(list).getByRole('button', { name: 'Close the list' }))
    await waitFor(() => expect(document.activeElement).toBe(red))
    expect(within(panel).queryByRole('region')).toBeNull()
  })

  it('keys "No staff group" as group 0 and the total as the whole trust, words a single alert, and offers nothing for none', async () => {
    vi.mocked(trendsApi.report).mockResolvedValue(report())
    vi.mocked(trendsApi.behind).mockResolvedValue(behind(''))
    render(<ReportsScreen />)
    const panel = await groupsPanel()
    const midwives = within(panel).getByRole('row', { name: /^Community midwives/ })
    expect(within(midwives).getAllByRole('button').map((b) => b.textContent)).toEqual(['List the red alert'])
    fireEvent.click(within(within(panel).getByRole('row', { name: /^No staff group/ })).getByRole('button', { name: 'List the incident, No staff group' }))
    await waitFor(() => expect(vi.mocked(trendsApi.behind).mock.calls[0].slice(1, 4)).toEqual(['incidents_per_1000', '', 'group:0']))
    fireEvent.click(within(within(panel).getByRole('row', { name: /^All staff groups/ })).getByRole('button', { name: 'List the 24 red alerts, All staff groups' }))
    await waitFor(() => expect(vi.mocked(trendsApi.behind).mock.calls[1].slice(1, 4)).toEqual(['red_alerts', '', '']))
  })

  it('offers no lists when sharing beyond the security team', async () => {
    vi.mocked(trendsApi.report).mockResolvedValue(report(true))
    render(<ReportsScreen />)
    expect(within(await groupsPanel()).getAllByRole('button', { name: /^List/ }).length).toBeGreaterThan(0)
    fireEvent.click(screen.getByRole('checkbox', { name: 'For sharing beyond the security team' }))
    await waitFor(() => expect(within(screen.getByRole('region', { name: 'Incidents by staff group' })).queryByRole('button', { name: /^List/ })).toBeNull())
    expect(within(screen.getByRole('region', { name: 'Incidents by staff group' })).queryByRole('columnheader', { name: 'Alerts' })).toBeNull()
    expect(vi.mocked(trendsApi.report).mock.calls.at(-1)?.[0].shared).toBe(true)
  })
})
