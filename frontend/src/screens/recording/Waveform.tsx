import { useEffect, useRef, useState } from 'react'
import { fetchPeaks } from '../../api/recordings'
import { clock } from './time'

interface Props {
  mediaId: number
  durationMs: number
  positionMs: number
  onSeek: (ms: number) => void
}

// Draws the recording's waveform on a canvas from peaks Go computed once and cached; only the
// visible span is fetched, at one column per device pixel. Click or use arrow keys to seek.
export function Waveform({ mediaId, durationMs, positionMs, onSeek }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null)
  const [zoom, setZoom] = useState(1)
  const [peaks, setPeaks] = useState<{ from: number; to: number; min: Int16Array; max: Int16Array } | null>(null)
  const [width, setWidth] = useState(0)
  const [error, setError] = useState('')
  const [loadMs, setLoadMs] = useState<number | null>(null)

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
    fetchPeaks(mediaId, from, to, cols).then(
      (p) => { if (live) { setPeaks({ from, to, min: p.min, max: p.max }); setLoadMs(Math.round(performance.now() - t0)) } },
      (e: Error) => live && setError(e.message),
    )
    return () => { live = false }
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
  }, [peaks, positionMs])

  const seekAt = (clientX: number) => {
    const el = canvas.current
    if (!el) return
    const r = el.getBoundingClientRect()
    onSeek(from + ((clientX - r.left) / r.width) * span)
  }
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
        aria-valuetext={`${clock(positionMs)} of ${clock(durationMs)}`}
        onClick={(e) => seekAt(e.clientX)}
        onKeyDown={onKey}
        data-load-ms={loadMs ?? undefined}
      />
      <div className="waveform-bar">
        <span className="muted">{clock(from)} to {clock(to)}</span>
        <span className="waveform-zoom">
          <button type="button" className="secondary" onClick={() => setZoom(Math.max(1, zoom / 2))} disabled={zoom === 1}>Zoom out</button>
          <button type="button" className="secondary" onClick={() => setZoom(Math.min(256, zoom * 2))} disabled={durationMs / zoom < 4000}>Zoom in</button>
        </span>
      </div>
      {error && <p className="error" role="alert">{error}</p>}
    </div>
  )
}
