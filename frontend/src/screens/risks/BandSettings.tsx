import { useEffect, useState } from 'react'
import { reloadOnChange } from '../../api/conflict'
import { risksApi, type Band } from '../../api/risks'
import { useAct } from '../letters/act'
import { Outcome } from '../letters/Outcome'
import { BandChip } from './HeatGrid'

/**
 * The trust's risk bands. Every achievable rating must fall in exactly one
 * band (Go checks and names the gap). Earlier scores keep the bands they were given.
 */
export function BandSettings({ onSaved }: { onSaved?: () => void }) {
  const [bands, setBands] = useState<Band[] | null>(null)
  // The set as loaded or last saved here: a colleague's save since is refused, not overwritten.
  const [seen, setSeen] = useState<Band[] | null>(null)
  const show = (bs: Band[]) => { setBands(bs); setSeen(bs) }
  const { act, error, status, setError } = useAct()
  useEffect(() => { risksApi.catalogue().then((c) => { setBands(c.bands); setSeen(c.bands) }, (e: Error) => setError(e.message)) }, [setError])
  if (!bands || !seen) return error ? <p className="error" role="alert">{error}</p> : <p>Loading…</p>
  const set = (i: number, b: Partial<Band>) => setBands(bands.map((x, j) => (j === i ? { ...x, ...b } : x)))
  return (
    <form className="band-settings" aria-label="Risk bands"
      onSubmit={(e) => { e.preventDefault(); act('Risk bands saved. New scores use them; earlier scores keep theirs.',
        () => reloadOnChange(() => risksApi.setBands(seen, bands), () => risksApi.catalogue().then((c) => show(c.bands), () => {})))
        .then((r) => { if (r) { show(r); onSaved?.() } }) }}>
      <p className="muted small">Ratings run 1 to 25 (consequence x likelihood). List bands lowest first, without overlap.</p>
      <table className="mini">
        <thead><tr><th scope="col">Band</th><th scope="col">From</th><th scope="col">To</th><th scope="col">Colour</th><th scope="col">Shown as</th><th scope="col"><span className="visually-hidden">Remove</span></th></tr></thead>
        <tbody>{bands.map((b, i) => (
          <tr key={i}>
            <td><input aria-label={`Band ${i + 1} name`} value={b.label} onChange={(e) => set(i, { label: e.target.value })} size={10} /></td>
            <td><input aria-label={`Band ${i + 1} lowest rating`} type="number" min={1} max={25} value={b.min} onChange={(e) => set(i, { min: Number(e.target.value) })} className="num" /></td>
            <td><input aria-label={`Band ${i + 1} highest rating`} type="number" min={1} max={25} value={b.max} onChange={(e) => set(i, { max: Number(e.target.value) })} className="num" /></td>
            <td><input aria-label={`Band ${i + 1} colour`} type="color" value={b.colour || '#e8edee'} onChange={(e) => set(i, { colour: e.target.value })} /></td>
            <td><BandChip band={b.label || '…'} colour={b.colour} /></td>
            <td><button type="button" className="linkish" onClick={() => setBands(bands.filter((_, j) => j !== i))}>Remove<span className="visually-hidden"> band {b.label}</span></button></td>
          </tr>
        ))}</tbody>
      </table>
      <Outcome error={error} status={status} />
      <div className="form-row">
        <button type="button" className="secondary" onClick={() => setBands([...bands, { label: '', min: 0, max: 0, colour: '#768692' }])}>Add a band</button>
        <button type="submit">Save bands</button>
      </div>
    </form>
  )
}
