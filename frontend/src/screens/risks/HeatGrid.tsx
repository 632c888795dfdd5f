import type { Cell, Grid } from '../../api/risks'
import { inkOn } from './colour'
import './risks.css'

const consequences = ['', 'Negligible', 'Minor', 'Moderate', 'Major', 'Catastrophic']
const likelihoods = ['', 'Rare', 'Unlikely', 'Possible', 'Likely', 'Almost certain']

/**
 * The NHS 5x5 matrix as a grid of buttons: likelihood down the side (almost
 * certain at the top), consequence along the bottom. Each square shows its
 * rating, band and how many open risks sit there; choosing one filters the list.
 */
export function HeatGrid({ grid, selected, onSelect }: {
  grid: Grid
  selected: { c: number; l: number } | null
  onSelect: (cell: Cell | null) => void
}) {
  return (
    <div className="heat">
      <table className="heat-grid">
        <caption>{grid.total} open risk{grid.total === 1 ? '' : 's'} by {grid.kind} score. Choose a square to list its risks.</caption>
        <thead>
          <tr><th scope="col"><span className="visually-hidden">Likelihood</span></th>
            {[1, 2, 3, 4, 5].map((c) => <th key={c} scope="col" className="heat-axis">{c} {consequences[c]}</th>)}</tr>
        </thead>
        <tbody>
          {grid.rows.map((row) => (
            <tr key={row[0].likelihood}>
              <th scope="row" className="heat-axis">{row[0].likelihood} {likelihoods[row[0].likelihood]}</th>
              {row.map((cell) => {
                const on = selected?.c === cell.consequence && selected?.l === cell.likelihood
                return (
                  <td key={cell.consequence}>
                    <button type="button" className={`heat-cell${cell.count ? ' has' : ''}`} aria-pressed={on}
                      style={{ background: cell.colour || '#e8edee', color: inkOn(cell.colour) }}
                      aria-label={`Consequence ${cell.consequence} ${consequences[cell.consequence]}, likelihood ${cell.likelihood} ${likelihoods[cell.likelihood]}: rating ${cell.rating}, ${cell.band}, ${cell.count} risk${cell.count === 1 ? '' : 's'}`}
                      title={cell.refs.join(', ')}
                      onClick={() => onSelect(on ? null : cell)}>
                      <span className="heat-count">{cell.count}</span>
                      <span className="heat-band">{cell.rating} {cell.band}</span>
                    </button>
                  </td>
                )
              })}
            </tr>
          ))}
        </tbody>
        <tfoot><tr><td /><td colSpan={5} className="heat-foot">Consequence →</td></tr></tfoot>
      </table>
      <ul className="heat-key" aria-label="Bands">
        {grid.bands.map((b) => (
          <li key={b.label}><span className="swatch" style={{ background: b.colour }} aria-hidden="true" />{b.label} {b.min}–{b.max}</li>
        ))}
      </ul>
    </div>
  )
}

/** A score as a coloured chip with its words: never colour alone. */
export function BandChip({ band, rating, colour }: { band: string; rating?: number; colour?: string }) {
  return (
    <span className="band-chip" style={colour ? { background: colour, color: inkOn(colour) } : undefined}>
      {rating != null ? `${rating} ` : ''}{band}
    </span>
  )
}
