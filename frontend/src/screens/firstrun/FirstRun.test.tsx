import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError } from '../../api/bridge'
import { workspaceApi, type WorkspaceStatus } from '../../api/workspace'
import { FirstRun } from './FirstRun'

vi.mock('../../api/workspace', () => ({
  workspaceApi: { openDemo: vi.fn(), openEmpty: vi.fn(), testConnection: vi.fn(), connect: vi.fn(), disconnect: vi.fn() },
}))
const api = vi.mocked(workspaceApi)

const laptop = { open: false, dataDir: '/d', team: false, teamFromEnv: false, savedPassword: false, laptopDatabase: false } as WorkspaceStatus
const saved = {
  ...laptop, team: true, savedPassword: true,
  connection: { host: 'redline-db.trust.nhs.uk', port: 5432, database: 'redline', user: 'alice' },
  problem: 'postgres://alice@redline-db.trust.nhs.uk:5432/redline refused the user name or password.', problemField: 'password',
} as WorkspaceStatus

beforeEach(() => { vi.resetAllMocks() })
afterEach(cleanup)

const input = (name: string) => document.querySelector<HTMLInputElement>(`input[name="${name}"]`)!
const type = (name: string, value: string) => fireEvent.change(input(name), { target: { value } })

function openForm() {
  render(<FirstRun status={laptop} onOpened={() => {}} />)
  fireEvent.click(screen.getByRole('button', { name: "Connect to your trust's Redline database" }))
  type('host', 'redline-db.trust.nhs.uk')
  type('database', 'redline')
  type('user', 'alice')
  type('password', 'pw')
}

describe('first run', () => {
  it('says why the team database REDLINE_DB names could not be opened, as text, with no connection form', () => {
    render(<FirstRun status={{ ...laptop, team: true, teamFromEnv: true, problem: 'Cannot reach <b>db.trust.nhs.uk</b>: is the server running?' } as WorkspaceStatus} onOpened={() => {}} />)
    const alert = screen.getByRole('alert')
    expect(alert.textContent).toContain("your trust's team database, which could not be opened: Cannot reach <b>db.trust.nhs.uk</b>")
    expect(alert.querySelector('b')).toBeNull()
    expect(screen.queryByRole('button', { name: /Connect to your trust/ })).toBeNull()
  })

  it('offers this laptop or the trust database, saying nothing of a problem on a laptop', () => {
    render(<FirstRun status={laptop} onOpened={() => {}} />)
    expect(screen.queryByRole('alert')).toBeNull()
    expect(screen.getByRole('heading', { name: 'Work on this laptop' })).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Open demo data' })).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Start empty' })).toBeTruthy()
  })

  it('opens the connection form with the keyboard in its first field and port 5432', () => {
    render(<FirstRun status={laptop} onOpened={() => {}} />)
    fireEvent.click(screen.getByRole('button', { name: "Connect to your trust's Redline database" }))
    expect(document.activeElement).toBe(input('host'))
    expect(input('port').value).toBe('5432')
    expect(input('password').type).toBe('password')
    for (const name of ['Server', 'Port', 'Database name', 'Your user name', 'Your password']) {
      expect(screen.getByLabelText(name, { exact: false })).toBeTruthy()
    }
  })

  it('shows a failed test beside the field it is about, focused and described by it', async () => {
    api.testConnection.mockRejectedValue(new ApiError('The server refused the user name or password.', 'password'))
    openForm()
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }))
    const msg = await screen.findByRole('alert')
    expect(msg.textContent).toBe('The server refused the user name or password.')
    expect(msg.closest('label')?.querySelector('input')).toBe(input('password'))
    expect(input('password').getAttribute('aria-invalid')).toBe('true')
    expect(input('password').getAttribute('aria-describedby')).toContain(msg.id)
    expect(document.activeElement).toBe(input('password'))
    expect(api.testConnection).toHaveBeenCalledWith({ host: 'redline-db.trust.nhs.uk', port: '5432', database: 'redline', user: 'alice', password: 'pw' })
  })

  it('moves the message to the next field a later failure is about', async () => {
    api.testConnection.mockRejectedValueOnce(new ApiError('Cannot reach the server.', 'host'))
      .mockRejectedValueOnce(new ApiError('The server has no database called "redline".', 'database'))
    openForm()
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }))
    expect((await screen.findByRole('alert')).closest('label')?.querySelector('input')).toBe(input('host'))
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }))
    await waitFor(() => expect(document.activeElement).toBe(input('database')))
    expect(screen.getAllByRole('alert')).toHaveLength(1)
    expect(input('host').getAttribute('aria-invalid')).toBeNull()
  })

  it('says a successful test plainly and opens nothing', async () => {
    api.testConnection.mockResolvedValue({ message: 'Redline can use the database redline on redline-db.trust.nhs.uk (port 5432) as alice.' })
    openForm()
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }))
    expect((await screen.findByRole('status')).textContent).toContain('Redline can use the database redline')
    expect(api.connect).not.toHaveBeenCalled()
  })

  it('connects with the details typed and hands the new status on', async () => {
    const opened = { ...laptop, open: true, team: true } as WorkspaceStatus
    api.connect.mockResolvedValue(opened)
    const onOpened = vi.fn()
    render(<FirstRun status={laptop} onOpened={onOpened} />)
    fireEvent.click(screen.getByRole('button', { name: "Connect to your trust's Redline database" }))
    type('host', 'db'); type('database', 'redline'); type('user', 'alice'); type('password', 'pw')
    fireEvent.click(screen.getByRole('button', { name: 'Connect' }))
    await waitFor(() => expect(onOpened).toHaveBeenCalledWith(opened))
    expect(api.connect).toHaveBeenCalledWith({ host: 'db', port: '5432', database: 'redline', user: 'alice', password: 'pw' })
  })

  it('after a failed reconnect shows the saved details, the reason beside its field, and the way back to this laptop', async () => {
    render(<FirstRun status={saved} onOpened={() => {}} />)
    expect(input('host').value).toBe('redline-db.trust.nhs.uk')
    expect(input('user').value).toBe('alice')
    expect(input('password').value).toBe('')
    expect(screen.getByText('Leave this empty to use the password saved on this computer.')).toBeTruthy()
    const msg = screen.getByRole('alert')
    expect(msg.textContent).toContain('refused the user name or password')
    expect(msg.closest('label')?.querySelector('input')).toBe(input('password'))
    await waitFor(() => expect(document.activeElement).toBe(input('password')))

    fireEvent.click(screen.getByRole('button', { name: 'Work on this laptop instead' }))
    expect(screen.getByText(/forgets the connection saved for the database redline on redline-db.trust.nhs.uk/)).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Start empty' })).toBeTruthy()
  })

  it('shows a problem about no one field at the form, and a laptop database is offered by name', async () => {
    api.connect.mockRejectedValue(new ApiError('Something went wrong (ref 7f3a).'))
    render(<FirstRun status={{ ...laptop, laptopDatabase: true } as WorkspaceStatus} onOpened={() => {}} />)
    expect(screen.getByRole('button', { name: "Open this laptop's database" })).toBeTruthy()
    expect(screen.getByText('This replaces the database already on this laptop.')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: "Connect to your trust's Redline database" }))
    fireEvent.click(screen.getByRole('button', { name: 'Connect' }))
    const msg = await screen.findByRole('alert')
    expect(msg.textContent).toBe('Something went wrong (ref 7f3a).')
    expect(msg.closest('label')).toBeNull()
  })
})
