import { useEffect, useState } from 'react'
import { importsApi } from '../../api/imports'

type Profile = Awaited<ReturnType<typeof importsApi.profiles>>[number]

/** The ARC export layouts Redline recognises; new ones are made with the import wizard. */
export function ImportProfiles() {
  const [profiles, setProfiles] = useState<Profile[]>([])
  const [error, setError] = useState('')
  useEffect(() => {
    importsApi.profiles().then(setProfiles, (e: Error) => setError(e.message))
  }, [])
  return (
    <section className="panel" aria-labelledby="set-profiles">
      <h2 id="set-profiles">Import profiles</h2>
      <p>Redline picks the profile whose columns match an export. When none fits, the Import screen's wizard maps the columns and saves a new profile.</p>
      <table className="mini">
        <thead><tr><th scope="col">Profile</th><th scope="col">Layout</th><th scope="col">Source</th></tr></thead>
        <tbody>
          {profiles.map((p) => (
            <tr key={p.name}><th scope="row">{p.name}</th><td>{p.description}</td><td>{p.saved ? 'Made with the wizard' : 'Shipped with Redline'}</td></tr>
          ))}
        </tbody>
      </table>
      {error && <p className="error" role="alert">{error}</p>}
    </section>
  )
}
