import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { trendsApi, type Measure, type Report } from '../../api/trends'
import { ReportsScreen } from './ReportsScreen'

vi.mock('../../api/trends', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api/trends')>()),
  trendsApi: { report: vi.fn(), capabilities: vi.fn(async () => ({ drillDown: true })), exportPDF: vi.fn(), exportXLSX: vi.fn(), exportCSV: vi.fn() },
}))
// jsdom has no canvas: the stand-in keeps each chart's label and option so the test can read what would be drawn.
const drawn: { label: string; option: unknown }[] = []
vi.mock('./Chart', () => ({
  Chart: ({ label, option }: { label: string; option: unknown }) => {
    drawn.push({ label, option })
    return <div role="img" aria-label={label} />
  },
}))
beforeEach(() => { drawn.length = 0 })
afterEach(() => { cleanup(); vi.mocked(trendsApi.report).mockReset(); vi.mocked(trendsApi.exportCSV).mockReset() })

const hidden = { suppressed: true as const }
const denominator = 'Denominator: the 150 lone workers on the register today, for every period (the register keeps no head count for earlier periods).'

function measure(x: Partial<Measure>): Measure {
  return { id: 'm', title: 'M', unit: 'count', better: 'neither', target: null, points: [], columns: [], mean: null, upperLimit: null,
    lowerLimit: null, upperNear: null, lowerNear: null, signals: [], variation: '', assurance: '', commentary: 'No data yet.', note: '',
    denominator: '', breakdown: false, ...x } as unknown as Measure
}

const point = (period: string, label: string, value: number | { suppressed: true } | null, extra = {}) =>
  ({ period, label, part: false, value, rules: [], type: 'common_cause', ...extra })

function report(x: Partial<Report>): Report {
  const zero = { staffGroup: 'All staff groups', workers: 0, red: 0, incidents: 0, perThousand: null }
  return { from: '2025-12', to: '2026-11', by: 'month', shared: false, rules: { run: 7, trend: 6, minPoints: 13 }, measures: [], teams: [],
    teamsTotal: { team: 'All teams', staffGroup: '', workers: 0, red: 0, incidents: 0, perThousand: null, noAmber: 0 },
    staffGroups: [], staffGroupsTotal: zero, riskMovement: { bands: [], moves: [] }, denominator, snapshot: [], notice: '', ...x } as unknown as Report
}

const full = report({
  measures: [
    measure({ id: 'red_alerts', title: 'Red alerts', mean: 41.5, upperLimit: 60, lowerLimit: 23,
      points: [point('2026-09', 'Sep 2026', 40), point('2026-10', 'Oct 2026', 71, { rules: ['outside_limits'], type: 'special_cause_neither' })],
      variation: 'special_cause_neither_high', assurance: 'inconsistent', target: 50,
      commentary: 'Special-cause variation: Oct 2026 is above the upper limit.' }),
    measure({ id: 'incidents_per_1000', title: 'Incidents per 1,000 lone workers', unit: 'rate', points: [point('2026-09', 'Sep 2026', 33.3)],
      denominator, commentary: 'Only 1 whole month so far: limits and signals need 13.' }),
    measure({ id: 'escalated_police', title: 'Red alerts escalated to the police', breakdown: true,
      points: [point('2026-09', 'Sep 2026', 12), point('2026-10', 'Oct 2026', 9)],
      columns: [{ name: 'Not escalated', values: [30, 62] }, { name: 'Police (999)', values: [8, 9] }, { name: 'Police (101)', values: [4, 0] }] }),
  ],
  teams: [{ team: 'Leeds East District Nurses', staffGroup: 'District nurses', workers: 22, red: 30, incidents: 9, perThousand: 409.1, noAmber: 6 }],
  staffGroups: [
    { staffGroup: 'Mental-health outreach', workers: 18, red: 20, incidents: 8, perThousand: 444.4 },
    { staffGroup: 'Community midwives', workers: 20, red: 11, incidents: 2, perThousand: 100 },
  ],
  staffGroupsTotal: { staffGroup: 'All staff groups', workers: 38, red: 31, incidents: 10, perThousand: 263.2 },
  riskMovement: { bands: ['Moderate', 'High', 'Extreme'], moves: [{ from: 'Extreme', to: 'High', n: 3 }, { from: 'High', to: 'Moderate', n: 1 }] },
} as unknown as Partial<Report>)

