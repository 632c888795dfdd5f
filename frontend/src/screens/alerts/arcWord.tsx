import type { ReactNode } from 'react'
import './alerts.css'

/** The fields an ARC profile's vocabulary can normalise, as alert.words names them. */
export type WordField = 'type' | 'trigger' | 'validity' | 'escalation'

/**
 * arcWordOf is the ARC's own word for field, or '' when the ARC used
 * Redline's name or a word that reads the same as the label shown
 * ("Police 999" beside "Police 999" says nothing new).
 */
export function arcWordOf(words: Record<string, string> | undefined, field: WordField, shown = ''): string {
  const w = words?.[field] ?? ''
  return w.trim().toLowerCase() === shown.trim().toLowerCase() ? '' : w
}

/**
 * WithARCWord shows a normalised value with the ARC's own word beside it
 * ("Test (ARC: Planned Alarm)"), so a person sees the alarm as the ARC named
 * it wherever Redline's value is shown. The word is text from an import:
 * React escapes it.
 */
export function WithARCWord({ value, word }: { value: ReactNode; word: string }) {
  if (!word) return <>{value}</>
  return <>{value}<span className="arc-word muted"> (ARC: {word})</span></>
}

/** withWordTitle is the whole of a cell's text for its tooltip, as a narrow column cuts it short. */
export function withWordTitle(value: string, word: string): string {
  return word ? `${value} (ARC: ${word})` : value
}

/**
 * ARCWordCell is WithARCWord for a table cell: the ARC's word on a small
 * second line under the value, so a narrow column cuts neither short.
 */
export function ARCWordCell({ value, word }: { value: ReactNode; word: string }) {
  if (!word) return <>{value}</>
  return (
    <span className="arc-word-cell">
      <span className="arc-word-value">{value}</span>
      <span className="arc-word muted"> (ARC: {word})</span>
    </span>
  )
}
