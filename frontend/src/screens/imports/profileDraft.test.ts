import { describe, expect, it } from 'vitest'
import { buildProfile, guessColumn, type Draft } from './profileDraft'

describe('guessColumn', () => {
  const headers = ['Alarm No', 'Alarm Type', 'Date Raised', 'Latitude', 'Long', 'Staff Name']
  it('proposes the header a person would pick', () => {
    expect(guessColumn('type', headers)).toBe('Alarm Type')
    expect(guessColumn('raised_at', headers)).toBe('Date Raised')
    expect(guessColumn('lat', headers)).toBe('Latitude')
    expect(guessColumn('lon', headers)).toBe('Long')
    expect(guessColumn('worker_name', headers)).toBe('Staff Name')
  })
  it('proposes nothing rather than a wrong column', () => {
    expect(guessColumn('police_ref', headers)).toBeUndefined()
  })
})

describe('buildProfile', () => {
  it('drops unmapped columns and empty vocabulary choices', () => {
    const d: Draft = {
      name: ' Acme ', arc: 'Acme ARC', delimiter: ';', decimalComma: true, encoding: 'windows-1252', timeFormat: 'dd/MM/yyyy HH:mm',
      timeZone: 'Europe/London', gap: 'reject', overlap: 'first', fileName: 'alarms.csv',
      columns: { arc_ref: 'No', type: 'Kind', raised_at: 'When', lat: '' },
      vocabulary: { type: { Help: 'red', Odd: '' } },
    }
    const p = buildProfile(d)
    expect(p.name).toBe('Acme')
    expect(p.files.alarms.columns).toEqual({ arc_ref: 'No', type: 'Kind', raised_at: 'When' })
    expect(p.vocabulary).toEqual({ type: { Help: 'red' } })
    expect(p.decimalComma).toBe(true)
    expect(p.clockChange).toEqual({ gap: 'reject', overlap: 'first' })
  })
})
