import { describe, expect, it } from 'vitest'
import { store } from '../../../wailsjs/go/models'
import { mergeValues } from '../../api/letters'
import { savedMessage } from './act'

describe('savedMessage', () => {
  it('names where the file went', () => expect(savedMessage('/tmp/x.pdf', 'Letter L1')).toBe('Letter L1 saved to /tmp/x.pdf'))
  it('says nothing was saved when the dialog was cancelled', () => expect(savedMessage('', 'Letter L1')).toMatch(/^Nothing saved/))
})

describe('mergeValues', () => {
  const letter = (fields: string) => store.Letter.createFrom({ fields })
  it('reads the stored merge values as text', () =>
    expect(mergeValues(letter('{"case_ref":"RL-2025-0001","recipient_name":"<b>Pat</b>"}'))).toEqual([
      ['case_ref', 'RL-2025-0001'], ['recipient_name', '<b>Pat</b>']]))
  it('gives nothing for damaged JSON rather than failing', () => expect(mergeValues(letter('{'))).toEqual([]))
})
