import { newerStatus } from './job'
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react'
import { recordingsApi, type PlayerStatus } from '../../api/recordings'
import { formatDateTime } from '../../ui/time'
import { useLoad } from '../../ui/useLoad'
import { TranscriptEditor } from './TranscriptEditor'
import { Waveform } from './Waveform'
import { nextSpeech, previousSpeech, type Stretch } from './speech'
import { clock } from './time'
import './recording.css'

/** What each kind of recording is, in plain words; the ARC's own word is shown beside it when it had one. */
const recordingKinds: Record<string, string> = {
  recording: 'Recording', amber_memo: 'Amber memo', red_live: 'Live audio of a red alert', pre_alarm: 'Audio from before the alarm',
}

const speeds = [0.5, 0.625, 0.75, 0.875, 1, 1.125, 1.25, 1.375, 1.5, 1.625, 1.75, 1.875, 2]

/** A full-window dialog over the alert detail: the recording's player and its transcripts. */
export function RecordingDialog({ mediaId, onClose }: { mediaId: number; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    dialog.current?.showModal()
    return () => { recordingsApi.close().catch(() => {}) }
  }, [])
  // Esc is the transcription tools' play/pause key, so it must not close the dialog.
  const onCancel = (e: React.SyntheticEvent) => e.preventDefault()
  return (
    <dialog ref={dialog} className="recording-dialog" aria-labelledby="recording-title" onCancel={onCancel}>
      <RecordingPanel mediaId={mediaId} onClose={onClose} />
    </dialog>
  )
}

