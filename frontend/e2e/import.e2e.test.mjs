import { test } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync, readFileSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { axe, cli, root, screenshot, startApp } from './harness.mjs'

// Native dialogs cannot be driven from Chromium: the dev build answers the
// open dialog with REDLINE_E2E_PICK and the save dialog with REDLINE_E2E_SAVE
// (app/imports_e2e_dev.go; production builds do not contain this hook).
const exportDir = join(root, 'testdata', 'arc', 'demo', 'canonical')

test('an LSMS imports an ARC export, sees the summary, and re-importing changes nothing', { timeout: 240000 }, async (t) => {
  const reportPath = join(mkdtempSync(join(tmpdir(), 'redline-e2e-report-')), 'report.csv')
  const app = await startApp({ port: 34121, env: { REDLINE_E2E_PICK: exportDir, REDLINE_E2E_SAVE: reportPath } })
  t.after(() => app.stop())
  const { page } = app

  await page.getByRole('heading', { name: 'Welcome to Redline' }).waitFor()
  await page.getByRole('button', { name: /empty/i }).click()
  await page.getByRole('link', { name: 'Import', exact: true }).click()
  await page.getByRole('heading', { name: 'Import an ARC export', level: 1 }).waitFor()

  await page.getByRole('button', { name: 'Choose export folder…' }).click()
  await page.getByText('Selected: canonical').waitFor()
  await page.getByRole('button', { name: 'Import', exact: true }).click()
  await page.getByRole('heading', { name: 'Imported', level: 2 }).waitFor({ timeout: 60000 })

  // The summary matches what the export holds (count its rows independently).
  const lines = (f) => readFileSync(join(exportDir, f), 'utf8').trim().split('\n').length - 1
  const alarms = lines('alarms.csv')
  const summary = page.locator('.summary-table')
  const alertRow = summary.getByRole('row', { name: /^Alerts/ })
  assert.equal(await alertRow.locator('td').first().textContent(), String(alarms), 'new alerts = rows in alarms.csv')
  assert.equal(await summary.getByRole('row', { name: /^Positions/ }).locator('td').first().textContent(), String(lines('positions.csv')))
  assert.equal(await summary.getByRole('row', { name: /^Recordings/ }).locator('td').first().textContent(), String(lines('recordings.csv')))
  const inDb = JSON.parse(cli(app.dataDir, 'alerts', '--json', '--limit', '1000'))
  assert.equal(inDb.length, alarms, 'the database holds every alert')

  // The history lists the import with the SHA-256 of each file received.
  const history = page.locator('.import-history')
  await history.locator('summary').first().click()
  await history.getByText('alarms.csv').waitFor()
  assert.match(await history.locator('td.hash').first().textContent(), /^[0-9a-f]{64}$/)
  assert.deepEqual(await axe(page), [], 'imports screen has no serious accessibility problems')
  await screenshot(page, 'import-summary')

  // Re-importing the same export changes nothing and says so.
  await page.getByRole('button', { name: 'Import', exact: true }).click()
  await page.getByRole('heading', { name: 'Nothing to do', level: 2 }).waitFor({ timeout: 60000 })
  assert.equal(await alertRow.locator('td').nth(2).textContent(), String(alarms), 'every alert unchanged')
  assert.equal(await alertRow.locator('td').first().textContent(), '0', 'no new alerts')
  await page.locator('.history-list > li').nth(1).waitFor()
  await screenshot(page, 'import-unchanged')
  assert.deepEqual(app.violations, [], 'no Content-Security-Policy violations')
  assert.deepEqual(app.ownErrors(), [], 'no console errors')
})

