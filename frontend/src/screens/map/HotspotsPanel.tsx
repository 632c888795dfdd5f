import { useEffect, useState } from 'react'
import L from 'leaflet'
import { mapsApi, type Hotspot, type MapSettings } from '../../api/maps'
import { risksApi } from '../../api/risks'
import { formatDate } from '../../ui/time'
import { useLoad } from '../../ui/useLoad'
import { formatMetres } from './popups'

const scale = [1, 2, 3, 4, 5]

/** Areas of repeated genuine or precautionary red alerts, with their circles on the map. */
export function HotspotsPanel({ from, to, settings, onShow, layer }: {
  from: number
  to: number
  settings: MapSettings | null
  onShow: (lat: number, lon: number, radiusM: number) => void
  layer: L.LayerGroup | null
}) {
  // Loaded by the dates chosen; hotspots for earlier dates are never drawn or offered.
  const loaded = useLoad(`${from}-${to}`, () => mapsApi.hotspots(from, to).then((h) => h ?? []))
  const spots = loaded.data ?? null
  const error = loaded.error

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
              </p>
              {settings && <AddToRegister hotspot={h} n={i + 1} params={{ epsM: settings.hotspotEpsM, minPts: settings.hotspotMinPts, validity: settings.hotspotValidity, from, to }} />}
            </li>
          ))}
        </ol>
      )}
    </>
  )
}

/**
 * Creates a risk-register entry from a hotspot, or finds the one already
 * linked to it. Go finds the hotspot again from the same parameters, so the
 * key is checked against the data.
 */
function AddToRegister({ hotspot, n, params }: {
  hotspot: Hotspot
  n: number
  params: { epsM: number; minPts: number; validity: string[]; from: number; to: number }
}) {
  const [open, setOpen] = useState(false)
  const [c, setC] = useState(3)
  const [l, setL] = useState(3)
  const [msg, setMsg] = useState('')
  const [error, setError] = useState('')
  const add = async () => {
    setError('')
    try {
      const r = await risksApi.fromHotspot(hotspot.key, params, { consequence: c, likelihood: l })
      setMsg(r.created ? `Risk ${r.risk.risk.ref} added to the register.` : `Hotspot ${n} is already on the register as ${r.risk.risk.ref}.`)
      setOpen(false)
    } catch (e) {
      setError((e as Error).message)
    }
  }
  return (
    <div className="add-risk">
      {!open && !msg && <button type="button" className="secondary" onClick={() => setOpen(true)}>Add to risk register<span className="visually-hidden"> (hotspot {n})</span></button>}
      {open && (
        <fieldset className="score">
          <legend>Current score for hotspot {n}</legend>
          <label>Consequence<select value={c} onChange={(e) => setC(Number(e.target.value))}>{scale.map((v) => <option key={v}>{v}</option>)}</select></label>
          <label>Likelihood<select value={l} onChange={(e) => setL(Number(e.target.value))}>{scale.map((v) => <option key={v}>{v}</option>)}</select></label>
          <button type="button" onClick={add}>Create or update risk</button>
          <button type="button" className="secondary" onClick={() => setOpen(false)}>Cancel</button>
        </fieldset>
      )}
      {msg && <p className="status" role="status">{msg} <a href="#/risks">Open the risk register</a></p>}
      {error && <p className="error" role="alert">{error}</p>}
    </div>
  )
}
