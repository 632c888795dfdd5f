import { describe, expect, it } from 'vitest'
import { readableDetail } from './auditDetail'

describe('readableDetail', () => {
  it('turns a JSON object into field: value pairs', () => {
    expect(readableDetail('{"category":"genuine","reason":"closed under duress","caseId":12}'))
      .toBe('Category: genuine; Reason: closed under duress; Case Id: 12')
  })
  it('drops empty fields and joins lists', () => {
    expect(readableDetail('{"to":"Closed","reason":"","tags":["a","b"],"none":[]}')).toBe('To: Closed; Tags: a, b')
  })
  it('leaves plain words alone, including text that merely looks like markup', () => {
    expect(readableDetail('0-10s')).toBe('0-10s')
    expect(readableDetail('<img src=x onerror=alert(1)>')).toBe('<img src=x onerror=alert(1)>')
  })
})
