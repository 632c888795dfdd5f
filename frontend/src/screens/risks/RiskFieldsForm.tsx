import type { RiskFields } from '../../api/risks'
import { UkDateInput } from '../../ui/UkDateInput'

export const emptyFields: RiskFields = {
  title: '', description: '', cause: '', consequence: '', affected: '', controls: '', gaps: '', actions: '', owner: '', reviewOn: '', status: 'open',
}

const areas: [keyof RiskFields, string][] = [
  ['description', 'Description'], ['cause', 'Cause'], ['consequence', 'Consequence (what could happen)'],
  ['affected', 'Staff groups or locations affected'], ['controls', 'Existing controls'], ['gaps', 'Gaps in control'], ['actions', 'Actions'],
]

/** The register entry's own words: title, cause, consequence, controls, gaps, owner and review date. */
export function RiskFieldsForm({ f, set, idPrefix }: { f: RiskFields; set: (f: RiskFields) => void; idPrefix: string }) {
  const id = (k: string) => `${idPrefix}-${k}`
  return (
    <div className="risk-fields">
      <label htmlFor={id('title')} className="wide">Title<input id={id('title')} value={f.title} onChange={(e) => set({ ...f, title: e.target.value })} /></label>
      {areas.map(([k, label]) => (
        <label key={k} htmlFor={id(k)}>{label}
          <textarea id={id(k)} rows={2} value={String(f[k] ?? '')} onChange={(e) => set({ ...f, [k]: e.target.value })} /></label>
      ))}
      <div className="form-row">
        <label htmlFor={id('owner')}>Owner<input id={id('owner')} value={f.owner} onChange={(e) => set({ ...f, owner: e.target.value })} /></label>
        <UkDateInput label="Review date" value={f.reviewOn} onChange={(iso) => set({ ...f, reviewOn: iso })} />
        <label htmlFor={id('status')}>Status<select id={id('status')} value={f.status || 'open'} onChange={(e) => set({ ...f, status: e.target.value })}>
          <option value="open">Open</option><option value="closed">Closed</option></select></label>
      </div>
    </div>
  )
}
