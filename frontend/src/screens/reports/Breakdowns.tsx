import { useMemo, type ReactNode } from 'react'
import type { GroupRow, RiskMovement, TrendsQuery, Value } from '../../api/trends'
import type { BehindTarget } from './behind'
import { BehindPanel } from './BehindPanel'
import { Chart } from './Chart'
import { barOption, showValue } from './xmr'

/** The Reports screen's open list, for the staff-group rows' buttons. */
export interface GroupListing {
  query: TrendsQuery
  behind: BehindTarget | null
  /** Opens the list of what lies behind a figure; opener gets focus back when it closes. */
  open: (t: BehindTarget, opener: HTMLElement | null) => void
  close: () => void
}

/** A staff group's buttons listing its red alerts and its incidents over the whole range. */
function GroupListButtons({ row, total, open }: { row: GroupRow; total: boolean; open: GroupListing['open'] }) {
  const key = total ? '' : `group:${row.groupId}`
  const button = (measure: string, title: string, n: Value) => {
    if (typeof n !== 'number' || n === 0) return null
    const words = n === 1 ? `List the ${title.toLowerCase().replace(/s$/, '')}` : `List the ${n} ${title.toLowerCase()}`
    return (
      <button type="button" className="link-button" aria-label={`${words}, ${row.staffGroup}`}
        onClick={(e) => open({ measure, title: `${title}, ${row.staffGroup}`, period: '', periodLabel: 'the whole range', key, where: 'groups' }, e.currentTarget)}>
        {words}
      </button>
    )
  }
  return <>{button('red_alerts', 'Red alerts', row.red as Value)} {button('incidents_per_1000', 'Incidents', row.incidents as Value)}</>
}

/**
 * Incidents per 1,000 lone workers by staff group over the whole range, as bars and a table with the same numbers.
 * With a listing (never when sharing beyond the security team) each row can list the alerts behind it.
 */
export function StaffGroupPanel({ rows, total, denominator, csv, listing }:
  { rows: GroupRow[]; total: GroupRow; denominator: string; csv?: ReactNode; listing?: GroupListing }) {
  const option = useMemo(() => barOption(rows.map((r) => r.staffGroup), rows.map((r) => r.perThousand as Value), 'Incidents per 1,000 lone workers'), [rows])
  return (
    <section className="panel" aria-labelledby="r-groups">
      <h2 id="r-groups">Incidents by staff group</h2>
      {rows.length === 0 ? <p className="muted">No data yet.</p> : (
        <>
          <p className="denominator">{denominator}</p>
          <Chart option={option} label="Bar chart of incidents per 1,000 lone workers by staff group; the figures are in the table below."
            height={Math.max(120, 34 * rows.length + 40)} />
          <table className="mini">
            <caption className="sr-only">Staff groups over the whole range</caption>
            <thead><tr><th scope="col">Staff group</th><th scope="col">Lone workers</th><th scope="col">Red alerts</th>
              <th scope="col">Incidents</th><th scope="col">Per 1,000 lone workers</th>
              {listing && <th scope="col">Alerts</th>}</tr></thead>
            <tbody>{[...rows, total].map((g) => (
              <tr key={g.staffGroup}><th scope="row">{g.staffGroup}</th><td>{showValue(g.workers as Value, 'count')}</td>
                <td>{showValue(g.red as Value, 'count')}</td><td>{showValue(g.incidents as Value, 'count')}</td>
                <td>{showValue(g.perThousand as Value, 'rate')}</td>
                {listing && <td><GroupListButtons row={g} total={g === total} open={listing.open} /></td>}</tr>
            ))}</tbody>
          </table>
          {listing?.behind?.where === 'groups' && <BehindPanel key={`${JSON.stringify(listing.query)} ${listing.behind.measure} ${listing.behind.key}`}
            query={listing.query} target={listing.behind} onClose={listing.close} />}
          {csv}
        </>
      )}
    </section>
  )
}

/** Risks moving between bands over the range: a row per band moved from, a column per band moved to. */
export function RiskMovementPanel({ movement, csv }: { movement: RiskMovement; csv?: ReactNode }) {
  const cells = new Map(movement.moves.map((m) => [`${m.from}\u0000${m.to}`, m.n as Value]))
  return (
    <section className="panel" aria-labelledby="r-movement">
      <h2 id="r-movement">Risk band movement</h2>
      {movement.moves.length === 0 ? (
        <><p className="muted">No data yet.</p><p className="muted">No current risk score was changed in the range.</p></>
      ) : (
        <>
          <p className="muted">Re-scores of current risk in the range, from the band before (rows) to the band after (columns).
            The diagonal is a re-score that kept its band.</p>
          <table className="mini movement">
            <caption className="sr-only">Risk re-scores by band before and after</caption>
            <thead><tr><th scope="col">From</th>{movement.bands.map((b) => <th scope="col" key={b}>To {b}</th>)}</tr></thead>
            <tbody>{movement.bands.map((from) => (
              <tr key={from}><th scope="row">{from}</th>
                {movement.bands.map((to) => <td key={to} className={from === to ? 'same' : undefined}>
                  {showValue(cells.get(`${from}\u0000${to}`) ?? 0, 'count')}</td>)}
              </tr>
            ))}</tbody>
          </table>
          {csv}
        </>
      )}
    </section>
  )
}
