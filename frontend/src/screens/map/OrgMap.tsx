import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react'
import L from 'leaflet'
import { alertsApi, emptyFilter, type AlertFilter, type Team } from '../../api/alerts'
import { mapsApi, validityCodes, type Cluster, type HeatCell, type KnownRisk, type MapAlert, type MapSettingsView, type MapView } from '../../api/maps'
import { UkDateInput } from '../../ui/UkDateInput'
import { escalationLabels, label, typeLabels, validityLabels } from '../../ui/labels'
import { londonDayEnd, londonDayStart } from '../../ui/time'
import { AlertDetailPanel } from '../alerts/AlertDetailPanel'
import { addBasemap, createMap, nameMarker } from './leafletBase'
import { fillAlertPopup } from './popups'
import { VisibleTable } from './VisibleTable'
import { HotspotsPanel } from './HotspotsPanel'
import { KnownRisksPanel } from './KnownRisksPanel'
import { MapSettingsPanel } from './MapSettingsPanel'

interface FormState { from: string; to: string; type: string; validity: string; escalation: string; teamId: string }
const emptyForm: FormState = { from: '', to: '', type: '', validity: '', escalation: '', teamId: '' }

export function toMapFilter(f: FormState): AlertFilter {
  return {
    ...emptyFilter,
    from: f.from ? londonDayStart(f.from) : 0,
    to: f.to ? londonDayEnd(f.to) : 0,
    types: f.type ? [f.type] : [],
    validity: f.validity ? [f.validity] : [],
    escalation: f.escalation ? [f.escalation] : [],
    teamIds: f.teamId ? [Number(f.teamId)] : [],
  }
}

/** The visible map box, clamped to what the index accepts. */
function viewBox(map: L.Map) {
  const b = map.getBounds()
  const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v))
  return {
    south: clamp(b.getSouth(), -85, 85), north: clamp(b.getNorth(), -85, 85),
    west: clamp(b.getWest(), -180, 180), east: clamp(b.getEast(), -180, 180),
  }
}

function heatColour(w: number): string {
  // Pale yellow to NHS red through orange: readable over the cream basemap.
  const stops = [[255, 235, 130], [245, 150, 40], [218, 41, 28]]
  const t = Math.min(1, Math.max(0, w)) * 2
  const i = Math.min(1, Math.floor(t))
  const f = t - i
  const c = stops[i].map((v, k) => Math.round(v + (stops[i + 1][k] - v) * f))
  return `rgb(${c[0]},${c[1]},${c[2]})`
}

type Tab = 'view' | 'hotspots' | 'risks' | 'settings'
const tabs: { id: Tab; title: string }[] = [
  { id: 'view', title: 'In view' }, { id: 'hotspots', title: 'Hotspots' },
  { id: 'risks', title: 'Known risks' }, { id: 'settings', title: 'Map settings' },
]

