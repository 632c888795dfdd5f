import { test } from 'node:test'
import assert from 'node:assert/strict'
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { cli, root, screenshot, startApp } from './harness.mjs'

// Issue 13, as a new user meets it: an export from an ARC no shipped profile
// covers (Windows-1252, semicolons, UK local time with the date and the time
// of each event in separate columns, an alarms file and an operator log, GSM,
// mu-law and MP3 recordings named in the alarm rows, a PDF report) is mapped
// file by file in the wizard, saved as a profile and imported, operator log
// included. The export is written by backend/arc/vendor_test.go.
const exportDir = join(root, 'testdata', 'arc', 'vendor-split')

test('an export with split date and time columns is mapped in the wizard, log included, and imported', { timeout: 240000 }, async (t) => {
  const app = await startApp({ port: 34181, env: { REDLINE_E2E_PICK: exportDir } })
  t.after(() => app.stop())
  const { page } = app
  await page.getByRole('button', { name: /empty/i }).click()
  await page.getByRole('link', { name: 'Import', exact: true }).click()
  await page.getByRole('button', { name: 'Choose export folder…' }).click()
  await page.getByLabel('Import the valid rows and keep rejected rows in quarantine').check()
  await page.getByRole('button', { name: 'Import', exact: true }).click()

  const wizard = page.getByRole('region', { name: 'No import profile fits this export: map its columns' })
  await wizard.waitFor({ timeout: 60000 })
  // Both CSVs are recognised for what they are, and the split columns are seen.
  assert.equal(await wizard.getByLabel('What is Alarms.csv?').inputValue(), 'alarms')
  assert.equal(await wizard.getByLabel('What is Operator Log.csv?').inputValue(), 'log')
  assert.ok(await wizard.getByLabel('Date and time are in separate columns').isChecked(), 'split date and time is offered')
  assert.equal(await wizard.getByLabel('Raised at (required): date column').inputValue(), 'Date Raised')
  assert.equal(await wizard.getByLabel('Raised at (required): time column').inputValue(), 'Time Raised')
  assert.equal(await wizard.getByLabel('Time of the action in the operator log (required): date column').inputValue(), 'Log Date')
  assert.equal(await wizard.getByLabel('Time of the action in the operator log (required): time column').inputValue(), 'Log Time')
  // Each file may have its own separator and character set; these two files are written alike.
  assert.equal(await wizard.getByLabel('Separator of Operator Log.csv').inputValue(), '')
  assert.equal(await wizard.getByLabel('Character set of Operator Log.csv').inputValue(), '')

  await wizard.getByLabel('Profile name').fill('Northgate')
  await wizard.getByLabel('ARC name (when the file has no ARC column)').fill('Northgate Alarm Monitoring')
  await wizard.getByLabel('Character set of every file').selectOption('windows-1252')
  await wizard.getByLabel('A time in the hour the clocks skip').selectOption('shift_forward')
  await wizard.getByLabel('A time in the hour that repeats').selectOption('first')
  await wizard.getByRole('button', { name: 'Preview parsed rows' }).click()

  // The ARC's own words are mapped; "Amber Logged" means no category.
  const map = { type: { 'Amber Alert': 'amber', SOS: 'red', 'Man Down': 'red' },
    trigger: { 'Amber Alert': 'amber_memo', 'Man Down': 'man_down' }, // "SOS" is Redline's own word
    validity: { 'Amber Logged': '(none)', 'False Alarm': 'false' },
    escalation: { 'Police 999': '999', 'Escalation Contact': 'contact' }, source: { 'Wi-Fi': 'wifi' } }
  await wizard.getByLabel('“Amber Logged” in validity means').waitFor({ timeout: 30000 })
  for (const [field, words] of Object.entries(map)) {
    for (const [w, to] of Object.entries(words)) await wizard.getByLabel(`“${w}” in ${field} means`).selectOption(to)
  }
  await wizard.getByRole('button', { name: 'Preview again' }).click()
  await wizard.getByRole('cell', { name: 'Siobhán O\'Brien' }).waitFor()
  await wizard.getByRole('cell', { name: '3 Park Row, Leeds LS1 5HD' }).waitFor()
  await wizard.getByRole('heading', { name: /First rows of Operator Log\.csv \(operator log/ }).waitFor()
  await wizard.getByRole('cell', { name: 'Caller says "leave now"; worker calm' }).waitFor()
  await screenshot(page, 'import-wizard-split-date-time')
  await wizard.getByRole('button', { name: 'Save profile and import' }).click()

  await page.getByRole('heading', { name: 'Partly imported', level: 2 }).waitFor({ timeout: 60000 })
  const summary = page.locator('.summary-table')
  const row = async (name) => (await summary.getByRole('row', { name }).locator('td').allTextContents()).join(' ')
  assert.equal(await row(/^Alerts/), '3 0 0 1', 'three alerts, the 0,0 fix rejected')
  assert.equal(await row(/^Operator log entries/), '5 0 0 0', 'the operator log is imported')
  assert.equal(await row(/^Recordings/), '3 0 0 0', 'GSM, mu-law and MP3 recordings')
  assert.equal(await row(/^ARC documents/), '1 0 0 0', 'the post-incident report')
  assert.ok(existsSync(join(app.dataDir, 'profiles', 'northgate.json')), 'the profile is saved')
  const saved = JSON.parse(readFileSync(join(app.dataDir, 'profiles', 'northgate.json'), 'utf8'))
  assert.deepEqual(saved.files.alarms.columns.raised_at, ['Date Raised', 'Time Raised'])
  assert.deepEqual(saved.files.log.columns.at, ['Log Date', 'Log Time'])
  assert.equal(saved.files.log.delimiter, undefined, 'a file written like the export has no settings of its own')
  assert.equal(saved.vocabulary.validity['Amber Logged'], '')

  const alerts = JSON.parse(cli(app.dataDir, 'alerts', '--json'))
  const a1001 = alerts.find((a) => a.arcRef === 'A1001')
  assert.equal(a1001.workerName, 'Siobhán O\'Brien')
  assert.equal(a1001.raisedAt, 1761438600, '01:30 on the autumn change, read as the first (BST)')
  assert.equal(alerts.find((a) => a.arcRef === 'A1002').raisedAt, 1743298200, '01:30 in the spring gap, read as GMT')
  assert.equal(a1001.words?.validity, 'Amber Logged', 'the listing carries the ARC’s word beside the value')

  // The alert shows what the ARC sent beyond Redline's own fields.
  await page.getByRole('link', { name: 'Alerts', exact: true }).click()
  await page.getByRole('heading', { name: 'Alerts', level: 1 }).waitFor({ timeout: 30000 })
  // The table shows the ARC's own word beside the value it was normalised to.
  const r1001 = page.locator('.tbody [role=row]').filter({ hasText: 'A1001' })
  await r1001.waitFor({ timeout: 30000 })
  assert.match(await r1001.locator('[data-col=type]').innerText(), /Amber\s*\(ARC: Amber Alert\)/)
  assert.match(await r1001.locator('[data-col=validity]').innerText(), /\(ARC: Amber Logged\)/)
  await screenshot(page, 'alerts-table-arc-words')
  await r1001.click()
  const detail = page.getByRole('complementary')
  await detail.getByText('3 Park Row, Leeds LS1 5HD').waitFor()
  await detail.getByText('(ARC: “Amber Logged”)', { exact: false }).waitFor()
  await detail.getByText('LDS-04').waitFor()
  await screenshot(page, 'alert-arc-fields')

  // The operator log shows the ARC's own columns beside each entry: nothing it sent is dropped.
  await page.locator('.tbody [role=row]').filter({ hasText: 'A1002' }).click()
  await detail.getByRole('columnheader', { name: 'Other ARC fields' }).waitFor({ timeout: 30000 })
  await detail.getByText('NG-88120').waitFor()
  assert.match(await detail.getByRole('row').filter({ hasText: 'Listen-in' }).innerText(), /Call ID:\s*NG-88121/)
  await screenshot(page, 'alert-arc-log-extra')
})

// The same export with its operator log written by another system: UTF-8
// and comma-separated beside the portal's Windows-1252, semicolon-separated
// alarms. The wizard sees it, gives the log its own settings, previews it
// read that way and imports it.
test('a file written unlike the others gets its own separator and character set in the wizard', { timeout: 240000 }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'redline-vendor-mixed-'))
  cpSync(exportDir, dir, { recursive: true })
  writeFileSync(join(dir, 'Operator Log.csv'), [
    'Alarm No,Log Date,Log Time,Operator,Action,Outcome,Comments,Call ID',
    'A1002,30/03/2025,03:30:08,Zoë,Alarm received,,,NG-88120',
    'A1002,30/03/2025,03:31:00,Zoë,Listen-in,Aggressive voices,"Caller says ""leave now""; worker calm",NG-88121',
    'A1002,30/03/2025,03:33:00,Zoë,Call 999,CAD 0142,Police attending for Siobhán,NG-88122',
    'A1004,02/11/2025,09:15:04,Zoë,Alarm received,,,',
    'A1004,02/11/2025,09:16:30,Zoë,Call escalation contact,Answered,Manager informed,NG-90417', ''].join('\n'))
  const app = await startApp({ port: 34181, env: { REDLINE_E2E_PICK: dir } })
  t.after(() => app.stop())
  const { page } = app
  await page.getByRole('button', { name: /empty/i }).click()
  await page.getByRole('link', { name: 'Import', exact: true }).click()
  await page.getByRole('button', { name: 'Choose export folder…' }).click()
  await page.getByLabel('Import the valid rows and keep rejected rows in quarantine').check()
  await page.getByRole('button', { name: 'Import', exact: true }).click()

  const wizard = page.getByRole('region', { name: 'No import profile fits this export: map its columns' })
  await wizard.waitFor({ timeout: 60000 })
  assert.equal(await wizard.getByLabel('Character set of every file').inputValue(), 'windows-1252', 'the alarms file is Windows-1252')
  assert.equal(await wizard.getByLabel('Separator of every file').inputValue(), ';')
  assert.equal(await wizard.getByLabel('Separator of Operator Log.csv').inputValue(), ',', 'the log has its own separator')
  assert.equal(await wizard.getByLabel('Character set of Operator Log.csv').inputValue(), 'utf-8', 'and its own character set')
  assert.equal(await wizard.getByLabel('Time of the action in the operator log (required): time column').inputValue(), 'Log Time')

  await wizard.getByLabel('Profile name').fill('Northgate mixed')
  await wizard.getByLabel('ARC name (when the file has no ARC column)').fill('Northgate Alarm Monitoring')
  await wizard.getByLabel('A time in the hour the clocks skip').selectOption('shift_forward')
  await wizard.getByLabel('A time in the hour that repeats').selectOption('first')
  await wizard.getByRole('button', { name: 'Preview parsed rows' }).click()
  const map = { type: { 'Amber Alert': 'amber', SOS: 'red', 'Man Down': 'red' },
    trigger: { 'Amber Alert': 'amber_memo', 'Man Down': 'man_down' },
    validity: { 'Amber Logged': '(none)', 'False Alarm': 'false' },
    escalation: { 'Police 999': '999', 'Escalation Contact': 'contact' }, source: { 'Wi-Fi': 'wifi' } }
  await wizard.getByLabel('“Amber Logged” in validity means').waitFor({ timeout: 30000 })
  for (const [field, words] of Object.entries(map)) {
    for (const [w, to] of Object.entries(words)) await wizard.getByLabel(`“${w}” in ${field} means`).selectOption(to)
  }
  await wizard.getByRole('button', { name: 'Preview again' }).click()
  // The preview reads the log as UTF-8 with commas: names and the quoted semicolon intact.
  await wizard.getByRole('heading', { name: /First rows of Operator Log\.csv \(operator log, 5 rows checked/ }).waitFor()
  await wizard.getByRole('cell', { name: 'Caller says "leave now"; worker calm' }).waitFor()
  await wizard.getByRole('cell', { name: 'Police attending for Siobhán' }).waitFor()
  await screenshot(page, 'import-wizard-file-settings')
  await wizard.getByRole('button', { name: 'Save profile and import' }).click()

  await page.getByRole('heading', { name: 'Partly imported', level: 2 }).waitFor({ timeout: 60000 })
  const summary = page.locator('.summary-table')
  const row = async (name) => (await summary.getByRole('row', { name }).locator('td').allTextContents()).join(' ')
  assert.equal(await row(/^Operator log entries/), '5 0 0 0', 'the whole operator log is imported')
  const saved = JSON.parse(readFileSync(join(app.dataDir, 'profiles', 'northgate-mixed.json'), 'utf8'))
  assert.equal(saved.files.log.encoding, 'utf-8')
  assert.equal(saved.files.log.delimiter, ',')
  assert.equal(saved.files.alarms.encoding, undefined, 'the alarms file reads with the export\'s settings')
})
