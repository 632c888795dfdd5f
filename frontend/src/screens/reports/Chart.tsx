import { useEffect, useRef } from 'react'
import * as echarts from 'echarts/core'
import { BarChart, LineChart } from 'echarts/charts'
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, CanvasRenderer])

/**
 * An ECharts canvas. Charts are pictures for sighted readers: every chart on
 * the Reports screen has a table with the same numbers beside it.
 */
export function Chart({ option, label, height = 260, onPick }: {
  option: echarts.EChartsCoreOption
  label: string
  height?: number
  /** Called with the series and data index of a point or bar clicked. */
  onPick?: (seriesIndex: number, dataIndex: number, seriesName: string) => void
}) {
  const el = useRef<HTMLDivElement>(null)
  // Kept in a ref so a new callback does not rebuild the chart.
  const pick = useRef(onPick)
  useEffect(() => {
    pick.current = onPick
  })
  useEffect(() => {
    if (!el.current) return
    const chart = echarts.init(el.current, undefined, { renderer: 'canvas' })
    chart.setOption(option)
    chart.on('click', (p) => {
      if (p.componentType === 'series' && typeof p.dataIndex === 'number') pick.current?.(p.seriesIndex ?? 0, p.dataIndex, p.seriesName ?? '')
    })
    const ro = new ResizeObserver(() => chart.resize())
    ro.observe(el.current)
    return () => {
      ro.disconnect()
      chart.dispose()
    }
  }, [option])
  return <div ref={el} role="img" aria-label={label} style={{ height, width: '100%' }} className={onPick ? 'chart-pickable' : undefined} />
}