export function RecordingPanel({ mediaId, onClose }: { mediaId: number; onClose: () => void }) {
  const [current, setCurrent] = useState(mediaId)
  const loaded = useLoad(current, recordingsApi.info)
  const info = loaded.data ?? null
  const [player, setPlayer] = useState<PlayerStatus | null>(null)
  // Statuses come both as answers and as events that may overtake each other:
  // keep the newest Go sent (its seq), never a late older one.
  const setStatus = useCallback((s: PlayerStatus | null) => setPlayer((cur) => newerStatus(cur, s)), [])
  // Only the current recording's status is shown, so a late one for the recording left behind is not.
  const status = player?.mediaId === current ? player : null
  const [actError, setError] = useState('')
  const [busy, setBusy] = useState('')
  const [notice, setNotice] = useState('')
  const error = actError || loaded.error
  const listenTo = (id: number) => { setError(''); setCurrent(id) }

  // Go's player opens the current recording once its details say it can play.
  const playable = !!info?.playable
  useEffect(() => {
    if (!playable) return
    let live = true
    recordingsApi.open(current).then((s) => live && setStatus(s), (e: Error) => live && setError(e.message))
    return () => { live = false }
  }, [current, playable, setStatus])
  useEffect(() => recordingsApi.onPosition((s) => { if (s.mediaId === current) setStatus(s) }), [current, setStatus])

  // Stretches of speech, computed with the waveform's peaks (the same single computation in Go).
  const [speech, setSpeech] = useState<{ mediaId: number; stretches: Stretch[] } | null>(null)
  useEffect(() => {
    if (!playable) return
    let live = true
    recordingsApi.speech(current).then((s) => live && setSpeech({ mediaId: current, stretches: s }), () => {})
    return () => { live = false }
  }, [current, playable])
  const stretches = speech?.mediaId === current ? speech.stretches : null

  const act = useCallback((p: Promise<PlayerStatus>) => {
    p.then(setStatus, (e: Error) => setError(e.message))
  }, [setStatus])

  const speed = status?.speed ?? 1
  const changeSpeed = useCallback((d: number) => act(recordingsApi.setSpeed(Math.min(2, Math.max(0.5, speed + d)))), [act, speed])

  const positionMs = status?.positionMs ?? 0
  const nextAt = stretches ? nextSpeech(stretches, positionMs) : null
  const prevAt = stretches ? previousSpeech(stretches, positionMs) : null
  const jumpSpeech = useCallback((forward: boolean) => {
    const to = forward ? nextAt : prevAt
    if (to != null) act(recordingsApi.seek(to))
  }, [act, nextAt, prevAt])

  // Keyboard control modelled on oTranscribe / Express Scribe. Registered before paint, so a key
  // pressed as soon as a new position shows acts on that position, not the one before the jump.
  const ready = status != null
  useLayoutEffect(() => {
    if (!ready) return
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') { e.preventDefault(); act(recordingsApi.toggle()) }
      else if (e.key === 'F1') { e.preventDefault(); act(recordingsApi.skipBack()) }
      else if (e.key === 'F2') { e.preventDefault(); act(recordingsApi.skipForward()) }
      else if (e.key === 'F3') { e.preventDefault(); changeSpeed(-(info?.speedStep ?? 0.125)) }
      else if (e.key === 'F4') { e.preventDefault(); changeSpeed(info?.speedStep ?? 0.125) }
      // F8 is free in the webview and beside the transcription keys; Shift goes backwards.
      else if (e.key === 'F8') { e.preventDefault(); jumpSpeech(!e.shiftKey) }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [ready, act, changeSpeed, info, jumpSpeech])

  const makeCopy = () => {
    setBusy('Making a working copy with ffmpeg…')
    recordingsApi.makeWorkingCopy(current).then((m) => {
      setBusy(''); setNotice(`Working copy made: ${m.originalName}, SHA-256 ${m.sha256}. The original is unchanged.`)
      listenTo(m.id)
    }, (e: Error) => { setBusy(''); setError(e.message) })
  }
  const exportRec = () => {
    recordingsApi.exportRecording(current).then((p) => p && setNotice(`Recording exported to ${p} (hash checked; export recorded in the audit log).`),
      (e: Error) => setError(e.message))
  }

  const m = info?.media
  const playing = status?.state === 'playing'
  return (
    <section className="recording-panel" aria-labelledby="recording-title">
      <div className="recording-head">
        <h2 id="recording-title">Recording {m ? `· ${m.originalName}` : ''} {info?.alertRef ? `· alert ${info.alertRef}` : ''}</h2>
        <button type="button" className="secondary" onClick={onClose}>Close recording</button>
      </div>
      {error && <p className="error" role="alert">{error}</p>}
      {notice && <p className="notice" role="status">{notice}</p>}
      {!info && !error && <p aria-busy="true">Opening the recording…</p>}
      {m && (
        <dl className="facts recording-facts">
          <dt>SHA-256</dt><dd className="hash">{m.sha256}</dd>
          <dt>Kind</dt><dd>{recordingKinds[m.kind] ?? m.kind}{m.kindWord ? ` (ARC: ${m.kindWord})` : ''}</dd>
          <dt>Format</dt><dd>{info.decoded.codec || m.codec}, {(info.decoded.sampleRate || m.sampleRate) / 1000} kHz, {info.decoded.channels || m.channels} channel(s)</dd>
          <dt>Length</dt><dd>{clock(info.decoded.durationMs || m.durationMs)}</dd>
          {m.recordedAt != null && <><dt>Recorded</dt><dd>{formatDateTime(m.recordedAt)}</dd></>}
          {info.lengthNote && <><dt>File length</dt><dd className="length-note" role="note">{info.lengthNote}</dd></>}
          {info.provenance && <><dt>Working copy</dt><dd>made {formatDateTime(info.provenance.at)} by {info.provenance.actor} with {info.provenance.toolVersion} from SHA-256 {info.provenance.sourceSha256.slice(0, 16)}…</dd></>}
        </dl>
      )}
      {info && !info.playable && (
        <div className="problem" role="alert">
          <p>{info.problem}</p>
          {info.canConvert && <button type="button" onClick={makeCopy} disabled={!!busy}>Make a working copy</button>}
          {busy && <p aria-live="polite">{busy}</p>}
          {(info.derivatives ?? []).map((d) => (
            <p key={d.id}>Working copy exists: {d.originalName} <button type="button" className="secondary" onClick={() => listenTo(d.id)}>Listen to the working copy</button></p>
          ))}
        </div>
      )}
      {info?.playable && status && (
        <>
          {!status.hasDevice && <p className="notice" role="status">{status.deviceNote || 'No audio device: playing silently.'}</p>}
          <Waveform mediaId={current} durationMs={status.durationMs} positionMs={status.positionMs} onSeek={(ms) => act(recordingsApi.seek(ms))} speech={stretches} />
          <div className="player-controls" role="group" aria-label="Player">
            <span className="player-time" aria-live="off" data-testid="player-time">{clock(status.positionMs)} / {clock(status.durationMs)}</span>
            <button type="button" onClick={() => act(recordingsApi.skipBack())} aria-keyshortcuts="F1">Back 1.5 s</button>
            <button type="button" className="play" onClick={() => act(recordingsApi.toggle())} aria-keyshortcuts="Escape">{playing ? 'Pause' : 'Play'}</button>
            <button type="button" onClick={() => act(recordingsApi.skipForward())} aria-keyshortcuts="F2">Forward 1.5 s</button>
            <button type="button" className="secondary" onClick={() => jumpSpeech(false)} disabled={prevAt == null} aria-keyshortcuts="Shift+F8"
              title="Shift+F8">Previous speech</button>
            <button type="button" className="secondary" onClick={() => jumpSpeech(true)} disabled={nextAt == null} aria-keyshortcuts="F8"
              title="F8">Next speech</button>
            <label>Speed{' '}
              <select value={String(speed)} onChange={(e) => act(recordingsApi.setSpeed(Number(e.target.value)))} aria-keyshortcuts="F3 F4">
                {speeds.map((s) => <option key={s} value={String(s)}>{s}×</option>)}
              </select>
            </label>
            <label>Volume{' '}
              <input type="range" min={0} max={2} step={0.05} value={status.volume} onChange={(e) => act(recordingsApi.setVolume(Number(e.target.value)))} />
            </label>
            <label className="check"><input type="checkbox" checked={status.enhance} onChange={(e) => act(recordingsApi.setEnhance(e.target.checked))} /> Enhance voice (listening aid; the file is never changed)</label>
            <button type="button" className="secondary" onClick={exportRec}>Export recording…</button>
          </div>
          <details className="shortcuts">
            <summary>Keyboard shortcuts</summary>
            <table className="mini"><tbody>
              {info.shortcuts.map((s) => <tr key={s.key}><th scope="row"><kbd>{s.key}</kbd></th><td>{s.action}</td></tr>)}
            </tbody></table>
          </details>
          {/* Keyed by the recording, so one recording's transcript is never shown, or saved, as another's. */}
          <TranscriptEditor key={current} mediaId={current} durationMs={status.durationMs} positionMs={status.positionMs}
            onSeek={(ms) => act(recordingsApi.seek(ms))} />
        </>
      )}
    </section>
  )
}
