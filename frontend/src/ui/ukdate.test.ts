import { describe, expect, it } from 'vitest'
import { isoToUk, parseUkDate } from './ukdate'

describe('UK dates', () => {
  it('reads day first', () => {
    expect(parseUkDate('05/11/2026')).toBe('2026-11-05')
    expect(parseUkDate('5/1/2026')).toBe('2026-01-05')
    expect(parseUkDate('05-11-2026')).toBe('2026-11-05')
  })
  it('refuses dates that do not exist', () => {
    expect(parseUkDate('31/02/2026')).toBeNull()
    expect(parseUkDate('13/13/2026')).toBeNull()
    expect(parseUkDate('2026-11-05')).toBeNull()
    expect(parseUkDate('')).toBeNull()
  })
  it('accepts 29 February only in leap years', () => {
    expect(parseUkDate('29/02/2028')).toBe('2028-02-29')
    expect(parseUkDate('29/02/2026')).toBeNull()
  })
  it('writes day first', () => {
    expect(isoToUk('2026-11-05')).toBe('05/11/2026')
  })
})
