import { useEffect, useState } from 'react'
import { transcriptsApi, type EngineInfo, type WhisperSettings } from '../../api/transcripts'

/** The speech-to-text engines: files are chosen in Go's own dialog, never typed here. */
export function TranscriptionSettings() {
  const [engines, setEngines] = useState<EngineInfo[]>([])
  const [whisper, setWhisper] = useState<WhisperSettings | null>(null)
  const [error, setError] = useState('')
  const load = () => {
    transcriptsApi.engines().then(setEngines, (e: Error) => setError(e.message))
    transcriptsApi.whisperSettings().then(setWhisper, (e: Error) => setError(e.message))
  }
  useEffect(load, [])
  const choose = (which: 'program' | 'model' | 'vad') => {
    setError('')
    transcriptsApi.chooseWhisperFile(which).then(() => load(), (e: Error) => setError(e.message))
  }
  const row = (label: string, value: string | undefined, which: 'program' | 'model' | 'vad') => (
    <>
      <dt>{label}</dt>
      <dd>
        {value ? <code>{value}</code> : <span className="muted">Not chosen</span>}{' '}
        <button type="button" className="secondary" onClick={() => choose(which)}>Choose…</button>
      </dd>
    </>
  )
  return (
    <section className="panel" aria-labelledby="set-stt">
      <h2 id="set-stt">Transcription</h2>
      <p>Automatic transcripts are drafts: a person must check every line against the recording before a transcript is signed.</p>
      <ul className="engine-list">
        {engines.map((e) => (
          <li key={e.name}>
            <strong>{e.label}</strong>: {e.available ? 'ready' : `not available. ${e.problem}`}
            {e.warning && <><br /><span className="muted">{e.warning}</span></>}
          </li>
        ))}
      </ul>
      <h3>whisper.cpp</h3>
      <p className="muted">Install whisper.cpp (on Windows, the whisper-bin-x64 download) and a ggml model such as ggml-base.en.bin, then choose them here.</p>
      <dl className="facts">
        {row('Program', whisper?.program, 'program')}
        {row('Model', whisper?.model, 'model')}
        {row('Voice-activity model (optional)', whisper?.vadModel, 'vad')}
      </dl>
      <p className="notice" id="stt-vad-note">
        Redline does not ask whisper.cpp to skip silence (voice-activity detection) for a transcript that may go to court,
        even when a voice-activity model is chosen here, unless its timings have been checked against the recording.
        whisper.cpp&apos;s voice-activity detection can move the times of words away from where they are heard in the
        original recording (whisper.cpp issues 3174 and 3754), and a court transcript&apos;s times must match the recording.
        The speech shading on the waveform is Redline&apos;s own and never changes a transcript&apos;s times.
      </p>
      {error && <p className="error" role="alert">{error}</p>}
    </section>
  )
}
