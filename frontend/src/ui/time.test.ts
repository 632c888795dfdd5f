import { describe, expect, it } from 'vitest'
import { formatDateTime, formatDuration, londonDayEnd, londonDayStart } from './time'

describe('London time', () => {
  it('shows UTC instants in London time, UK order', () => {
    // 2026-07-01T12:00:00Z is 13:00 BST.
    expect(formatDateTime(Date.UTC(2026, 6, 1, 12) / 1000)).toBe('01/07/2026 13:00:00')
    // 2026-01-15T09:05:03Z is GMT.
    expect(formatDateTime(Date.UTC(2026, 0, 15, 9, 5, 3) / 1000)).toBe('15/01/2026 09:05:03')
  })

  it('starts a summer day at 23:00 UTC the day before', () => {
    expect(londonDayStart('2026-07-01')).toBe(Date.UTC(2026, 5, 30, 23) / 1000)
  })

  it('starts a winter day at midnight UTC', () => {
    expect(londonDayStart('2026-01-15')).toBe(Date.UTC(2026, 0, 15) / 1000)
  })

  it('gives the spring-forward day 23 hours and the fall-back day 25', () => {
    // Clocks went forward on 29 March 2026 and back on 25 October 2026.
    expect(londonDayEnd('2026-03-29') - londonDayStart('2026-03-29')).toBe(23 * 3600)
    expect(londonDayEnd('2026-10-25') - londonDayStart('2026-10-25')).toBe(25 * 3600)
  })

  it('rejects malformed dates', () => {
    expect(londonDayStart('30/03/2026')).toBe(0)
  })

  it('formats durations plainly', () => {
    expect(formatDuration(7)).toBe('7 s')
    expect(formatDuration(65)).toBe('1 min 05 s')
    expect(formatDuration(3 * 3600 + 120)).toBe('3 h 02 min')
  })
})
