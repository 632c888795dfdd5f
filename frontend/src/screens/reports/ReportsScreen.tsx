import { useMemo, useState } from 'react'
import { trendsApi, type Count, type Dashboard, type Rate } from '../../api/trends'
import { label, validityLabels } from '../../ui/labels'
import { appNow } from '../../ui/clock'
import { useLoad } from '../../ui/useLoad'
import { Chart } from './Chart'
import './reports.css'

// NHS palette, distinguishable in greyscale as well as colour.
const colours = {
  amber: '#ffb81c', red: '#d5281b', genuine: '#8a1538', precautionary: '#ed8b00', false: '#768692',
  test: '#41b6e6', duplicate: '#330072', auto_closed: '#425563',
}

function monthLabel(m: string): string {
  const [y, mo] = m.split('-').map(Number)
  return new Date(Date.UTC(y, mo - 1, 1)).toLocaleDateString('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' })
}

function thisMonth(offset = 0): string {
  const now = appNow()
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1))
  return d.toISOString().slice(0, 7)
}

function showCount(c: Count, below: number): string {
  return c.suppressed ? `<${below}` : c.n.toLocaleString('en-GB')
}

function showRate(r: Rate, unit = '%'): string {
  return r.known ? `${r.value.toFixed(1)}${unit}` : '—'
}

const n = (c: Count) => (c.suppressed ? null : c.n)

/** The three charts' options for one answer; none until it arrives. */
function chartOptions(data: Dashboard | undefined) {
  const months = data?.months ?? []
  const x = months.map((m) => monthLabel(m.month))
  const byType = {
    tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 50, right: 20, top: 40, bottom: 30 },
    xAxis: { type: 'category', data: x }, yAxis: { type: 'value' },
    series: [
      { name: 'Amber', type: 'bar', stack: 't', data: months.map((m) => n(m.amber)), itemStyle: { color: colours.amber } },
      { name: 'Red', type: 'bar', stack: 't', data: months.map((m) => n(m.red)), itemStyle: { color: colours.red } },
    ],
  }
  const byValidity = {
    tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 50, right: 20, top: 70, bottom: 30 },
    xAxis: { type: 'category', data: x }, yAxis: { type: 'value', minInterval: 1 },
    series: (data?.validities ?? []).map((v) => ({
      name: label(validityLabels, v), type: 'bar', stack: 'v', data: months.map((m) => n(m.redByValidity[v])),
      itemStyle: { color: colours[v as keyof typeof colours] },
    })),
  }
  const rates = {
    tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 50, right: 20, top: 70, bottom: 30 },
    xAxis: { type: 'category', data: x }, yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    series: [
      { name: 'False-alarm rate', type: 'line', data: months.map((m) => (m.falseRate.known ? +m.falseRate.value.toFixed(1) : null)), itemStyle: { color: colours.false } },
      { name: 'Answered within 10 s (target 80%)', type: 'line', data: months.map((m) => (m.within10.known ? +m.within10.value.toFixed(1) : null)), itemStyle: { color: '#005eb8' } },
      { name: 'Answered within 40 s (target 98.5%)', type: 'line', data: months.map((m) => (m.within40.known ? +m.within40.value.toFixed(1) : null)), itemStyle: { color: '#007f3b' } },
    ],
  }
  return { byType, byValidity, rates }
}

