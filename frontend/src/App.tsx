import { useEffect, useRef, useState } from 'react'
import { workspaceApi, type AboutInfo, type WorkspaceStatus } from './api/workspace'
import { FirstRun } from './screens/firstrun/FirstRun'
import { peopleApi, type Role, type SignedInPerson } from './api/people'
import { roleWords, screenOf, screensFor } from './screens/registry'
import { IndexBanner } from './ui/IndexBanner'

export function App() {
  const [status, setStatus] = useState<WorkspaceStatus | null>(null)
  const [error, setError] = useState('')
  const [hash, setHash] = useState(window.location.hash)
  const [me, setMe] = useState<SignedInPerson | null>(null)
  const main = useRef<HTMLElement>(null)

  useEffect(() => {
    workspaceApi.status().then(setStatus, (e: Error) => setError(e.message))
    const onHash = () => setHash(window.location.hash)
    window.addEventListener('hashchange', onHash)
    return () => window.removeEventListener('hashchange', onHash)
  }, [])
  // Who is signed in decides the screens (issue 16): asked again whenever a database opens.
  const open = !!status?.open
  useEffect(() => {
    if (open) peopleApi.me().then(setMe, (e: Error) => setError(e.message))
  }, [open, status])

  if (error) return <p className="error" role="alert">{error}</p>
  if (!status) return <p className="loading-app">Opening Redline…</p>
  if (!status.open) return <FirstRun status={status} onOpened={setStatus} />
  if (!me) return <p className="loading-app">Opening Redline…</p>

  // Only the role's screens are offered; a link to another falls back to the role's home.
  const role = me.role as Role
  const screens = screensFor(role)
  const screen = screenOf(hash, role)
  const active = screens.find((s) => s.id === screen) ?? screens[0]
  return (
    <div className="shell">
      <a className="skip-link" href="#main" onClick={(e) => { e.preventDefault(); main.current?.focus() }}>Skip to content</a>
      <nav className="nav" aria-label="Main">
        <div className="brand" aria-label="Redline">
          <span className="logo" aria-hidden="true">R</span> Redline
        </div>
        <p className="signed-in">Signed in as <strong>{me.name}</strong>, {roleWords[role] ?? me.roleLabel}</p>
        <ul>
          {screens.map((s) => (
            <li key={s.id}>
              <a href={`#/${s.id}`} aria-current={s.id === active.id ? 'page' : undefined}>{s.title}</a>
            </li>
          ))}
        </ul>
        <AboutButton />
      </nav>
      <main id="main" ref={main} tabIndex={-1} className="main">
        <IndexBanner />
        {active.render()}
      </main>
    </div>
  )
}

function AboutButton() {
  const dialog = useRef<HTMLDialogElement>(null)
  const [info, setInfo] = useState<AboutInfo | null>(null)
  const open = () => {
    workspaceApi.about().then(setInfo, () => setInfo(null))
    dialog.current?.showModal()
  }
  return (
    <>
      <button type="button" className="about-btn" onClick={open}>About Redline</button>
      <dialog ref={dialog} aria-labelledby="about-title" className="about">
        <h2 id="about-title">About Redline</h2>
        {info ? (
          <dl className="facts">
            <dt>Version</dt><dd>{info.version} ({info.commit})</dd>
            <dt>Platform</dt><dd>{info.platform}, {info.goVersion}</dd>
            <dt>Data folder</dt><dd><code>{info.dataDir}</code></dd>
            <dt>Database</dt><dd><code>{info.database}</code> (schema {info.schema})</dd>
            {info.auditHead && <><dt>Audit log</dt><dd>newest entry <code>{info.auditHead}</code>
              <span className="muted"> (write it down somewhere other than this laptop: checking it later shows whether entries were removed)</span></dd></>}
          </dl>
        ) : <p>Loading…</p>}
        <p className="muted">The audit log is sealed with a key this Windows account keeps outside the database.
          Someone who has the database file but not this account's key cannot rewrite entries, or remove any but the
          newest, without <code>redline-cli audit verify</code> showing it. It does not protect against someone who holds both
          this account and the file, and entries cut off from the end show only against a newest entry kept elsewhere:
          the head recorded in an exported document, or one written down away from this laptop.</p>
        <p className="muted">Redline works offline. Recordings and case notes never leave this laptop unless you export them.</p>
        <form method="dialog"><button type="submit">Close</button></form>
      </dialog>
    </>
  )
}
