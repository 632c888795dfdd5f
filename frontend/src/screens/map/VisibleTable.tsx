import type { Cluster, MapAlert, MapView } from '../../api/maps'
import { formatDateTime } from '../../ui/time'
import { label, typeLabels, validityLabels } from '../../ui/labels'
import { riskText } from './popups'

/** The text alternative to the map: what is in view, as a table. */
export function VisibleTable({ view, alerts, onZoom, onShow, onOpen }: {
  view: MapView | null
  alerts: MapAlert[]
  onZoom: (c: Cluster) => void
  onShow: (id: number) => void
  onOpen: (id: number) => void
}) {
  if (!view) return <p>Loading…</p>
  const v = view.view
  if (v.total === 0) return <p className="muted">No located alert matches the filters in this part of the map. Zoom out or clear the filters.</p>
  if (v.clusters?.length) {
    return (
      <>
        <p>{v.total.toLocaleString('en-GB')} alerts in view, in {v.clusters.length} groups. Zoom in, or choose a group, to see single alerts.</p>
        <table className="mini">
          <caption className="visually-hidden">Groups of alerts in view, busiest first</caption>
          <thead><tr><th scope="col">Alerts</th><th scope="col">Red</th><th scope="col">Amber</th><th scope="col">Centre</th><th scope="col"><span className="visually-hidden">Action</span></th></tr></thead>
          <tbody>
            {v.clusters.slice(0, 100).map((c, i) => (
              <tr key={i}>
                <td>{c.count.toLocaleString('en-GB')}</td><td>{c.red.toLocaleString('en-GB')}</td><td>{c.amber.toLocaleString('en-GB')}</td>
                <td>{c.lat.toFixed(3)}, {c.lon.toFixed(3)}</td>
                <td><button type="button" className="link-button" onClick={() => onZoom(c)}>Zoom to<span className="visually-hidden"> group of {c.count} alerts</span></button></td>
              </tr>
            ))}
          </tbody>
        </table>
      </>
    )
  }
  const shown = alerts.length
  return (
    <>
      <p>{v.total.toLocaleString('en-GB')} alert{v.total === 1 ? '' : 's'} in view{v.truncated ? ' (the map shows the first 3,000; zoom in for the rest)' : ''}.
        {shown < v.total ? ` The table lists the first ${shown}, oldest first.` : ''}</p>
      <table className="mini visible-alerts">
        <caption className="visually-hidden">Alerts in view</caption>
        <thead><tr><th scope="col">Raised (UK)</th><th scope="col">Type</th><th scope="col">Lone worker</th><th scope="col">Validity</th><th scope="col">Known risk</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr></thead>
        <tbody>
          {alerts.map((m) => (
            <tr key={m.alert.id}>
              <td>{formatDateTime(m.alert.raisedAt)}</td>
              <td><span className={`badge badge-${m.alert.type}`}>{label(typeLabels, m.alert.type)}</span></td>
              <td>{m.alert.workerName}</td>
              <td>{label(validityLabels, m.alert.validity)}</td>
              <td>{m.risks?.length ? <span className="risk-flag">{m.risks.map(riskText).join('; ')}</span> : ''}</td>
              <td className="row-actions">
                <button type="button" className="link-button" onClick={() => onShow(m.alert.id)}>Show<span className="visually-hidden"> {m.alert.arcRef} on the map</span></button>
                <button type="button" className="link-button" onClick={() => onOpen(m.alert.id)}>Open<span className="visually-hidden"> alert {m.alert.arcRef}</span></button>
                {m.alert.type === 'red' && <a href={`#/map/case/${m.alert.id}`}>Case map<span className="visually-hidden"> for {m.alert.arcRef}</span></a>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  )
}
