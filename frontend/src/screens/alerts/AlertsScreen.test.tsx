import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { alertsApi, emptyFilter, type Alert, type AlertFilter } from '../../api/alerts'
import type { main } from '../../../wailsjs/go/models'
import { deferred, type Deferred } from '../../testing/deferred'
import { londonDayEnd, londonDayStart } from '../../ui/time'
import { AlertsScreen, nextSort } from './AlertsScreen'
import { PAGE } from './usePagedAlerts'

// The alerts come from the typed API, mocked so the test hands answers back in the order it chooses.
vi.mock('../../api/alerts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api/alerts')>()),
  alertsApi: { teams: vi.fn(), count: vi.fn(), list: vi.fn(), detail: vi.fn(() => new Promise(() => {})) },
}))

const newestFirst = { column: 'raisedAt', desc: true }

function alert(id: number, type: string, arcRef: string): Alert {
  return {
    id, arc: 'Test ARC', arcRef, type, trigger: 'button', workerId: 1, workerRef: 'W1', workerName: 'Pat Jones', teamId: 7,
    teamName: 'Community nursing', raisedAt: 1740787200 + id, validity: 'genuine', escalation: 'none', policeRef: '',
    operator: '', memo: '', mediaCount: 0,
  } as Alert
}

/** Every count and page asked for, in order, each answered when the test says. */
let counts: { filter: AlertFilter; answer: Deferred<number> }[]
let pages: { filter: AlertFilter; answer: Deferred<main.AlertPage> }[]
const lastCount = () => counts[counts.length - 1]
const lastPage = () => pages[pages.length - 1]
const page = (rows: Alert[]) => ({ offset: 0, rows, knownRisk: {} }) as unknown as main.AlertPage
/** The ARC references in the table, top to bottom. */
const shownRefs = () => screen.queryAllByRole('row').slice(1).map((r) => r.querySelector('[data-col=arcRef]')?.textContent)

beforeEach(() => {
  vi.clearAllMocks()
  counts = []
  pages = []
  vi.mocked(alertsApi.teams).mockResolvedValue([{ id: 7, name: 'Community nursing' }] as never)
  vi.mocked(alertsApi.count).mockImplementation((filter) => {
    const answer = deferred<number>()
    counts.push({ filter, answer })
    return answer.promise
  })
  vi.mocked(alertsApi.list).mockImplementation((filter) => {
    const answer = deferred<main.AlertPage>()
    pages.push({ filter, answer })
    return answer.promise
  })
})
afterEach(cleanup)

/** Shows the unfiltered table with one alert, so the filters start from a settled screen. */
async function openScreen() {
  render(<AlertsScreen />)
  await screen.findByRole('option', { name: 'Community nursing' })
  expect(alertsApi.count).toHaveBeenCalledWith(emptyFilter)
  await act(async () => lastCount().answer.resolve(1))
  expect(alertsApi.list).toHaveBeenLastCalledWith(emptyFilter, newestFirst, 0, PAGE)
  await act(async () => lastPage().answer.resolve(page([alert(1, 'amber', 'ANY-1')])))
  expect(shownRefs()).toEqual(['ANY-1'])
}

