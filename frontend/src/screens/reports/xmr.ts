import { isSuppressed, num, type Measure, type Value } from '../../api/trends'

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

/** The ECharts option of one XmR chart: the values, the mean, the process limits and target, special causes in colour, part periods hollow. */
export function xmrOption(m: Measure) {
  const lines: { name: string; yAxis: number; lineStyle: { color: string; type: 'solid' | 'dashed' } }[] = []
  if (m.mean != null) lines.push({ name: 'Mean', yAxis: m.mean, lineStyle: { color: '#425563', type: 'solid' } })
  if (m.upperLimit != null) lines.push({ name: 'Upper limit', yAxis: m.upperLimit, lineStyle: { color: '#768692', type: 'dashed' } })
  if (m.lowerLimit != null) lines.push({ name: 'Lower limit', yAxis: m.lowerLimit, lineStyle: { color: '#768692', type: 'dashed' } })
  if (m.target != null) lines.push({ name: 'Target', yAxis: m.target, lineStyle: { color: '#d5281b', type: 'dashed' } })
  return {
    animation: false,
    tooltip: { trigger: 'axis' },
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
    }],
  }
}
