import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync } from 'node:fs'
import { asOf, axe, cli, demo, screenshot, startApp } from './harness.mjs'

test('the director sees monthly trends that match the database, and small counts hidden for sharing', { timeout: 180000 }, async (t) => {
  const dataDir = mkdtempSync('/tmp/redline-e2e-')
  demo(dataDir)
  const app = await startApp({ port: 34117, dataDir })
  t.after(() => app.stop())
  const { page } = app
  await page.getByRole('heading', { name: 'Alerts', level: 1 }).waitFor({ timeout: 30000 })
  await page.getByRole('link', { name: 'Reports' }).click()
  await page.getByRole('heading', { name: 'Alerts by month and type' }).waitFor()

  // Last month in full, checked against redline-cli's count of red alerts for the same London dates.
  const now = new Date(asOf)
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1))
  const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0))
  const uk = (d) => d.toISOString().slice(0, 10).split('-').reverse().join('/')
  const red = JSON.parse(cli(dataDir, 'alerts', '--json', '--type', 'red', '--from', uk(first), '--to', uk(last), '--limit', '1000'))
  const monthName = first.toLocaleDateString('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' })
  const row = page.getByRole('table').first().getByRole('row', { name: new RegExp(`^${monthName}`) })
  const cells = await row.getByRole('cell').allTextContents()
  assert.equal(cells[1], red.length.toLocaleString('en-GB'), `red alerts in ${monthName}`)
  await page.locator('canvas').first().waitFor()
  assert.deepEqual(await axe(page), [], 'reports screen has no serious accessibility problems')
  await screenshot(page, 'reports')

  await page.getByLabel(/For sharing beyond the security team/).check()
  await page.getByRole('table').nth(1).getByText('<5').first().waitFor()
  await screenshot(page, 'reports-shared')
  assert.deepEqual(app.violations, [], 'no Content-Security-Policy violations')
})
