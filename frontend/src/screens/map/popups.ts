// Marker popups are built as DOM nodes with textContent, never HTML strings:
// worker names and memos come from imported files.
import type { MapAlert, RiskMatch } from '../../api/maps'
import { formatDateTime } from '../../ui/time'
import { label, typeLabels, validityLabels } from '../../ui/labels'

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag)
  if (text != null) e.textContent = text
  if (className) e.className = className
  return e
}

export function formatMetres(m: number): string {
  return m >= 1000 ? `${(m / 1000).toFixed(m >= 10000 ? 0 : 1)} km` : `${Math.round(m)} m`
}

export function riskText(r: RiskMatch): string {
  return `${r.label} (${formatMetres(r.distanceM)} from its centre)`
}

/** Fills a popup element with one alert's facts and its actions. */
export function fillAlertPopup(root: HTMLElement, m: MapAlert, onOpen: (id: number) => void): void {
  const a = m.alert
  root.replaceChildren()
  const title = el('p', undefined, 'popup-title')
  title.append(el('span', label(typeLabels, a.type), `badge badge-${a.type}`), ` ${a.arcRef}`)
  const facts = el('dl', undefined, 'popup-facts')
  const add = (k: string, v: string) => { if (v) facts.append(el('dt', k), el('dd', v)) }
  add('Raised (UK)', formatDateTime(a.raisedAt))
  add('Lone worker', a.workerName ? `${a.workerName}${a.workerRef ? ` (${a.workerRef})` : ''}` : 'Not recorded')
  add('Team', a.teamName)
  add('Validity', label(validityLabels, a.validity))
  root.append(title, facts)
  if (m.risks?.length) {
    const warn = el('div', undefined, 'popup-risk')
    warn.append(el('strong', 'Known-risk location: '), m.risks.map(riskText).join('; '))
    root.append(warn)
  }
  const actions = el('p', undefined, 'popup-actions')
  const open = el('button', 'Open alert', 'secondary')
  open.type = 'button'
  open.addEventListener('click', () => onOpen(a.id))
  actions.append(open)
  if (a.type === 'red') {
    const link = el('a', 'Case map', 'button-link')
    link.href = `#/map/case/${a.id}`
    actions.append(link)
  }
  root.append(actions)
}
