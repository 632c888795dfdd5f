import { describe, expect, it } from 'vitest'
import { nextSpeech, previousSpeech, speechAt, type Stretch } from './speech'

const speech: Stretch[] = [
  { fromMs: 2000, toMs: 3500 },
  { fromMs: 60000, toMs: 62000 },
  { fromMs: 3_000_000, toMs: 3_010_000 },
]

describe('jumping between stretches of speech', () => {
  it('goes from silence to the next stretch and on, one press at a time', () => {
    expect(nextSpeech(speech, 0)).toBe(2000)
    expect(nextSpeech(speech, 2000)).toBe(60000) // just jumped there: the next press moves on
    expect(nextSpeech(speech, 2500)).toBe(60000) // inside a stretch: the next one
    expect(nextSpeech(speech, 60000)).toBe(3_000_000)
    expect(nextSpeech(speech, 3_000_000)).toBeNull()
    expect(nextSpeech([], 0)).toBeNull()
  })

  it('goes back to the start of the stretch being heard, then to the one before', () => {
    expect(previousSpeech(speech, 61500)).toBe(60000) // 1.5 s in: replay this stretch
    expect(previousSpeech(speech, 60000)).toBe(2000) // just jumped there: the one before
    expect(previousSpeech(speech, 60400)).toBe(2000) // within the grace: still the one before
    expect(previousSpeech(speech, 1_000_000)).toBe(60000) // in silence: the last stretch heard
    expect(previousSpeech(speech, 2500)).toBeNull() // nothing before the first
    expect(previousSpeech(speech, 0)).toBeNull()
  })

  it('says which stretch holds the playhead', () => {
    expect(speechAt(speech, 1999)).toBe(-1)
    expect(speechAt(speech, 2000)).toBe(0)
    expect(speechAt(speech, 3499)).toBe(0)
    expect(speechAt(speech, 3500)).toBe(-1)
    expect(speechAt(speech, 3_005_000)).toBe(2)
  })
})
