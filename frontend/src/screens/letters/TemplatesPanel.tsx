import { lettersApi, type TemplateInfo } from '../../api/letters'
import { useLoad } from '../../ui/useLoad'
import { savedMessage, useAct } from './act'
import { Outcome } from './Outcome'
import './letters.css'

/** The trust's Word templates: check, save to edit in Word, replace, restore. */
export function TemplatesPanel() {
  const templates = useLoad('templates', lettersApi.templates)
  const list = templates.data ?? null
  const load = templates.reload
  const fields = useLoad('merge fields', () => lettersApi.fields().catch(() => [])).data ?? []
  const { act, error: actError, status } = useAct()
  const error = actError || templates.error

  const replace = async (t: TemplateInfo) => {
    const sum = await act((s: string) => s ? `${t.title} replaced (SHA-256 ${s.slice(0, 12)}…).` : 'Nothing changed: no file was chosen.', () => lettersApi.replaceTemplate(t.kind))
    if (sum) load()
  }
  const restore = async (t: TemplateInfo) => {
    if (await act(`${t.title}: Redline's own template restored.`, () => lettersApi.restoreTemplate(t.kind)) !== undefined) load()
  }
  return (
    <div className="templates">
      <p>Each letter is made from a Word template in the data folder. Save one, edit it in Word keeping the <code>{'{merge_fields}'}</code>,
        then replace it here. Redline checks the file and refuses it, naming the field, if a required field is missing or unknown.</p>
      <Outcome error={error} status={status} />
      {!list ? <p>Loading…</p> : (
        <table className="mini">
          <thead><tr><th scope="col">Letter</th><th scope="col">Template</th><th scope="col">Fields used</th><th scope="col">Actions</th></tr></thead>
          <tbody>{list.map((t) => (
            <tr key={t.kind}>
              <th scope="row">{t.title}</th>
              <td>{t.isDefault ? "Redline's own" : 'Trust template'}<br /><span className="hash small">{t.sha256.slice(0, 16)}…</span>
                {t.problem && <p className="error">{t.problem}</p>}</td>
              <td className="small">{(t.fields ?? []).map((f) => `{${f}}`).join(' ')}</td>
              <td className="template-actions">
                <button type="button" className="secondary" onClick={() => act((p: string) => savedMessage(p, `${t.title} template`), () => lettersApi.exportTemplate(t.kind))}>
                  Save to edit<span className="visually-hidden"> the {t.title} template</span></button>
                <button type="button" className="secondary" onClick={() => replace(t)}>Replace<span className="visually-hidden"> the {t.title} template</span>…</button>
                {!t.isDefault && <button type="button" className="secondary" onClick={() => restore(t)}>Restore Redline's<span className="visually-hidden"> {t.title} template</span></button>}
              </td>
            </tr>
          ))}</tbody>
        </table>
      )}
      <details className="field-list">
        <summary>Merge fields a template may use ({fields.length})</summary>
        <table className="mini">
          <thead><tr><th scope="col">Field</th><th scope="col">What it holds</th><th scope="col">Where it comes from</th></tr></thead>
          <tbody>{fields.map((f) => <tr key={f.name}><td><code>{`{${f.name}}`}</code></td><td>{f.description}</td><td>{f.source}</td></tr>)}</tbody>
        </table>
      </details>
    </div>
  )
}
