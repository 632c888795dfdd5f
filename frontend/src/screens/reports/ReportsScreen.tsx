import { useCallback, useMemo, useRef, useState } from 'react'
import { trendsApi, type Measure, type TeamRow, type TrendsQuery, type Value } from '../../api/trends'
import { appNow } from '../../ui/clock'
import { useLoad } from '../../ui/useLoad'
import { behindCount, listsCases, listWords, type BehindTarget } from './behind'
import { BehindPanel } from './BehindPanel'
import { StaffGroupPanel, RiskMovementPanel } from './Breakdowns'
import { Chart } from './Chart'
import { CsvButton } from './CsvButton'
import { MdcIcons } from './MdcIcons'
import { ruleLabels, showValue, stackedOption, typeLabels, xmrOption } from './xmr'
import './reports.css'

function thisMonth(offset = 0): string {
  const now = appNow()
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1))
  return d.toISOString().slice(0, 7)
}

/** The escalation table's columns as the keys Trends.Behind takes. */
const escalationKeys: Record<string, string> = {
  'Not escalated': 'none', 'Escalation contact': 'contact', 'Police (101)': '101', 'Police (999)': '999',
  'Police reference (URN)': 'urn', Other: 'other',
}

interface Listing {
  /** Whether the person signed in may list what lies behind a figure: the security director sees counts only. */
  allowed: boolean
  behind: BehindTarget | null
  /** Opens the list of what lies behind a figure; opener gets focus back when it closes. */
  open: (t: BehindTarget, opener: HTMLElement | null) => void
  close: () => void
}

function MeasurePanel({ m, query, listing }: { m: Measure; query: TrendsQuery; listing: Listing }) {
  const option = useMemo(() => xmrOption(m), [m])
  const stacked = useMemo(() => (m.breakdown ? stackedOption(m) : null), [m])
  const id = `m-${m.id}`
  const headingRef = useRef<HTMLHeadingElement>(null)
  // Nothing is listed for sharing or for the director, and a measure without a list has no count.
  const listable = listing.allowed && !query.shared && m.points.some((_, i) => behindCount(m, i) !== null)
  const target = (i: number, key = '', suffix = ''): BehindTarget => ({
    measure: m.id, title: m.title + suffix, period: m.points[i].period, periodLabel: m.points[i].label, key,
  })
  const pickPoint = (series: number, i: number) => {
    if (series === 0 && (behindCount(m, i) ?? 0) > 0) listing.open(target(i), headingRef.current)
  }
  const pickBar = (_: number, i: number, name: string) => {
    const key = escalationKeys[name]
    if (key) listing.open({ ...target(i, `escalation:${key}`, `: ${name.toLowerCase()}`), measure: m.id }, headingRef.current)
  }
  return (
    <section className="panel measure" aria-labelledby={id}>
      <h2 id={id} ref={headingRef} tabIndex={-1}>{m.title}</h2>
      {m.points.length === 0 ? (
        <p className="muted">No data yet.</p>
      ) : (
        <>
          {m.denominator && <p className="denominator">{m.denominator}</p>}
          <MdcIcons variation={m.variation} assurance={m.assurance} />
          <Chart option={option} label={`XmR chart of ${m.title.toLowerCase()}; the figures are in the table below.`} height={220}
            onPick={listable ? pickPoint : undefined} />
          {stacked && <Chart option={stacked} label={`Stacked bar chart of ${m.title.toLowerCase()} by ${m.columns.map((c) => c.name.toLowerCase()).join(', ')}; the figures are in the table below.`} height={240}
            onPick={listable ? pickBar : undefined} />}
          {listing.behind?.measure === m.id && !listing.behind.where && <BehindPanel key={`${JSON.stringify(query)} ${listing.behind.period} ${listing.behind.key}`}
            query={query} target={listing.behind} onClose={listing.close} />}
          <p className="commentary">{m.commentary}</p>
          {m.note && <p className="muted">{m.note}</p>}
          <details>
            <summary>Figures</summary>
            <table className="mini">
              <caption className="sr-only">{m.title} by period</caption>
              <thead>
                <tr><th scope="col">Period</th><th scope="col">{m.title}</th><th scope="col">Signal</th>
                  {m.columns.map((c) => <th scope="col" key={c.name}>{c.name}</th>)}
                  {listable && <th scope="col">{listsCases(m.id) ? 'Cases' : 'Alerts'}</th>}</tr>
              </thead>
              <tbody>{m.points.map((p, i) => (
                <tr key={p.period}>
                  <th scope="row">{p.label}{p.part ? ' (part)' : ''}</th>
                  <td>{showValue(p.value as Value, m.unit)}</td>
                  <td>{p.rules.length > 0 ? `${typeLabels[p.type] ?? p.type}: ${p.rules.map((r) => ruleLabels[r] ?? r).join(', ')}` : ''}</td>
                  {m.columns.map((c) => <td key={c.name}>{showValue(c.values[i] as Value, 'count')}</td>)}
                  {listable && <td><ListButton m={m} i={i} onOpen={(e) => listing.open(target(i), e)} /></td>}
                </tr>
              ))}</tbody>
            </table>
          </details>
          <CsvButton query={query} table={m.id} title={m.title} />
        </>
      )}
    </section>
  )
}

