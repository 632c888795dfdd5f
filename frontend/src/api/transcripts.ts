import * as T from '../../wailsjs/go/main/Transcripts'
import { main, store, transcript } from '../../wailsjs/go/models'
import { call } from './bridge'
import { runJob } from './jobs'

export type TranscriptDoc = transcript.Doc
export type Segment = transcript.Segment
export type EngineInfo = main.EngineInfo
export type Revision = store.TranscriptRevision
export type WhisperSettings = main.WhisperSettings
/** Progress of a background transcription, pushed from Go (app/transcripts.go TranscribeProgress). */
export interface TranscribeProgress {
  jobId: string
  mediaId: number
  engine: string
  state: 'running' | 'done' | 'failed' | 'cancelled'
  progress: number
  message: string
  transcriptId: number
}

export interface TranscriptEdit {
  id: number
  base: number
  segments: Segment[]
  speakers: string[]
  caseRef: string
  exhibitRef: string
}

// Transcriptions outlive the editor that started them (a person may move to
// another recording and back), so their events go to whoever listens now.
const listeners = new Set<(p: TranscribeProgress) => void>()
const tell = (p: TranscribeProgress) => listeners.forEach((fn) => fn(p))

export const transcriptsApi = {
  engines: () => call(T.Engines()),
  whisperSettings: () => call(T.WhisperSettings()),
  chooseWhisperFile: (which: 'program' | 'model' | 'vad') => call(T.ChooseWhisperFile(which)),
  /** Starts a transcription; its progress and outcome reach every onProgress listener. */
  start: (mediaId: number, engine: string) =>
    runJob<TranscribeProgress, TranscribeProgress>('transcribe', (id) => call(T.Start(mediaId, engine, id)), { onProgress: tell, onDone: tell }),
  cancel: (jobId: string) => call(T.Cancel(jobId)),
  list: (mediaId: number) => call(T.List(mediaId)),
  get: (id: number) => call(T.Get(id)),
  create: (mediaId: number) => call(T.New(mediaId)),
  save: (e: TranscriptEdit) => call(T.Save(transcript.Edit.createFrom(e))),
  sign: (id: number, rev: number, role: 'transcribed' | 'checked', name: string) => call(T.Sign(id, rev, role, name)),
  revisions: (id: number) => call(T.Revisions(id)),
  revision: (id: number, rev: number) => call(T.Revision(id, rev)),
  exportAs: (id: number, format: 'pdf' | 'docx' | 'srt' | 'vtt' | 'txt') => call(T.Export(id, format)),
  onProgress: (fn: (p: TranscribeProgress) => void) => {
    listeners.add(fn)
    return () => { listeners.delete(fn) }
  },
}
