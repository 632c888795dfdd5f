import { useEffect, useState } from 'react'
import { mapsApi, type Hotspot } from '../../api/maps'
import { risksApi, type HotspotParams, type RiskView } from '../../api/risks'
import { formatDate } from '../../ui/time'
import { useAct } from '../letters/act'
import { Outcome } from '../letters/Outcome'
import { ScorePicker } from './score'

/**
 * Map hotspots (areas of repeated red alerts, found with the map's settings)
 * and the risk each has, or a way to add one scored by the LSMS.
 */
export function HotspotRisks({ onOpen }: { onOpen: (v: RiskView, created: boolean) => void }) {
  const [spots, setSpots] = useState<Hotspot[] | null>(null)
  const [params, setParams] = useState<HotspotParams | null>(null)
  const { act, error, status, setError } = useAct()
  useEffect(() => {
    Promise.all([mapsApi.hotspots(0, 0), mapsApi.settings()]).then(([h, s]) => {
      setSpots(h)
      setParams({ epsM: s.settings.hotspotEpsM, minPts: s.settings.hotspotMinPts, from: 0, to: 0, validity: s.settings.hotspotValidity })
    }, (e: Error) => setError(e.message))
  }, [setError])
  if (!spots || !params) return error ? <p className="error" role="alert">{error}</p> : <p>Finding hotspots…</p>
  return (
    <div className="hotspot-risks">
      <p className="muted small">Hotspots use the map's settings: alerts within {params.epsM} m of each other, at least {params.minPts} together.</p>
      <Outcome error={error} status={status} />
      {spots.length === 0 ? <p>No hotspot with the map's current settings.</p> : (
        <ol className="plain">
          {spots.map((h, i) => <HotspotRow key={h.key} h={h} n={i + 1}
            onAdd={async (score) => {
              const r = await act((x: { created: boolean; risk: RiskView }) => x.created ? `Risk ${x.risk.risk.ref} added for hotspot ${i + 1}.` : `Hotspot ${i + 1} already has risk ${x.risk.risk.ref}.`,
                () => risksApi.fromHotspot(h.key, params, score))
              if (r) onOpen(r.risk, r.created)
            }} />)}
        </ol>
      )}
    </div>
  )
}

function HotspotRow({ h, n, onAdd }: { h: Hotspot; n: number; onAdd: (s: { consequence: number; likelihood: number }) => void }) {
  const [s, setS] = useState({ consequence: 3, likelihood: 3 })
  return (
    <li className="hotspot-row">
      <p><strong>Hotspot {n}</strong>: {h.count} red alerts within about {Math.round(h.radiusM)} m of {h.lat.toFixed(4)}, {h.lon.toFixed(4)},
        {' '}{formatDate(h.first)} to {formatDate(h.last)}{h.teams?.length ? ` · ${h.teams.map((t) => `${t.name} (${t.count})`).join(', ')}` : ''}</p>
      <form className="form-row" aria-label={`Risk for hotspot ${n}`} onSubmit={(e) => { e.preventDefault(); onAdd(s) }}>
        <ScorePicker value={s} onChange={setS} idPrefix={`hs-${n}`} legend="Current score, if a risk is added" />
        <button type="submit" className="secondary">Open or add its risk<span className="visually-hidden"> for hotspot {n}</span></button>
      </form>
    </li>
  )
}
