import { useCallback, useState, useSyncExternalStore } from 'react'

/** The rows to draw: first to last, both included; none when last < first. */
export interface RowRange {
  first: number
  last: number
}

/** What the scroller shows, read from the page; zero before it is drawn (and in tests, which have no layout). */
interface Viewport {
  top: number // how far the scroller is scrolled
  height: number // the scroller's visible height
  head: number // how far below the scroller's top the rows start (a sticky header)
}

/**
 * rowRange says which rows of a list of equal-height rows are in view, with
 * overscan more each side so a short scroll never shows a gap.
 */
export function rowRange(count: number, rowHeight: number, overscan: number, v: Viewport): RowRange {
  if (count <= 0) return { first: 0, last: -1 }
  const clamp = (i: number) => Math.max(0, Math.min(count - 1, i))
  const start = clamp(Math.floor(v.top / rowHeight))
  const end = clamp(Math.max(start, Math.ceil((v.top + v.height - v.head) / rowHeight) - 1))
  return { first: clamp(start - overscan), last: clamp(end + overscan) }
}

function viewportOf(scroller: HTMLElement | null, body: HTMLElement | null): Viewport {
  if (!scroller) return { top: 0, height: 0, head: 0 }
  return { top: scroller.scrollTop, height: scroller.clientHeight, head: body?.offsetTop ?? 0 }
}

/** Scrolls just enough to bring a row fully into view below the header. */
function scrollRowIntoView(scroller: HTMLElement, body: HTMLElement | null, index: number, rowHeight: number) {
  const v = viewportOf(scroller, body)
  const top = index * rowHeight
  if (top < v.top) scroller.scrollTop = top
  else if (v.head + top + rowHeight > v.top + v.height) scroller.scrollTop = v.head + top + rowHeight - v.height
}

/**
 * useRowWindow draws only the rows of a long table that are in view of its
 * scroller. Rows are rowHeight tall and placed at index × rowHeight inside the
 * body, which sits below a sticky header inside the scroller. The screen
 * re-renders when the range of rows in view changes, not on every pixel scrolled.
 */
export function useRowWindow(count: number, rowHeight: number, overscan: number) {
  // The elements are kept in state, so the window follows them when they are drawn.
  const [scroller, setScroller] = useState<HTMLElement | null>(null)
  const [body, setBody] = useState<HTMLElement | null>(null)

  const subscribe = useCallback((changed: () => void) => {
    if (!scroller) return () => {}
    scroller.addEventListener('scroll', changed, { passive: true })
    const resized = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(changed)
    resized?.observe(scroller)
    return () => {
      scroller.removeEventListener('scroll', changed)
      resized?.disconnect()
    }
  }, [scroller])
  // A string, so React compares the range by value and re-renders only when it moves.
  const shown = useSyncExternalStore(subscribe, () => {
    const r = rowRange(count, rowHeight, overscan, viewportOf(scroller, body))
    return `${r.first}:${r.last}`
  })
  const [first, last] = shown.split(':').map(Number)

  const scrollToIndex = useCallback((index: number) => {
    if (scroller) scrollRowIntoView(scroller, body, index, rowHeight)
  }, [scroller, body, rowHeight])

  // setScroller and setBody are the ref callbacks of the scroller and of the rows' body.
  return { first, last, totalHeight: count * rowHeight, scroller, setScroller, setBody, scrollToIndex }
}
