import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { useState } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { UkDateInput } from './UkDateInput'

afterEach(cleanup)

// By role: once the date is refused, the label also holds the error, so its text is more than 'Due'.
const field = () => screen.getByRole('textbox') as HTMLInputElement

describe('UkDateInput', () => {
  it('sends a real UK date as yyyy-mm-dd and refuses one that does not exist', () => {
    const onChange = vi.fn()
    render(<UkDateInput label="Due" value="" onChange={onChange} />)
    fireEvent.change(field(), { target: { value: '01/03/2025' } })
    expect(onChange).toHaveBeenLastCalledWith('2025-03-01')

    fireEvent.change(field(), { target: { value: '31/02/2025' } })
    fireEvent.blur(field())
    expect(screen.getByText('Enter a real date as dd/mm/yyyy')).toBeTruthy()
    expect(field().getAttribute('aria-invalid')).toBe('true')
  })

  it('shows a new value from its parent in place of what was typed, and drops the error', () => {
    const { rerender } = render(<UkDateInput label="Due" value="2025-03-01" onChange={() => {}} />)
    expect(field().value).toBe('01/03/2025')
    fireEvent.change(field(), { target: { value: '31/02/2025' } })
    fireEvent.blur(field())
    expect(screen.getByText('Enter a real date as dd/mm/yyyy')).toBeTruthy()

    rerender(<UkDateInput label="Due" value="2025-04-15" onChange={() => {}} />)
    expect(field().value).toBe('15/04/2025')
    expect(screen.queryByText('Enter a real date as dd/mm/yyyy')).toBeNull()
    expect(field().getAttribute('aria-invalid')).toBe('false')
  })

  it('keeps what is being typed while the value from its parent stays the same', () => {
    const { rerender } = render(<UkDateInput label="Due" value="2025-03-01" onChange={() => {}} />)
    fireEvent.change(field(), { target: { value: '02/0' } })
    rerender(<UkDateInput label="Due" value="2025-03-01" onChange={() => {}} />)
    expect(field().value).toBe('02/0')
  })
})

describe('UkDateInput as a filter (whenInvalid)', () => {
  it('stops applying its date once the text is not a real date, and says so', () => {
    const applied: string[] = []
    function Filter() {
      const [from, setFrom] = useState('2025-03-01')
      applied.push(from)
      return <UkDateInput label="From" value={from} onChange={setFrom} whenInvalid="Not filtering by this date." />
    }
    render(<Filter />)
    fireEvent.change(field(), { target: { value: '31/02/2025' } })
    expect(applied[applied.length - 1]).toBe('')
    expect(field().value).toBe('31/02/2025') // what was typed stays to be corrected
    fireEvent.blur(field())
    expect(screen.getByText('Enter a real date as dd/mm/yyyy. Not filtering by this date.')).toBeTruthy()
  })

  it('keeps the last real date in a form that has no whenInvalid', () => {
    const onChange = vi.fn()
    render(<UkDateInput label="Due" value="2025-03-01" onChange={onChange} />)
    fireEvent.change(field(), { target: { value: '31/02/2025' } })
    fireEvent.blur(field())
    expect(onChange).not.toHaveBeenCalled()
  })
})
