import { test } from 'node:test'
import assert from 'node:assert/strict'
import { axe, cli, screenshot, startApp, demo } from './harness.mjs'

test('first run opens the demo data and the Alerts table matches the database', { timeout: 180000 }, async (t) => {
  const app = await startApp({ port: 34115 })
  t.after(() => app.stop())
  const { page } = app

  await page.getByRole('heading', { name: 'Welcome to Redline' }).waitFor()
  assert.deepEqual(await axe(page), [], 'first-run screen has no serious accessibility problems')
  await page.getByRole('button', { name: 'Open demo data' }).click()
  // The window opens on the day's work; the Alerts screen is one click away.
  await page.getByRole('heading', { name: 'My work', level: 1 }).waitFor({ timeout: 60000 })
  await page.getByRole('link', { name: 'Alerts' }).click()
  await page.getByRole('heading', { name: 'Alerts', level: 1 }).waitFor({ timeout: 60000 })

  // Filter to red alerts and compare with what the database holds.
  await page.getByLabel('Type').selectOption('red')
  const expected = JSON.parse(cli(app.dataDir, 'alerts', '--json', '--type', 'red', '--limit', '0'))
  assert.ok(expected.length > 20, `demo has red alerts (${expected.length})`)
  await page.getByText(`${expected.length.toLocaleString('en-GB')} alerts`, { exact: true }).waitFor()
  const rows = page.locator('.tbody [role=row]')
  await rows.first().locator('[data-col=arcRef]').waitFor()
  const shown = await rows.evaluateAll((els) => els.slice(0, 10).map((e) => Object.fromEntries([...e.querySelectorAll('[role=cell]')].map((c) => [c.dataset.col, c.textContent]))))
  for (const [i, cells] of shown.entries()) {
    assert.equal(cells.type, 'Red', `row ${i} is a red alert`)
    assert.equal(cells.arcRef, expected[i].arcRef, `row ${i} is the ${i + 1}th newest red alert`)
    assert.equal(cells.workerName, expected[i].workerName)
  }
  // Times are shown in UK time even though this browser is in New York.
  const first = expected[0]
  const uk = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', dateStyle: 'short', timeStyle: 'medium' })
    .format(new Date(first.raisedAt * 1000)).replace(',', '')
  assert.equal(shown[0].raisedAt, uk)

  // Open the detail panel of a genuine alert from the keyboard.
  await page.getByLabel('Validity').selectOption('genuine')
  const genuine = JSON.parse(cli(app.dataDir, 'alerts', '--json', '--type', 'red', '--validity', 'genuine', '--limit', '0'))
  await page.getByText(`${genuine.length} alert${genuine.length === 1 ? '' : 's'}`, { exact: true }).waitFor()
  await rows.first().locator('[data-col=arcRef]').filter({ hasText: genuine[0].arcRef }).waitFor()
  await rows.first().focus()
  await page.keyboard.press('Enter')
  const panel = page.getByRole('complementary')
  await panel.getByRole('heading', { name: new RegExp(genuine[0].arcRef) }).waitFor()
  await panel.getByText('ARC operator log').waitFor()
  await panel.getByText('Alarm received').waitFor()
  await panel.getByText(/SHA-256 [0-9a-f]{64}/).first().waitFor()
  await page.keyboard.press('ArrowDown')
  await panel.getByRole('heading', { name: new RegExp(genuine[1].arcRef) }).waitFor()

  assert.deepEqual(await axe(page), [], 'alerts screen has no serious accessibility problems')
  await screenshot(page, 'alerts-red-detail')
  assert.deepEqual(app.violations, [], 'no Content-Security-Policy violations')
  assert.deepEqual(app.ownErrors(), [], 'no console errors')
})

test('free text finds a worker and imported text is shown as text', { timeout: 120000 }, async (t) => {
  const dataDir = (await import('node:fs')).mkdtempSync('/tmp/redline-e2e-')
  demo(dataDir)
  const app = await startApp({ port: 34116, dataDir })
  t.after(() => app.stop())
  const { page } = app
  await page.getByRole('heading', { name: 'My work', level: 1 }).waitFor({ timeout: 30000 })
  await page.getByRole('link', { name: 'Alerts' }).click()
  await page.getByRole('heading', { name: 'Alerts', level: 1 }).waitFor({ timeout: 30000 })
  const someone = JSON.parse(cli(dataDir, 'alerts', '--json', '--limit', '1'))[0]
  await page.getByLabel('Search').fill(someone.workerName)
  await page.waitForFunction((name) => {
    const cells = [...document.querySelectorAll('.tbody [role=row] [data-col=workerName]')]
    return cells.length > 0 && cells.every((c) => c.textContent === name)
  }, someone.workerName)
  const count = await page.locator('.count').textContent()
  assert.match(count, /^\d+ alerts?$/)

  // A UK date range: one London day, compared with the CLI's reading of the same dates.
  await page.getByRole('button', { name: 'Clear filters' }).click()
  const day = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', dateStyle: 'short' }).format(new Date(someone.raisedAt * 1000))
  const sameDay = JSON.parse(cli(dataDir, 'alerts', '--json', '--from', day, '--to', day, '--limit', '1000'))
  await page.getByLabel('From', { exact: true }).fill(day)
  await page.getByLabel('To', { exact: true }).fill(day)
  await page.getByText(`${sameDay.length.toLocaleString('en-GB')} alert${sameDay.length === 1 ? '' : 's'}`, { exact: true }).waitFor()
  await page.getByLabel('From', { exact: true }).fill('31/02/2026')
  await page.getByLabel('From', { exact: true }).blur()
  await page.getByText('Enter a real date as dd/mm/yyyy. Not filtering by this date.').waitFor()
  // The wrong date no longer filters: the count is of every alert up to To again, more than that one day's.
  await page.waitForFunction((n) => Number(document.querySelector('.count')?.textContent.replace(/\D/g, '')) > n, sameDay.length)

  await page.getByRole('link', { name: 'Settings' }).click()
  await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor()
  await page.getByText('Redline sends nothing over the network.', { exact: false }).waitFor()
  await page.getByRole('heading', { name: 'Transcription' }).waitFor()
  await page.getByRole('cell', { name: 'Shipped with Redline' }).first().waitFor()
  // Retention periods: a same-day amber period shorter than the amber one is refused; a valid change is kept.
  await page.getByLabel("Amber memo on the day of the same worker's genuine red alert: number").fill('1')
  await page.getByRole('button', { name: 'Save retention periods' }).click()
  await page.getByRole('alert').filter({ hasText: 'at least as long' }).waitFor()
  await page.getByLabel("Amber memo on the day of the same worker's genuine red alert: number").fill('12')
  await page.getByLabel('Genuine red alert: number', { exact: true }).fill('24')
  await page.getByRole('button', { name: 'Save retention periods' }).click()
  await page.getByText('Retention periods saved.').waitFor()
  assert.deepEqual(await axe(page), [], 'settings screen has no serious accessibility problems')
  await screenshot(page, 'settings')
  await page.getByRole('button', { name: 'About Redline' }).click()
  await page.getByRole('dialog').getByText(dataDir, { exact: true }).waitFor()
  await screenshot(page, 'about')
})
