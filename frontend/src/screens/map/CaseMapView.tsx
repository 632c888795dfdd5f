import { useEffect, useRef, useState } from 'react'
import L from 'leaflet'
import { mapsApi, type CaseMap, type MapSettingsView } from '../../api/maps'
import { alertsApi } from '../../api/alerts'
import { recordingsApi } from '../../api/recordings'
import { formatDateTime, formatDuration } from '../../ui/time'
import { useDraft } from '../../ui/useDraft'
import { useLoad } from '../../ui/useLoad'
import { formatAccuracy, label, sourceLabels, validityLabels } from '../../ui/labels'
import { addBasemap, createMap, nameMarker, sourceColours } from './leafletBase'
import { keepApart } from './spread'
import { formatMetres } from './popups'

/** A Play/Pause button for an amber alert's voice memo (playback is audited in Go). */
function memoPlayer(alertId: number): HTMLElement {
  const p = document.createElement('p')
  p.className = 'popup-actions'
  const btn = document.createElement('button')
  btn.type = 'button'
  btn.className = 'secondary'
  btn.textContent = 'Play memo'
  const note = document.createElement('span')
  note.setAttribute('role', 'status')
  let opened = false
  btn.addEventListener('click', async () => {
    try {
      if (!opened) {
        const d = await alertsApi.detail(alertId)
        const media = d.media[0]
        if (!media) throw new Error('This alert has no recording.')
        await recordingsApi.open(media.id)
        opened = true
      }
      const st = await recordingsApi.toggle()
      btn.textContent = st.state === 'playing' ? 'Pause memo' : 'Play memo'
      note.textContent = st.hasDevice ? '' : ' No sound device was found on this computer.'
    } catch (e) {
      note.textContent = (e as Error).message
    }
  })
  p.append(btn, note)
  return p
}

function time(unix: number): string {
  return formatDateTime(unix).slice(11)
}

/** A red alert's case map, with the map settings (null when they cannot be read: the built-in map is used). */
function loadCaseMap(alertId: number): Promise<{ cm: CaseMap; settings: MapSettingsView | null }> {
  return Promise.all([mapsApi.caseMap(alertId), mapsApi.settings().catch(() => null)]).then(([c, settings]) => {
    // Go sends an empty list as null.
    c.trail ??= []
    c.ambers ??= []
    c.knownRisks ??= []
    return { cm: c, settings }
  })
}

