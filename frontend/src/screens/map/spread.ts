// Markers that fall on or near one spot would hide each other, and a hidden
// marker is neither a target a finger or pointer can hit (WCAG 2.5.8, 24 px)
// nor a place a reader can see. Close markers are fanned out on a ring round
// the spot, each joined to its true position by a short leader line.
import L from 'leaflet'

export interface Pt { x: number; y: number }

// Markers are squares, so two of them overlap unless their centres are a whole
// marker apart across or down: what matters is the larger of the two offsets
// (the Chebyshev distance), not the straight-line one. Two markers 36 px apart
// on a diagonal still overlap by several pixels.
const apart = (a: Pt, b: Pt) => Math.max(Math.abs(a.x - b.x), Math.abs(a.y - b.y))

/** Clusters of indexes whose points lie within gap of another in the cluster (single linkage). */
function clusters(pts: Pt[], gap: number): number[][] {
  const parent = pts.map((_, i) => i)
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i])))
  for (let i = 0; i < pts.length; i++) {
    for (let j = i + 1; j < pts.length; j++) {
      if (apart(pts[i], pts[j]) < gap) parent[root(i)] = root(j)
    }
  }
  const groups = new Map<number, number[]>()
  pts.forEach((_, i) => groups.set(root(i), [...(groups.get(root(i)) ?? []), i]))
  return [...groups.values()]
}

/**
 * Places each cluster's members evenly on a ring round its centre. Neighbours
 * are gap × √2 apart in a straight line, so at least gap apart across or down
 * whatever their angle.
 */
function ring(pts: Pt[], groups: number[][], gap: number): Pt[] {
  const out = pts.map((p) => ({ ...p }))
  for (const g of groups) {
    if (g.length < 2) continue
    const cx = g.reduce((s, i) => s + pts[i].x, 0) / g.length
    const cy = g.reduce((s, i) => s + pts[i].y, 0) / g.length
    const r = (gap * Math.SQRT2) / (2 * Math.sin(Math.PI / g.length))
    g.forEach((i, k) => {
      const a = -Math.PI / 2 + (2 * Math.PI * k) / g.length
      out[i] = { x: cx + r * Math.cos(a), y: cy + r * Math.sin(a) }
    })
  }
  return out
}

function overlapping(pts: Pt[], gap: number): boolean {
  for (let i = 0; i < pts.length; i++) {
    for (let j = i + 1; j < pts.length; j++) {
      if (apart(pts[i], pts[j]) < gap - 0.01) return true
    }
  }
  return false
}

/**
 * Screen positions for markers at pts such that no two centres are closer
 * than gap across or down, so no two markers of up to gap × gap overlap. Markers already apart stay where they are; a ring that lands on
 * another marker merges the two groups and tries again, wider.
 */
export function spreadApart(pts: Pt[], gap: number): Pt[] {
  let reach = gap
  for (let pass = 0; pass < 8; pass++) {
    const out = ring(pts, clusters(pts, reach), gap)
    if (!overlapping(out, gap)) return out
    reach += gap
  }
  return ring(pts, [pts.map((_, i) => i)], gap)
}

/**
 * Keeps the given markers apart on the map at every zoom: each is drawn at
 * its spread position (the icon moves, its latitude and longitude do not)
 * with a leader line back to where it really is.
 */
export function keepApart(map: L.Map, markers: { marker: L.Marker; icon: L.DivIconOptions }[], gap: number): void {
  const leaders = L.layerGroup().addTo(map)
  const layout = () => {
    leaders.clearLayers()
    const real = markers.map((m) => map.latLngToLayerPoint(m.marker.getLatLng()))
    const placed = spreadApart(real, gap)
    markers.forEach((m, i) => {
      const [w, h] = m.icon.iconSize as [number, number]
      const dx = placed[i].x - real[i].x
      const dy = placed[i].y - real[i].y
      // Moving the icon's margins (where Leaflet puts its anchor) rather than
      // calling setIcon keeps the element, and with it its name, role and focus.
      const el = m.marker.getElement()
      if (el) {
        el.style.marginLeft = `${dx - w / 2}px`
        el.style.marginTop = `${dy - h / 2}px`
      }
      if (Math.hypot(dx, dy) > 0.5) {
        const to = map.layerPointToLatLng(L.point(placed[i].x, placed[i].y))
        L.polyline([m.marker.getLatLng(), to], { color: '#212b32', weight: 1.5, interactive: false }).addTo(leaders)
      }
    })
  }
  map.on('zoomend viewreset', layout)
  layout()
}
