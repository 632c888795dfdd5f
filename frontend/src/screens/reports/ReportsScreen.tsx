import { useMemo, useState } from 'react'
import { trendsApi, type Measure, type TrendsQuery, type Value } from '../../api/trends'
import { appNow } from '../../ui/clock'
import { useLoad } from '../../ui/useLoad'
import { Chart } from './Chart'
import { ruleLabels, showValue, typeLabels, xmrOption } from './xmr'
import './reports.css'

function thisMonth(offset = 0): string {
  const now = appNow()
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1))
  return d.toISOString().slice(0, 7)
}

function MeasurePanel({ m }: { m: Measure }) {
  const option = useMemo(() => xmrOption(m), [m])
  const id = `m-${m.id}`
  return (
    <section className="panel measure" aria-labelledby={id}>
      <h2 id={id}>{m.title}</h2>
      {m.points.length === 0 ? (
        <p className="muted">No data yet.</p>
      ) : (
        <>
          <Chart option={option} label={`XmR chart of ${m.title.toLowerCase()}; the figures are in the table below.`} height={220} />
          <p className="commentary">{m.commentary}</p>
          {m.note && <p className="muted">{m.note}</p>}
          <details>
            <summary>Figures</summary>
            <table className="mini">
              <caption className="sr-only">{m.title} by period</caption>
              <thead>
                <tr><th scope="col">Period</th><th scope="col">{m.title}</th><th scope="col">Signal</th>
                  {m.columns.map((c) => <th scope="col" key={c.name}>{c.name}</th>)}</tr>
              </thead>
              <tbody>{m.points.map((p, i) => (
                <tr key={p.period}>
                  <th scope="row">{p.label}{p.part ? ' (part)' : ''}</th>
                  <td>{showValue(p.value as Value, m.unit)}</td>
                  <td>{p.rules.length > 0 ? `${typeLabels[p.type] ?? p.type}: ${p.rules.map((r) => ruleLabels[r] ?? r).join(', ')}` : ''}</td>
                  {m.columns.map((c) => <td key={c.name}>{showValue(c.values[i] as Value, 'count')}</td>)}
                </tr>
              ))}</tbody>
            </table>
          </details>
        </>
      )}
    </section>
  )
}

export function ReportsScreen() {
  const [from, setFrom] = useState(thisMonth(-11))
  const [to, setTo] = useState(thisMonth())
  const [by, setBy] = useState<'month' | 'week'>('month')
  const [run, setRun] = useState<6 | 7>(7)
  const [shared, setShared] = useState(false)
  const [saved, setSaved] = useState('')
  const [saveError, setSaveError] = useState('')
  const query: TrendsQuery = useMemo(() => ({ from, to, by, run, shared }), [from, to, by, run, shared])
  // Keyed by everything asked, so a slow answer for an earlier choice never shows.
  const loaded = useLoad(`${from} ${to} ${by} ${run} ${shared}`, () => trendsApi.report(query))
  const data = loaded.data
  const measures = data?.measures ?? []
  const teams = data?.teams ?? []

  async function save(kind: 'pdf' | 'xlsx') {
    setSaved('')
    setSaveError('')
    try {
      const path = await (kind === 'pdf' ? trendsApi.exportPDF(query) : trendsApi.exportXLSX(query))
      if (path) setSaved(`Board pack saved to ${path}`)
    } catch (e) {
      setSaveError(e instanceof Error ? e.message : String(e))
    }
  }

  return (
    <div className="screen reports-screen">
      <header className="screen-header"><h1>Reports</h1></header>
      <form className="filters" aria-label="Report period" onSubmit={(e) => e.preventDefault()}>
        <label>From month<input type="month" value={from} onChange={(e) => e.target.value && setFrom(e.target.value)} /></label>
        <label>To month<input type="month" value={to} onChange={(e) => e.target.value && setTo(e.target.value)} /></label>
        <label>Period
          <select value={by} onChange={(e) => setBy(e.target.value === 'week' ? 'week' : 'month')}>
            <option value="month">Monthly</option><option value="week">Weekly</option>
          </select>
        </label>
        <label>Run length
          <select value={run} onChange={(e) => setRun(e.target.value === '6' ? 6 : 7)}>
            <option value="7">7 points on one side of the mean</option><option value="6">6 points on one side of the mean</option>
          </select>
        </label>
        <label className="check">
          <input type="checkbox" checked={shared} onChange={(e) => setShared(e.target.checked)} />
          For sharing beyond the security team
        </label>
        <button type="button" onClick={() => void save('pdf')} disabled={!data}>Save board pack (PDF)</button>
        <button type="button" onClick={() => void save('xlsx')} disabled={!data}>Save board pack (Excel)</button>
      </form>
      {shared && data?.notice && <p className="notice" role="note">{data.notice}</p>}
      {saved && <p role="status">{saved}</p>}
      {saveError && <p className="error" role="alert">{saveError}</p>}
      {loaded.error && <p className="error" role="alert">{loaded.error}</p>}
      {loaded.loading && <p>Loading…</p>}
      {data && (
        <>
          <p className="muted">
            XmR charts (NHS Making Data Count): the mean, process limits, and special-cause points in colour
            (blue improvement, orange concern, purple neither); part periods are hollow and left out of the sums.
            Limits and signals appear from {data.rules.minPoints} whole periods.
          </p>
          <div className="reports-grid">
            {measures.map((m) => <MeasurePanel key={m.id} m={m} />)}
            <section className="panel" aria-labelledby="r-teams">
              <h2 id="r-teams">By team</h2>
              {teams.length === 0 ? <p className="muted">No data yet.</p> : (
                <table className="mini">
                  <caption className="sr-only">Teams over the whole range</caption>
                  <thead><tr><th scope="col">Team</th><th scope="col">Staff group</th><th scope="col">Lone workers</th><th scope="col">Red alerts</th>
                    <th scope="col">Incidents</th><th scope="col">Per 1,000 lone workers</th><th scope="col">No amber alert</th></tr></thead>
                  <tbody>{[...teams, data.teamsTotal].map((t) => (
                    <tr key={t.team}><th scope="row">{t.team}</th><td>{t.staffGroup}</td><td>{showValue(t.workers as Value, 'count')}</td>
                      <td>{showValue(t.red as Value, 'count')}</td><td>{showValue(t.incidents as Value, 'count')}</td>
                      <td>{showValue(t.perThousand as Value, 'rate')}</td><td>{showValue(t.noAmber as Value, 'count')}</td></tr>
                  ))}</tbody>
                </table>
              )}
              {(data.snapshot ?? []).length > 0 && (
                <ul className="snapshot">{data.snapshot.map((c) => <li key={c.name}>{c.name} now: {showValue(c.values[0] as Value, 'count')}</li>)}</ul>
              )}
            </section>
          </div>
        </>
      )}
    </div>
  )
}