/** The story of one red alert: trail, same-day amber alerts and nearby known risks. */
export function CaseMapView({ alertId }: { alertId: number }) {
  const loaded = useLoad(alertId, loadCaseMap)
  const cm = loaded.data?.cm ?? null
  const settings = loaded.data?.settings ?? null
  const [drawError, setError] = useState('')
  const error = loaded.error || drawError
  const [status, setStatus] = useState('')
  // The fix highlighted: the last one, until another is chosen on this case map.
  const [step, setStep] = useDraft(cm, (c) => Math.max(0, (c?.trail.length ?? 0) - 1))
  const holder = useRef<HTMLDivElement>(null)
  const mapRef = useRef<L.Map | null>(null)
  const fixMarkers = useRef<L.CircleMarker[]>([])
  const cursor = useRef<L.CircleMarker | null>(null)

  useEffect(() => {
    if (!cm || !holder.current) return
    const map = createMap(holder.current, `Case map of red alert ${cm.red.arcRef}`)
    mapRef.current = map
    addBasemap(map, settings).catch((e: Error) => setError(e.message))
    for (const r of cm.knownRisks) {
      const c = L.circle([r.location.lat, r.location.lon], { radius: r.location.radiusM, color: '#212b32', weight: 2, fillColor: '#212b32', fillOpacity: 0.08, dashArray: '3 4' })
      const tip = document.createElement('span')
      tip.textContent = `Known risk: ${r.location.label}, ${formatMetres(r.distanceM)} away`
      c.bindTooltip(tip).addTo(map)
    }
    const pts = cm.trail.map((f) => L.latLng(f.lat, f.lon))
    if (pts.length > 1) L.polyline(pts, { color: '#1f3a93', weight: 3, opacity: 0.8 }).addTo(map)
    fixMarkers.current = cm.trail.map((f, i) => {
      const colour = sourceColours[f.source] ?? '#4c6272'
      if (f.accuracyM > 0) L.circle([f.lat, f.lon], { radius: f.accuracyM, color: colour, weight: 1, fillColor: colour, fillOpacity: 0.08, interactive: false }).addTo(map)
      const tip = document.createElement('span')
      tip.textContent = `Fix ${i + 1}: ${time(f.fixAt)}, ${label(sourceLabels, f.source)}, ±${formatAccuracy(f.accuracyM)}`
      return L.circleMarker([f.lat, f.lon], { radius: 5, color: '#fff', weight: 1.5, fillColor: colour, fillOpacity: 1 }).bindTooltip(tip).addTo(map)
    })
    const alertMarkers: { marker: L.Marker; icon: L.DivIconOptions }[] = []
    cm.ambers.forEach((a, i) => {
      if (a.lat == null || a.lon == null) return
      const box = document.createElement('div')
      box.className = 'alert-popup'
      const title = document.createElement('p')
      title.className = 'popup-title'
      title.textContent = `Amber alert A${i + 1} at ${time(a.raisedAt)} (UK)`
      const memo = document.createElement('p')
      memo.textContent = a.memo ? `Memo: ${a.memo}` : 'No memo text.'
      box.append(title, memo)
      if (a.mediaCount > 0) box.append(memoPlayer(a.id))
      else box.append(Object.assign(document.createElement('p'), { className: 'muted', textContent: 'No recording.' }))
      const name = `Amber alert A${i + 1}, ${time(a.raisedAt)}. Press Enter for the memo.`
      const text = document.createElement('span')
      text.textContent = `A${i + 1}`
      const icon: L.DivIconOptions = { className: 'case-amber', html: text, iconSize: [28, 28] }
      const marker = nameMarker(L.marker([a.lat, a.lon], { title: name, icon: L.divIcon(icon) }).bindPopup(box), name).addTo(map)
      alertMarkers.push({ marker, icon })
    })
    if (cm.redLat != null && cm.redLon != null) {
      const name = `Red alert raised at ${time(cm.red.raisedAt)}`
      const text = document.createElement('span')
      text.textContent = 'R'
      const box = document.createElement('div')
      box.className = 'alert-popup'
      box.textContent = `${name} (UK), ${cm.red.workerName}, ${label(validityLabels, cm.red.validity)}.`
      const icon: L.DivIconOptions = { className: 'case-red', html: text, iconSize: [30, 30] }
      const marker = nameMarker(L.marker([cm.redLat, cm.redLon], { title: name, zIndexOffset: 1000, icon: L.divIcon(icon) }).bindPopup(box), name).addTo(map)
      alertMarkers.push({ marker, icon })
    }
    if (cm.bounds) map.fitBounds([[cm.bounds.south, cm.bounds.west], [cm.bounds.north, cm.bounds.east]], { padding: [50, 50], maxZoom: 17 })
    else map.setView([54.2, -2.5], 6)
    // The largest marker plus a little air, so no marker hides part of another.
    keepApart(map, alertMarkers, 34)
    return () => {
      map.remove()
      mapRef.current = null
      cursor.current = null
    }
  }, [cm, settings])

  // The timeline slider highlights one fix and keeps it in view.
  useEffect(() => {
    const map = mapRef.current
    const f = cm?.trail[step]
    if (!map || !f) return
    if (!cursor.current) cursor.current = L.circleMarker([f.lat, f.lon], { radius: 11, color: '#212b32', weight: 3, fill: false, interactive: false }).addTo(map)
    cursor.current.setLatLng([f.lat, f.lon])
    if (!map.getBounds().contains([f.lat, f.lon])) map.panTo([f.lat, f.lon])
  }, [cm, step])

  const savePng = async () => {
    setStatus('')
    try {
      const r = await mapsApi.exportCaseMapPNG(alertId)
      if (!r.cancelled) setStatus(`Saved the case map to ${r.path}.`)
    } catch (e) {
      setError((e as Error).message)
    }
  }

  if (error && !cm) return <div className="screen"><p><a href="#/map">Back to the organisation map</a></p><p className="error" role="alert">{error}</p></div>
  if (!cm) return <div className="screen" aria-busy="true"><p>Loading the case map…</p></div>
  const fix = cm.trail[step]
  const gap = cm.lastAmber
  const lastAmber = gap ? cm.ambers.findIndex((a) => a.id === gap.amberId) : -1
  const sources = [...new Set(cm.trail.map((f) => f.source))]
  return (
    <div className="screen case-map-screen">
      <header className="screen-header">
        <h1>Case map: red alert {cm.red.arcRef}</h1>
        <p className="count">{cm.red.workerName} · {formatDateTime(cm.red.raisedAt)} (UK) · {label(validityLabels, cm.red.validity)}</p>
      </header>
      <p className="row-actions">
        <a href="#/map">Back to the organisation map</a>
        <button type="button" className="secondary" onClick={savePng}>Save as PNG</button>
      </p>
      {error && <p className="error" role="alert">{error}</p>}
      {status && <p className="status" role="status">{status}</p>}
      <div className="split">
        <div className="map-holder">
          <div ref={holder} className="leaflet-host" />
          <div className="map-legend" aria-label="Map key">
            <span><i className="key-dot key-red" aria-hidden="true" /> Red alert</span>
            <span><i className="key-dot key-amber" aria-hidden="true" /> Amber alert (same day)</span>
            {sources.map((s) => <span key={s}><i className="key-dot" data-source={s} aria-hidden="true" /> {label(sourceLabels, s)} fix (circle: accuracy)</span>)}
            {cm.knownRisks.length > 0 && <span><i className="key-risk" aria-hidden="true" /> Known risk</span>}
          </div>
        </div>
        <aside className="map-side case-side" aria-label="Case details">
          <dl className="facts">
            <dt>Day (UK)</dt><dd>{formatDateTime(cm.red.raisedAt).slice(0, 10)}</dd>
            <dt>Last amber to red</dt>
            <dd>{gap ? `${formatMetres(gap.distanceM)} and ${formatDuration(gap.seconds)} (amber A${lastAmber + 1} at ${time(cm.ambers[lastAmber]?.raisedAt ?? 0)})` : 'No located amber alert before the red alert that day.'}</dd>
            <dt>Position fixes</dt><dd>{cm.trail.length}</dd>
          </dl>
          {cm.trail.length > 0 && (
            <div className="timeline">
              <label htmlFor="fix-slider">Position fix {step + 1} of {cm.trail.length}</label>
              <input id="fix-slider" type="range" min={0} max={cm.trail.length - 1} step={1} value={step}
                aria-valuetext={fix ? `Fix ${step + 1}, ${time(fix.fixAt)}, ${label(sourceLabels, fix.source)}, accuracy ${formatAccuracy(fix.accuracyM)}` : undefined}
                onChange={(e) => setStep(Number(e.target.value))} />
              {fix && <p aria-live="polite">{time(fix.fixAt)} · {label(sourceLabels, fix.source)} · accuracy {formatAccuracy(fix.accuracyM)}
                {step > 0 && ` · ${formatMetres(fix.stepM)} in ${formatDuration(fix.stepS)} from the fix before`}</p>}
            </div>
          )}
          <h2>Trail, in time order</h2>
          {cm.trail.length === 0 ? <p className="muted">The ARC sent no position fixes for this alarm.</p> : (
            <ol className="trail-list">
              {cm.trail.map((f, i) => (
                <li key={f.id} className={i === step ? 'current' : ''}>
                  <button type="button" className="link-button" onClick={() => setStep(i)} aria-current={i === step ? 'step' : undefined}>
                    {time(f.fixAt)}</button> {label(sourceLabels, f.source)}, ±{formatAccuracy(f.accuracyM)}
                  {i > 0 && <span className="muted"> · {formatMetres(f.stepM)} from the fix before</span>}
                </li>
              ))}
            </ol>
          )}
          <h2>Amber alerts the same day</h2>
          {cm.ambers.length === 0 ? <p className="muted">None.</p> : (
            <ol className="amber-list">
              {cm.ambers.map((a, i) => (
                <li key={a.id}><strong>A{i + 1} {time(a.raisedAt)}</strong>{a.lat == null && ' (no location)'}<br />{a.memo ? `Memo: ${a.memo}` : 'No memo text.'}</li>
              ))}
            </ol>
          )}
          <h2>Known-risk locations nearby</h2>
          {cm.knownRisks.length === 0 ? <p className="muted">None within {formatMetres(settings?.settings.caseRiskRadiusM ?? 500)}.</p> : (
            <ul>
              {cm.knownRisks.map((r) => (
                <li key={r.location.id}><strong>{r.location.label}</strong>: {formatMetres(r.distanceM)} away{r.inside ? ', the alarm was inside its radius' : ''}. {r.location.reason}</li>
              ))}
            </ul>
          )}
        </aside>
      </div>
    </div>
  )
}
