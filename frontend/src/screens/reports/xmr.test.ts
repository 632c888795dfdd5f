import { describe, expect, it } from 'vitest'
import type { Measure } from '../../api/trends'
import { xmrOption } from './xmr'

const m = (x: Partial<Measure>) => ({ id: 'm', title: 'M', unit: 'count', target: null, mean: 2, upperLimit: 6.44, lowerLimit: -2.29,
  points: [{ period: '2026-10', label: 'Oct 2026', part: false, value: 5, rules: [], type: 'common_cause' }], ...x }) as unknown as Measure

// The levels the invisible series puts on the value axis, so ECharts' own scale reaches them.
const levels = (x: Partial<Measure>) => {
  const series = xmrOption(m(x)).series as unknown as { name: string; data: [number, number][] }[]
  return series.find((s) => s.name === 'Limits')?.data.map(([, y]) => y)
}

describe('xmrOption', () => {
  it('keeps a limit the points stay inside on the axis, and never goes below zero for a count', () => {
    expect(levels({})).toEqual([2, 6.44, 0])
  })
  it('keeps a target in view, and a lower limit below zero for a measure that can be negative', () => {
    expect(levels({ unit: 'hours', target: 98.5, mean: 20, upperLimit: 30, lowerLimit: -3 })).toEqual([20, 30, -3, 98.5])
  })
  it('adds nothing to an empty chart', () => {
    expect(levels({ points: [] })).toEqual([])
  })
})
