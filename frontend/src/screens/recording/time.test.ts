import { describe, expect, it } from 'vitest'
import { clock, clockTenths, parseClock } from './time'

describe('recording clock', () => {
  it('formats hours, minutes and seconds', () => {
    expect(clock(3723999)).toBe('01:02:03')
    expect(clockTenths(61250)).toBe('00:01:01.2')
  })
  it('reads typed times and rejects others', () => {
    expect(parseClock('01:02:03.5')).toBe(3723500)
    expect(parseClock('2:05')).toBe(125000)
    expect(parseClock('7.25')).toBe(7250)
    expect(parseClock('ten')).toBeNull()
  })
})
