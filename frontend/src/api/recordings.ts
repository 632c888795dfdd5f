import * as R from '../../wailsjs/go/main/Recordings'
import { EventsOn } from '../../wailsjs/runtime/runtime'
import { main, recording, store } from '../../wailsjs/go/models'
import { call } from './bridge'

export type RecordingInfo = main.RecordingInfo
export type PlayerStatus = recording.Status
export type PeakSpan = recording.Span
export type Media = store.Media
export type SpeechStretch = recording.SpeechStretch
export type WaveformPreparation = main.WaveformPreparation

/** Waveform columns for a span, fetched as compact binary from the /media/ route (falls back to the binding). */
export async function fetchPeaks(mediaId: number, fromMs: number, toMs: number, columns: number): Promise<{ durationMs: number; min: Int16Array; max: Int16Array }> {
  try {
    const r = await fetch(`/media/peaks/${mediaId}?from=${Math.round(fromMs)}&to=${Math.round(toMs)}&columns=${columns}`)
    if (!r.ok) throw new Error(await r.text())
    const buf = await r.arrayBuffer()
    const dv = new DataView(buf)
    const durationMs = Number(dv.getBigUint64(0, true))
    const n = (buf.byteLength - 8) / 4
    const min = new Int16Array(n)
    const max = new Int16Array(n)
    for (let i = 0; i < n; i++) {
      min[i] = dv.getInt16(8 + i * 4, true)
      max[i] = dv.getInt16(10 + i * 4, true)
    }
    return { durationMs, min, max }
  } catch {
    const s = await call(R.Peaks(mediaId, Math.round(fromMs), Math.round(toMs), columns))
    return { durationMs: s.durationMs, min: Int16Array.from(s.min ?? []), max: Int16Array.from(s.max ?? []) }
  }
}

export const recordingsApi = {
  info: (id: number) => call(R.Info(id)),
  open: (id: number) => call(R.Open(id)),
  play: () => call(R.Play()),
  pause: () => call(R.Pause()),
  toggle: () => call(R.Toggle()),
  seek: (ms: number) => call(R.SeekTo(Math.round(ms))),
  skipBack: () => call(R.SkipBack()),
  skipForward: () => call(R.SkipForward()),
  setSpeed: (x: number) => call(R.SetSpeed(x)),
  setVolume: (v: number) => call(R.SetVolume(v)),
  setEnhance: (on: boolean) => call(R.SetEnhance(on)),
  status: () => call(R.Status()),
  close: () => call(R.Close()),
  makeWorkingCopy: (id: number) => call(R.MakeWorkingCopy(id)),
  exportRecording: (id: number) => call(R.Export(id)),
  /** Stretches of probable speech (Go's energy detector), in ms, in order. */
  speech: (id: number) => call(R.Speech(id)).then((s) => s ?? []),
  /** The background computation of waveforms after an import or at start-up. */
  preparation: () => call(R.Preparation()),
  onPreparation: (fn: (p: WaveformPreparation) => void) => EventsOn('waveforms:progress', fn),
  /** Playhead updates pushed from Go while playing. Returns the unsubscribe function. */
  onPosition: (fn: (s: PlayerStatus) => void) => EventsOn('player:position', fn),
}