export function ReportsScreen() {
  const [from, setFrom] = useState(thisMonth(-5))
  const [to, setTo] = useState(thisMonth())
  const [shared, setShared] = useState(false)
  // Keyed by the period and audience chosen, so a slow answer for an earlier choice never shows.
  const loaded = useLoad(`${from} ${to} ${shared}`, () => trendsApi.dashboard(from, to, shared))
  const data = loaded.data
  const error = loaded.error
  const { byType, byValidity, rates } = useMemo(() => chartOptions(data), [data])
  const months = data?.months ?? []

  const below = data?.suppressBelow ?? 5
  return (
    <div className="screen reports-screen">
      <header className="screen-header"><h1>Reports</h1></header>
      <form className="filters" aria-label="Report period" onSubmit={(e) => e.preventDefault()}>
        <label>From month<input type="month" value={from} onChange={(e) => e.target.value && setFrom(e.target.value)} /></label>
        <label>To month<input type="month" value={to} onChange={(e) => e.target.value && setTo(e.target.value)} /></label>
        <label className="check">
          <input type="checkbox" checked={shared} onChange={(e) => setShared(e.target.checked)} />
          For sharing beyond the security team (hide counts under {below})
        </label>
      </form>
      {error && <p className="error" role="alert">{error}</p>}
      {loaded.loading && <p>Loading…</p>}
      {data && (
        <div className="reports-grid">
          <section className="panel" aria-labelledby="r-type">
            <h2 id="r-type">Alerts by month and type</h2>
            <Chart option={byType} label="Bar chart of amber and red alerts by month; the numbers are in the table below." />
            <table className="mini">
              <caption className="sr-only">Alerts by month and type</caption>
              <thead><tr><th scope="col">Month</th><th scope="col">Amber</th><th scope="col">Red</th><th scope="col">Users with no amber alert</th></tr></thead>
              <tbody>{months.map((m) => (
                <tr key={m.month}><th scope="row">{monthLabel(m.month)}</th><td>{showCount(m.amber, below)}</td>
                  <td>{showCount(m.red, below)}</td><td>{showCount(m.inactiveUsers, below)}</td></tr>
              ))}</tbody>
            </table>
          </section>
          <section className="panel" aria-labelledby="r-val">
            <h2 id="r-val">Red alerts by validity</h2>
            <Chart option={byValidity} label="Stacked bar chart of red alerts by validity and month; the numbers are in the table below." />
            <table className="mini">
              <caption className="sr-only">Red alerts by validity</caption>
              <thead><tr><th scope="col">Month</th>{data.validities.map((v) => <th scope="col" key={v}>{label(validityLabels, v)}</th>)}</tr></thead>
              <tbody>{months.map((m) => (
                <tr key={m.month}><th scope="row">{monthLabel(m.month)}</th>
                  {data.validities.map((v) => <td key={v}>{showCount(m.redByValidity[v], below)}</td>)}</tr>
              ))}</tbody>
            </table>
          </section>
          <section className="panel" aria-labelledby="r-rates">
            <h2 id="r-rates">False alarms and ARC answer times (BS 8484)</h2>
            <Chart option={rates} label="Line chart of the false-alarm rate and the share of red alerts answered within 10 and 40 seconds; the numbers are in the table below." />
            <table className="mini">
              <caption className="sr-only">False-alarm rate and answer times</caption>
              <thead><tr><th scope="col">Month</th><th scope="col">False-alarm rate</th><th scope="col">Within 10 s</th><th scope="col">Within 40 s</th></tr></thead>
              <tbody>{months.map((m) => (
                <tr key={m.month}><th scope="row">{monthLabel(m.month)}</th><td>{showRate(m.falseRate)}</td>
                  <td className={m.within10.known && m.within10.value < 80 ? 'below-target' : ''}>{showRate(m.within10)}</td>
                  <td className={m.within40.known && m.within40.value < 98.5 ? 'below-target' : ''}>{showRate(m.within40)}</td></tr>
              ))}</tbody>
            </table>
          </section>
          <section className="panel" aria-labelledby="r-teams">
            <h2 id="r-teams">Incidents per 1,000 staff by team</h2>
            <p className="muted">Genuine or precautionary red alerts in the period, per 1,000 lone workers on the team.</p>
            <table className="mini">
              <thead><tr><th scope="col">Team</th><th scope="col">Staff group</th><th scope="col">Lone workers</th><th scope="col">Red alerts</th><th scope="col">Incidents</th><th scope="col">Per 1,000 staff</th></tr></thead>
              <tbody>{data.teams.map((t) => (
                <tr key={t.team}><th scope="row">{t.team}</th><td>{t.staffGroup}</td><td>{t.workers}</td>
                  <td>{showCount(t.red, below)}</td><td>{showCount(t.incidents, below)}</td><td>{showRate(t.perThousand, '')}</td></tr>
              ))}</tbody>
            </table>
          </section>
        </div>
      )}
    </div>
  )
}
