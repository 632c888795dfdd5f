import { describe, expect, it } from 'vitest'
import { londonInstant } from './NewCaseForm'

describe('londonInstant', () => {
  it('reads a winter time as GMT', () => expect(londonInstant('2025-01-15', 14, 30)).toBe(Date.UTC(2025, 0, 15, 14, 30) / 1000))
  it('reads a summer time as BST', () => expect(londonInstant('2025-06-15', 14, 30)).toBe(Date.UTC(2025, 5, 15, 13, 30) / 1000))
  it('reads the afternoon of the spring change day as BST', () => expect(londonInstant('2025-03-30', 14, 30)).toBe(Date.UTC(2025, 2, 30, 13, 30) / 1000))
  it('reads the afternoon of the autumn change day as GMT', () => expect(londonInstant('2025-10-26', 14, 30)).toBe(Date.UTC(2025, 9, 26, 14, 30) / 1000))
})
