import { describe, expect, it } from 'vitest'
import { homeFor, homeScreen, screenOf, screens, screensFor } from './registry'

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

describe('screens per role (team mode)', () => {
  const ids = (role: Parameters<typeof screensFor>[0]) => screensFor(role).map((s) => s.id)
  it('gives the LSMS every screen as today, without a line manager\'s My reviews', () => {
    expect(ids('lsms')).toEqual(screens.map((s) => s.id))
    expect(ids('lsms')).toContain('settings')
    expect(ids('lsms')).not.toContain('my-reviews')
  })
  it('gives a line manager My reviews alone', () => expect(ids('line_manager')).toEqual(['my-reviews']))
  it('gives an investigator Cases alone', () => expect(ids('investigator')).toEqual(['cases']))
  it('gives a director Reports alone', () => expect(ids('director')).toEqual(['reports']))
  it('opens each role on its home', () => {
    expect(screenOf('', 'line_manager')).toBe('my-reviews')
    expect(screenOf('', 'investigator')).toBe('cases')
    expect(screenOf('', 'director')).toBe('reports')
  })
  it('sends a link to another role\'s screen to the role\'s home', () => {
    expect(screenOf('#/alerts', 'line_manager')).toBe('my-reviews')
    expect(screenOf('#/settings', 'director')).toBe('reports')
    expect(screenOf('#/map/case/12', 'investigator')).toBe('cases')
    expect(screenOf('#/my-reviews', 'lsms')).toBe('my-work')
  })
  it('keeps a deeper link within the role\'s own screen', () => {
    expect(screenOf('#/my-reviews/12', 'line_manager')).toBe('my-reviews')
    expect(homeFor('lsms')).toBe(homeScreen)
  })
})
