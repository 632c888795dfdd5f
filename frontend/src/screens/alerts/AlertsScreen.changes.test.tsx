import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

// A stand-in for the Wails runtime: emit() plays Go's "data:changed" (team mode).
const runtime = vi.hoisted(() => {
  const listeners = new Set<(...args: unknown[]) => void>()
  return {
    EventsOn: (name: string, fn: (...args: unknown[]) => void) => {
      if (name !== 'data:changed') return () => {}
      listeners.add(fn)
      return () => listeners.delete(fn)
    },
    emit: (table: string) => listeners.forEach((fn) => fn(table)),
  }
})
vi.mock('../../../wailsjs/runtime/runtime', () => ({ EventsOn: runtime.EventsOn }))

vi.mock('../../api/alerts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api/alerts')>()),
  alertsApi: { teams: vi.fn(), count: vi.fn(), list: vi.fn(), detail: vi.fn(() => new Promise(() => {})) },
}))

import { alertsApi, emptyFilter, type Alert } from '../../api/alerts'
import type { main } from '../../../wailsjs/go/models'
import { refreshDelayMs } from '../../api/changes'
import { deferred, type Deferred } from '../../testing/deferred'
import { AlertsScreen } from './AlertsScreen'
import { PAGE } from './usePagedAlerts'

function alert(id: number, arcRef: string): Alert {
  return {
    id, arc: 'Test ARC', arcRef, type: 'red', trigger: 'button', workerId: 1, workerRef: 'W1', workerName: 'Pat Jones', teamId: 7,
    teamName: 'Community nursing', raisedAt: 1740787200 + id, validity: 'genuine', escalation: 'none', policeRef: '',
    operator: '', memo: '', mediaCount: 0,
  } as Alert
}

let counts: Deferred<number>[]
let pages: Deferred<main.AlertPage>[]
const page = (rows: Alert[]) => ({ offset: 0, rows, knownRisk: {} }) as unknown as main.AlertPage
const rows = () => screen.queryAllByRole('row').slice(1)
const shownRefs = () => rows().map((r) => r.querySelector('[data-col=arcRef]')?.textContent)
const selectedRef = () => rows().find((r) => r.getAttribute('aria-selected') === 'true')?.querySelector('[data-col=arcRef]')?.textContent
const afterBurst = () => act(() => new Promise((r) => setTimeout(r, refreshDelayMs + 20)))

beforeEach(() => {
  vi.clearAllMocks()
  counts = []
  pages = []
  vi.mocked(alertsApi.teams).mockResolvedValue([{ id: 7, name: 'Community nursing' }] as never)
  vi.mocked(alertsApi.count).mockImplementation(() => {
    const d = deferred<number>()
    counts.push(d)
    return d.promise
  })
  vi.mocked(alertsApi.list).mockImplementation(() => {
    const d = deferred<main.AlertPage>()
    pages.push(d)
    return d.promise
  })
})
afterEach(cleanup)

async function openWithTwoAlerts() {
  render(<AlertsScreen />)
  await screen.findByRole('option', { name: 'Community nursing' })
  await act(async () => counts[0].resolve(2))
  await act(async () => pages[0].resolve(page([alert(1, 'RED-1'), alert(2, 'RED-2')])))
  expect(shownRefs()).toEqual(['RED-1', 'RED-2'])
}

describe('the Alerts table in team mode', () => {
  it('loads again when a colleague changes alerts or triage, keeping the rows, scroll position and selected alert', async () => {
    await openWithTwoAlerts()
    fireEvent.click(rows()[1])
    expect(selectedRef()).toBe('RED-2')
    const table = screen.getByRole('table', { name: 'Alerts' })
    table.scrollTop = 120

    runtime.emit('alert_triage')
    runtime.emit('alerts') // one save's burst of notices makes one reload
    await afterBurst()
    expect(alertsApi.count).toHaveBeenCalledTimes(2)
    expect(alertsApi.list).toHaveBeenCalledTimes(2)
    expect(alertsApi.list).toHaveBeenLastCalledWith(emptyFilter, { column: 'raisedAt', desc: true }, 0, PAGE)
    // Nothing empties while the new rows are on their way.
    expect(shownRefs()).toEqual(['RED-1', 'RED-2'])

    // A colleague's new alert arrives above the selected one.
    await act(async () => counts[1].resolve(3))
    await act(async () => pages[1].resolve(page([alert(3, 'RED-3'), alert(1, 'RED-1'), alert(2, 'RED-2')])))
    expect(shownRefs()).toEqual(['RED-3', 'RED-1', 'RED-2'])
    expect(screen.getByText('3 alerts')).toBeTruthy()
    expect(selectedRef()).toBe('RED-2')
    expect(table.scrollTop).toBe(120)
  })

  it('does not load again for a change to a table it does not show', async () => {
    await openWithTwoAlerts()
    runtime.emit('risks')
    runtime.emit('case_notes')
    await afterBurst()
    expect(alertsApi.list).toHaveBeenCalledTimes(1)
    expect(alertsApi.count).toHaveBeenCalledTimes(1)
  })

  it('loads again after a lost connection ("*": notices may have been missed)', async () => {
    await openWithTwoAlerts()
    runtime.emit('*')
    await afterBurst()
    expect(alertsApi.list).toHaveBeenCalledTimes(2)
  })
})