test('a broken export is rejected with a report that saves as CSV', { timeout: 180000 }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'redline-e2e-broken-'))
  const bad = join(dir, 'alarms.csv')
  ;(await import('node:fs')).writeFileSync(bad, 'arc,arc_ref,type,raised_at,memo\nARC,R1,=SUM(1),2025-10-01T10:00:00Z,memo\nARC,R2,red,30/02/2025,\n')
  const reportPath = join(dir, 'report.csv')
  const dataDir = mkdtempSync(join(tmpdir(), 'redline-e2e-'))
  cli(dataDir, 'import', join(root, 'testdata', 'arc', 'demo', 'iso-utc'))
  const app = await startApp({ port: 34121, dataDir, env: { REDLINE_E2E_PICK: bad, REDLINE_E2E_SAVE: reportPath } })
  t.after(() => app.stop())
  const { page } = app
  await page.getByRole('link', { name: 'Import', exact: true }).click()
  await page.getByRole('button', { name: 'Choose export file…' }).click()
  await page.getByRole('button', { name: 'Import', exact: true }).click()
  await page.getByRole('heading', { name: 'Rejected: nothing imported', level: 2 }).waitFor({ timeout: 60000 })
  const report = page.locator('.report-table')
  // The value has its own column; the reason does not repeat it.
  await report.getByRole('row').filter({ hasText: '=SUM(1)' }).getByText('is not a known type', { exact: false }).waitFor()
  await page.getByRole('button', { name: 'Save report as CSV…' }).click()
  await page.getByText(`Report saved to ${reportPath}`).waitFor()
  assert.ok(existsSync(reportPath))
  const csv = readFileSync(reportPath, 'utf8')
  assert.match(csv, /alarms\.csv,3,raised_at,30\/02\/2025/)
  assert.match(csv, /,'=SUM\(1\),/, 'the formula is neutralised in the CSV')
  assert.deepEqual(await axe(page), [], 'report has no serious accessibility problems')
  await screenshot(page, 'import-rejected')
})

test('an export no profile fits is mapped in the wizard, saved as a profile and imported', { timeout: 180000 }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'redline-e2e-odd-'))
  const odd = join(dir, 'odd.csv')
  ;(await import('node:fs')).writeFileSync(odd, 'Incident;When;Kind;Lat;Lon\nA1;01/10/2025 10:00;Help;53,8;-1,55\nA2;01/10/2025 11:30;Memo;53,81;-1,56\n')
  const app = await startApp({ port: 34121, env: { REDLINE_E2E_PICK: odd } })
  t.after(() => app.stop())
  const { page } = app
  await page.getByRole('button', { name: /empty/i }).click()
  await page.getByRole('link', { name: 'Import', exact: true }).click()
  await page.getByRole('button', { name: 'Choose export file…' }).click()
  await page.getByRole('button', { name: 'Import', exact: true }).click()
  const wizard = page.getByRole('region', { name: 'No import profile fits this export: map its columns' })
  await wizard.waitFor({ timeout: 60000 })
  assert.equal(await wizard.getByLabel('Alarm reference (required)').inputValue(), 'Incident', 'the reference column is guessed')
  assert.ok(await wizard.getByLabel('Numbers use a decimal comma (53,8)').isChecked(), 'semicolon files default to decimal commas')
  await wizard.getByLabel('Profile name').fill('Odd ARC')
  await wizard.getByLabel('ARC name (when the file has no ARC column)').fill('Odd Centre')
  await wizard.getByLabel('Dates and times look like').selectOption('dd/MM/yyyy HH:mm')
  await wizard.getByLabel('Alarm type (amber or red) (required)').selectOption('Kind')
  await wizard.getByLabel('Latitude').selectOption('Lat')
  await wizard.getByLabel('Longitude').selectOption('Lon')
  await wizard.getByRole('button', { name: 'Preview parsed rows' }).click()
  await wizard.getByLabel('“Help” in type means').selectOption('red')
  await wizard.getByLabel('“Memo” in type means').selectOption('amber')
  await wizard.getByRole('button', { name: 'Preview again' }).click()
  await wizard.getByRole('cell', { name: 'A1' }).waitFor()
  await wizard.getByRole('cell', { name: '53.8', exact: true }).waitFor()
  assert.deepEqual(await axe(page), [], 'wizard has no serious accessibility problems')
  await screenshot(page, 'import-wizard')
  await wizard.getByRole('button', { name: 'Save profile and import' }).click()
  await page.getByRole('heading', { name: 'Imported', level: 2 }).waitFor({ timeout: 60000 })
  assert.equal(await page.locator('.summary-table').getByRole('row', { name: /^Alerts/ }).locator('td').first().textContent(), '2')
  assert.ok(existsSync(join(app.dataDir, 'profiles', 'odd-arc.json')), 'the profile is saved in the data directory')
  const alerts = JSON.parse(cli(app.dataDir, 'alerts', '--json'))
  assert.deepEqual(alerts.map((a) => [a.arc, a.arcRef, a.type, a.lat]).sort(), [['Odd Centre', 'A1', 'red', 53.8], ['Odd Centre', 'A2', 'amber', 53.81]])
})

