import { isSuppressed, num, type Measure, type Value } from '../../api/trends'
import { tooltipFormatter, type TipParam } from './tooltip'

// NHS Making Data Count colours: common cause grey-blue, improvement blue, concern orange, neither purple.
export const typeColours: Record<string, string> = {
  common_cause: '#768692', special_cause_improvement: '#005eb8', special_cause_concern: '#ed8b00', special_cause_neither: '#330072',
}

export const typeLabels: Record<string, string> = {
  common_cause: 'Common cause', special_cause_improvement: 'Special cause: improvement',
  special_cause_concern: 'Special cause: concern', special_cause_neither: 'Special cause',
}

export const ruleLabels: Record<string, string> = {
  outside_limits: 'outside the limits', run: 'run on one side of the mean', trend: 'rising or falling run', two_of_three: '2 of 3 near a limit',
}

export function showValue(v: Value, unit: string): string {
  if (isSuppressed(v)) return '*'
  if (v === null || v === undefined) return '–'
  if (unit === 'percent') return `${v.toFixed(1)}%`
  if (unit === 'count') return Math.round(v).toLocaleString('en-GB')
  return v.toFixed(1)
}

/**
 * The levels the value axis must reach besides the points: ECharts scales to
 * the data alone, which would cut off a limit or target the points stay
 * inside. An invisible series carries them, so the axis keeps round ticks.
 * Counts, rates and percentages never go below zero.
 */
export function limitLevels(m: Measure, levels: number[]): number[] {
  const floor = m.unit === 'count' || m.unit === 'percent' || m.unit === 'rate' ? 0 : -Infinity
  return levels.map((y) => Math.max(floor, y))
}

// The tooltip's words for a point: its own value, so a hidden count reads "*" and a part period says so.
function pointFigure(m: Measure, p: TipParam): string {
  const point = m.points[p.dataIndex ?? -1]
  if (!point) return '–'
  const shown = showValue(point.value as Value, m.unit)
  return point.part ? `${shown} (part period)` : shown
}

function columnFigure(m: Measure, p: TipParam): string {
  const column = m.columns.find((c) => c.name === p.seriesName)
  return showValue((column?.values[p.dataIndex ?? -1] ?? null) as Value, 'count')
}

/** The ECharts option of one XmR chart: the values, the mean, the process limits and target, special causes in colour, part periods hollow. */
export function xmrOption(m: Measure) {
  const lines: { name: string; yAxis: number; lineStyle: { color: string; type: 'solid' | 'dashed' } }[] = []
  if (m.mean != null) lines.push({ name: 'Mean', yAxis: m.mean, lineStyle: { color: '#425563', type: 'solid' } })
  if (m.upperLimit != null) lines.push({ name: 'Upper limit', yAxis: m.upperLimit, lineStyle: { color: '#768692', type: 'dashed' } })
  if (m.lowerLimit != null) lines.push({ name: 'Lower limit', yAxis: m.lowerLimit, lineStyle: { color: '#768692', type: 'dashed' } })
  if (m.target != null) lines.push({ name: 'Target', yAxis: m.target, lineStyle: { color: '#d5281b', type: 'dashed' } })
  return {
    animation: false,
    tooltip: { trigger: 'axis', formatter: tooltipFormatter((_, p) => pointFigure(m, p), ['Limits']) },
    grid: { left: 56, right: 90, top: 16, bottom: 30 },
    xAxis: { type: 'category', data: m.points.map((p) => p.label) },
    yAxis: { type: 'value', scale: m.unit !== 'count' && m.unit !== 'percent' },
    series: [{
      name: m.title, type: 'line', connectNulls: false, symbolSize: 8, showAllSymbol: true, lineStyle: { color: '#41b6e6' },
      data: m.points.map((p) => {
        const colour = typeColours[p.type] ?? typeColours.common_cause
        return {
          value: num(p.value as Value),
          symbol: p.part ? 'emptyCircle' : 'circle',
          itemStyle: p.part ? { color: '#ffffff', borderColor: colour, borderWidth: 2 } : { color: colour, borderColor: colour },
        }
      }),
      markLine: {
        silent: true, symbol: 'none',
        label: { formatter: '{b}', position: 'end' },
        data: lines.map((l) => ({ name: l.name, yAxis: +l.yAxis.toFixed(3), lineStyle: l.lineStyle })),
      },
    }, {
      // A line because the chart registers no scatter; it is never seen or hovered.
      name: 'Limits', type: 'line', silent: true, showSymbol: false, lineStyle: { opacity: 0 }, tooltip: { show: false },
      data: m.points.length === 0 ? [] : limitLevels(m, lines.map((l) => l.yAxis)).map((y) => [0, y]),
    }],
  }
}

// NHS palette for the parts of a breakdown, in column order.
const partColours = ['#768692', '#41b6e6', '#005eb8', '#003087', '#330072', '#ae2573', '#ffb81c']

/** Stacked bars of a measure whose columns split each period's total; hidden counts are left out, never drawn as zero. */
export function stackedOption(m: Measure) {
  return {
    animation: false,
    tooltip: { trigger: 'axis', formatter: tooltipFormatter((_, p) => columnFigure(m, p)) },
    legend: { bottom: 0, type: 'scroll' },
    grid: { left: 56, right: 24, top: 16, bottom: 56 },
    xAxis: { type: 'category', data: m.points.map((p) => (p.part ? `${p.label} (part)` : p.label)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: m.columns.map((c, i) => ({
      name: c.name, type: 'bar', stack: 'total', itemStyle: { color: partColours[i % partColours.length] },
      data: c.values.map((v) => num(v as Value)),
    })),
  }
}

/** Horizontal bars, one per row (a team or staff group); a hidden figure has no bar and the table shows "*". */
export function barOption(labels: string[], values: Value[], name: string, unit = 'rate') {
  return {
    animation: false,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: tooltipFormatter((_, p) => showValue(values[p.dataIndex ?? -1] ?? null, unit)) },
    grid: { left: 180, right: 40, top: 8, bottom: 24 },
    xAxis: { type: 'value', name, nameLocation: 'middle', nameGap: 22 },
    yAxis: { type: 'category', data: labels, inverse: true, axisLabel: { width: 170, overflow: 'truncate' } },
    series: [{ name, type: 'bar', itemStyle: { color: '#005eb8' }, data: values.map((v) => num(v)) }],
  }
}