describe('Alerts filters', () => {
  it('asks for the filtered count and first page with the filters chosen', async () => {
    await openScreen()

    fireEvent.change(screen.getByLabelText('Type'), { target: { value: 'red' } })
    fireEvent.change(screen.getByLabelText('Team'), { target: { value: '7' } })
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '01/03/2025' } })
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '31/03/2025' } })
    const wanted: AlertFilter = {
      ...emptyFilter, types: ['red'], teamIds: [7], from: londonDayStart('2025-03-01'), to: londonDayEnd('2025-03-31'),
    }
    expect(alertsApi.count).toHaveBeenLastCalledWith(wanted)
    await act(async () => lastCount().answer.resolve(2))
    expect(screen.getByText('2 alerts')).toBeTruthy()
    expect(alertsApi.list).toHaveBeenLastCalledWith(wanted, newestFirst, 0, PAGE)
    await act(async () => lastPage().answer.resolve(page([alert(2, 'red', 'RED-2'), alert(3, 'red', 'RED-3')])))
    expect(shownRefs()).toEqual(['RED-2', 'RED-3'])
  })

  it('keeps the newer answer when an earlier one arrives late', async () => {
    await openScreen()

    fireEvent.change(screen.getByLabelText('Type'), { target: { value: 'red' } })
    const red = lastCount()
    expect(red.filter.types).toEqual(['red'])
    await act(async () => red.answer.resolve(40))
    const redPage = lastPage()
    expect(redPage.filter.types).toEqual(['red'])

    fireEvent.change(screen.getByLabelText('Type'), { target: { value: 'amber' } })
    const amber = lastCount()
    expect(amber.filter.types).toEqual(['amber'])
    expect(screen.getByText('Counting…')).toBeTruthy()
    expect(shownRefs()).toEqual([])

    await act(async () => amber.answer.resolve(1))
    const amberPage = lastPage()
    expect(amberPage.filter.types).toEqual(['amber'])
    await act(async () => amberPage.answer.resolve(page([alert(5, 'amber', 'AMB-5')])))

    // The red page answers last: it must not replace the amber rows.
    await act(async () => redPage.answer.resolve(page([alert(4, 'red', 'RED-4')])))
    expect(screen.getByText('1 alert')).toBeTruthy()
    expect(shownRefs()).toEqual(['AMB-5'])
  })

  it('keeps the newer count when an earlier count arrives late', async () => {
    await openScreen()

    fireEvent.change(screen.getByLabelText('Type'), { target: { value: 'red' } })
    const red = lastCount()
    fireEvent.change(screen.getByLabelText('Type'), { target: { value: 'amber' } })
    const amber = lastCount()

    await act(async () => amber.answer.resolve(3))
    await act(async () => red.answer.resolve(40))
    expect(screen.getByText('3 alerts')).toBeTruthy()
    await waitFor(() => expect(lastPage().filter.types).toEqual(['amber']))
    expect(pages.some((p) => p.filter.types[0] === 'red')).toBe(false)
  })
})

describe('Alerts date filters', () => {
  it('stops filtering by a date typed wrong, and says so', async () => {
    await openScreen()
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '01/03/2025' } })
    expect(alertsApi.count).toHaveBeenLastCalledWith({ ...emptyFilter, from: londonDayStart('2025-03-01') })

    const from = screen.getByRole('textbox', { name: /^From/ })
    fireEvent.change(from, { target: { value: '31/02/2025' } })
    fireEvent.blur(from)
    expect(alertsApi.count).toHaveBeenLastCalledWith(emptyFilter)
    expect(screen.getByText('Enter a real date as dd/mm/yyyy. Not filtering by this date.')).toBeTruthy()
  })

  it('explains a From later than To', async () => {
    await openScreen()
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '10/03/2025' } })
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '01/03/2025' } })
    expect(screen.getByRole('alert').textContent).toBe('From (10/03/2025) is later than To (01/03/2025), so no alert can match. Change one of them.')
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '31/03/2025' } })
    expect(screen.queryByRole('alert')).toBeNull()
  })
})

