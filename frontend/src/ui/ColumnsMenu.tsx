import { useState } from 'react'
import type { ColumnChoice } from './columns'

/** The Columns menu of a table: show or hide each column and move it earlier or later. */
export function ColumnsMenu({ choice, headers, drawn, keep, toggle, move, reset }: {
  choice: ColumnChoice[]
  headers: Readonly<Record<string, string>>
  drawn: readonly string[]
  keep: string
  toggle: (id: string) => void
  move: (id: string, by: -1 | 1) => void
  reset: () => void
}) {
  const noRoom = choice.filter((c) => c.shown && !drawn.includes(c.id)).length
  // Drawn only while open, so its ticks (named like the filters: Type, Team) are not on the page otherwise.
  const [open, setOpen] = useState(false)
  return (
    <details className="columns-menu" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Columns{noRoom > 0 ? ` (${noRoom} without room)` : ''}</summary>
      {open && <div className="columns-pop">
        <p className="muted small">Tick the columns to show and order them. Columns that do not fit the window wait at the end{noRoom > 0 ? '; widen the window or untick one' : ''}.</p>
        <ol>
          {choice.map((c, i) => (
            <li key={c.id}>
              <label className="choice">
                <input type="checkbox" checked={c.shown || c.id === keep} disabled={c.id === keep} onChange={() => toggle(c.id)} />
                {headers[c.id]}{c.id === keep ? ' (always shown)' : c.shown && !drawn.includes(c.id) ? ' (no room)' : ''}
              </label>
              <button type="button" className="secondary small" disabled={i === 0} onClick={() => move(c.id, -1)} aria-label={`Move ${headers[c.id]} earlier`}>↑</button>
              <button type="button" className="secondary small" disabled={i === choice.length - 1} onClick={() => move(c.id, 1)} aria-label={`Move ${headers[c.id]} later`}>↓</button>
            </li>
          ))}
        </ol>
        <button type="button" className="secondary small" onClick={reset}>Back to the usual columns</button>
      </div>}
    </details>
  )
}
