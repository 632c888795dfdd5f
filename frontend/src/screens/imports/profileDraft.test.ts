import { describe, expect, it } from 'vitest'
import { NO_CATEGORY, buildProfile, guessColumn, guessTimeColumn, looksSplit, type Draft } from './profileDraft'

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

describe('separate date and time columns', () => {
  const headers = ['Alarm No', 'Date Raised', 'Time Raised', 'Log Date', 'Log Time', 'Raised']
  it('finds the time column beside a date column', () => {
    expect(guessTimeColumn('Date Raised', headers)).toBe('Time Raised')
    expect(guessTimeColumn('Log Date', headers)).toBe('Log Time')
    expect(guessTimeColumn('Raised', headers)).toBeUndefined()
    expect(looksSplit(headers)).toBe(true)
    expect(looksSplit(['Raised', 'Closed'])).toBe(false)
  })
  it('writes a time field as [date, time] and a word meaning no category as ""', () => {
    const d: Draft = {
      name: 'Northgate', arc: 'Northgate', delimiter: ';', decimalComma: true, encoding: 'windows-1252', timeFormat: 'dd/MM/yyyy HH:mm:ss',
      timeZone: 'Europe/London', gap: 'shift_forward', overlap: 'first', fileName: 'Alarms.csv', splitDateTime: true,
      columns: { arc_ref: 'Alarm No', type: 'Alarm Type', raised_at: 'Date Raised', 'raised_at#time': 'Time Raised', memo: 'Notes' },
      files: { log: { file: 'export/Operator Log.csv', columns: { arc_ref: 'Alarm No', at: 'Log Date', 'at#time': 'Log Time', action: 'Action' } } },
      vocabulary: { validity: { 'Amber Logged': NO_CATEGORY, Genuine: 'genuine' } },
    }
    const p = buildProfile(d)
    expect(p.files.alarms.columns).toEqual({ arc_ref: 'Alarm No', type: 'Alarm Type', raised_at: ['Date Raised', 'Time Raised'], memo: 'Notes' })
    expect(p.files.log).toEqual({ name: 'Operator Log.csv', columns: { arc_ref: 'Alarm No', at: ['Log Date', 'Log Time'], action: 'Action' } })
    expect(p.vocabulary).toEqual({ validity: { 'Amber Logged': '', Genuine: 'genuine' } })
  })
})

describe('a file with its own character set and separator', () => {
  const base: Draft = {
    name: 'Mixed', arc: 'Mixed ARC', delimiter: ';', decimalComma: true, encoding: 'windows-1252', timeFormat: 'dd/MM/yyyy HH:mm:ss',
    timeZone: 'Europe/London', gap: 'reject', overlap: 'reject', fileName: 'Alarms.csv',
    columns: { arc_ref: 'Alarm No', type: 'Alarm Type', raised_at: 'Raised' },
    files: { log: { file: 'Operator Log.csv', encoding: 'utf-8', delimiter: ',', columns: { arc_ref: 'Alarm No', at: 'At', action: 'Action' } } },
    vocabulary: {},
  }
  it('says so in that file of the profile only', () => {
    const p = buildProfile(base)
    expect(p.files.log).toEqual({ name: 'Operator Log.csv', encoding: 'utf-8', delimiter: ',', columns: { arc_ref: 'Alarm No', at: 'At', action: 'Action' } })
    expect(p.files.alarms).toEqual({ name: 'Alarms.csv', columns: { arc_ref: 'Alarm No', type: 'Alarm Type', raised_at: 'Raised' } })
    expect(p.encoding).toBe('windows-1252')
    expect(p.delimiter).toBe(';')
  })
  it('leaves out a setting that is the same as the export\'s', () => {
    const p = buildProfile({ ...base, files: { log: { ...base.files!.log!, encoding: 'windows-1252', delimiter: ';' } } })
    expect(p.files.log).toEqual({ name: 'Operator Log.csv', columns: { arc_ref: 'Alarm No', at: 'At', action: 'Action' } })
  })
  it('keeps the list separator apart from the alarms file\'s own separator', () => {
    const p = buildProfile({ ...base, delimiter: ',', alarmsFile: { delimiter: '|' } })
    expect(p.files.alarms.delimiter).toBe('|')
    expect(p.listSeparator).toBe(';')
  })
})
