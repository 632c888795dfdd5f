import { useState } from 'react'
import { workspaceApi, type WorkspaceStatus } from '../../api/workspace'
import { TeamConnectForm } from './TeamConnectForm'
import './firstrun.css'

/**
 * The first-run choice: work on this laptop (the demo trust, or an empty
 * database) or connect to the trust's shared Redline database. A saved team
 * connection that failed to reopen comes back here, its form filled in.
 */
export function FirstRun({ status, onOpened }: { status: WorkspaceStatus; onOpened: (s: WorkspaceStatus) => void }) {
  const [connecting, setConnecting] = useState(!status.teamFromEnv && !!status.connection)
  if (connecting) {
    return (
      <main className="first-run" aria-labelledby="fr-title">
        <h1 id="fr-title">Welcome to Redline</h1>
        <TeamConnectForm status={status} onOpened={onOpened} onBack={() => setConnecting(false)} />
      </main>
    )
  }
  return <Choices status={status} onOpened={onOpened} onConnect={() => setConnecting(true)} />
}

function Choices({ status, onOpened, onConnect }: {
  status: WorkspaceStatus; onOpened: (s: WorkspaceStatus) => void; onConnect: () => void
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
  const env = status.teamFromEnv
  const saved = !env && status.connection
  const laptopDb = status.laptopDatabase && !env // Start empty opens it
  return (
    <main className="first-run" aria-labelledby="fr-title">
      <h1 id="fr-title">Welcome to Redline</h1>
      {env && (
        <p className="error" role="alert">
          This Redline is set to use your trust's team database, which could not be opened: {status.problem || 'no reason was given'}
          {' '}Put that right, then choose Start empty to try again.
        </p>
      )}
      {!env && !saved && status.problem && <p className="error" role="alert">{status.problem}</p>}
      <div className="choices">
        <section className="panel" aria-labelledby="fr-laptop">
          <h2 id="fr-laptop">Work on this laptop</h2>
          <p>Redline keeps lone-worker alerts, recordings and casework on this laptop. Nothing is sent over the network.</p>
          <p className="muted">Data folder: <code>{status.dataDir}</code></p>
          {saved && (
            <p className="notice">Choosing this laptop forgets the connection saved for the database {status.connection?.database} on {status.connection?.host}.</p>
          )}
          <h3>Explore with demo data</h3>
          <p>A made-up community trust in West Yorkshire: 150 lone workers in 8 teams, three months of amber and red alerts with their casework and a few recordings, and two years of alert history before them for the trends.</p>
          {laptopDb && <p className="muted">This replaces the database already on this laptop.</p>}
          <button type="button" disabled={!!busy} onClick={() => go('demo', workspaceApi.openDemo)}>
            {busy === 'demo' ? 'Building demo data…' : 'Open demo data'}
          </button>
          <h3>{laptopDb ? "This laptop's database" : 'Start with an empty database'}</h3>
          <p>{laptopDb
            ? 'Carry on with the alerts and casework already kept on this laptop.'
            : "For real work: import your Alarm Receiving Centre's exports into an empty database."}</p>
          <button type="button" className="secondary" disabled={!!busy} onClick={() => go('empty', workspaceApi.openEmpty)}>
            {laptopDb ? "Open this laptop's database" : 'Start empty'}
          </button>
        </section>
        {!env && (
          <section className="panel" aria-labelledby="fr-team">
            <h2 id="fr-team">Connect to your trust&apos;s Redline database</h2>
            <p>When your security team shares one Redline database on your trust&apos;s server, everyone sees the same alerts,
              cases and recordings, and changes made by colleagues appear within seconds.</p>
            <p>You need its server name, the database name and your own user name and password from your database administrator.</p>
            <button type="button" disabled={!!busy} onClick={onConnect}>Connect to your trust&apos;s Redline database</button>
          </section>
        )}
      </div>
      {error && <p className="error" role="alert">{error}</p>}
    </main>
  )
}
