import { describe, expect, it } from 'vitest'
import { countdown } from './countdown'

describe('countdown', () => {
  it('shows hours and minutes within two days', () => expect(countdown(1000 + 3 * 3600 + 5 * 60, 1000)).toBe('in 3 h 05 min'))
  it('shows minutes within the hour', () => expect(countdown(1000 + 600, 1000)).toBe('in 10 min'))
  it('shows days beyond two days', () => expect(countdown(1000 + 5 * 86400, 1000)).toBe('in 5 days'))
  it('says overdue', () => expect(countdown(1000, 1000 + 600)).toBe('overdue by 10 min'))
})
