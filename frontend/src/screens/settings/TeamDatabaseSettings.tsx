import { useEffect, useState } from 'react'
import { workspaceApi, type WorkspaceStatus } from '../../api/workspace'

/** Back to the first-run screen: the app reads the workspace status afresh. */
function restart() {
  window.location.hash = ''
  window.location.reload()
}

/**
 * Settings > Team database: which database this Redline works on (the
 * trust's shared one, and as whom, or this laptop's), and the way to leave
 * the shared one, which forgets the saved connection and password.
 */
export function TeamDatabaseSettings({ onLeft = restart }: { onLeft?: () => void }) {
  const [status, setStatus] = useState<WorkspaceStatus | null>(null)
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)
  useEffect(() => { workspaceApi.status().then(setStatus, (e: Error) => setError(e.message)) }, [])
  const leave = () => {
    setBusy(true); setError('')
    workspaceApi.disconnect().then(onLeft, (e: Error) => { setError(e.message); setBusy(false) })
  }
  if (!status) return error ? <p className="error" role="alert">{error}</p> : <p role="status">Loading…</p>
  const c = status.connection
  return (
    <div className="team-database">
      {!status.team && <p>This laptop: Redline works on the database in this laptop&apos;s data folder, shared with no one.</p>}
      {status.teamFromEnv && (
        <>
          <dl className="facts"><dt>Database</dt><dd><code>{status.teamAddress}</code></dd></dl>
          <p className="muted">This computer is set up (by the REDLINE_DB setting) to use this database, so it cannot be changed here.</p>
        </>
      )}
      {c && (
        <>
          <dl className="facts">
            <dt>Server</dt><dd>{c.host} (port {c.port})</dd>
            <dt>Database</dt><dd>{c.database}</dd>
            <dt>User name</dt><dd>{c.user}</dd>
          </dl>
          <p>Disconnecting closes your trust&apos;s database on this computer and forgets its connection and your saved password.
            Nothing in the database is changed. You can then work on this laptop or connect again.</p>
          <button type="button" className="secondary" disabled={busy} onClick={leave}>{busy ? 'Disconnecting…' : 'Disconnect'}</button>
        </>
      )}
      {error && <p className="error" role="alert">{error}</p>}
    </div>
  )
}
