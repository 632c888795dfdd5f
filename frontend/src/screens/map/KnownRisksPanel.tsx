import { useState } from 'react'
import { mapsApi, type KnownRisk, type KnownRiskLocation } from '../../api/maps'
import { UkDateInput } from '../../ui/UkDateInput'
import { formatDate, londonDayStart } from '../../ui/time'
import { formatMetres } from './popups'

interface Draft { id: number; label: string; reason: string; lat: string; lon: string; radiusM: string; review: string; active: boolean; addedBy: string; addedAt: number }

function isoDay(unix: number | null | undefined): string {
  if (!unix) return ''
  const [d, m, y] = formatDate(unix).split('/')
  return `${y}-${m}-${d}`
}

function draftOf(k: KnownRiskLocation | null, radius: number): Draft {
  if (!k) return { id: 0, label: '', reason: '', lat: '', lon: '', radiusM: String(radius), review: '', active: true, addedBy: '', addedAt: 0 }
  return { id: k.id, label: k.label, reason: k.reason, lat: String(k.lat), lon: String(k.lon), radiusM: String(k.radiusM),
    review: isoDay(k.reviewDate), active: k.active, addedBy: k.addedBy, addedAt: k.addedAt }
}

/** The log of known-risk locations (NG 6.9): list, add, edit and review. */
export function KnownRisksPanel({ risks, defaultRadiusM, onSaved, onShow, setPick }: {
  risks: KnownRisk[]
  defaultRadiusM: number
  onSaved: () => void
  onShow: (lat: number, lon: number, radiusM: number) => void
  setPick: (fn: ((lat: number, lon: number) => void) | null) => void
}) {
  const [draft, setDraft] = useState<Draft | null>(null)
  const [error, setError] = useState('')
  const [status, setStatus] = useState('')
  const overdue = risks.filter((r) => r.overdue)

  const edit = (k: KnownRiskLocation | null) => {
    setError('')
    setStatus('')
    setDraft(draftOf(k, defaultRadiusM))
  }
  const pickOnMap = () => setPick(() => (lat: number, lon: number) => {
    setDraft((d) => (d ? { ...d, lat: String(lat), lon: String(lon) } : d))
    setPick(null)
  })
  const save = async (e: React.FormEvent) => {
    e.preventDefault()
    if (!draft) return
    const lat = Number(draft.lat), lon = Number(draft.lon), radiusM = Number(draft.radiusM)
    if (!draft.lat || !draft.lon || !Number.isFinite(lat) || !Number.isFinite(lon)) {
      setError('Enter the latitude and longitude as numbers (for example 53.80080 and -1.54910), or pick the place on the map.')
      return
    }
    if (!Number.isFinite(radiusM)) {
      setError('Enter the radius in metres as a number.')
      return
    }
    try {
      await mapsApi.saveKnownRisk({
        id: draft.id, label: draft.label, reason: draft.reason, lat, lon, radiusM, active: draft.active,
        reviewDate: draft.review ? londonDayStart(draft.review) : undefined,
        addedBy: draft.addedBy, addedAt: draft.addedAt, updatedAt: 0,
      } as KnownRiskLocation)
      setStatus(`Saved ${draft.label}.`)
      setDraft(null)
      setPick(null)
      onSaved()
    } catch (err) {
      setError((err as Error).message)
    }
  }
  const field = (k: keyof Draft) => (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
    setDraft((d) => (d ? { ...d, [k]: e.target.value } : d))

  return (
    <>
      {overdue.length > 0 && (
        <p className="warning" role="status">{overdue.length} known-risk location{overdue.length === 1 ? ' is' : 's are'} past {overdue.length === 1 ? 'its' : 'their'} review date.</p>
      )}
      {status && <p className="status" role="status">{status}</p>}
      {draft ? (
        <form className="risk-form" onSubmit={save} aria-label={draft.id ? 'Edit known-risk location' : 'Add a known-risk location'}>
          <h3>{draft.id ? `Edit ${draft.label}` : 'Add a known-risk location'}</h3>
          <label>Address or short label<input value={draft.label} onChange={field('label')} required /></label>
          <label>Reason<textarea value={draft.reason} onChange={field('reason')} rows={2} /></label>
          <div className="latlon">
            <label>Latitude<input value={draft.lat} onChange={field('lat')} inputMode="decimal" size={10} /></label>
            <label>Longitude<input value={draft.lon} onChange={field('lon')} inputMode="decimal" size={10} /></label>
            <button type="button" className="secondary" onClick={pickOnMap}>Pick on map</button>
          </div>
          <label>Radius in metres<input value={draft.radiusM} onChange={field('radiusM')} inputMode="numeric" size={6} /></label>
          <UkDateInput label="Review date" value={draft.review} onChange={(v) => setDraft((d) => (d ? { ...d, review: v } : d))} />
          {draft.id !== 0 && (
            <label className="inline-check"><input type="checkbox" checked={draft.active} onChange={(e) => setDraft((d) => (d ? { ...d, active: e.target.checked } : d))} /> In force (untick to retire it; the history is kept)</label>
          )}
          {error && <p className="error" role="alert">{error}</p>}
          <p className="row-actions">
            <button type="submit">Save</button>
            <button type="button" className="secondary" onClick={() => { setDraft(null); setPick(null) }}>Cancel</button>
          </p>
        </form>
      ) : (
        <p><button type="button" onClick={() => edit(null)}>Add a known-risk location</button></p>
      )}
      {risks.length === 0 ? <p className="muted">No known-risk locations yet.</p> : (
        <ul className="risk-list">
          {risks.map((r) => (
            <li key={r.location.id} className={r.location.active ? '' : 'retired'}>
              <strong>{r.location.label}</strong>{!r.location.active && ' (retired)'}
              {r.overdue && <span className="badge badge-red overdue">Review overdue</span>}
              <br />{r.location.reason}
              <br /><span className="muted">Radius {formatMetres(r.location.radiusM)} · review {r.location.reviewDate ? formatDate(r.location.reviewDate) : 'not set'} · added by {r.location.addedBy || 'unknown'} on {formatDate(r.location.addedAt)}</span>
              <br />
              <button type="button" className="link-button" onClick={() => onShow(r.location.lat, r.location.lon, r.location.radiusM)}>Show<span className="visually-hidden"> {r.location.label} on the map</span></button>
              <button type="button" className="link-button" onClick={() => edit(r.location)}>Edit or review<span className="visually-hidden"> {r.location.label}</span></button>
            </li>
          ))}
        </ul>
      )}
    </>
  )
}