export function OrgMap() {
  const [form, setForm] = useState<FormState>(emptyForm)
  const [teams, setTeams] = useState<Team[]>([])
  const [heat, setHeat] = useState(false)
  const [view, setView] = useState<MapView | null>(null)
  const [described, setDescribed] = useState<MapAlert[]>([])
  const [error, setError] = useState('')
  const [status, setStatus] = useState('')
  const [tab, setTab] = useState<Tab>('view')
  const [openAlert, setOpenAlert] = useState<number | null>(null)
  const [risks, setRisks] = useState<KnownRisk[]>([])
  const [settings, setSettings] = useState<MapSettingsView | null>(null)
  const [pick, setPick] = useState<((lat: number, lon: number) => void) | null>(null)
  const filter = useMemo(() => toMapFilter(form), [form])

  const holder = useRef<HTMLDivElement>(null)
  const mapRef = useRef<L.Map | null>(null)
  const layers = useRef<{ heatRenderer: L.Canvas; markers: L.LayerGroup; clusters: L.LayerGroup; heat: L.LayerGroup; risks: L.LayerGroup } | null>(null)
  // The hotspots panel draws on this layer, so it is made once with the screen and put on each map made.
  const [hotspotLayer] = useState(() => L.layerGroup())
  const markerById = useRef(new Map<number, L.Marker>())
  const seq = useRef(0)
  const fitted = useRef(false)
  // What the map's own events (a move, a click) act on: the filters and picker of the last render.
  const live = useRef({ filter, heat })
  const pickRef = useRef(pick)
  useLayoutEffect(() => {
    live.current = { filter, heat }
    pickRef.current = pick
  })

  useEffect(() => {
    alertsApi.teams().then(setTeams, () => setTeams([]))
    mapsApi.settings().then(setSettings, (e: Error) => setError(e.message))
  }, [])
  const loadRisks = useCallback(() => mapsApi.knownRisks().then(setRisks, (e: Error) => setError(e.message)), [])
  useEffect(() => { loadRisks() }, [loadRisks])

  // Asks Go for the current view; answers to older requests are dropped.
  const refresh = useCallback(() => {
    const map = mapRef.current
    const lg = layers.current
    if (!map || !lg) return Promise.resolve()
    const mine = ++seq.current
    const req = { box: viewBox(map), zoom: map.getZoom(), filter: live.current.filter }
    const show = async ([v, cells]: [MapView, HeatCell[] | null]) => {
      if (mine !== seq.current) return
      setError('')
      drawView(map, lg.clusters, lg.markers, v, markerById.current, setOpenAlert)
      lg.heat.clearLayers()
      if (cells) {
        const renderer = lg.heatRenderer
        for (const c of cells) {
          L.circleMarker([c.lat, c.lon], { renderer, radius: 11, stroke: false, interactive: false,
            fillColor: heatColour(c.weight), fillOpacity: 0.45 + 0.4 * c.weight }).addTo(lg.heat)
        }
      }
      setView(v)
      const ids = v.view.points?.ids ?? []
      const d = ids.length ? await mapsApi.describe(ids.slice(0, 200)) : []
      if (mine === seq.current) setDescribed(d)
      if (!fitted.current && v.view.total > 0 && v.view.clusters?.length) {
        fitted.current = true
        const b = L.latLngBounds([])
        for (const c of v.view.clusters) b.extend([c.bounds.south, c.bounds.west]).extend([c.bounds.north, c.bounds.east])
        map.fitBounds(b, { padding: [30, 30], maxZoom: 12 })
      }
    }
    return Promise.all([mapsApi.view(req), live.current.heat ? mapsApi.heat(req) : Promise.resolve(null)])
      .then(show)
      .catch((e: Error) => { if (mine === seq.current) setError(e.message) })
  }, [])

  // The map itself: created once, torn down with the screen.
  useEffect(() => {
    if (!holder.current) return
    const map = createMap(holder.current, 'Organisation map of alert locations')
    map.setView([54.2, -2.5], 6)
    mapRef.current = map
    layers.current = {
      heatRenderer: L.canvas({ padding: 0.1 }),
      heat: L.layerGroup().addTo(map), risks: L.layerGroup().addTo(map),
      markers: L.layerGroup(), clusters: L.layerGroup(),
    }
    // Added in this order, so markers and groups are drawn over hotspots, and hotspots over known risks.
    hotspotLayer.addTo(map)
    layers.current.markers.addTo(map)
    layers.current.clusters.addTo(map)
    let timer = 0
    map.on('moveend', () => {
      clearTimeout(timer)
      timer = window.setTimeout(refresh, 120)
    })
    map.on('click', (e: L.LeafletMouseEvent) => {
      const p = pickRef.current
      if (p) p(Number(e.latlng.lat.toFixed(6)), Number(e.latlng.lng.toFixed(6)))
    })
    refresh()
    return () => {
      clearTimeout(timer)
      map.remove()
      mapRef.current = null
    }
  }, [refresh, hotspotLayer])

  useEffect(() => {
    const map = mapRef.current
    if (map && settings) addBasemap(map, settings).catch((e: Error) => setError(e.message))
  }, [settings])

  useEffect(() => { refresh() }, [filter, heat, refresh])

  // Known-risk locations as circles; overdue reviews drawn dashed and named so.
  useEffect(() => {
    const lg = layers.current?.risks
    if (!lg) return
    lg.clearLayers()
    for (const r of risks) {
      if (!r.location.active) continue
      const c = L.circle([r.location.lat, r.location.lon], {
        radius: r.location.radiusM, color: '#212b32', weight: r.overdue ? 3 : 2, fillColor: '#212b32', fillOpacity: 0.08,
        dashArray: r.overdue ? '8 5' : '3 4',
      })
      const tip = document.createElement('span')
      tip.textContent = `Known risk: ${r.location.label}${r.overdue ? ' (review overdue)' : ''}`
      c.bindTooltip(tip)
      c.addTo(lg)
    }
  }, [risks])

  const showOnMap = useCallback((lat: number, lon: number, radiusM: number) => {
    const map = mapRef.current
    if (!map) return
    map.fitBounds(L.latLng(lat, lon).toBounds(Math.max(radiusM, 100) * 4))
  }, [])

  const zoomToCluster = useCallback((c: Cluster) => zoomCluster(mapRef.current, c), [])
  const showAlert = useCallback((id: number) => {
    const m = markerById.current.get(id)
    if (m) {
      focusPopup.add(id)
      returnFocus = document.activeElement as HTMLElement | null
      m.openPopup()
    }
  }, [])

  const doExport = async (format: 'geojson' | 'kml') => {
    setStatus('')
    try {
      const r = await mapsApi.exportAlerts(filter, format)
      if (!r.cancelled) setStatus(`Exported ${r.written.toLocaleString('en-GB')} located alerts to ${r.path}.`)
    } catch (e) {
      setError((e as Error).message)
    }
  }

  const set = (k: keyof FormState) => (v: string) => setForm((f) => ({ ...f, [k]: v }))
  const onTabKey = (e: React.KeyboardEvent) => {
    const i = tabs.findIndex((t) => t.id === tab)
    const next = e.key === 'ArrowRight' ? (i + 1) % tabs.length : e.key === 'ArrowLeft' ? (i + tabs.length - 1) % tabs.length : -1
    if (next >= 0) {
      setTab(tabs[next].id)
      document.getElementById(`map-tab-${tabs[next].id}`)?.focus()
    }
  }
  const total = view?.view.total ?? 0

  return (
    <div className="screen map-screen">
      <header className="screen-header">
        <h1>Map</h1>
        <p className="count" aria-live="polite">{view ? `${total.toLocaleString('en-GB')} alert${total === 1 ? '' : 's'} in view` : 'Loading the map…'}</p>
      </header>
      <form className="filters" role="search" aria-label="Filter the map" onSubmit={(e) => e.preventDefault()}>
        <UkDateInput label="From" value={form.from} onChange={set('from')} />
        <UkDateInput label="To" value={form.to} onChange={set('to')} />
        <label>Type
          <select value={form.type} onChange={(e) => set('type')(e.target.value)}>
            <option value="">Any</option>
            {Object.entries(typeLabels).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
          </select>
        </label>
        <label>Validity
          <select value={form.validity} onChange={(e) => set('validity')(e.target.value)}>
            <option value="">Any</option>
            {validityCodes.filter((c) => c && c !== 'other').map((k) => <option key={k} value={k}>{label(validityLabels, k)}</option>)}
          </select>
        </label>
        <label>Escalation
          <select value={form.escalation} onChange={(e) => set('escalation')(e.target.value)}>
            <option value="">Any</option>
            {Object.entries(escalationLabels).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
          </select>
        </label>
        <label>Team
          <select value={form.teamId} onChange={(e) => set('teamId')(e.target.value)}>
            <option value="">Any</option>
            {teams.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
          </select>
        </label>
        <label className="inline-check"><input type="checkbox" checked={heat} onChange={(e) => setHeat(e.target.checked)} /> Heat layer</label>
        <button type="button" className="secondary" onClick={() => setForm(emptyForm)}>Clear filters</button>
        <span className="export-buttons">
          <button type="button" className="secondary" onClick={() => doExport('geojson')}>Export GeoJSON</button>
          <button type="button" className="secondary" onClick={() => doExport('kml')}>Export KML</button>
        </span>
      </form>
      {error && <p className="error" role="alert">{error}</p>}
      {status && <p className="status" role="status">{status}</p>}
      {pick && <p className="status pick-hint" role="status">Click the map where the known-risk location is, or type its latitude and longitude. <button type="button" className="secondary" onClick={() => setPick(null)}>Stop picking</button></p>}
      <div className="split">
        <div className={`map-holder${pick ? ' picking' : ''}`}>
          <div ref={holder} className="leaflet-host" />
          <MapLegend offline={settings?.offline ?? true} />
        </div>
        {openAlert != null ? (
          <AlertDetailPanel id={openAlert} onClose={() => setOpenAlert(null)} />
        ) : (
          <aside className="map-side" aria-label="Map details">
            <div role="tablist" aria-label="Map details" className="tabs" onKeyDown={onTabKey}>
              {tabs.map((t) => (
                <button key={t.id} id={`map-tab-${t.id}`} type="button" role="tab" aria-selected={tab === t.id}
                  aria-controls={`map-panel-${t.id}`} tabIndex={tab === t.id ? 0 : -1} onClick={() => setTab(t.id)}>{t.title}</button>
              ))}
            </div>
            <div role="tabpanel" id={`map-panel-${tab}`} aria-labelledby={`map-tab-${tab}`} className="tab-panel">
              {tab === 'view' && <VisibleTable view={view} alerts={described} onZoom={zoomToCluster} onShow={showAlert} onOpen={setOpenAlert} />}
              {tab === 'hotspots' && <HotspotsPanel from={filter.from} to={filter.to} settings={settings?.settings ?? null} onShow={showOnMap} layer={hotspotLayer} />}
              {tab === 'risks' && <KnownRisksPanel risks={risks} defaultRadiusM={settings?.settings.knownRiskRadiusM ?? 100}
                onSaved={() => { loadRisks(); refresh() }} onShow={showOnMap} setPick={setPick} />}
              {tab === 'settings' && <MapSettingsPanel settings={settings} onSaved={setSettings} />}
            </div>
          </aside>
        )}
      </div>
    </div>
  )
}

function MapLegend({ offline }: { offline: boolean }) {
  return (
    <div className="map-legend" aria-label="Map key">
      <span><i className="key-dot key-red" aria-hidden="true" /> Red</span>
      <span><i className="key-dot key-amber" aria-hidden="true" /> Amber</span>
      <span><i className="key-cluster" aria-hidden="true" /> Group (select to zoom in)</span>
      <span><i className="key-risk" aria-hidden="true" /> Known risk</span>
      {!offline && <span className="online-note">Tiles from a tile server</span>}
    </div>
  )
}

function zoomCluster(map: L.Map | null, c: Cluster) {
  if (!map) return
  const b = L.latLngBounds([c.bounds.south, c.bounds.west], [c.bounds.north, c.bounds.east])
  const z = map.getZoom()
  // A cluster of alerts at one spot has no extent: step in instead of fitting.
  if (b.getNorthEast().distanceTo(b.getSouthWest()) < 5) map.setView(b.getCenter(), Math.min(z + 3, 19))
  else map.fitBounds(b, { padding: [40, 40], maxZoom: Math.max(z + 1, Math.min(z + 4, 19)) })
}

function clusterName(c: Cluster): string {
  return `${c.count.toLocaleString('en-GB')} alerts here: ${c.red.toLocaleString('en-GB')} red, ${c.amber.toLocaleString('en-GB')} amber. Select to zoom in.`
}

function markerKey(id: number, flagged: boolean): string {
  return `${id}:${flagged ? 1 : 0}`
}

/** Popups opened from the table take the keyboard focus once filled. */
const focusPopup = new Set<number>()
let returnFocus: HTMLElement | null = null

/** Replaces the markers with one view's clusters or single alerts. */
/**
 * Shows one view's clusters or single alerts. Single markers still in view are
 * kept, not redrawn: a popup that pans the map to fit must survive the view
 * refresh its own pan causes.
 */
function drawView(map: L.Map, group: L.LayerGroup, points: L.LayerGroup, v: MapView, byId: Map<number, L.Marker>, onOpen: (id: number) => void) {
  group.clearLayers()
  const p = v.view.points
  const keep = new Set<string>()
  if (p) for (let i = 0; i < p.ids.length; i++) keep.add(markerKey(p.ids[i], (v.risks?.[p.ids[i]]?.length ?? 0) > 0))
  for (const [id, m] of byId) {
    if (!keep.has((m.options as { key?: string }).key ?? '')) {
      points.removeLayer(m)
      byId.delete(id)
    }
  }
  for (const c of v.view.clusters ?? []) {
    const size = c.count >= 1000 ? 52 : c.count >= 100 ? 44 : c.count >= 10 ? 36 : 30
    const text = document.createElement('span')
    text.textContent = c.count >= 10000 ? `${Math.round(c.count / 1000)}k` : String(c.count)
    const share = c.count ? c.red / c.count : 0
    const m = L.marker([c.lat, c.lon], {
      title: clusterName(c),
      icon: L.divIcon({ className: `cluster ${share >= 0.5 ? 'cluster-red' : share > 0 ? 'cluster-mixed' : 'cluster-amber'}`, html: text, iconSize: [size, size] }),
    })
    m.on('click', () => zoomCluster(map, c))
    m.on('keypress', (e: L.LeafletKeyboardEvent) => { if (e.originalEvent.key === 'Enter') zoomCluster(map, c) })
    nameMarker(m, clusterName(c)).addTo(group)
  }
  if (!p) return
  for (let i = 0; i < p.ids.length; i++) {
    const id = p.ids[i]
    if (byId.has(id)) continue
    const red = p.red[i]
    const validity = validityCodes[p.validity[i]] ?? ''
    const flagged = (v.risks?.[id]?.length ?? 0) > 0
    const name = `${red ? 'Red' : 'Amber'} alert${validity ? `, ${label(validityLabels, validity).toLowerCase()}` : ''}${flagged ? ', within a known-risk location' : ''}`
    // Single markers are not tab stops: hundreds of them, often touching, would
    // make a poor keyboard path; the "In view" table opens each one's popup.
    const opts: L.MarkerOptions & { key: string } = {
      title: name, keyboard: false, key: markerKey(id, flagged),
      icon: L.divIcon({ className: `pt ${red ? 'pt-red' : 'pt-amber'}${flagged ? ' pt-risk' : ''}`, iconSize: red ? [16, 16] : [12, 12] }),
      zIndexOffset: red ? 1000 : 0,
    }
    const m = L.marker([p.lat[i], p.lon[i]], opts)
    const box = document.createElement('div')
    box.className = 'alert-popup'
    box.textContent = 'Loading…'
    m.bindPopup(box, { maxWidth: 320 })
    box.addEventListener('keydown', (e) => {
      if (e.key !== 'Escape') return
      m.closePopup()
      returnFocus?.focus() // back to the table row that opened it
      returnFocus = null
    })
    m.on('popupopen', () => {
      mapsApi.describe([id]).then(
        (d) => {
          if (!d[0]) return
          fillAlertPopup(box, d[0], onOpen)
          m.getPopup()?.update() // re-centre over the marker now the content has its size
          if (focusPopup.has(id)) {
            focusPopup.delete(id)
            box.querySelector('button')?.focus()
          }
        },
        (e: Error) => { box.textContent = e.message },
      )
    })
    nameMarker(m, name).addTo(points)
    byId.set(id, m)
  }
}
