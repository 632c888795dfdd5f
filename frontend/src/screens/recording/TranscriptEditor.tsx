import { nextJob } from './job'
import { useEffect, useEffectEvent, useRef, useState } from 'react'
import { transcriptsApi, type EngineInfo, type Revision, type Segment, type TranscribeProgress, type TranscriptDoc } from '../../api/transcripts'
import { formatDateTime } from '../../ui/time'
import { useDraft } from '../../ui/useDraft'
import { clock, clockTenths, parseClock } from './time'

interface Props {
  mediaId: number
  durationMs: number
  positionMs: number
  onSeek: (ms: number) => void
}

type Format = 'pdf' | 'docx' | 'srt' | 'vtt' | 'txt'
const formats: [Format, string][] = [['pdf', 'PDF (court)'], ['docx', 'Word (court)'], ['srt', 'SRT'], ['vtt', 'WebVTT'], ['txt', 'Plain text']]

/**
 * Where an error belongs: beside the control it is about, so the eye and the
 * keyboard land there. `at` names the control (its data-err-at).
 */
interface Placed { at: string; message: string; n: number }

/**
 * placeSaveError reads a refusal of Save: Go's messages name the segment
 * ("segment 3: it ends ... before it starts") or the reference; the error goes
 * beside that segment's field, else beside the Save button.
 */
export function placeSaveError(message: string): string {
  const m = /^segment (\d+)\b(.*)$/i.exec(message)
  if (m) {
    const i = Number(m[1]) - 1
    const rest = m[2].toLowerCase()
    if (rest.includes('speaker')) return `seg-${i}-speaker`
    if (rest.includes('ends') && rest.includes('before it starts')) return `seg-${i}-end`
    if (rest.includes('starts at')) return `seg-${i}-start`
    return `seg-${i}-text`
  }
  if (/case reference/i.test(message)) return 'caseRef'
  if (/exhibit reference/i.test(message)) return 'exhibitRef'
  if (/speaker name/i.test(message)) return 'newSpeaker'
  return 'save'
}

/** The error placed at `at`, if it is there. */
function ErrorAt({ err, at }: { err: Placed | null; at: string }) {
  if (err?.at !== at) return null
  return <span id={`tr-err-${at}`} className="field-error" role="alert">{err.message}</span>
}

/** What a control carries while the error is about it. */
function invalidAt(err: Placed | null, at: string) {
  return { 'data-err-at': at, ...(err?.at === at ? { 'aria-invalid': true, 'aria-describedby': `tr-err-${at}` } : {}) }
}

function newSegment(at: number, speaker = 'Unknown'): Segment {
  return { startMs: Math.round(at), endMs: Math.round(at) + 2000, speaker, text: '', confidence: 0 } as Segment
}

