import { describe, expect, it } from 'vitest'
import { spreadApart, type Pt } from './spread'

/** The smallest distance across or down between two markers: square markers of that size do not overlap. */
const minGap = (ps: Pt[]) => {
  let m = Infinity
  for (let i = 0; i < ps.length; i++) for (let j = i + 1; j < ps.length; j++) m = Math.min(m, Math.max(Math.abs(ps[i].x - ps[j].x), Math.abs(ps[i].y - ps[j].y)))
  return m
}

describe('markers kept apart', () => {
  it('leaves markers that are already apart where they are', () => {
    const pts = [{ x: 0, y: 0 }, { x: 100, y: 0 }, { x: 0, y: 50 }]
    expect(spreadApart(pts, 34)).toEqual(pts)
  })

  it('fans out markers on one spot so each is a whole target', () => {
    const pts = [{ x: 10, y: 10 }, { x: 10, y: 10 }, { x: 11, y: 10 }, { x: 10, y: 12 }]
    const out = spreadApart(pts, 34)
    expect(minGap(out)).toBeGreaterThanOrEqual(34 - 0.01)
    // The ring stays round the spot, not somewhere else on the map.
    for (const p of out) expect(Math.hypot(p.x - 10, p.y - 10)).toBeLessThan(50)
  })

  it('merges a ring that lands on a neighbour and still keeps every pair apart', () => {
    const pts = [{ x: 0, y: 0 }, { x: 1, y: 0 }, { x: 0, y: 1 }, { x: 40, y: 0 }, { x: 0, y: -40 }]
    expect(minGap(spreadApart(pts, 34))).toBeGreaterThanOrEqual(34 - 0.01)
  })

  it('copes with two markers only', () => {
    const out = spreadApart([{ x: 5, y: 5 }, { x: 5, y: 5 }], 34)
    expect(minGap(out)).toBeGreaterThanOrEqual(34 - 0.01)
  })

  it('moves markers on a diagonal that are far enough apart in a straight line but still overlap', () => {
    // Seen on the spring clock-change day's demo: 36 px apart, boxes overlapping by 1 px.
    const pts = [{ x: 567, y: 527.8 }, { x: 544, y: 499.8 }]
    expect(Math.hypot(pts[0].x - pts[1].x, pts[0].y - pts[1].y)).toBeGreaterThan(34)
    expect(minGap(spreadApart(pts, 34))).toBeGreaterThanOrEqual(34 - 0.01)
  })
})
