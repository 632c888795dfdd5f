import { cleanup, render, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { MdcIcons } from './MdcIcons'

afterEach(cleanup)

describe('MdcIcons', () => {
  it('shows the variation and assurance in words beside our own SVG icons', () => {
    const { container } = render(<MdcIcons variation="special_cause_improvement_low" assurance="consistent_fail" />)
    const list = screen.getByRole('list', { name: 'Making Data Count summary' })
    const items = within(list).getAllByRole('listitem')
    // The SVG's own letter (L, F) is hidden from screen readers; the words carry the meaning.
    expect(items.map((i) => i.querySelector('span')?.textContent)).toEqual([
      'Special-cause improvement: lower values', 'Assurance: the target will be missed consistently'])
    expect(items.map((i) => i.querySelector('.mdc-letter')?.textContent)).toEqual(['L', 'F'])
    expect(container.querySelector('.mdc-glyph.mdc-improvement')).not.toBeNull()
    expect(container.querySelector('.mdc-glyph.mdc-fail')).not.toBeNull()
    // Drawn here, not fetched: no images and no inline styles for the CSP to block.
    expect(container.querySelector('img, image, use')).toBeNull()
    expect(container.innerHTML).not.toContain('style=')
    container.querySelectorAll('svg').forEach((s) => expect(s.getAttribute('aria-hidden')).toBe('true'))
  })

  it('tells concern from improvement and shows hit and miss', () => {
    const { container } = render(<MdcIcons variation="special_cause_concern_high" assurance="inconsistent" />)
    expect(screen.getByText('Special-cause concern: higher values')).toBeTruthy()
    expect(screen.getByText('Assurance: hit and miss, the target may or may not be met')).toBeTruthy()
    expect(container.querySelector('.mdc-glyph.mdc-concern')).not.toBeNull()
    expect(container.querySelector('.mdc-glyph.mdc-hitmiss')).not.toBeNull()
  })

  it('shows common cause without an assurance icon when the measure has no target', () => {
    const { container } = render(<MdcIcons variation="common_cause" assurance="" />)
    expect(screen.getAllByRole('listitem')).toHaveLength(1)
    expect(screen.getByText('Common-cause variation: no significant change')).toBeTruthy()
    expect(container.querySelector('.mdc-letter')).toBeNull()
  })

  it('shows nothing before there are enough points for a signal', () => {
    const { container } = render(<MdcIcons variation="" assurance="" />)
    expect(container.firstChild).toBeNull()
  })
})
