// Moving between My work, triage and a case. The app routes by screen id
// only, so the item to open waits here until the Cases screen picks it up.

/** What to open: a case (at one of its sections) or a red alert's triage. */
export type Target = { kind: 'case' | 'triage'; id: number; section?: string }

let pending: Target | null = null
const EVENT = 'redline:open-casework'

export function openCasework(t: Target) {
  pending = t
  if (window.location.hash !== '#/cases') window.location.hash = '#/cases'
  window.dispatchEvent(new Event(EVENT))
}

export function takePending(): Target | null {
  const t = pending
  pending = null
  return t
}

export function onOpenCasework(fn: () => void): () => void {
  window.addEventListener(EVENT, fn)
  return () => window.removeEventListener(EVENT, fn)
}
