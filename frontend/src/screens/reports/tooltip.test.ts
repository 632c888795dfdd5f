import { describe, expect, it } from 'vitest'
import type { Measure } from '../../api/trends'
import { tooltipFormatter } from './tooltip'
import { barOption, stackedOption, xmrOption } from './xmr'

type Formatter = (p: unknown) => HTMLElement
const formatterOf = (option: { tooltip: unknown }) => (option.tooltip as { formatter: Formatter }).formatter

const m = (x: Partial<Measure>) => ({ id: 'red', title: 'Red alerts', unit: 'count', target: null, mean: 2, upperLimit: 6, lowerLimit: 0,
  columns: [], points: [
    { period: '2026-10', label: 'Oct 2026', part: false, value: 31, rules: [], type: 'common_cause' },
    { period: '2026-11', label: 'Nov 2026', part: true, value: { suppressed: true }, rules: [], type: 'common_cause' },
  ], ...x }) as unknown as Measure

describe('tooltipFormatter', () => {
  it('builds elements with classes and no inline style, the name and figure apart', () => {
    const tip = formatterOf(xmrOption(m({})))([{ seriesName: 'Red alerts', axisValueLabel: 'Oct 2026', value: 31, dataIndex: 0 },
      { seriesName: 'Limits', value: [0, 6], dataIndex: 0 }])
    expect(tip.querySelector('.chart-tip-heading')?.textContent).toBe('Oct 2026')
    const rows = tip.querySelectorAll('.chart-tip-row')
    expect(rows).toHaveLength(1) // the invisible limits series is left out
    expect(rows[0].querySelector('.chart-tip-name')?.textContent).toBe('Red alerts')
    expect(rows[0].querySelector('.chart-tip-value')?.textContent).toBe('31')
    expect(tip.outerHTML).not.toContain('style=')
  })

  it('shows a hidden count as "*" and says a part period is part', () => {
    const tip = formatterOf(xmrOption(m({})))([{ seriesName: 'Red alerts', axisValueLabel: 'Nov 2026', value: null, dataIndex: 1 }])
    expect(tip.querySelector('.chart-tip-value')?.textContent).toBe('* (part period)')
  })

  it('keeps imported names as text, never markup', () => {
    const evil = '<img src=x onerror=alert(1)>Ward <b>7</b>'
    const tip = formatterOf(barOption([evil], [12.5], 'Incidents per 1,000 lone workers'))(
      [{ seriesName: 'Incidents per 1,000 lone workers', axisValueLabel: evil, value: 12.5, dataIndex: 0 }])
    expect(tip.querySelector('img, b')).toBeNull()
    expect(tip.querySelector('.chart-tip-heading')?.textContent).toBe(evil)
    expect(tip.querySelector('.chart-tip-value')?.textContent).toBe('12.5')
  })

  it('gives each stacked part its own figure, hidden parts as "*"', () => {
    const stacked = m({ columns: [{ name: '999', values: [4, { suppressed: true }] }, { name: 'None', values: [27, 3] }] } as unknown as Partial<Measure>)
    const tip = formatterOf(stackedOption(stacked))([
      { seriesName: '999', axisValueLabel: 'Nov 2026', value: null, dataIndex: 1 },
      { seriesName: 'None', axisValueLabel: 'Nov 2026', value: 3, dataIndex: 1 },
    ])
    expect([...tip.querySelectorAll('.chart-tip-value')].map((e) => e.textContent)).toEqual(['*', '3'])
  })

  it('takes a single item as well as a list, and the last of a value pair', () => {
    const tip = tooltipFormatter((v) => String(v))({ seriesName: 'S', name: 'Ward 7', value: [3, 9] })
    expect(tip.querySelector('.chart-tip-heading')?.textContent).toBe('Ward 7')
    expect(tip.querySelector('.chart-tip-value')?.textContent).toBe('9')
  })
})
