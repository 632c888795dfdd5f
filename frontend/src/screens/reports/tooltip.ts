/**
 * Chart tooltips built as DOM. ECharts' own tooltip HTML carries inline style
 * attributes, which the app's content security policy blocks, so its markers
 * and spacing vanish ("Red alerts31"). Here every piece is an element with a
 * class and every piece of text goes in as text: team and staff-group names
 * come from imports and must never be read as markup.
 */

/** The part of ECharts' formatter parameters the tooltips read. */
export interface TipParam {
  seriesName?: string
  name?: string
  axisValueLabel?: string
  value?: unknown
  dataIndex?: number
}

/** Turns one plotted value into the words shown; `null` means no figure (unknown or hidden for sharing). */
export type ShowFigure = (v: number | null, p: TipParam) => string

function el(tag: string, className: string, text?: string): HTMLElement {
  const e = document.createElement(tag)
  e.className = className
  if (text !== undefined) e.textContent = text
  return e
}

// A point's value is a number, or [x, y] for a value axis pair; anything else is no figure.
function figure(v: unknown): number | null {
  if (typeof v === 'number' && Number.isFinite(v)) return v
  if (Array.isArray(v)) return figure(v[v.length - 1])
  if (v && typeof v === 'object' && 'value' in v) return figure((v as { value: unknown }).value)
  return null
}

/**
 * A tooltip formatter: a heading (the period, or the bar's label) and one row
 * per series with its name and figure. Series named in `skip` (invisible
 * helpers) are left out.
 */
export function tooltipFormatter(show: ShowFigure, skip: string[] = []) {
  return (params: TipParam | TipParam[]): HTMLElement => {
    const list = (Array.isArray(params) ? params : [params]).filter((p) => !skip.includes(p.seriesName ?? ''))
    const box = el('div', 'chart-tip')
    const first = list[0]
    const heading = first?.axisValueLabel ?? first?.name ?? ''
    if (heading) box.appendChild(el('div', 'chart-tip-heading', String(heading)))
    for (const p of list) {
      const row = el('div', 'chart-tip-row')
      row.appendChild(el('span', 'chart-tip-name', String(p.seriesName ?? '')))
      row.appendChild(el('span', 'chart-tip-value', show(figure(p.value), p)))
      box.appendChild(row)
    }
    return box
  }
}
