import { describe, expect, it } from 'vitest'
import { store } from '../../../wailsjs/go/models'
import { inkOn, scoreColour } from './colour'

describe('inkOn', () => {
  it.each([
    ['#007f3b', '#ffffff'], // NHS green (Low)
    ['#ffb81c', '#212b32'], // warm yellow (Moderate)
    ['#ed8b00', '#212b32'], // orange (High)
    ['#d5281b', '#ffffff'], // NHS red (Extreme)
    ['not a colour', '#212b32'],
  ])('puts readable text on %s', (bg, ink) => expect(inkOn(bg)).toBe(ink))
})

describe('scoreColour', () => {
  const score = (band: string, bandSet: string) => store.RiskScore.createFrom({ band, bandSet })
  it('uses the band set the score was given, not the one in force', () =>
    expect(scoreColour(score('Serious', '[{"label":"Serious","min":1,"max":25,"colour":"#123456"}]'))).toBe('#123456'))
  it('is empty when the band is not in the set', () => expect(scoreColour(score('High', '[]'))).toBe(''))
  it('is empty when the stored set is not JSON', () => expect(scoreColour(score('High', '{'))).toBe(''))
})