test('a partial import lists the quarantined rows, saves them to fix, and the fixed rows import', { timeout: 180000 }, async (t) => {
  const fs = await import('node:fs')
  const tmp = mkdtempSync(join(tmpdir(), 'redline-e2e-quarantine-'))
  const exportDir = join(tmp, 'export')
  const saveDir = join(tmp, 'chosen')
  fs.mkdirSync(exportDir)
  fs.mkdirSync(saveDir)
  fs.writeFileSync(join(exportDir, 'alarms.csv'), 'arc,arc_ref,type,raised_at,memo,lat,lon\n' +
    'ARC,Q1,red,2025-10-01T10:00:00Z,fine,53.8,-1.55\n' +
    'ARC,Q2,purple,2025-10-01T11:00:00Z,=keep me,53.81,-1.56\n' +
    'ARC,Q3,amber,2025-10-01T12:00:00Z,ok,91,-1.57\n')
  // The folder dialog answers with saveDir (REDLINE_DEV_SAVE_DIR); the open dialog with exportDir.
  const app = await startApp({ port: 34121, env: { REDLINE_E2E_PICK: exportDir, REDLINE_DEV_SAVE_DIR: saveDir } })
  t.after(() => app.stop())
  const { page } = app
  await page.getByRole('button', { name: /empty/i }).click()
  await page.getByRole('link', { name: 'Import', exact: true }).click()
  await page.getByRole('button', { name: 'Choose export folder…' }).click()
  await page.getByLabel('Import the valid rows and keep rejected rows in quarantine').check()
  await page.getByRole('button', { name: 'Import', exact: true }).click()
  await page.getByRole('heading', { name: 'Partly imported', level: 2 }).waitFor({ timeout: 60000 })

  const quarantine = page.getByRole('region', { name: 'Quarantined rows: 2 kept aside' })
  await quarantine.waitFor()
  const q2 = quarantine.getByRole('row', { name: /Q2/ })
  assert.equal(await q2.locator('td').nth(0).textContent(), 'alarms.csv')
  assert.equal(await q2.locator('td').nth(1).textContent(), '3')
  assert.match(await q2.locator('td').nth(3).textContent(), /Column "type" \("purple"\): is not a known type/)
  assert.doesNotMatch(await q2.locator('td').nth(3).textContent(), /alarms\.csv|Line 3/, 'file and line have their own columns')
  assert.match(await quarantine.getByRole('row', { name: /Q3/ }).locator('td').nth(3).textContent(), /latitude/i)
  assert.deepEqual(await axe(page), [], 'quarantine list has no serious accessibility problems')
  await quarantine.scrollIntoViewIfNeeded()
  await screenshot(page, 'import-quarantine')

  await quarantine.getByRole('button', { name: 'Save quarantined rows to fix…' }).click()
  const folder = join(saveDir, 'quarantine-import-1')
  await quarantine.getByText(`Quarantined rows saved to ${folder}`).waitFor()
  const saved = readFileSync(join(folder, 'alarms.csv'), 'utf8')
  assert.match(saved, /^arc,arc_ref,type,raised_at,memo,lat,lon\n/, 'the export\'s own header')
  assert.match(saved, /Q2,purple,2025-10-01T11:00:00Z,=keep me,53\.81,-1\.56\n/, 'cells written as the ARC sent them')
  assert.doesNotMatch(saved, /Q1/, 'only rejected rows are saved')

  // The person fixes the rows and imports them through the normal import.
  fs.rmSync(join(exportDir, 'alarms.csv'))
  fs.writeFileSync(join(exportDir, 'alarms.csv'), saved.replace('purple', 'red').replace(',91,', ',53.82,'))
  await page.getByRole('checkbox', { name: /quarantine/ }).uncheck()
  await page.getByRole('button', { name: 'Choose export folder…' }).click()
  await page.getByRole('button', { name: 'Import', exact: true }).click()
  await page.getByRole('heading', { name: 'Imported', level: 2 }).waitFor({ timeout: 60000 })
  assert.equal(await page.locator('.summary-table').getByRole('row', { name: /^Alerts/ }).locator('td').first().textContent(), '2')
  const alerts = JSON.parse(cli(app.dataDir, 'alerts', '--json'))
  assert.deepEqual(alerts.map((a) => [a.arcRef, a.type, a.memo, a.lon]).sort(),
    [['Q1', 'red', 'fine', -1.55], ['Q2', 'red', '=keep me', -1.56], ['Q3', 'amber', 'ok', -1.57]])

  // The partial import's quarantine stays reachable from the history.
  const older = page.locator('.history-list > li').nth(1)
  await older.locator('summary').click()
  await older.getByRole('button', { name: 'Show 2 quarantined rows' }).click()
  await older.getByRole('region', { name: 'Quarantined rows: 2 kept aside' }).waitFor()
  assert.deepEqual(app.violations, [], 'no Content-Security-Policy violations')
  assert.deepEqual(app.ownErrors(), [], 'no console errors')
})
