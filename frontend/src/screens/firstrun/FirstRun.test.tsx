import { cleanup, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { FirstRun } from './FirstRun'

vi.mock('../../api/workspace', () => ({ workspaceApi: { openDemo: vi.fn(), openEmpty: vi.fn() } }))

afterEach(cleanup)

describe('first run', () => {
  it('says why the team database could not be opened, as text, when this Redline is set to use one', () => {
    render(<FirstRun dataDir="/d" team problem={'Cannot reach <b>db.trust.nhs.uk</b>: is the server running?'} onOpened={() => {}} />)
    const alert = screen.getByRole('alert')
    expect(alert.textContent).toContain("your trust's team database, which could not be opened: Cannot reach <b>db.trust.nhs.uk</b>")
    expect(alert.querySelector('b')).toBeNull()
  })
  it('says nothing of a team database on a laptop', () => {
    render(<FirstRun dataDir="/d" onOpened={() => {}} />)
    expect(screen.queryByRole('alert')).toBeNull()
  })
})
