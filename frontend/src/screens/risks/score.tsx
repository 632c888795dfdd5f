import type { RiskScore } from '../../api/risks'
import { scoreColour } from './colour'
import { BandChip } from './HeatGrid'

export const consequenceNames = ['', 'Negligible', 'Minor', 'Moderate', 'Major', 'Catastrophic']
export const likelihoodNames = ['', 'Rare', 'Unlikely', 'Possible', 'Likely', 'Almost certain']

/** "4 Major x 3 Possible = 12 High", with the band as a coloured chip. */
export function ScoreText({ s }: { s?: RiskScore | null }) {
  if (!s) return <span className="muted">Not scored</span>
  return (
    <span className="score-text">
      {s.consequence} x {s.likelihood} = <BandChip band={s.band} rating={s.rating} colour={scoreColour(s)} />
    </span>
  )
}

/** Consequence and likelihood pickers for one score. */
export function ScorePicker({ value, onChange, idPrefix, legend }: {
  value: { consequence: number; likelihood: number }
  onChange: (v: { consequence: number; likelihood: number }) => void
  idPrefix: string
  legend: string
}) {
  return (
    <fieldset className="score-picker">
      <legend>{legend}</legend>
      <label htmlFor={`${idPrefix}-c`}>Consequence
        <select id={`${idPrefix}-c`} value={value.consequence} onChange={(e) => onChange({ ...value, consequence: Number(e.target.value) })}>
          <option value={0}>Choose…</option>
          {consequenceNames.slice(1).map((n, i) => <option key={n} value={i + 1}>{i + 1} {n}</option>)}
        </select></label>
      <label htmlFor={`${idPrefix}-l`}>Likelihood
        <select id={`${idPrefix}-l`} value={value.likelihood} onChange={(e) => onChange({ ...value, likelihood: Number(e.target.value) })}>
          <option value={0}>Choose…</option>
          {likelihoodNames.slice(1).map((n, i) => <option key={n} value={i + 1}>{i + 1} {n}</option>)}
        </select></label>
      <span className="score-preview" aria-live="polite">{value.consequence && value.likelihood ? `Rating ${value.consequence * value.likelihood}` : ''}</span>
    </fieldset>
  )
}