export function TranscriptEditor({ mediaId, positionMs, onSeek }: Props) {
  const [engines, setEngines] = useState<EngineInfo[]>([])
  const [engine, setEngine] = useState('')
  const [job, setJob] = useState<TranscribeProgress | null>(null)
  const [docs, setDocs] = useState<TranscriptDoc[]>([])
  const [doc, setDoc] = useState<TranscriptDoc | null>(null)
  const [segs, setSegs] = useState<Segment[]>([])
  const [speakers, setSpeakers] = useState<string[]>([])
  const [refs, setRefs] = useState({ caseRef: '', exhibitRef: '' })
  const [dirty, setDirty] = useState(false)
  const [revs, setRevs] = useState<Revision[]>([])
  const [error, setError] = useState('')
  const [placed, setPlaced] = useState<Placed | null>(null)
  const root = useRef<HTMLElement>(null)
  const [notice, setNotice] = useState('')
  const [newSpeaker, setNewSpeaker] = useState('')
  const [signName, setSignName] = useState({ transcribed: '', checked: '' })
  const focused = useRef<{ i: number; el: HTMLTextAreaElement } | null>(null)

  // A new error takes the eye and the keyboard to its control.
  useEffect(() => {
    if (!placed) return
    const el = root.current?.querySelector<HTMLElement>(`[data-err-at="${placed.at}"]`)
    const msg = document.getElementById(`tr-err-${placed.at}`)
    ;(msg ?? el)?.scrollIntoView?.({ block: 'center' })
    el?.focus({ preventScroll: true })
  }, [placed])
  const failAt = (at: string) => (e: Error) => { setNotice(''); setPlaced((x) => ({ at, message: e.message, n: (x?.n ?? 0) + 1 })) }

  const load = (d: TranscriptDoc) => {
    setDoc(d); setSegs(d.segments ?? []); setSpeakers(d.speakers ?? []); setRefs({ caseRef: d.caseRef, exhibitRef: d.exhibitRef }); setDirty(false)
    transcriptsApi.revisions(d.id).then(setRevs, () => setRevs([]))
  }

  useEffect(() => {
    transcriptsApi.engines().then((es) => {
      setEngines(es)
      setEngine((es.find((e) => e.available && e.recommended) ?? es.find((e) => e.available) ?? es[0])?.name ?? '')
    }, (e: Error) => setError(e.message))
    transcriptsApi.list(mediaId).then((ds) => { setDocs(ds); if (ds[0]) load(ds[0]) }, (e: Error) => setError(e.message))
    const off = transcriptsApi.onProgress((p) => {
      if (p.mediaId !== mediaId) return
      setJob((cur) => nextJob(cur, p))
      if (p.state === 'done') {
        transcriptsApi.list(mediaId).then((ds) => { setDocs(ds); const d = ds.find((x) => x.id === p.transcriptId); if (d) load(d) })
      }
    })
    return off
  }, [mediaId])

  const update = (i: number, patch: Partial<Segment>) => {
    setSegs((s) => s.map((x, j) => (j === i ? ({ ...x, ...patch } as Segment) : x)))
    setDirty(true)
  }
  const insertMark = (mark: string) => {
    const f = focused.current
    if (!f) { setNotice('Click into a segment\'s text first, then insert the mark.'); return }
    const el = f.el
    const at = el.selectionStart ?? el.value.length
    const text = el.value.slice(0, at) + (at > 0 && el.value[at - 1] !== ' ' ? ' ' : '') + mark + ' ' + el.value.slice(el.selectionEnd ?? at)
    update(f.i, { text: text.replace(/\s+$/, '') })
  }

  // Ctrl+J inserts the playhead time, Ctrl+I an [inaudible] mark, into the text being edited.
  // An effect event reads the playhead as it is now without listening again on every render.
  const onMarkKey = useEffectEvent((e: KeyboardEvent) => {
    if (!e.ctrlKey || !focused.current) return
    const k = e.key.toLowerCase()
    if (k === 'j') { e.preventDefault(); insertMark(`[${clock(positionMs)}]`) }
    if (k === 'i') { e.preventDefault(); insertMark(`[inaudible ${clock(positionMs)}]`) }
  })
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => onMarkKey(e)
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])

  const start = () => {
    setError(''); setPlaced(null); setJob(null)
    transcriptsApi.start(mediaId, engine).then(
      (id) => setJob((cur) => nextJob(cur, { jobId: id, mediaId, engine, state: 'running', progress: 0, message: 'Starting', transcriptId: 0 })),
      failAt('engine'))
  }
  const save = () => {
    if (!doc) return
    setPlaced(null)
    transcriptsApi.save({ id: doc.id, base: doc.revision, segments: segs, speakers, ...refs }).then((d) => {
      load(d); setNotice(`Saved as revision ${d.revision}.`)
    }, (e: Error) => failAt(placeSaveError(e.message))(e))
  }
  const sign = (role: 'transcribed' | 'checked') => {
    if (!doc) return
    setPlaced(null)
    transcriptsApi.sign(doc.id, doc.revision, role, signName[role]).then((d) => { load(d); setNotice(role === 'checked' ? 'Checked: the transcript is no longer a draft.' : 'Transcriber recorded.') },
      failAt(role))
  }
  const exportAs = (f: Format) => {
    if (!doc) return
    setPlaced(null)
    if (dirty) { failAt(`export-${f}`)(new Error('Save your changes before exporting, so the export matches a saved revision.')); return }
    transcriptsApi.exportAs(doc.id, f).then((p) => p && setNotice(`Exported to ${p}. The export is recorded in the audit log.`), failAt(`export-${f}`))
  }
  const addSpeaker = () => {
    const n = newSpeaker.trim()
    if (!n) { failAt('newSpeaker')(new Error('Type the speaker\'s name first.')); return }
    setPlaced(null)
    setSpeakers((s) => (s.includes(n) ? s : [...s, n])); setNewSpeaker(''); setDirty(true)
  }

  const all = [...(doc?.allSpeakers ?? ['Lone worker', 'Alleged offender', 'ARC operator', 'Unknown']).filter((s) => !speakers.includes(s)), ...speakers]
  const chosen = engines.find((e) => e.name === engine)
  const running = job?.state === 'running'
  const active = segs.findIndex((s) => positionMs >= s.startMs && positionMs < Math.max(s.endMs, s.startMs + 1))

  return (
    <section className="transcript" aria-labelledby="transcript-heading" ref={root}>
      <h3 id="transcript-heading">Transcript</h3>
      {error && <p className="error" role="alert">{error} <button type="button" className="link" onClick={() => setError('')}>Dismiss</button></p>}
      {notice && <p className="notice" role="status">{notice}</p>}
      <div className="engine-row">
        <label>Speech-to-text engine{' '}
          <select value={engine} onChange={(e) => setEngine(e.target.value)} {...invalidAt(placed, 'engine')}>
            {engines.map((e) => <option key={e.name} value={e.name}>{e.label}{e.available ? '' : ' (not installed)'}</option>)}
          </select>
        </label>
        <button type="button" onClick={start} disabled={running || !chosen?.available}>Transcribe automatically</button>
        {running && <button type="button" className="secondary" onClick={() => transcriptsApi.cancel(job!.jobId)}>Cancel</button>}
        <button type="button" className="secondary" onClick={() => transcriptsApi.create(mediaId).then((d) => { setDocs([d, ...docs]); load(d) }, failAt('engine'))}>Start a blank transcript</button>
        <ErrorAt err={placed} at="engine" />
      </div>
      {chosen && !chosen.available && <p className="muted">{chosen.problem}</p>}
      {chosen?.warning && <p className="muted">{chosen.warning}</p>}
      {job && (
        <div className="job" role="status" aria-live="polite">
          <progress max={1} value={job.progress} aria-label="Transcription progress" /> {job.state === 'running' ? `${Math.round(job.progress * 100)}%` : ''} {job.message}
        </div>
      )}
      {docs.length > 1 && (
        <label>Transcript{' '}
          <select value={doc?.id} onChange={(e) => { const d = docs.find((x) => x.id === Number(e.target.value)); if (d) load(d) }}>
            {docs.map((d) => <option key={d.id} value={d.id}>{formatDateTime(d.createdAt)} · {d.engine} · {d.status}</option>)}
          </select>
        </label>
      )}
      {doc && (
        <>
          <p className={doc.status === 'checked' ? 'status-checked' : 'status-draft'} data-testid="transcript-status">
            {doc.status === 'checked' ? `Checked by ${doc.checkedBy}` : 'DRAFT: not yet checked by a person against the recording.'} Revision {doc.revision}{dirty ? ' (unsaved changes)' : ''}.
          </p>
          <div className="refs">
            <label>Case reference <input value={refs.caseRef} onChange={(e) => { setRefs({ ...refs, caseRef: e.target.value }); setDirty(true) }} {...invalidAt(placed, 'caseRef')} />
              <ErrorAt err={placed} at="caseRef" /></label>
            <label>Exhibit reference <input value={refs.exhibitRef} placeholder="e.g. JS/1" onChange={(e) => { setRefs({ ...refs, exhibitRef: e.target.value }); setDirty(true) }} {...invalidAt(placed, 'exhibitRef')} />
              <ErrorAt err={placed} at="exhibitRef" /></label>
            <label>Add a speaker name <input value={newSpeaker} onChange={(e) => setNewSpeaker(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && addSpeaker()} {...invalidAt(placed, 'newSpeaker')} />
              <ErrorAt err={placed} at="newSpeaker" /></label>
            <button type="button" className="secondary" onClick={addSpeaker}>Add speaker</button>
          </div>
          <div className="mark-row" role="group" aria-label="Insert">
            <button type="button" className="secondary" onMouseDown={(e) => e.preventDefault()} onClick={() => insertMark(`[inaudible ${clock(positionMs)}]`)} aria-keyshortcuts="Control+I">Insert [inaudible {clock(positionMs)}]</button>
            <button type="button" className="secondary" onMouseDown={(e) => e.preventDefault()} onClick={() => insertMark('[overlapping speech]')}>Insert [overlapping speech]</button>
            <button type="button" className="secondary" onMouseDown={(e) => e.preventDefault()} onClick={() => insertMark(`[${clock(positionMs)}]`)} aria-keyshortcuts="Control+J">Insert time</button>
            <button type="button" className="secondary" onClick={() => { setSegs([...segs, newSegment(positionMs)].sort((a, b) => a.startMs - b.startMs)); setDirty(true) }}>Add a segment at {clock(positionMs)}</button>
          </div>
          <ol className="segments">
            {segs.map((s, i) => (
              <li key={i} className={i === active ? 'segment active' : 'segment'} aria-current={i === active ? 'true' : undefined}>
                <button type="button" className="seek" onClick={() => onSeek(s.startMs)} aria-label={`Play from ${clock(s.startMs)}`}>{clock(s.startMs)}</button>
                <TimeField label={`Segment ${i + 1} start`} at={`seg-${i}-start`} placed={placed} ms={s.startMs} onChange={(ms) => update(i, { startMs: ms })} />
                <TimeField label={`Segment ${i + 1} end`} at={`seg-${i}-end`} placed={placed} ms={s.endMs} onChange={(ms) => update(i, { endMs: ms })} />
                <label className="sr-only" htmlFor={`spk-${i}`}>Segment {i + 1} speaker</label>
                <select id={`spk-${i}`} value={s.speaker} onChange={(e) => update(i, { speaker: e.target.value })} {...invalidAt(placed, `seg-${i}-speaker`)}>
                  {!all.includes(s.speaker) && <option value={s.speaker}>{s.speaker || 'Unknown'}</option>}
                  {all.map((n) => <option key={n} value={n}>{n}</option>)}
                </select>
                <label className="sr-only" htmlFor={`txt-${i}`}>Segment {i + 1} words</label>
                <textarea id={`txt-${i}`} value={s.text} rows={Math.min(6, Math.max(1, Math.ceil(s.text.length / 70)))}
                  onFocus={(e) => { focused.current = { i, el: e.currentTarget } }}
                  onChange={(e) => update(i, { text: e.target.value })} {...invalidAt(placed, `seg-${i}-text`)} />
                {s.confidence > 0 && <span className={s.confidence < 0.6 ? 'conf low' : 'conf'} title="Engine confidence">{Math.round(s.confidence * 100)}%</span>}
                <button type="button" className="link" onClick={() => { setSegs(segs.filter((_, j) => j !== i)); setDirty(true) }} aria-label={`Remove segment ${i + 1}`}>Remove</button>
                {['start', 'end', 'speaker', 'text'].map((f) => <ErrorAt key={f} err={placed} at={`seg-${i}-${f}`} />)}
              </li>
            ))}
          </ol>
          {segs.length === 0 && <p className="muted">No segments yet. Play the recording and add a segment where speech starts.</p>}
          <div className="save-row">
            <button type="button" onClick={save} disabled={!dirty} {...invalidAt(placed, 'save')}>Save revision</button>
            <span className="muted">Every save is kept in the revision history; saving a checked transcript returns it to draft.</span>
            <ErrorAt err={placed} at="save" />
          </div>
          <div className="signoff">
            <label>Transcribed by (full name) <input value={signName.transcribed} placeholder={doc.transcribedBy} onChange={(e) => setSignName({ ...signName, transcribed: e.target.value })} {...invalidAt(placed, 'transcribed')} />
              <ErrorAt err={placed} at="transcribed" /></label>
            <button type="button" className="secondary" onClick={() => sign('transcribed')} disabled={dirty}>Sign as transcriber</button>
            <label>Checked by (full name) <input value={signName.checked} placeholder={doc.checkedBy} onChange={(e) => setSignName({ ...signName, checked: e.target.value })} {...invalidAt(placed, 'checked')} />
              <ErrorAt err={placed} at="checked" /></label>
            <button type="button" className="secondary" onClick={() => sign('checked')} disabled={dirty}>Sign as checker</button>
            {doc.transcribedBy && <p className="muted">Transcribed by {doc.transcribedBy} on {formatDateTime(doc.transcribedAt)}.</p>}
          </div>
          <div className="export-row" role="group" aria-label="Export transcript">
            <span>Export:</span>
            {formats.map(([f, l]) => <button key={f} type="button" className="secondary" onClick={() => exportAs(f)} {...invalidAt(placed, `export-${f}`)}>{l}</button>)}
            {formats.map(([f]) => <ErrorAt key={f} err={placed} at={`export-${f}`} />)}
          </div>
          <details className="revisions">
            <summary>Revision history ({revs.length})</summary>
            <ol reversed>
              {revs.map((r) => <li key={r.rev}>Revision {r.rev}: {formatDateTime(r.at)} by {r.actor}: {r.summary}</li>)}
            </ol>
          </details>
        </>
      )}
    </section>
  )
}

function TimeField({ label, at, placed, ms, onChange }: { label: string; at: string; placed: Placed | null; ms: number; onChange: (ms: number) => void }) {
  // What is typed, until the segment's time changes from elsewhere.
  const [text, setText] = useDraft(ms, clockTenths)
  const [bad, setBad] = useState(false)
  const fromGo = placed?.at === at
  const hint = `${at}-bad`
  return (
    <span className="time-field">
      <input className={bad || fromGo ? 'time invalid' : 'time'} aria-label={label} aria-invalid={bad || fromGo} value={text} data-err-at={at}
        aria-describedby={bad ? hint : fromGo ? `tr-err-${at}` : undefined}
        onChange={(e) => setText(e.target.value)}
        onBlur={() => { const v = parseClock(text); setBad(v == null); if (v != null) onChange(v) }} />
      {bad && <span id={hint} className="field-error" role="alert">Type a time such as 1:05.3 (minutes:seconds)</span>}
    </span>
  )
}
