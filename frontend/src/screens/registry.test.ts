import { describe, expect, it } from 'vitest'
import { homeScreen, screenOf, screens } from './registry'

describe('screenOf', () => {
  it('opens on My work when the window starts with no screen named', () => {
    expect(homeScreen).toBe('my-work')
    expect(screenOf('')).toBe('my-work')
    expect(screenOf('#/')).toBe('my-work')
  })
  it('falls back to My work for a screen that does not exist', () => expect(screenOf('#/nowhere')).toBe('my-work'))
  it('reads the screen of a deeper link', () => {
    expect(screenOf('#/map/case/12')).toBe('map')
    expect(screenOf('#/alerts/7')).toBe('alerts')
  })
  it('lists My work first in the navigation', () => expect(screens[0].id).toBe('my-work'))
})
