// Live refresh in team mode (app/team.go): when a colleague changes a table,
// Go emits "data:changed" with the table's name, or "*" when notices may have
// been missed, and the screens showing that table load again.
import { useEffect, useRef } from 'react'
import { EventsOn } from '../../wailsjs/runtime/runtime'

/** The event Go emits; its one argument is a table's name or "*". */
export const dataChangedEvent = 'data:changed'

/** onDataChanged calls fn with each changed table's name; the result stops it. */
export function onDataChanged(fn: (table: string) => void): () => void {
  try {
    return EventsOn(dataChangedEvent, (table: unknown) => fn(String(table)))
  } catch {
    return () => {} // outside the Wails window (a screen's component test) there is nothing to hear
  }
}

/** touches says whether a change to table concerns a screen showing tables ("*" concerns all). */
export function touches(tables: readonly string[], table: string): boolean {
  return table === '*' || tables.includes(table)
}

/**
 * How long a screen waits after a change before it loads again, so the
 * handful of notices one save sends (a case and its notes, say) make one load.
 */
export const refreshDelayMs = 300

/**
 * useDataChanged calls reload once, shortly after any change to tables (none:
 * never). A list screen passes the tables it shows, e.g. ['alerts', 'alert_triage'].
 */
export function useDataChanged(tables: readonly string[] | undefined, reload: () => void): void {
  const latest = useRef(reload)
  useEffect(() => {
    latest.current = reload
  })
  const key = tables?.join(',') ?? ''
  useEffect(() => {
    if (!key) return
    const wanted = key.split(',')
    let timer: ReturnType<typeof setTimeout> | undefined
    const off = onDataChanged((table) => {
      if (!touches(wanted, table) || timer) return
      timer = setTimeout(() => {
        timer = undefined
        latest.current()
      }, refreshDelayMs)
    })
    return () => {
      off()
      clearTimeout(timer)
    }
  }, [key])
}
