import { cleanup, render } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { WithARCWord, arcWordOf } from './arcWord'

afterEach(cleanup)

describe("the ARC's own word beside a value", () => {
  it('is shown beside the value, as text', () => {
    const { container } = render(<WithARCWord value="Test" word={'<b>Planned</b> Alarm'} />)
    expect(container.textContent).toBe('Test (ARC: <b>Planned</b> Alarm)')
    expect(container.querySelector('b')).toBeNull()
  })
  it('is left out when the ARC used Redline’s name or the label’s own words', () => {
    expect(arcWordOf(undefined, 'validity')).toBe('')
    expect(arcWordOf({ escalation: 'police 999 ' }, 'escalation', 'Police 999')).toBe('')
    expect(arcWordOf({ validity: 'Planned Alarm' }, 'validity', 'Test')).toBe('Planned Alarm')
    const { container } = render(<WithARCWord value="Genuine" word="" />)
    expect(container.textContent).toBe('Genuine')
  })
})
