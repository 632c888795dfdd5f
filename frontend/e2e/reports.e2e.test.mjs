import { test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { asOf, axe, cli, demo, screenshot, startApp } from './harness.mjs'

const port = 34117

test('the director reads XmR trends that match the database, shares them suppressed and saves a board pack', { timeout: 240000 }, async (t) => {
  const dataDir = mkdtempSync('/tmp/redline-e2e-')
  demo(dataDir)
  const saveDir = mkdtempSync(join(tmpdir(), 'redline-e2e-boardpack-'))
  const app = await startApp({ port, dataDir, env: { REDLINE_DEV_SAVE_DIR: saveDir } })
  t.after(() => app.stop())
  const { page } = app
  await page.getByRole('link', { name: 'Reports' }).waitFor({ timeout: 30000 })
  await page.getByRole('link', { name: 'Reports' }).click()
  const redPanel = page.getByRole('region', { name: 'Red alerts', exact: true })
  await redPanel.getByRole('heading', { name: 'Red alerts' }).waitFor()
  await redPanel.locator('canvas').first().waitFor()

  // Last month in full, checked against redline-cli's count of red alerts for the same London dates.
  const now = new Date(asOf)
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1))
  const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0))
  const uk = (d) => d.toISOString().slice(0, 10).split('-').reverse().join('/')
  const red = JSON.parse(cli(dataDir, 'alerts', '--json', '--type', 'red', '--from', uk(first), '--to', uk(last), '--limit', '1000'))
  const monthName = first.toLocaleDateString('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' })
  await redPanel.getByText('Figures').click()
  const row = redPanel.getByRole('row', { name: new RegExp(`^${monthName}`) })
  const cells = await row.getByRole('cell').allTextContents()
  assert.equal(cells[0], red.length.toLocaleString('en-GB'), `red alerts in ${monthName}`)
  assert.match(await redPanel.locator('.commentary').textContent(), /limits and signals need 13/)
  // The CLI's series is the page's.
  const month = first.toISOString().slice(0, 7)
  const json = JSON.parse(cli(dataDir, 'trends', '--json', '--from', month, '--to', month, '--as-of', asOf))
  const redSeries = json.measures.find((m) => m.id === 'red_alerts')
  assert.equal(redSeries.points[0].value, red.length)
  for (const k of ['mean', 'upperLimit', 'lowerLimit', 'signals']) assert.ok(k in redSeries, `series has ${k}`)
  assert.deepEqual(await axe(page), [], 'reports screen has no serious accessibility problems')
  await screenshot(page, 'reports')

  await page.getByLabel('Run length').selectOption('6')
  await page.getByLabel(/For sharing beyond the security team/).check()
  await page.getByRole('note').getByText(/counts from 1 to 7 are shown as \*/).waitFor()
  await page.getByRole('region', { name: 'By team' }).getByRole('cell', { name: '*', exact: true }).first().waitFor()
  await screenshot(page, 'reports-shared')
  const shared = cli(dataDir, 'trends', '--json', '--shared', '--as-of', asOf)
  assert.match(shared, /\{"suppressed":true\}/, 'a hidden count is {"suppressed": true}')

  await page.getByRole('button', { name: 'Save board pack (PDF)' }).click()
  await page.getByRole('status').getByText(/Board pack saved to/).waitFor()
  const pdf = readdirSync(saveDir).find((f) => f.endsWith('.pdf'))
  assert.ok(pdf && existsSync(join(saveDir, pdf)), 'the board pack was saved')
  const text = execFileSync('pdftotext', [join(saveDir, pdf), '-']).toString()
  assert.match(text, /Lone-worker safety trends/)
  assert.match(text, /counts from 1 to 7 are shown as \*/)
  const log = JSON.parse(cli(dataDir, 'audit', 'verify', '--json'))
  assert.ok(log.intact, 'the audit log is intact after the export')
  assert.deepEqual(app.violations, [], 'no Content-Security-Policy violations')
  assert.deepEqual(app.ownErrors(), [], 'no errors in the page')
})

test('on an empty database every panel says there is no data yet', { timeout: 120000 }, async (t) => {
  const app = await startApp({ port })
  t.after(() => app.stop())
  const { page } = app
  await page.getByRole('heading', { name: 'Welcome to Redline' }).waitFor({ timeout: 30000 })
  await page.getByRole('button', { name: /empty/i }).click()
  await page.getByRole('link', { name: 'Reports' }).click()
  await page.getByRole('heading', { name: 'Red alerts', exact: true }).waitFor()
  const panels = page.locator('section.panel')
  const n = await panels.count()
  assert.ok(n >= 10, `${n} panels`)
  for (let i = 0; i < n; i++) await panels.nth(i).getByText('No data yet.').waitFor()
  await page.getByRole('heading', { name: 'Reports', level: 1 }).waitFor()
  await screenshot(page, 'reports-empty')
  assert.deepEqual(app.ownErrors(), [], 'no errors in the page')
})
