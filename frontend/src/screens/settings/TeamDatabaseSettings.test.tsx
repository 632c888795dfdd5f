import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError } from '../../api/bridge'
import { workspaceApi, type WorkspaceStatus } from '../../api/workspace'
import { TeamDatabaseSettings } from './TeamDatabaseSettings'

vi.mock('../../api/workspace', () => ({ workspaceApi: { status: vi.fn(), disconnect: vi.fn() } }))
const api = vi.mocked(workspaceApi)
const base = { open: true, dataDir: '/d', team: false, teamFromEnv: false, savedPassword: false, laptopDatabase: false } as WorkspaceStatus

beforeEach(() => { vi.resetAllMocks() })
afterEach(cleanup)

describe('Settings > Team database', () => {
  it('says this laptop, with nothing to leave', async () => {
    api.status.mockResolvedValue(base)
    render(<TeamDatabaseSettings onLeft={() => {}} />)
    expect(await screen.findByText(/^This laptop:/)).toBeTruthy()
    expect(screen.queryByRole('button', { name: 'Disconnect' })).toBeNull()
  })

  it('names the saved database and user, and Disconnect leaves it', async () => {
    api.status.mockResolvedValue({ ...base, team: true, savedPassword: true,
      connection: { host: 'redline-db.trust.nhs.uk', port: 5432, database: 'redline', user: 'alice' } } as WorkspaceStatus)
    api.disconnect.mockResolvedValue({ ...base, open: false } as WorkspaceStatus)
    const onLeft = vi.fn()
    render(<TeamDatabaseSettings onLeft={onLeft} />)
    expect(await screen.findByText('redline-db.trust.nhs.uk (port 5432)')).toBeTruthy()
    expect(screen.getByText('alice')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Disconnect' }))
    await waitFor(() => expect(onLeft).toHaveBeenCalled())
    expect(api.disconnect).toHaveBeenCalledOnce()
  })

  it('keeps the panel and says why when leaving fails', async () => {
    api.status.mockResolvedValue({ ...base, team: true,
      connection: { host: 'db', port: 5432, database: 'redline', user: 'alice' } } as WorkspaceStatus)
    api.disconnect.mockRejectedValue(new ApiError('The saved connection could not be removed.'))
    const onLeft = vi.fn()
    render(<TeamDatabaseSettings onLeft={onLeft} />)
    fireEvent.click(await screen.findByRole('button', { name: 'Disconnect' }))
    expect((await screen.findByRole('alert')).textContent).toBe('The saved connection could not be removed.')
    expect(onLeft).not.toHaveBeenCalled()
  })

  it('cannot leave a database the REDLINE_DB setting names', async () => {
    api.status.mockResolvedValue({ ...base, team: true, teamFromEnv: true, teamAddress: 'postgres://alice@db:5432/redline' } as WorkspaceStatus)
    render(<TeamDatabaseSettings onLeft={() => {}} />)
    expect(await screen.findByText('postgres://alice@db:5432/redline')).toBeTruthy()
    expect(screen.queryByRole('button', { name: 'Disconnect' })).toBeNull()
  })
})
