import { useEffect, useRef, useState } from 'react'
import { fetchPeaks, recordingsApi, type WaveformPreparation } from '../../api/recordings'
import { speechAt, type Stretch } from './speech'
import { clock } from './time'

interface Props {
  mediaId: number
  durationMs: number
  positionMs: number
  onSeek: (ms: number) => void
  /** Stretches of probable speech, shaded behind the waveform; null until known. */
  speech: readonly Stretch[] | null
}

const none: readonly Stretch[] = []

/** The shading of speech: NHS pale blue, distinct from the background and the bars drawn over it. */
const speechFill = '#c8dcf0'

// Draws the recording's waveform on a canvas from peaks Go computed once and cached; only the
// visible span is fetched, at one column per device pixel. Click or use arrow keys to seek.
// Stretches of probable speech are shaded; the player's keys jump between them.
export function Waveform({ mediaId, durationMs, positionMs, onSeek, speech: known }: Props) {
  const speech = known ?? none
  const canvas = useRef<HTMLCanvasElement>(null)
  const [zoom, setZoom] = useState(1)
  const [peaks, setPeaks] = useState<{ from: number; to: number; min: Int16Array; max: Int16Array } | null>(null)
  const [width, setWidth] = useState(0)
  const [error, setError] = useState('')
  const [loadMs, setLoadMs] = useState<number | null>(null)
  const [prep, setPrep] = useState<WaveformPreparation | null>(null)
  // Said only when the wait is noticeable, so a cached waveform does not flash a message.
  const [slow, setSlow] = useState(false)

  // While the waveform is being computed, say so, and how far the background preparation is.
  useEffect(() => {
    let live = true
    recordingsApi.preparation().then((p) => live && setPrep(p), () => {})
    const off = recordingsApi.onPreparation((p) => live && setPrep(p))
    return () => { live = false; off() }
  }, [])

  const span = durationMs / zoom
  // The view follows the playhead when zoomed in.
  const from = zoom === 1 ? 0 : Math.max(0, Math.min(durationMs - span, Math.floor(positionMs / span) * span))
  const to = from + span

  useEffect(() => {
    const el = canvas.current
    if (!el) return
    const ro = new ResizeObserver(() => setWidth(el.clientWidth))
    ro.observe(el)
    setWidth(el.clientWidth)
    return () => ro.disconnect()
  }, [])

  useEffect(() => {
    if (!width || !durationMs) return
    let live = true
    const cols = Math.min(8192, Math.round(width * (window.devicePixelRatio || 1)))
    const t0 = performance.now()
    const timer = setTimeout(() => live && setSlow(true), 250)
    fetchPeaks(mediaId, from, to, cols).then(
      (p) => { if (live) { setPeaks({ from, to, min: p.min, max: p.max }); setLoadMs(Math.round(performance.now() - t0)); setSlow(false) } },
      (e: Error) => { if (live) { setError(e.message); setSlow(false) } },
    ).finally(() => clearTimeout(timer))
    return () => { live = false; clearTimeout(timer) }
  }, [mediaId, from, to, width, durationMs])

  useEffect(() => {
    const el = canvas.current
    if (!el || !peaks) return
    const dpr = window.devicePixelRatio || 1
    const w = Math.round(el.clientWidth * dpr)
    const h = Math.round(el.clientHeight * dpr)
    if (el.width !== w || el.height !== h) { el.width = w; el.height = h }
    const g = el.getContext('2d')
    if (!g) return
    g.clearRect(0, 0, w, h)
    g.fillStyle = '#f0f4f5'
    g.fillRect(0, 0, w, h)
    const scale = w / (peaks.to - peaks.from)
    g.fillStyle = speechFill
    for (const s of speech) {
      if (s.toMs <= peaks.from || s.fromMs >= peaks.to) continue
      const x1 = Math.max(0, (s.fromMs - peaks.from) * scale)
      const x2 = Math.min(w, (s.toMs - peaks.from) * scale)
      g.fillRect(x1, 0, Math.max(1, x2 - x1), h)
    }
    const mid = h / 2
    const n = peaks.min.length
    const played = ((positionMs - peaks.from) / (peaks.to - peaks.from)) * w
    for (let i = 0; i < n; i++) {
      const x = (i / n) * w
      const y1 = mid - (peaks.max[i] / 32768) * mid
      const y2 = mid - (peaks.min[i] / 32768) * mid
      g.fillStyle = x < played ? '#005eb8' : '#768692'
      g.fillRect(x, y1, Math.max(1, w / n), Math.max(1, y2 - y1))
    }
    if (played >= 0 && played <= w) {
      g.fillStyle = '#da291c'
      g.fillRect(played - dpr, 0, 2 * dpr, h)
    }
  }, [peaks, positionMs, speech])

  const seekAt = (clientX: number) => {
    const el = canvas.current
    if (!el) return
    const r = el.getBoundingClientRect()
    onSeek(from + ((clientX - r.left) / r.width) * span)
  }
  const inSpeech = speechAt(speech, positionMs) >= 0
  const onKey = (e: React.KeyboardEvent) => {
    const step = e.shiftKey ? 10000 : 1000
    if (e.key === 'ArrowLeft') { e.preventDefault(); onSeek(Math.max(0, positionMs - step)) }
    if (e.key === 'ArrowRight') { e.preventDefault(); onSeek(Math.min(durationMs, positionMs + step)) }
    if (e.key === 'Home') { e.preventDefault(); onSeek(0) }
    if (e.key === 'End') { e.preventDefault(); onSeek(durationMs) }
  }

  return (
    <div className="waveform">
      <canvas
        ref={canvas}
        className="waveform-canvas"
        role="slider"
        tabIndex={0}
        aria-label="Playhead: click the waveform or use the arrow keys to move"
        aria-valuemin={0}
        aria-valuemax={Math.round(durationMs / 1000)}
        aria-valuenow={Math.round(positionMs / 1000)}
        aria-valuetext={`${clock(positionMs)} of ${clock(durationMs)}${speech.length ? (inSpeech ? ', in speech' : ', in silence') : ''}`}
        onClick={(e) => seekAt(e.clientX)}
        onKeyDown={onKey}
        data-load-ms={loadMs ?? undefined}
      />
      <div className="waveform-bar">
        <span className="muted">{clock(from)} to {clock(to)}</span>
        {known && (
          <span className="waveform-legend" data-testid="speech-legend">
            <span className="speech-swatch" aria-hidden="true" />
            {speech.length ? `Shaded: probable speech (${speech.length} ${speech.length === 1 ? 'stretch' : 'stretches'})` : 'No speech found'}
          </span>
        )}
        <span className="waveform-zoom">
          <button type="button" className="secondary" onClick={() => setZoom(Math.max(1, zoom / 2))} disabled={zoom === 1}>Zoom out</button>
          <button type="button" className="secondary" onClick={() => setZoom(Math.min(256, zoom * 2))} disabled={durationMs / zoom < 4000}>Zoom in</button>
        </span>
      </div>
      {!peaks && !error && slow && (
        <p className="muted" role="status" data-testid="waveform-preparing">
          Preparing the waveform…
          {prep?.running && prep.state.total > 1 && ` Redline is preparing waveforms in the background: ${prep.state.done} of ${prep.state.total} recordings done.`}
        </p>
      )}
      {error && <p className="error" role="alert">{error}</p>}
    </div>
  )
}