describe('Reports', () => {
  it('draws every panel from the answer: charts, commentary, denominator, staff groups, escalations and risk movement', async () => {
    vi.mocked(trendsApi.report).mockResolvedValue(full)
    render(<ReportsScreen />)
    const red = await screen.findByRole('region', { name: 'Red alerts' })
    expect(within(red).getByText('Special-cause variation: Oct 2026 is above the upper limit.')).toBeTruthy()
    expect(within(red).getByRole('img', { name: /XmR chart of red alerts/ })).toBeTruthy()
    const icons = within(red).getByRole('list', { name: 'Making Data Count summary' })
    expect(within(icons).getByText('Special-cause variation: higher values')).toBeTruthy()
    expect(within(icons).getByText(/Assurance: hit and miss/)).toBeTruthy()
    // A measure too short for signals has no icons rather than a misleading "common cause".
    expect(within(screen.getByRole('region', { name: 'Incidents per 1,000 lone workers' })).queryByRole('list', { name: 'Making Data Count summary' })).toBeNull()
    expect(within(red).getByRole('row', { name: /Oct 2026 71 Special cause: outside the limits/ })).toBeTruthy()

    const rate = screen.getByRole('region', { name: 'Incidents per 1,000 lone workers' })
    expect(within(rate).getByText(denominator)).toBeTruthy()

    const esc = screen.getByRole('region', { name: 'Red alerts escalated to the police' })
    expect(within(esc).getByRole('img', { name: /Stacked bar chart of red alerts escalated to the police by not escalated, police \(999\)/ })).toBeTruthy()
    const stacked = drawn.find((d) => d.label.startsWith('Stacked'))?.option as { series: { name: string; data: (number | null)[] }[] }
    expect(stacked.series.map((s) => [s.name, s.data])).toEqual([['Not escalated', [30, 62]], ['Police (999)', [8, 9]], ['Police (101)', [4, 0]]])

    const groups = screen.getByRole('region', { name: 'Incidents by staff group' })
    expect(within(groups).getByText(denominator)).toBeTruthy()
    expect(within(groups).getByRole('row', { name: /^Mental-health outreach 18 20 8 444\.4 List/ })).toBeTruthy()
    expect(within(groups).getByRole('row', { name: /^All staff groups 38 31 10 263\.2 List/ })).toBeTruthy()
    const bars = drawn.find((d) => d.label.startsWith('Bar chart of incidents'))?.option as { yAxis: { data: string[] } }
    expect(bars.yAxis.data).toEqual(['Mental-health outreach', 'Community midwives'])

    const moves = screen.getByRole('region', { name: 'Risk band movement' })
    expect(within(moves).getByRole('row', { name: 'Extreme 0 3 0' })).toBeTruthy()
    expect(within(moves).getByRole('row', { name: 'High 1 0 0' })).toBeTruthy()
    expect(within(screen.getByRole('region', { name: 'By team' })).getByText(denominator)).toBeTruthy()
  })

  it('offers an Export CSV per table, asks for that table with the period shown, and says where it went or why not beside the button', async () => {
    vi.mocked(trendsApi.report).mockResolvedValue(full)
    vi.mocked(trendsApi.exportCSV).mockImplementation(async (_q, table) => {
      if (table === 'risk-movement') throw new Error('The folder could not be written to.')
      return `/home/lsms/trends-${table}.csv`
    })
    render(<ReportsScreen />)
    await screen.findByRole('region', { name: 'Red alerts' })
    const buttons = screen.getAllByRole('button', { name: /^Export CSV of / })
    expect(buttons.map((b) => b.getAttribute('aria-label'))).toEqual([
      'Export CSV of red alerts', 'Export CSV of incidents per 1,000 lone workers', 'Export CSV of red alerts escalated to the police',
      'Export CSV of teams', 'Export CSV of incidents by staff group', 'Export CSV of risk band movement'])
    const red = screen.getByRole('region', { name: 'Red alerts' })
    fireEvent.click(within(red).getByRole('button', { name: 'Export CSV of red alerts' }))
    expect(await within(red).findByRole('status')).toHaveProperty('textContent', 'Saved to /home/lsms/trends-red_alerts.csv')
    expect(vi.mocked(trendsApi.exportCSV).mock.lastCall).toEqual([expect.objectContaining({ by: 'month', shared: false, run: 7 }), 'red_alerts'])
    const moves = screen.getByRole('region', { name: 'Risk band movement' })
    fireEvent.click(within(moves).getByRole('button', { name: 'Export CSV of risk band movement' }))
    expect(await within(moves).findByRole('alert')).toHaveProperty('textContent', 'The folder could not be written to.')
  })

  it('keeps the page, the period controls and a "No data yet." in every panel on an empty database', async () => {
    vi.mocked(trendsApi.report).mockResolvedValue(report({
      measures: [measure({ id: 'red_alerts', title: 'Red alerts' }), measure({ id: 'escalated_police', title: 'Red alerts escalated to the police', breakdown: true })],
      // An answer from before the breakdowns existed must not blank the page either.
      staffGroups: undefined, riskMovement: undefined,
    } as unknown as Partial<Report>))
    render(<ReportsScreen />)
    await screen.findByRole('region', { name: 'Red alerts' })
    expect(screen.getByRole('heading', { name: 'Reports', level: 1 })).toBeTruthy()
    expect(screen.getByLabelText('From month')).toBeTruthy()
    const panels = screen.getAllByRole('region')
    expect(panels.map((p) => p.querySelector('h2')?.textContent)).toEqual(
      ['Red alerts', 'Red alerts escalated to the police', 'By team', 'Incidents by staff group', 'Risk band movement'])
    for (const p of panels) expect(within(p).getByText('No data yet.')).toBeTruthy()
    expect(drawn).toEqual([])
  })

  it('asks for shared figures, says what sharing hides and shows hidden counts as *, never as a number or a zero bar', async () => {
    vi.mocked(trendsApi.report).mockImplementation(async (q) => q.shared ? report({
      shared: true, notice: 'For sharing beyond the security team: counts from 1 to 7 are shown as * and other counts are rounded to the nearest 5.',
      measures: [measure({ id: 'escalated_police', title: 'Red alerts escalated to the police', breakdown: true,
        points: [point('2026-10', 'Oct 2026', 10)], columns: [{ name: 'Police (999)', values: [10] }, { name: 'Police (101)', values: [hidden] }] })],
      staffGroups: [{ staffGroup: 'Community midwives', workers: 20, red: 10, incidents: hidden, perThousand: hidden }],
      staffGroupsTotal: { staffGroup: 'All staff groups', workers: 20, red: 10, incidents: hidden, perThousand: hidden },
      riskMovement: { bands: ['High', 'Extreme'], moves: [{ from: 'Extreme', to: 'High', n: hidden }] },
    } as unknown as Partial<Report>) : full)
    render(<ReportsScreen />)
    await screen.findByRole('region', { name: 'Red alerts' })
    fireEvent.click(screen.getByLabelText('For sharing beyond the security team'))
    await screen.findByRole('note')
    expect(vi.mocked(trendsApi.report).mock.lastCall?.[0]).toMatchObject({ shared: true })
    expect(screen.getByRole('note').textContent).toMatch(/counts from 1 to 7 are shown as \*/)
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Red alerts' })).toBeNull())
    const esc = screen.getByRole('region', { name: 'Red alerts escalated to the police' })
    expect(within(esc).getByRole('row', { name: 'Oct 2026 10 10 *' })).toBeTruthy()
    const stacked = drawn.filter((d) => d.label.startsWith('Stacked')).at(-1)?.option as { series: { data: (number | null)[] }[] }
    expect(stacked.series[1].data).toEqual([null])
    const groups = screen.getByRole('region', { name: 'Incidents by staff group' })
    expect(within(groups).getByRole('row', { name: 'Community midwives 20 10 * *' })).toBeTruthy()
    const bars = drawn.filter((d) => d.label.startsWith('Bar chart')).at(-1)?.option as { series: { data: (number | null)[] }[] }
    expect(bars.series[0].data).toEqual([null])
    expect(within(screen.getByRole('region', { name: 'Risk band movement' })).getByRole('row', { name: 'Extreme * 0' })).toBeTruthy()
  })
})
