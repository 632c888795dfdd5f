import { describe, expect, it } from 'vitest'
import { render, screen } from '@testing-library/react'
import { ExtraCell, hasExtra, sourceWord } from './AlertARC'

describe('the ARC columns of a log entry or fix', () => {
  it('lists each header and value in the file\'s order, as text', () => {
    const { container } = render(<table><tbody><tr><ExtraCell extra={[['Call ID', 'NG-88120'], ['Channel', '<b>Phone</b>']]} /></tr></tbody></table>)
    const items = screen.getAllByRole('listitem').map((li) => li.textContent)
    expect(items).toEqual(['Call ID: NG-88120', 'Channel: <b>Phone</b>'])
    expect(container.querySelector('b')).toBeNull()
  })
  it('leaves the cell empty when the ARC sent none, null included', () => {
    const { container } = render(<table><tbody><tr><ExtraCell extra={null} /></tr></tbody></table>)
    expect(container.querySelector('td')?.textContent).toBe('')
    expect(hasExtra([{ extra: null }, { extra: [] }])).toBe(false)
    expect(hasExtra([{ extra: null }, { extra: [['Cell ID', '234-15']] }])).toBe(true)
  })
  it('shows the ARC\'s word for a source beside Redline\'s', () => {
    expect(sourceWord('Mast')).toBe(' (ARC: “Mast”)')
    expect(sourceWord('')).toBe('')
  })
})

describe('what retention destroyed of the ARC\'s data', () => {
  it('is listed with when, by whom and why, even with no document left', async () => {
    const { ARCDocuments } = await import('./AlertARC')
    const arc = {
      fields: { alertId: 1, address: '', locationSource: '', words: {}, extra: [] }, documents: [],
      destroyed: [{ id: 7, alertId: 1, arcRef: 'A1002', documentId: 3, item: 'A1002 Post Incident Report.pdf', sha256: 'ab'.repeat(32), size: 10,
        rule: 'false_red', ruleText: 'False or accidental red alert: destroyed 24 hours after being categorised false', dueAt: 0,
        destroyedAt: 1743523200, destroyedBy: 'system', fileAction: 'overwritten_and_removed' }],
    } as unknown as Parameters<typeof ARCDocuments>[0]['arc']
    render(<ARCDocuments arc={arc} />)
    expect(screen.getByRole('heading', { name: 'Destroyed under the retention rules' })).toBeTruthy()
    expect(screen.getByText('A1002 Post Incident Report.pdf')).toBeTruthy()
    expect(screen.getByText(/destroyed 01\/04\/2025 .* by system/)).toBeTruthy()
  })
})
