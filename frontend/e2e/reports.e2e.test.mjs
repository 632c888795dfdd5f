import { test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs'
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

test('with two years of history the director sees limits, the denominator, staff groups, escalations and band movement', { timeout: 300000 }, async (t) => {
  const dataDir = mkdtempSync('/tmp/redline-e2e-')
  demo(dataDir, '--history')
  const saveDir = mkdtempSync(join(tmpdir(), 'redline-e2e-csv-'))
  const app = await startApp({ port, dataDir, env: { REDLINE_DEV_SAVE_DIR: saveDir } })
  t.after(() => app.stop())
  const { page } = app
  await page.getByRole('link', { name: 'Reports' }).waitFor({ timeout: 30000 })
  await page.getByRole('link', { name: 'Reports' }).click()
  const redPanel = page.getByRole('region', { name: 'Red alerts', exact: true })
  await redPanel.locator('canvas').first().waitFor()

  // The default range is two years, so the limits are there on first run, as redline-cli works them out.
  const json = JSON.parse(cli(dataDir, 'trends', '--json', '--as-of', asOf))
  const red = json.measures.find((m) => m.id === 'red_alerts')
  assert.ok(red.points.length >= 13 && red.upperLimit !== null && red.lowerLimit !== null, `${red.points.length} months with limits`)
  assert.equal(await redPanel.locator('.commentary').textContent(), red.commentary)
  assert.doesNotMatch(red.commentary, /need 13/)

  // The Making Data Count icons beside the chart say the CLI's variation in words.
  const icons = redPanel.getByRole('list', { name: 'Making Data Count summary' })
  assert.equal(await icons.locator('li').first().getAttribute('data-mdc'), red.variation)
  assert.match(await icons.locator('li').first().textContent(), /variation|improvement|concern/i)

  // The tooltip is built from elements with classes, so the CSP leaves the name and figure apart.
  const box = await redPanel.locator('canvas').first().boundingBox()
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2)
  const tip = page.locator('.chart-tip').first()
  await tip.waitFor()
  assert.equal(await tip.locator('.chart-tip-name').first().textContent(), 'Red alerts')
  assert.match(await tip.locator('.chart-tip-value').first().textContent(), /^\d[\d,]*( \(part period\))?$/)
  await screenshot(page, 'reports-history-tooltip')
  await page.mouse.move(0, 0)

  // Export CSV of the red alerts table: the file holds the CLI's figures, and the export is audited.
  await redPanel.getByRole('button', { name: 'Export CSV of red alerts' }).click()
  await redPanel.getByRole('status').getByText(/Saved to/).waitFor()
  const csvFile = readdirSync(saveDir).find((f) => f.startsWith('trends-red_alerts-') && f.endsWith('.csv'))
  assert.ok(csvFile, 'the CSV was saved')
  const lines = readFileSync(join(saveDir, csvFile), 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n')
  assert.equal(lines.length, red.points.length + 1, 'a header and a row per period')
  assert.equal(lines[1].split(',')[2], String(red.points[0].value))
  assert.ok(JSON.parse(cli(dataDir, 'audit', 'verify', '--json')).intact, 'the audit log is intact after the CSV export')

  const incidents = page.getByRole('region', { name: 'Incidents per 1,000 lone workers', exact: true })
  await incidents.getByText('Denominator: the 150 lone workers on the register today, for every period').waitFor()

  const groups = page.getByRole('region', { name: 'Incidents by staff group' })
  await groups.getByRole('img', { name: /Bar chart of incidents per 1,000 lone workers by staff group/ }).waitFor()
  assert.ok(json.staffGroups.length >= 7, `${json.staffGroups.length} staff groups`)
  for (const g of json.staffGroups) {
    const shown = `${g.staffGroup} ${g.workers} ${g.red.toLocaleString('en-GB')} ${g.incidents.toLocaleString('en-GB')} ${g.perThousand.toFixed(1)}`
    // Then the row's "List the N red alerts" and "List the N incidents" buttons.
    const re = new RegExp(`^${shown.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( List the .*)?$`)
    await groups.getByRole('row', { name: re }).waitFor()
  }

  const esc = page.getByRole('region', { name: 'Red alerts escalated to the police' })
  await esc.getByRole('img', { name: /Stacked bar chart of red alerts escalated to the police/ }).waitFor()
  const series = json.measures.find((m) => m.id === 'escalated_police')
  assert.deepEqual(series.columns.map((c) => c.name).slice(0, 5),
    ['Not escalated', 'Escalation contact', 'Police (101)', 'Police (999)', 'Police reference (URN)'])
  assert.ok(series.points.some((p) => p.value > 0), 'some red alerts reached the police')

  await page.getByRole('region', { name: 'Risk band movement' }).getByRole('heading').waitFor()
  assert.deepEqual(await axe(page), [], 'reports screen has no serious accessibility problems')
  await screenshot(page, 'reports-history')
  await groups.scrollIntoViewIfNeeded()
  await screenshot(page, 'reports-history-groups')
  await esc.scrollIntoViewIfNeeded()
  await screenshot(page, 'reports-history-escalation')
  assert.deepEqual(app.violations, [], 'no Content-Security-Policy violations')
  assert.deepEqual(app.ownErrors(), [], 'no errors in the page')
})

test('choosing a figure lists the alerts behind it, as many as the figure, and a link opens the alert', { timeout: 180000 }, async (t) => {
  const dataDir = mkdtempSync('/tmp/redline-e2e-')
  demo(dataDir)
  const app = await startApp({ port, dataDir })
  t.after(() => app.stop())
  const { page } = app
  await page.setViewportSize({ width: 1366, height: 768 })
  await page.getByRole('link', { name: 'Reports' }).waitFor({ timeout: 30000 })
  await page.getByRole('link', { name: 'Reports' }).click()
  const redPanel = page.getByRole('region', { name: 'Red alerts', exact: true })
  await redPanel.locator('canvas').first().waitFor()

  // Last month in full: the list holds redline-cli's red alerts for the same London dates.
  const now = new Date(asOf)
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1))
  const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0))
  const uk = (d) => d.toISOString().slice(0, 10).split('-').reverse().join('/')
  const red = JSON.parse(cli(dataDir, 'alerts', '--json', '--type', 'red', '--from', uk(first), '--to', uk(last), '--limit', '1000'))
  const monthName = first.toLocaleDateString('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' })
  await redPanel.getByText('Figures').click()
  const row = redPanel.getByRole('row', { name: new RegExp(`^${monthName}`) })
  const shown = (await row.getByRole('cell').first().textContent()).replace(/,/g, '')
  assert.equal(Number(shown), red.length, `red alerts in ${monthName}`)
  const list = row.getByRole('button', { name: `List the ${red.length} alerts behind red alerts, ${monthName}` })
  await list.click()

  const panel = page.getByRole('region', { name: `Red alerts: ${monthName}` })
  await panel.getByText(`${red.length.toLocaleString('en-GB')} alerts, newest first.`).waitFor()
  assert.equal(await panel.getByRole('link').count(), Math.min(red.length, 50), 'the first page of links')
  assert.ok(await panel.getByRole('heading', { name: `Red alerts: ${monthName}` }).evaluate((h) => h === document.activeElement), 'focus on the list')
  const newest = red.reduce((a, b) => (b.raisedAt > a.raisedAt || (b.raisedAt === a.raisedAt && b.id > a.id) ? b : a))
  assert.equal(await panel.getByRole('link').first().textContent(), newest.arcRef, 'newest first')
  assert.deepEqual(await axe(page), [], 'no serious accessibility problems with the list open')
  await panel.scrollIntoViewIfNeeded()
  await screenshot(page, 'reports-behind')

  await page.keyboard.press('Escape')
  await panel.waitFor({ state: 'detached' })
  assert.ok(await list.evaluate((b) => b === document.activeElement), 'Escape gives focus back to the button')

  await list.click()
  await panel.getByRole('link', { name: newest.arcRef }).click()
  await page.getByRole('complementary').getByRole('heading', { name: new RegExp(newest.arcRef) }).waitFor()
  await screenshot(page, 'reports-behind-alert')

  // A team's red alerts over the whole range: as many as its row says.
  await page.getByRole('link', { name: 'Reports' }).click()
  const teams = page.getByRole('region', { name: 'By team' })
  const teamRow = teams.getByRole('row').nth(1)
  const team = await teamRow.getByRole('rowheader').textContent()
  const teamRed = Number((await teamRow.getByRole('cell').nth(2).textContent()).replace(/,/g, ''))
  assert.ok(teamRed > 0, `${team} has red alerts`)
  await teamRow.getByRole('button', { name: `List the ${teamRed} red alerts, ${team}` }).click()
  const teamPanel = teams.getByRole('region', { name: `Red alerts, ${team}: the whole range` })
  await teamPanel.getByText(`${teamRed.toLocaleString('en-GB')} alerts, newest first.`).waitFor()
  await teamPanel.scrollIntoViewIfNeeded()
  await screenshot(page, 'reports-behind-team')
  assert.deepEqual(app.violations, [], 'no Content-Security-Policy violations')
  assert.deepEqual(app.ownErrors(), [], 'no errors in the page')
})
