import { useEffect, useRef, useState } from 'react'
import { workspaceApi, type TeamForm, type WorkspaceStatus } from '../../api/workspace'
import { FieldError, formError, invalidProps, useShowError, type FormError } from '../../ui/fieldError'
import { focusFirstControl } from '../../ui/focus'

const formId = 'team-connect'
type Field = keyof TeamForm
const names: readonly string[] = ['host', 'port', 'database', 'user', 'password']

/** The form's fields, with what a person needs to fill each in. */
function fields(savedPassword: boolean): { key: Field; label: string; hint: string; type?: string; auto?: string; mode?: 'numeric' }[] {
  return [
    { key: 'host', label: 'Server', hint: 'The name your database administrator gave you, such as redline-db.trust.nhs.uk. '
      + 'Redline connects to another computer only over an encrypted (TLS) connection.', auto: 'off' },
    { key: 'port', label: 'Port', hint: 'Usually 5432.', mode: 'numeric', auto: 'off' },
    { key: 'database', label: 'Database name', hint: 'Often redline.', auto: 'off' },
    { key: 'user', label: 'Your user name', hint: 'Your own user name for the database, not a shared one.', auto: 'username' },
    { key: 'password', label: 'Your password', type: 'password', auto: 'current-password',
      hint: savedPassword
        ? 'Leave this empty to use the password saved on this computer.'
        : 'Redline keeps it protected for your account on this computer, never in plain text.' },
  ]
}

/** What the status already knows: the saved connection, and why it failed, beside its field. */
function initial(status: WorkspaceStatus): { form: TeamForm; err: FormError | null } {
  const c = status.connection
  const form: TeamForm = { host: c?.host ?? '', port: String(c?.port ?? 5432), database: c?.database ?? '', user: c?.user ?? '', password: '' }
  const err = status.problem ? { field: names.includes(status.problemField ?? '') ? status.problemField ?? '' : '', message: status.problem, n: 0 } : null
  return { form, err }
}

/**
 * "Connect to your trust's Redline database": the server, database and the
 * person's own user name and password, tested on the spot or opened (and then
 * saved for the next start). Failures are shown beside the field they are
 * about, which takes the focus; the password is never shown or kept here.
 */
export function TeamConnectForm({ status, onOpened, onBack }: {
  status: WorkspaceStatus; onOpened: (s: WorkspaceStatus) => void; onBack: () => void
}) {
  const start = initial(status)
  const [form, setForm] = useState<TeamForm>(start.form)
  const [err, setErr] = useState<FormError | null>(start.err)
  const [ok, setOk] = useState('')
  const [busy, setBusy] = useState<'' | 'test' | 'connect'>('')
  const ref = useRef<HTMLFormElement>(null)
  const n = useRef(0)
  useShowError(ref, formId, err)
  useEffect(() => {
    if (!start.err) focusFirstControl(ref.current) // arrived by choosing to connect: start the keyboard here
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  const run = async (what: 'test' | 'connect') => {
    setErr(null); setOk(''); setBusy(what)
    try {
      if (what === 'test') {
        setOk((await workspaceApi.testConnection(form)).message)
      } else {
        onOpened(await workspaceApi.connect(form))
        return
      }
    } catch (e) {
      setErr(formError(e as Error, names, ++n.current))
    }
    setBusy('')
  }
  const describedBy = (key: Field) => `${formId}-h-${key}${err?.field === key ? ` ${formId}-err-${key}` : ''}`

  return (
    <section className="panel team-connect" aria-labelledby="tc-title">
      <h2 id="tc-title">Connect to your trust&apos;s Redline database</h2>
      {status.connection && status.problem && (
        <p className="notice">Redline could not open your trust&apos;s database with the connection saved on this computer.
          The reason is shown below: put it right and choose Connect, or work on this laptop instead.</p>
      )}
      <p>Your security team shares one Redline database on your trust&apos;s server. Your database administrator gives you
        its details; Redline remembers them, and your password, for the next time.</p>
      <form ref={ref} aria-label="Team database connection" noValidate onSubmit={(e) => { e.preventDefault(); run('connect') }}>
        <div className="team-fields">
          {fields(!!status.savedPassword).map((f) => (
            <label key={f.key} className={`tf-${f.key}`}>{f.label}
              <input name={f.key} type={f.type ?? 'text'} value={form[f.key]} autoComplete={f.auto} inputMode={f.mode}
                spellCheck={false} autoCapitalize="off"
                onChange={(e) => setForm({ ...form, [f.key]: e.target.value })}
                {...invalidProps(formId, f.key, err)} aria-describedby={describedBy(f.key)} />
              <span id={`${formId}-h-${f.key}`} className="hint">{f.hint}</span>
              <FieldError form={formId} field={f.key} err={err} />
            </label>
          ))}
        </div>
        <div className="team-actions">
          <button type="button" className="secondary" disabled={!!busy} onClick={() => run('test')}>
            {busy === 'test' ? 'Testing…' : 'Test connection'}
          </button>
          <button type="submit" disabled={!!busy}>{busy === 'connect' ? 'Connecting…' : 'Connect'}</button>
          <button type="button" className="link-button" disabled={!!busy} onClick={onBack}>Work on this laptop instead</button>
        </div>
        <div aria-live="polite">{ok && <p className="ok" role="status">{ok}</p>}</div>
        <FieldError form={formId} field="" err={err} />
      </form>
    </section>
  )
}
