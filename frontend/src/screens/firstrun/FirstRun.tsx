import { useState } from 'react'
import { workspaceApi, type WorkspaceStatus } from '../../api/workspace'

export function FirstRun({ dataDir, team = false, problem = '', onOpened }: {
  dataDir: string; team?: boolean; problem?: string; onOpened: (s: WorkspaceStatus) => void
}) {
  const [busy, setBusy] = useState('')
  const [error, setError] = useState('')
  const go = (what: string, fn: () => Promise<WorkspaceStatus>) => {
    setBusy(what)
    setError('')
    fn().then(onOpened, (e: Error) => {
      setError(e.message)
      setBusy('')
    })
  }
  return (
    <main className="first-run" aria-labelledby="fr-title">
      <h1 id="fr-title">Welcome to Redline</h1>
      {team && (
        <p className="error" role="alert">
          This Redline is set to use your trust's team database, which could not be opened: {problem || 'no reason was given'}
          {' '}Put that right, then choose Start empty to try again.
        </p>
      )}
      <p>Redline keeps lone-worker alerts, recordings and casework on this laptop. Nothing is sent over the network.</p>
      <p className="muted">Data folder: <code>{dataDir}</code></p>
      <div className="choices">
        <section className="panel">
          <h2>Explore with demo data</h2>
          <p>A made-up community trust in West Yorkshire: 150 lone workers in 8 teams, three months of amber and red alerts with their casework and a few recordings, and two years of alert history before them for the trends.</p>
          <button type="button" disabled={!!busy} onClick={() => go('demo', workspaceApi.openDemo)}>
            {busy === 'demo' ? 'Building demo data…' : 'Open demo data'}
          </button>
        </section>
        <section className="panel">
          <h2>Start with an empty database</h2>
          <p>For real work: import your Alarm Receiving Centre's exports into an empty database.</p>
          <button type="button" className="secondary" disabled={!!busy} onClick={() => go('empty', workspaceApi.openEmpty)}>
            Start empty
          </button>
        </section>
      </div>
      {error && <p className="error" role="alert">{error}</p>}
    </main>
  )
}