describe('Alerts columns', () => {
  afterEach(() => localStorage.clear())
  it('lets the person hide and order columns, remembers the choice, and never hides the ARC reference', async () => {
    await openScreen()
    const headers = () => screen.getAllByRole('columnheader').map((h) => h.textContent?.replace(/[▲▼]/g, '').trim())
    expect(headers().slice(0, 3)).toEqual(['Raised (UK time)', 'ARC reference', 'Type'])
    // jsdom does not open a <details> on a click of its summary: open it as the browser would.
    const menu = screen.getByText(/^Columns/).closest('details')!
    menu.open = true
    fireEvent(menu, new Event('toggle'))
    fireEvent.click(screen.getByRole('checkbox', { name: 'Type' }))
    fireEvent.click(screen.getByRole('button', { name: 'Move Lone worker earlier' }))
    expect(headers()).not.toContain('Type')
    expect(headers().indexOf('Lone worker')).toBeLessThan(headers().indexOf('Team'))
    expect((screen.getByRole('checkbox', { name: /ARC reference/ }) as HTMLInputElement).disabled).toBe(true)

    cleanup()
    await openScreen()
    expect(headers()).not.toContain('Type')
    expect(headers().slice(0, 3)).toEqual(['Raised (UK time)', 'ARC reference', 'Lone worker'])
  })
})

describe('Alerts deep link', () => {
  afterEach(() => { window.location.hash = '' })
  it('keeps the linked alert open after the search box settles', async () => {
    window.location.hash = '#/alerts/42'
    render(<AlertsScreen />)
    await act(async () => lastCount().answer.resolve(1))
    expect(alertsApi.detail).toHaveBeenCalledWith(42)
    expect(screen.getByRole('complementary', { name: 'Alert detail' })).toBeTruthy()
    // The free-text box waits 300 ms before it filters; nothing was typed, so nothing changes.
    await act(() => new Promise((r) => setTimeout(r, 450)))
    expect(screen.getByRole('complementary', { name: 'Alert detail' })).toBeTruthy()
  })
})

describe('nextSort', () => {
  it('turns the default newest-first column ascending on its first click', () =>
    expect(nextSort(newestFirst, 'raisedAt')).toEqual({ column: 'raisedAt', desc: false }))
  it('turns it back to newest first on the next click', () =>
    expect(nextSort({ column: 'raisedAt', desc: false }, 'raisedAt')).toEqual({ column: 'raisedAt', desc: true }))
  it('sorts a new column ascending', () => expect(nextSort(newestFirst, 'arcRef')).toEqual({ column: 'arcRef', desc: false }))
  it('turns ascending into descending', () => expect(nextSort({ column: 'arcRef', desc: false }, 'arcRef')).toEqual({ column: 'arcRef', desc: true }))
  it('turns descending back to the default order', () => expect(nextSort({ column: 'arcRef', desc: true }, 'arcRef')).toBeNull())
  it('sorts ascending again from the default order', () => expect(nextSort(null, 'raisedAt')).toEqual({ column: 'raisedAt', desc: false }))
})

describe("Alerts table: the ARC's own words", () => {
  it('shows the ARC’s word beside the value it was normalised to, and nothing for one sent as Redline names it', async () => {
    render(<AlertsScreen />)
    await screen.findByRole('option', { name: 'Community nursing' })
    await act(async () => lastCount().answer.resolve(2))
    const planned = { ...alert(1, 'red', 'RED-1'), validity: 'test', trigger: 'man_down', escalation: '999',
      words: { validity: 'Planned Alarm', trigger: 'Man Down Alert', escalation: 'POLICE 999' } } as Alert
    await act(async () => lastPage().answer.resolve(page([planned, alert(2, 'red', 'RED-2')])))
    const [, first, second] = screen.getAllByRole('row')
    const validity = first.querySelector('[data-col=validity]')!
    expect(validity.textContent).toBe('Test (ARC: Planned Alarm)')
    expect(validity.getAttribute('title')).toBe('Test (ARC: Planned Alarm)')
    expect(first.querySelector('[data-col=trigger]')?.textContent).toContain('(ARC: Man Down Alert)')
    // A word that reads the same as the label adds nothing.
    expect(first.querySelector('[data-col=escalation]')?.textContent).toBe('Police 999')
    expect(second.querySelector('[data-col=validity]')?.textContent).toBe('Genuine')
    expect(second.querySelector('[data-col=validity]')?.hasAttribute('title')).toBe(false)
  })
})
