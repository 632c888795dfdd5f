import { describe, expect, it } from 'vitest'
import { ApiError, call } from './bridge'

describe('call', () => {
  it('keeps the message, field and reference a bound method failed with', async () => {
    const err = await call(Promise.reject({ message: 'The date of birth is in the future.', field: 'dob' })).catch((e) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err.message).toBe('The date of birth is in the future.')
    expect(err.field).toBe('dob')
    expect(err.ref).toBeUndefined()
  })

  it('reads the answer out of the Error Wails wraps its JSON in', async () => {
    const err = await call(Promise.reject(new Error(JSON.stringify({ message: 'Something went wrong (ref 7f3a2c01).', ref: '7f3a2c01' })))).catch((e) => e)
    expect(err.message).toBe('Something went wrong (ref 7f3a2c01).')
    expect(err.ref).toBe('7f3a2c01')
  })

  it('takes a plain sentence as the message', async () => {
    const err = await call(Promise.reject('method not registered')).catch((e) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err.message).toBe('method not registered')
    expect(err.field).toBeUndefined()
  })

  it('passes answers through', async () => {
    expect(await call(Promise.resolve(42))).toBe(42)
  })
})
