import { useEffect, useRef, useState } from 'react'
import L from 'leaflet'
import type { AlertDetail } from '../../api/alerts'
import { mapsApi } from '../../api/maps'
import { formatAccuracy, label, sourceLabels } from '../../ui/labels'
import { formatDateTime } from '../../ui/time'
import { addBasemap, createMap, sourceColours } from '../map/leafletBase'

type Fix = AlertDetail['positions'][number]

/**
 * A small map of one red alert's position fixes, each with its accuracy
 * circle, so the LSMS sees where the worker was without leaving triage. The
 * full case map (amber alerts, known risks, the timeline) is a link away.
 */
export function TriageMap({ alertId, arcRef, fixes }: { alertId: number; arcRef: string; fixes: Fix[] }) {
  const holder = useRef<HTMLDivElement>(null)
  const [error, setError] = useState('')
  useEffect(() => {
    if (!holder.current || fixes.length === 0) return
    const map = createMap(holder.current, `Where the worker was during red alert ${arcRef}`)
    let live = true
    mapsApi.settings().catch(() => null).then((s) => (live ? addBasemap(map, s) : undefined)).catch((e: Error) => { if (live) setError(e.message) })
    const pts = fixes.map((f) => L.latLng(f.lat, f.lon))
    if (pts.length > 1) L.polyline(pts, { color: '#1f3a93', weight: 2, opacity: 0.7 }).addTo(map)
    fixes.forEach((f, i) => {
      const colour = sourceColours[f.source] ?? '#4c6272'
      if (f.accuracyM > 0) L.circle([f.lat, f.lon], { radius: f.accuracyM, color: colour, weight: 1, fillColor: colour, fillOpacity: 0.08, interactive: false }).addTo(map)
      const tip = document.createElement('span')
      tip.textContent = `Fix ${i + 1}: ${formatDateTime(f.fixAt).slice(11)}, ${label(sourceLabels, f.source)}, ±${formatAccuracy(f.accuracyM)}`
      L.circleMarker([f.lat, f.lon], { radius: i === fixes.length - 1 ? 7 : 5, color: '#fff', weight: 1.5, fillColor: colour, fillOpacity: 1 }).bindTooltip(tip).addTo(map)
    })
    // The accuracy circles too, so a fix known only to a kilometre is seen as such.
    const bounds = L.latLngBounds(pts)
    fixes.forEach((f) => { if (f.accuracyM > 0) bounds.extend(L.latLng(f.lat, f.lon).toBounds(f.accuracyM * 2)) })
    map.fitBounds(bounds, { padding: [16, 16], maxZoom: 16 })
    return () => { live = false; map.remove() }
  }, [fixes, arcRef])

  if (fixes.length === 0) return <p className="muted">No location was sent.</p>
  const last = fixes[fixes.length - 1]
  const sources = [...new Set(fixes.map((f) => f.source))]
  return (
    <div className="triage-map">
      <div ref={holder} className="triage-map-host" />
      {error && <p className="error" role="alert">{error}</p>}
      <p className="small">
        {fixes.length} fix{fixes.length === 1 ? '' : 'es'}; last at {formatDateTime(last.fixAt).slice(11)} by {label(sourceLabels, last.source)},
        accurate to {formatAccuracy(last.accuracyM)}. {sources.map((s) => (
          <span key={s} className="triage-key"><i className="key-dot" style={{ background: sourceColours[s] ?? '#4c6272' }} aria-hidden="true" />{label(sourceLabels, s)}</span>
        ))} <span className="muted">(circle: accuracy)</span>
      </p>
      <p><a href={`#/map/case/${alertId}`}>Open the case map<span className="visually-hidden"> of {arcRef}</span></a> for the trail, same-day amber alerts and known risks.</p>
    </div>
  )
}
