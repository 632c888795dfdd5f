import { describe, expect, it } from 'vitest'
import { rowRange } from './useRowWindow'

// Rows 36 px tall below a 30 px sticky header, in a scroller 366 px tall: ten rows fit under the header.
const view = (top: number) => ({ top, height: 366, head: 30 })

describe('rowRange', () => {
  it('draws nothing for an empty table', () => expect(rowRange(0, 36, 20, view(0))).toEqual({ first: 0, last: -1 }))
  it('draws the rows in view and the overscan below them at the top', () =>
    expect(rowRange(1000, 36, 20, view(0))).toEqual({ first: 0, last: 9 + 20 }))
  it('draws the overscan either side once scrolled', () =>
    expect(rowRange(1000, 36, 20, view(36 * 100))).toEqual({ first: 80, last: 109 + 20 }))
  it('counts rows cut by the header or the bottom edge as in view, and no more', () => {
    // Scrolled 18 px: row 0 is half under the header, row 9 (324 to 360 px) half past the bottom (354 px).
    expect(rowRange(1000, 36, 0, view(18))).toEqual({ first: 0, last: 9 })
    // Scrolled one row: row 0 is wholly under the header, row 10 (360 to 396 px) cut by the bottom (372 px).
    expect(rowRange(1000, 36, 0, view(36))).toEqual({ first: 1, last: 10 })
  })
  it('stops at the last row', () => expect(rowRange(25, 36, 20, view(36 * 20))).toEqual({ first: 0, last: 24 }))
  it('draws the first rows before the page is laid out', () =>
    expect(rowRange(1000, 36, 20, { top: 0, height: 0, head: 0 })).toEqual({ first: 0, last: 20 }))
})
