import { afterEach, describe, expect, it } from 'vitest'
import { fitColumns, loadChoice } from './columns'

const sizes = { time: 160, ref: 120, type: 70, team: 200, recording: 95 }
const ids = Object.keys(sizes)
const all = ids.map((id) => ({ id, shown: true }))
afterEach(() => localStorage.clear())

describe('fitColumns', () => {
  it('draws the shown columns in order while they fit', () => expect(fitColumns(all, sizes, 560, 'ref')).toEqual(['time', 'ref', 'type', 'team']))
  it('keeps the reference column however narrow', () => expect(fitColumns(all, sizes, 200, 'ref')).toEqual(['ref']))
  it('keeps the reference column when it comes last', () =>
    expect(fitColumns([...all.filter((c) => c.id !== 'ref'), { id: 'ref', shown: true }], sizes, 400, 'ref')).toEqual(['time', 'type', 'ref']))
  it('draws every shown column before the table is measured', () => expect(fitColumns(all, sizes, 0, 'ref')).toEqual(ids))
  it('leaves out what the person hid', () =>
    expect(fitColumns(all.map((c) => (c.id === 'type' ? { ...c, shown: false } : c)), sizes, 0, 'ref')).toEqual(['time', 'ref', 'team', 'recording']))
})

describe('loadChoice', () => {
  it('reads the saved order, adds new columns and drops gone ones', () => {
    localStorage.setItem('k', JSON.stringify([{ id: 'team', shown: false }, { id: 'gone', shown: true }, { id: 'time', shown: true }]))
    expect(loadChoice('k', ids)).toEqual([
      { id: 'team', shown: false }, { id: 'time', shown: true }, { id: 'ref', shown: true }, { id: 'type', shown: true }, { id: 'recording', shown: true },
    ])
  })
  it('starts from the defaults when the saved entry is spoilt', () => {
    localStorage.setItem('k', '{not json')
    expect(loadChoice('k', ids, ['type']).find((c) => c.id === 'type')).toEqual({ id: 'type', shown: false })
  })
})
