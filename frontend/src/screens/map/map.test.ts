import { describe, expect, it } from 'vitest'
import { caseIdFromHash } from './MapScreen'
import { escapeHtml, placeLabels, townVisible } from './leafletBase'
import { fillAlertPopup, formatMetres } from './popups'
import { toMapFilter } from './OrgMap'
import type { MapAlert } from '../../api/maps'

describe('map routes', () => {
  it('reads a case map address and nothing else', () => {
    expect(caseIdFromHash('#/map/case/42')).toBe(42)
    expect(caseIdFromHash('#map/case/7')).toBe(7)
    expect(caseIdFromHash('#/map')).toBeNull()
    expect(caseIdFromHash('#/map/case/12abc')).toBeNull()
    expect(caseIdFromHash('#/map/case/')).toBeNull()
  })
})

describe('basemap', () => {
  it('labels cities first and smaller towns as the map zooms in', () => {
    expect(townVisible(800_000, 5)).toBe(false)
    expect(townVisible(800_000, 6)).toBe(true)
    expect(townVisible(80_000, 7)).toBe(false)
    expect(townVisible(80_000, 8)).toBe(true)
    expect(townVisible(20_000, 9)).toBe(false)
    expect(townVisible(20_000, 10)).toBe(true)
  })
  it('never draws two town labels over each other: the larger town keeps its label', () => {
    const towns = [
      { name: 'Bradford', population: 350_000, x: 100, y: 100 },
      { name: 'Preston', population: 140_000, x: 60, y: 102 }, // its box meets Bradford's
      { name: 'Leeds', population: 500_000, x: 160, y: 100 }, // clear of Bradford
      { name: 'Hull', population: 260_000, x: 100, y: 120 }, // just below Bradford, clear
    ]
    expect(placeLabels(towns).map((t) => t.name)).toEqual(['Leeds', 'Bradford', 'Hull'])
    expect(placeLabels(towns.slice(1, 2)).map((t) => t.name)).toEqual(['Preston'])
  })
  it('escapes attribution text from a tiles file before Leaflet writes it as HTML', () => {
    expect(escapeHtml('<img src=x onerror=alert(1)> © "OS" & \'co\'')).toBe('&lt;img src=x onerror=alert(1)&gt; © &quot;OS&quot; &amp; &#39;co&#39;')
  })
})

describe('filters', () => {
  it('turns UK days into the instants London days begin and end', () => {
    const f = toMapFilter({ from: '2025-03-30', to: '2025-03-30', type: 'red', validity: 'genuine', escalation: '999', teamId: '3' })
    expect(f.from).toBe(Date.UTC(2025, 2, 30, 0) / 1000) // GMT until 01:00 that day
    expect(f.to).toBe(Date.UTC(2025, 2, 30, 23) / 1000) // BST by midnight
    expect(f).toMatchObject({ types: ['red'], validity: ['genuine'], escalation: ['999'], teamIds: [3] })
  })
})

describe('popups', () => {
  it('shows imported text as text, flags known risks and offers a case map for red alerts', () => {
    const root = document.createElement('div')
    const m = {
      alert: { id: 9, arcRef: 'RED9', type: 'red', raisedAt: 1_700_000_000, workerName: '<b>Sam</b>', workerRef: 'LW1', teamName: 'Leeds', validity: 'genuine' },
      risks: [{ locationId: 1, label: 'Flat 3 <script>', distanceM: 42.4 }],
    } as unknown as MapAlert
    let opened = 0
    fillAlertPopup(root, m, (id) => { opened = id })
    expect(root.querySelector('b')).toBeNull()
    expect(root.textContent).toContain('<b>Sam</b> (LW1)')
    expect(root.textContent).toContain('14/11/2023 22:13:20')
    expect(root.querySelector('.popup-risk')?.textContent).toContain('Flat 3 <script> (42 m from its centre)')
    expect(root.querySelector('a')?.getAttribute('href')).toBe('#/map/case/9')
    root.querySelector('button')!.click()
    expect(opened).toBe(9)
  })
  it('formats distances in metres and kilometres', () => {
    expect(formatMetres(42.4)).toBe('42 m')
    expect(formatMetres(1530)).toBe('1.5 km')
    expect(formatMetres(25_000)).toBe('25 km')
  })
})
