import { useEffect, useState } from 'react'
import L from 'leaflet'
import { mapsApi, type Hotspot } from '../../api/maps'
import { formatDate } from '../../ui/time'
import { formatMetres } from './popups'

// The risk register arrives in a later release; until its API exists the
// button says so. HotspotRiskLink (Go) is the link point it will call.
const riskRegisterReady = false

/** Areas of repeated genuine or precautionary red alerts, with their circles on the map. */
export function HotspotsPanel({ from, to, onShow, layer }: {
  from: number
  to: number
  onShow: (lat: number, lon: number, radiusM: number) => void
  layer: L.LayerGroup | null
}) {
  const [spots, setSpots] = useState<Hotspot[] | null>(null)
  const [error, setError] = useState('')

  useEffect(() => {
    let live = true
    setSpots(null)
    mapsApi.hotspots(from, to).then((h) => live && setSpots(h), (e: Error) => live && setError(e.message))
    return () => { live = false }
  }, [from, to])

  useEffect(() => {
    if (!layer || !spots) return
    for (const [i, h] of spots.entries()) {
      const c = L.circle([h.lat, h.lon], { radius: Math.max(h.radiusM, 60), color: '#8a1538', weight: 3, fill: false })
      const tip = document.createElement('span')
      tip.textContent = `Hotspot ${i + 1}: ${h.count} red alerts`
      c.bindTooltip(tip).addTo(layer)
    }
    return () => { layer.clearLayers() }
  }, [layer, spots])

  if (error) return <p className="error" role="alert">{error}</p>
  if (!spots) return <p>Finding hotspots…</p>
  return (
    <>
      <p className="muted">Places with repeated genuine or precautionary red alerts within the dates chosen above. Distance and minimum count are in Map settings.</p>
      {spots.length === 0 ? <p>No hotspot with the current settings.</p> : (
        <ol className="hotspots">
          {spots.map((h, i) => (
            <li key={h.key}>
              <h3>Hotspot {i + 1}: {h.count} red alerts</h3>
              <p>{formatDate(h.first)} to {formatDate(h.last)}, within {formatMetres(h.radiusM)} of {h.lat.toFixed(4)}, {h.lon.toFixed(4)}</p>
              <p>Teams: {h.teams.map((t) => `${t.name || 'No team'} (${t.count})`).join(', ')}</p>
              <p className="row-actions">
                <button type="button" className="secondary" onClick={() => onShow(h.lat, h.lon, h.radiusM)}>Show on map<span className="visually-hidden"> hotspot {i + 1}</span></button>
                {riskRegisterReady ? null : (
                  <button type="button" className="secondary" disabled aria-describedby={`risk-later-${i}`}>Add to risk register</button>
                )}
                <span id={`risk-later-${i}`} className="muted small">Risk register arrives with the next release</span>
              </p>
            </li>
          ))}
        </ol>
      )}
    </>
  )
}