function ListButton({ m, i, onOpen }: { m: Measure; i: number; onOpen: (opener: HTMLElement) => void }) {
  const n = behindCount(m, i)
  if (!n) return null
  const p = m.points[i]
  return (
    <button type="button" className="link-button" aria-label={`${listWords(m.id, n)} behind ${m.title.toLowerCase()}, ${p.label}`}
      onClick={(e) => onOpen(e.currentTarget)}>{listWords(m.id, n)}</button>
  )
}

/** A team row's buttons listing its red alerts and its incidents over the whole range. */
function TeamListButtons({ row, total, open }: { row: TeamRow; total: boolean; open: Listing['open'] }) {
  const key = total ? '' : `team:${row.teamId}`
  const button = (measure: string, title: string, n: Value) => {
    if (typeof n !== 'number' || n === 0) return null
    const words = n === 1 ? `List the ${title.toLowerCase().replace(/s$/, '')}` : `List the ${n} ${title.toLowerCase()}`
    return (
      <button type="button" className="link-button" aria-label={`${words}, ${row.team}`}
        onClick={(e) => open({ measure, title: `${title}, ${row.team}`, period: '', periodLabel: 'the whole range', key, where: 'teams' }, e.currentTarget)}>
        {words}
      </button>
    )
  }
  return <>{button('red_alerts', 'Red alerts', row.red as Value)} {button('incidents_per_1000', 'Incidents', row.incidents as Value)}</>
}

/** Which figure's list is open, and where focus goes back when it closes. */
function useListing(allowed: boolean): Listing {
  const [behind, setBehind] = useState<BehindTarget | null>(null)
  const opener = useRef<HTMLElement | null>(null)
  const open = useCallback((t: BehindTarget, el: HTMLElement | null) => {
    opener.current = el
    setBehind(t)
  }, [])
  const close = useCallback(() => {
    setBehind(null)
    const el = opener.current
    // After React has removed the panel, so focus lands on a control still on the page.
    setTimeout(() => el?.focus(), 0)
  }, [])
  return { allowed, behind, open, close }
}

export function ReportsScreen() {
  // Two years by default: limits need 13 whole months, and a year would never have them.
  const [from, setFrom] = useState(thisMonth(-23))
  const [to, setTo] = useState(thisMonth())
  const [by, setBy] = useState<'month' | 'week'>('month')
  const [run, setRun] = useState<6 | 7>(7)
  const [shared, setShared] = useState(false)
  const [saved, setSaved] = useState('')
  const [saveError, setSaveError] = useState('')
  const query: TrendsQuery = useMemo(() => ({ from, to, by, run, shared }), [from, to, by, run, shared])
  // Until the answer comes no list is offered: the director must never see one.
  const access = useLoad('trends-access', () => trendsApi.capabilities())
  const listing = useListing(access.data?.drillDown ?? false)
  const lists = listing.allowed && !shared
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
      {data?.notice && <p className="notice" role="note">{data.notice}</p>}
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
            {measures.map((m) => <MeasurePanel key={m.id} m={m} query={query} listing={listing} />)}
            <section className="panel" aria-labelledby="r-teams">
              <h2 id="r-teams">By team</h2>
              {teams.length === 0 ? <p className="muted">No data yet.</p> : (<>
                <p className="denominator">{data.denominator}</p>
                <div className="table-scroll">
                <table className="mini">
                  <caption className="sr-only">Teams over the whole range</caption>
                  <thead><tr><th scope="col">Team</th><th scope="col">Staff group</th><th scope="col">Lone workers</th><th scope="col">Red alerts</th>
                    <th scope="col">Incidents</th><th scope="col">Per 1,000 lone workers</th><th scope="col">No amber alert</th>
                    {lists && <th scope="col">Alerts</th>}</tr></thead>
                  <tbody>{[...teams, data.teamsTotal].map((t) => (
                    <tr key={t.team}><th scope="row">{t.team}</th><td>{t.staffGroup}</td><td>{showValue(t.workers as Value, 'count')}</td>
                      <td>{showValue(t.red as Value, 'count')}</td><td>{showValue(t.incidents as Value, 'count')}</td>
                      <td>{showValue(t.perThousand as Value, 'rate')}</td><td>{showValue(t.noAmber as Value, 'count')}</td>
                      {lists && <td><TeamListButtons row={t} total={t === data.teamsTotal} open={listing.open} /></td>}</tr>
                  ))}</tbody>
                </table>
                </div>
                {listing.behind?.where === 'teams' && <BehindPanel key={`${JSON.stringify(query)} ${listing.behind.measure} ${listing.behind.key}`}
                  query={query} target={listing.behind} onClose={listing.close} />}
                <CsvButton query={query} table="teams" title="Teams" />
              </>)}
              {(data.snapshot ?? []).length > 0 && (
                <ul className="snapshot">{data.snapshot.map((c) => <li key={c.name}>{c.name} now: {showValue(c.values[0] as Value, 'count')}</li>)}</ul>
              )}
            </section>
            <StaffGroupPanel rows={data.staffGroups ?? []} total={data.staffGroupsTotal} denominator={data.denominator}
              listing={lists ? { ...listing, query } : undefined}
              csv={<CsvButton query={query} table="staff-groups" title="Incidents by staff group" />} />
            <RiskMovementPanel movement={data.riskMovement ?? { bands: [], moves: [] }}
              csv={<CsvButton query={query} table="risk-movement" title="Risk band movement" />} />
          </div>
        </>
      )}
    </div>
  )
}
