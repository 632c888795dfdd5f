import { describe, expect, it } from 'vitest'
import { countdown } from './countdown'

const h = 3600

describe('countdown', () => {
  it('shows hours and minutes within the day', () => expect(countdown(1000 + 3 * h + 5 * 60, 1000)).toBe('in 3 h 05 min'))
  it('shows minutes within the hour', () => expect(countdown(1000 + 600, 1000)).toBe('in 10 min'))
  it('shows days beyond two days', () => expect(countdown(1000 + 5 * 86400, 1000)).toBe('in 5 days'))
  it('says overdue', () => expect(countdown(1000, 1000 + 600)).toBe('overdue by 10 min'))
  it('shows a day and hours past a day, not 37 h 35 min', () => expect(countdown(1000, 1000 + 37 * h + 35 * 60)).toBe('overdue by 1 day 14 h'))
  it('leaves out no hours', () => expect(countdown(1000 + 2 * 86400 + 10 * 60, 1000)).toBe('in 2 days'))
})
