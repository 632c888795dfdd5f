import { useCallback, useEffect, useState } from 'react'

// A table's columns as the person chose them: which are shown and in what
// order, remembered in localStorage, and fitted to the room the table has.

export interface ColumnChoice { id: string; shown: boolean }

/** The saved choice for a table, with columns added since it was saved at the end (shown), and gone ones dropped. */
export function loadChoice(key: string, ids: readonly string[], hidden: readonly string[] = []): ColumnChoice[] {
  let saved: ColumnChoice[] = []
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(key) ?? '[]')
    if (Array.isArray(parsed)) saved = parsed.filter((c): c is ColumnChoice => typeof c?.id === 'string' && ids.includes(c.id))
  } catch { /* a spoilt entry: start from the defaults */ }
  const seen = new Set(saved.map((c) => c.id))
  return [...saved.map((c) => ({ id: c.id, shown: c.shown !== false })), ...ids.filter((id) => !seen.has(id)).map((id) => ({ id, shown: !hidden.includes(id) }))]
}

/**
 * The columns to draw in width pixels: the shown ones in the chosen order, as
 * many as fit, always with keep (the column that names the row). Width 0 (not
 * measured yet, or no layout) draws every shown column.
 */
export function fitColumns(choice: readonly ColumnChoice[], sizes: Readonly<Record<string, number>>, width: number, keep: string): string[] {
  const shown = choice.filter((c) => c.shown || c.id === keep).map((c) => c.id)
  if (width <= 0) return shown
  let room = width - (sizes[keep] ?? 0)
  return shown.filter((id) => {
    if (id === keep) return true
    if ((sizes[id] ?? 0) > room) { room = -1; return false } // once one does not fit, later ones are dropped too, keeping the order
    room -= sizes[id] ?? 0
    return true
  })
}

/** useColumns keeps a table's column choice and saves every change. */
export function useColumns(key: string, ids: readonly string[], keep: string, hidden: readonly string[] = []) {
  const [choice, setChoice] = useState(() => loadChoice(key, ids, hidden))
  const save = useCallback((next: ColumnChoice[]) => {
    setChoice(next)
    try { localStorage.setItem(key, JSON.stringify(next)) } catch { /* storage full or off: the choice lasts this session */ }
  }, [key])
  const toggle = (id: string) => id !== keep && save(choice.map((c) => (c.id === id ? { ...c, shown: !c.shown } : c)))
  const move = (id: string, by: -1 | 1) => {
    const i = choice.findIndex((c) => c.id === id)
    const j = i + by
    if (i < 0 || j < 0 || j >= choice.length) return
    const next = [...choice]
    ;[next[i], next[j]] = [next[j], next[i]]
    save(next)
  }
  const reset = () => {
    try { localStorage.removeItem(key) } catch { /* nothing saved */ }
    setChoice(loadChoice(key, ids, hidden))
  }
  return { choice, toggle, move, reset }
}

/**
 * The width a table has to fill, kept up to date as the window or the panel
 * beside it changes: give the returned ref to the table's wrapper. 16 px are
 * left for its scroll bar.
 */
export function useRoom(): [(el: HTMLDivElement | null) => void, number] {
  const [wrap, setWrap] = useState<HTMLDivElement | null>(null)
  const [room, setRoom] = useState(0)
  useEffect(() => {
    if (!wrap || typeof ResizeObserver === 'undefined') return
    const seen = new ResizeObserver(() => setRoom(wrap.clientWidth - 16))
    seen.observe(wrap)
    return () => seen.disconnect()
  }, [wrap])
  return [setWrap, room]
}
