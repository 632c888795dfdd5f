import { useState } from 'react'
import { mapsApi, type MapSettings, type MapSettingsView } from '../../api/maps'
import { label, validityLabels } from '../../ui/labels'
import { useDraft } from '../../ui/useDraft'

const hotspotValidities = ['genuine', 'precautionary', 'false', 'test', 'duplicate', 'auto_closed']

/** Hotspot parameters, known-risk radii and the basemap. */
export function MapSettingsPanel({ settings, onSaved }: { settings: MapSettingsView | null; onSaved: (v: MapSettingsView) => void }) {
  // The form starts again from the settings each time they are saved or reloaded.
  const [s, setS] = useDraft(settings, (v) => v?.settings ?? null)
  const [error, setError] = useState('')
  const [status, setStatus] = useState('')
  if (!s || !settings) return <p>Loading…</p>

  const num = (k: keyof MapSettings) => (e: React.ChangeEvent<HTMLInputElement>) => setS({ ...s, [k]: Number(e.target.value) } as MapSettings)
  const apply = (v: MapSettingsView) => {
    // The page's Content-Security-Policy names the tile server: reload so a
    // new address is allowed (or an old one no longer is).
    const reload = v.settings.basemap !== settings.settings.basemap || v.settings.tileUrl !== settings.settings.tileUrl
    onSaved(v)
    setStatus('Map settings saved.')
    if (reload && (v.settings.basemap === 'url' || settings.settings.basemap === 'url')) window.location.reload()
  }
  const save = async (e: React.FormEvent) => {
    e.preventDefault()
    setError('')
    try {
      apply(await mapsApi.saveSettings(s))
    } catch (err) {
      setError((err as Error).message)
    }
  }
  const choose = async () => {
    setError('')
    try {
      apply(await mapsApi.chooseTileFile())
    } catch (err) {
      setError((err as Error).message)
    }
  }

  return (
    <form className="map-settings" onSubmit={save} aria-label="Map settings">
      <p className="privacy-note"><strong>No request leaves this laptop unless you set a tile server address.</strong> The built-in map of the UK and a map file chosen here are read from this computer.</p>
      <fieldset>
        <legend>Hotspots</legend>
        <label>Distance between alerts (metres)<input type="number" min={1} max={50000} value={s.hotspotEpsM} onChange={num('hotspotEpsM')} /></label>
        <label>Alerts that make a hotspot<input type="number" min={2} max={10000} value={s.hotspotMinPts} onChange={num('hotspotMinPts')} /></label>
        <fieldset className="checks">
          <legend>Red alerts that count</legend>
          {hotspotValidities.map((v) => (
            <label key={v} className="inline-check"><input type="checkbox" checked={s.hotspotValidity.includes(v)}
              onChange={(e) => setS({ ...s, hotspotValidity: e.target.checked ? [...s.hotspotValidity, v] : s.hotspotValidity.filter((x) => x !== v) })} /> {label(validityLabels, v)}</label>
          ))}
        </fieldset>
      </fieldset>
      <fieldset>
        <legend>Known-risk locations</legend>
        <label>Radius for a new location (metres)<input type="number" min={1} max={50000} value={s.knownRiskRadiusM} onChange={num('knownRiskRadiusM')} /></label>
        <label>Case map lists known risks within (metres)<input type="number" min={1} max={50000} value={s.caseRiskRadiusM} onChange={num('caseRiskRadiusM')} /></label>
      </fieldset>
      <fieldset>
        <legend>Basemap</legend>
        <label className="inline-check"><input type="radio" name="basemap" checked={s.basemap === 'builtin'} onChange={() => setS({ ...s, basemap: 'builtin' })} /> Built-in outline of the UK (offline)</label>
        <label className="inline-check"><input type="radio" name="basemap" checked={s.basemap === 'file'} disabled={!s.tileFile} onChange={() => setS({ ...s, basemap: 'file' })} /> Map tiles file on this computer (offline)</label>
        <p className="indent">
          {s.tileFile ? <>File: <code>{s.tileFile}</code>{settings.tileInfo && ` (${settings.tileInfo.kind}, ${settings.tileInfo.format}, zoom ${settings.tileInfo.minZoom}–${settings.tileInfo.maxZoom})`}</> : 'No file chosen.'}
          {' '}<button type="button" className="secondary" onClick={choose}>Choose MBTiles or PMTiles file…</button>
        </p>
        {settings.tileProblem && <p className="error">{settings.tileProblem}</p>}
        <label className="inline-check"><input type="radio" name="basemap" checked={s.basemap === 'url'} onChange={() => setS({ ...s, basemap: 'url' })} /> Tile server (sends map requests over the network)</label>
        <label className="indent">Tile server address<input type="url" value={s.tileUrl} placeholder="https://tiles.example.nhs.uk/{z}/{x}/{y}.png" size={40}
          onChange={(e) => setS({ ...s, tileUrl: e.target.value })} disabled={s.basemap !== 'url'} /></label>
        <label className="indent">Attribution shown on the map<input value={s.tileAttribution} onChange={(e) => setS({ ...s, tileAttribution: e.target.value })} size={40} /></label>
      </fieldset>
      {error && <p className="error" role="alert">{error}</p>}
      {status && <p className="status" role="status">{status}</p>}
      <button type="submit">Save map settings</button>
    </form>
  )
}
