import { test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { axe, cli, demo, screenshot, startApp } from './harness.mjs'
import { addPerson, as, skipWithoutServer, teamDemo } from './team.mjs'

// 34301 (laptop) and 34302 (team mode) are this file's ports (34115 to 34224 are other files'); CONFLICT_E2E_PORT moves them.
const PORT = Number(process.env.CONFLICT_E2E_PORT ?? 34301)

const sql = (dataDir, q) => execFileSync('sqlite3', [join(dataDir, 'redline.db'), q], { encoding: 'utf8' }).trim()

/** Opens the waiting red alert's triage from My work, as the LSMS would. */
async function openTriage(page, url, red) {
  await page.goto(`${url}/#/my-work`)
  await page.getByRole('heading', { name: 'My work', level: 1 }).waitFor({ timeout: 30000 })
  await page.getByRole('button', { name: `Open: Triage red alert ${red.arcRef} (${red.workerName})` }).click()
  await page.getByRole('heading', { name: new RegExp(`${red.arcRef} · ${red.workerName}`) }).waitFor()
  await page.getByText('Waiting for triage').waitFor()
}

test('two windows triage one red alert: the second is told who got there first, and nothing of theirs is saved', { timeout: 240000 }, async (t) => {
  const dataDir = mkdtempSync('/tmp/redline-e2e-conflict-')
  demo(dataDir)
  const red = JSON.parse(cli(dataDir, 'alerts', '--json', '--type', 'red', '--validity', 'genuine', '--limit', '1'))[0]
  const app = await startApp({ port: PORT, dataDir })
  t.after(() => app.stop())
  const mine = app.page
  await mine.setViewportSize({ width: 1366, height: 768 })
  // The colleague: a second window on the same Redline, looking at the same alert.
  const theirs = await mine.context().newPage()
  await openTriage(mine, app.url, red)
  await openTriage(theirs, app.url, red)

  await theirs.getByRole('radio', { name: 'Precautionary' }).check()
  await theirs.getByLabel(/^Reason/).fill('the worker pressed it as a precaution')
  await theirs.getByRole('button', { name: 'Record categorisation' }).click()
  await theirs.getByRole('status').filter({ hasText: 'Categorised precautionary.' }).waitFor()

  // My window still shows the alert waiting: I decide on what I saw.
  const form = mine.getByRole('form', { name: 'Categorise this red alert' })
  await form.getByRole('radio', { name: 'Genuine' }).check()
  await form.getByLabel(/^Reason/).fill('the recording has a blow and a scream')
  await form.getByRole('button', { name: 'Record categorisation' }).click()
  const refusal = form.getByRole('alert')
  await refusal.waitFor()
  const said = await refusal.textContent()
  assert.match(said, /^Someone else changed this alert's triage while you were looking at it: it is now ‘Precautionary’ \(by .+ at \d\d:\d\d on \d\d\/\d\d\/\d{4}\)\. Your change was not saved\. Look again and decide\.$/)
  // The alert as it is now is on screen beside the refusal, and what I typed is still there.
  await mine.locator('dd strong', { hasText: 'Precautionary' }).waitFor()
  assert.equal(await form.getByLabel(/^Reason/).inputValue(), 'the recording has a blow and a scream')
  // The list beside it no longer says the alert is waiting.
  await mine.getByRole('button', { name: new RegExp(`^${red.arcRef} · `) }).filter({ hasText: 'LSMS: Precautionary' }).waitFor()
  assert.deepEqual(await axe(mine), [], 'the triage panel with a refusal has no serious accessibility problems')
  await refusal.scrollIntoViewIfNeeded()
  await screenshot(mine, 'conflict-triage')

  // Nothing of mine was stored: one categorisation, the colleague's, and one audit entry for it.
  const triages = sql(dataDir, `SELECT category FROM alert_triage WHERE alert_id = ${red.id}`)
  assert.equal(triages, 'precautionary')
  const entries = sql(dataDir, `SELECT count(*) FROM audit_log WHERE object_type = 'alert' AND object_id = '${red.id}' AND action LIKE 'alert.%categorise'`)
  assert.equal(entries, '1')

  // Looking again, I can re-categorise over what is there now, with my reason.
  await form.getByRole('radio', { name: 'Genuine' }).check()
  await form.getByRole('button', { name: 'Record categorisation' }).click()
  await mine.getByRole('status').filter({ hasText: 'Categorised genuine.' }).waitFor()
  assert.deepEqual(app.ownErrors().filter((e) => !/^(409|500) /.test(e)), [])
})

// Team mode: the Alerts table follows a colleague's change to the team database without losing its place.
test('team mode: a colleague\'s new alert arrives in the Alerts table, which keeps its scroll position and selection', {
  timeout: 420000, skip: skipWithoutServer,
}, async (t) => {
  const team = teamDemo(t)
  const { db } = team
  const login = addPerson(t, team, 'ann', 'lsms', 'Ann Lsms')

  const app = await startApp({ port: PORT + 1, env: { REDLINE_DB: as(db, login), REDLINE_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'redline-e2e-profile-')) } })
  t.after(() => app.stop())
  const { page } = app
  await page.setViewportSize({ width: 1366, height: 768 })
  await page.goto(`${app.url}/#/alerts`)
  await page.getByRole('heading', { name: 'Alerts', level: 1 }).waitFor({ timeout: 30000 })
  const count = page.locator('.count')
  await count.filter({ hasText: /^[\d,]+ alerts$/ }).waitFor()
  const before = Number((await count.textContent()).replace(/\D/g, ''))
  const table = page.getByRole('table', { name: 'Alerts' })
  const rowAt = (i) => table.locator(`[role=row][data-index="${i}"]`)
  const refOf = async (row) => (await row.locator('[data-col=arcRef]').textContent()).trim()
  await rowAt(2).locator('[data-col=arcRef]').waitFor()
  await table.evaluate((el) => { el.scrollTop = 40 })
  await rowAt(2).click()
  const chosen = await refOf(rowAt(2))
  assert.equal(await rowAt(2).getAttribute('aria-selected'), 'true')
  const scrolled = await table.evaluate((el) => el.scrollTop)

  // A colleague's alert, newer than any, lands in the team database (as their import would).
  execFileSync('psql', [db.href, '-v', 'ON_ERROR_STOP=1', '-qc',
    `INSERT INTO alerts(arc, arc_ref, type, raised_at) SELECT arc, 'COLLEAGUE-1', 'amber', max(raised_at) + 60 FROM alerts GROUP BY arc ORDER BY count(*) DESC LIMIT 1`])

  await count.filter({ hasText: `${(before + 1).toLocaleString('en-GB')} alerts` }).waitFor({ timeout: 15000 })
  await table.locator('[data-col=arcRef]', { hasText: 'COLLEAGUE-1' }).waitFor()
  assert.equal(await refOf(rowAt(0)), 'COLLEAGUE-1', 'the new alert is first, newest first')
  // The selection stayed with its alert, now one row further down, and the table did not jump.
  assert.equal(await refOf(rowAt(3)), chosen)
  assert.equal(await rowAt(3).getAttribute('aria-selected'), 'true')
  assert.equal(await rowAt(2).getAttribute('aria-selected'), 'false')
  assert.equal(await table.evaluate((el) => el.scrollTop), scrolled)
  assert.deepEqual(await axe(page), [], 'the Alerts table after a refresh has no serious accessibility problems')
  await screenshot(page, 'conflict-team-alerts-refresh')
})
