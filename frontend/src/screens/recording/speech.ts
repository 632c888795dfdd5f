// Jumping between stretches of speech, so an hour that is mostly silence can be reviewed quickly.

export interface Stretch { fromMs: number; toMs: number }

/** Margin so that a second press right after a jump moves on instead of landing on the same stretch. */
const sameSpotMs = 50

/** The start of the next stretch of speech after posMs, or null when there is none. */
export function nextSpeech(speech: readonly Stretch[], posMs: number): number | null {
  const i = firstStartingAfter(speech, posMs + sameSpotMs)
  return i < speech.length ? speech[i].fromMs : null
}

/**
 * The start of the stretch before, like a player's "previous track": more than graceMs into a
 * stretch it goes back to that stretch's start, otherwise to the one before. Null when none.
 */
export function previousSpeech(speech: readonly Stretch[], posMs: number, graceMs = 1000): number | null {
  const i = firstStartingAfter(speech, posMs - graceMs) - 1
  return i >= 0 ? speech[i].fromMs : null
}

/** The index of the stretch that holds posMs, or -1 in silence. */
export function speechAt(speech: readonly Stretch[], posMs: number): number {
  const i = firstStartingAfter(speech, posMs) - 1
  return i >= 0 && posMs < speech[i].toMs ? i : -1
}

/** Binary search: the index of the first stretch starting after ms (speech.length if none). */
function firstStartingAfter(speech: readonly Stretch[], ms: number): number {
  let lo = 0
  let hi = speech.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (speech[mid].fromMs > ms) hi = mid
    else lo = mid + 1
  }
  return lo
}
