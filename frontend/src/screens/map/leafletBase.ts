// Leaflet set-up shared by the organisation map and the case map: the built-in
// offline UK basemap (drawn from GeoJSON, no network), an optional tile layer
// from Settings, and accessible names on Leaflet's own markup.
import L from 'leaflet'
import 'leaflet/dist/leaflet.css'
import type { MapSettingsView } from '../../api/maps'

export const BASEMAP_ATTRIBUTION = 'Boundaries: Natural Earth. Towns: GeoNames (CC BY 4.0).'

/** Leaflet writes attribution as HTML; text from a tiles file is escaped first. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)
}

let basemapData: Promise<GeoJSON.FeatureCollection> | null = null

function loadBasemap(): Promise<GeoJSON.FeatureCollection> {
  basemapData ??= fetch('/basemap/uk.geojson').then((r) => {
    if (!r.ok) throw new Error(`The built-in basemap could not be read (${r.status}).`)
    return r.json()
  })
  basemapData.catch(() => { basemapData = null })
  return basemapData
}

const styles: Record<string, L.PathOptions> = {
  land: { color: '#b8bcc0', weight: 0.6, fillColor: '#e8e6e0', fillOpacity: 1 },
  nation: { color: '#8c9ca8', weight: 1, fillColor: '#f4f1e8', fillOpacity: 1 },
  region: { color: '#b0b4b8', weight: 0.6, fill: false, dashArray: '3 3' },
  border: { color: '#6e6e6e', weight: 1.2, fill: false },
}

export interface TownProps { name: string; population: number }

/** Which towns are labelled at a zoom: cities first, smaller towns as you zoom in. */
export function townVisible(population: number, zoom: number): boolean {
  if (zoom < 6) return false
  if (zoom < 8) return population >= 250_000
  if (zoom < 10) return population >= 60_000
  return true
}

/** A town label to place: its name, size and centre in screen pixels. */
export interface LabelCandidate { name: string; population: number; x: number; y: number }

/**
 * Picks the labels to draw so none overlaps another: the larger town wins,
 * as on printed maps. Boxes are estimated from the name's length (the labels
 * are bold 0.78rem text), with a small gap so neighbours stay readable.
 */
export function placeLabels(cands: LabelCandidate[], charPx = 7.2, heightPx = 14, gapPx = 4): LabelCandidate[] {
  const placed: { c: LabelCandidate; x0: number; x1: number; y0: number; y1: number }[] = []
  const byPopulation = [...cands].sort((a, b) => b.population - a.population || a.name.localeCompare(b.name))
  for (const c of byPopulation) {
    const w = c.name.length * charPx / 2 + gapPx
    const h = heightPx / 2 + gapPx / 2
    const box = { c, x0: c.x - w, x1: c.x + w, y0: c.y - h, y1: c.y + h }
    if (placed.some((p) => box.x0 < p.x1 && p.x0 < box.x1 && box.y0 < p.y1 && p.y0 < box.y1)) continue
    placed.push(box)
  }
  return placed.map((p) => p.c)
}

/** Creates a Leaflet map in el with the basemap panes and an accessible container. */
export function createMap(el: HTMLElement, label: string): L.Map {
  const map = L.map(el, { fadeAnimation: false, zoomSnap: 1, minZoom: 5, maxZoom: 19, worldCopyJump: false, attributionControl: true })
  map.attributionControl.setPrefix(false)
  map.createPane('basemap').style.zIndex = '150'
  map.createPane('labels').style.zIndex = '450'
  map.getPane('labels')!.style.pointerEvents = 'none'
  // The filter bar can wrap and the side panel change width after the map is
  // made; Leaflet must be told, or views are computed for the old size.
  const resize = new ResizeObserver(() => map.invalidateSize({ animate: false }))
  resize.observe(el)
  map.on('unload', () => resize.disconnect())
  el.setAttribute('role', 'region')
  el.setAttribute('aria-label', label)
  el.setAttribute('aria-roledescription', 'map')
  return map
}

/**
 * Draws the built-in basemap, then the tile layer from Settings if any. The
 * outline stays beneath the tiles so areas a local file does not cover still
 * show the coast and borders.
 */
export async function addBasemap(map: L.Map, settings: MapSettingsView | null): Promise<void> {
  const data = await loadBasemap()
  const tiles = settings?.tileLayer ?? ''
  const polys = L.geoJSON(data, {
    pane: 'basemap',
    interactive: false,
    filter: (f) => f.properties?.layer !== 'town',
    style: (f) => styles[f?.properties?.layer as string] ?? styles.region,
  })
  polys.getAttribution = () => `Leaflet | ${BASEMAP_ATTRIBUTION.replace(/\.$/, "")}`
  polys.addTo(map)
  if (tiles) {
    const info = settings?.tileInfo
    const attribution = escapeHtml(settings?.settings.tileAttribution || info?.attribution || (info ? info.name || 'Local map tiles' : 'Tile server'))
    L.tileLayer(tiles, { attribution, maxZoom: 19, maxNativeZoom: info?.maxZoom || 19, minNativeZoom: info?.minZoom || 0, crossOrigin: false }).addTo(map)
    return // tiles carry their own place names
  }
  const towns = data.features.filter((f) => f.properties?.layer === 'town' && f.geometry.type === 'Point')
  const group = L.layerGroup().addTo(map)
  const draw = () => {
    group.clearLayers()
    const z = map.getZoom()
    const b = map.getBounds().pad(0.2)
    const cands: (LabelCandidate & { lat: number; lon: number })[] = []
    for (const f of towns) {
      const p = f.properties as TownProps
      const [lon, lat] = (f.geometry as GeoJSON.Point).coordinates
      if (!townVisible(p.population, z) || !b.contains([lat, lon])) continue
      const pt = map.latLngToContainerPoint([lat, lon])
      cands.push({ name: p.name, population: p.population, x: pt.x, y: pt.y, lat, lon })
    }
    for (const c of placeLabels(cands) as typeof cands) {
      const { lat, lon } = c
      const label = document.createElement('span')
      label.textContent = c.name
      L.marker([lat, lon], {
        pane: 'labels', interactive: false, keyboard: false,
        icon: L.divIcon({ className: 'town-label', html: label, iconSize: undefined }),
      }).addTo(group)
    }
  }
  draw()
  map.on('zoomend moveend', draw)
}

/** Gives a marker's icon an accessible name once it is on the map. */
export function nameMarker(m: L.Marker, name: string): L.Marker {
  const set = () => {
    const el = m.getElement()
    if (!el) return
    // Keyboard markers are buttons (Leaflet sets the role); the others are pictures.
    if (!el.getAttribute('role')) el.setAttribute('role', 'img')
    el.setAttribute('aria-label', name)
  }
  m.on('add', set)
  set()
  return m
}

/** Colours of position sources on the case map (legend text says the same). */
export const sourceColours: Record<string, string> = { gps: '#007f3b', cell: '#7c2855', wifi: '#005eb8', manual: '#4c6272' }
