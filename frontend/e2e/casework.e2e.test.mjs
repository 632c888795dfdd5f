import { test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { join } from 'node:path'
import { axe, cli, screenshot, startApp, demo } from './harness.mjs'

// 34131 is this file's port; CASEWORK_E2E_PORT moves it when another run holds it.
const PORT = Number(process.env.CASEWORK_E2E_PORT ?? 34131)
// startApp's readiness check would happily talk to another app left on the
// port, so wait until nothing answers there before starting ours.
async function portFree(ms = 60000) {
  const until = Date.now() + ms
  while (Date.now() < until) {
    try { await fetch(`http://localhost:${PORT}`) } catch { return }
    await new Promise((r) => setTimeout(r, 500))
  }
  throw new Error(`port ${PORT} is still in use`)
}

const sql = (dataDir, q) => execFileSync('sqlite3', [join(dataDir, 'redline.db'), q], { encoding: 'utf8' }).trim()

test('triage a red alert as genuine, open its case, add the offender and a task, record a decision', { timeout: 240000 }, async (t) => {
  const dataDir = mkdtempSync('/tmp/redline-e2e-case-')
  demo(dataDir)
  const red = JSON.parse(cli(dataDir, 'alerts', '--json', '--type', 'red', '--validity', 'genuine', '--limit', '1'))[0]
  await portFree()
  const app = await startApp({ port: PORT, dataDir })
  t.after(() => app.stop())
  const { page } = app

  await page.goto(`${app.url}/#/my-work`)
  await page.getByRole('heading', { name: 'My work', level: 1 }).waitFor({ timeout: 30000 })
  await page.getByText(`Triage red alert ${red.arcRef}`).waitFor()
  assert.deepEqual(await axe(page), [], 'My work has no serious accessibility problems')
  await screenshot(page, 'casework-mywork')

  await page.getByRole('button', { name: `Open: Triage red alert ${red.arcRef} (${red.workerName})` }).click()
  await page.getByRole('heading', { name: new RegExp(`${red.arcRef} · ${red.workerName}`) }).waitFor()
  await page.getByText('Waiting for triage').waitFor()
  // Opened from My work, the keyboard starts on the first category, not the page body.
  await page.waitForFunction(() => document.activeElement?.matches('input[type=radio][value=genuine]'))
  await page.getByRole('radio', { name: 'Genuine' }).check()
  await page.getByRole('button', { name: 'Record categorisation' }).click()
  await page.getByRole('status').filter({ hasText: 'Categorised genuine.' }).waitFor()
  assert.deepEqual(await axe(page), [], 'triage panel has no serious accessibility problems')
  await screenshot(page, 'casework-triage')

  await page.getByRole('button', { name: 'Open a case for this alert' }).click()
  // The demo's story has opened cases of its own, so this one's number is not known in advance.
  const caseHeading = page.getByRole('heading', { name: new RegExp(`^RL-\\d{4}-\\d{4} · Red alert ${red.arcRef}`) })
  await caseHeading.waitFor()
  const caseRef = (await caseHeading.textContent()).split(' · ')[0]
  await page.locator('.state-badge', { hasText: 'Open' }).waitFor()

  const people = page.getByRole('form', { name: 'Add a person' })
  await people.getByLabel('Name').fill('Pat Doe')
  await people.getByLabel('Address').fill('12 Harehills Lane, Leeds LS8')
  await people.getByLabel('NHS number').fill('943 476 5918')
  await people.getByRole('button', { name: 'Add person' }).click()
  await page.getByRole('alert').filter({ hasText: 'check digit' }).waitFor()
  await people.getByLabel('NHS number').fill('943 476 5919')
  await people.getByRole('button', { name: 'Add person' }).click()
  await page.getByRole('status').filter({ hasText: 'Person added.' }).waitFor()
  await page.getByRole('cell', { name: '943 476 5919' }).waitFor()

  // A mistyped address is corrected; the old one stays on record.
  await page.getByRole('button', { name: 'Correct the details of Pat Doe' }).click()
  const fix = page.getByRole('form', { name: 'Correct the details of Pat Doe' })
  assert.equal(await fix.getByLabel('Address').inputValue(), '12 Harehills Lane, Leeds LS8')
  assert.equal(await fix.getByLabel('Name').evaluate((el) => el === document.activeElement), true, 'focus moves into the form')
  assert.equal(await fix.getByLabel('Role').isDisabled(), true, 'the role a decision rests on cannot be changed')
  await fix.getByLabel('Address').fill('12 Harehills Lane, Leeds LS8 3PX')
  await fix.getByRole('button', { name: 'Save correction' }).click()
  await page.getByRole('status').filter({ hasText: 'Details corrected' }).waitFor()
  await page.getByRole('cell', { name: '12 Harehills Lane, Leeds LS8 3PX' }).waitFor()
  await page.getByText('Corrections (1)').click()
  await page.getByText(/corrected the address of Pat Doe: was .?12 Harehills Lane, Leeds LS8.?, now .?12 Harehills Lane, Leeds LS8 3PX/).waitFor()
  await screenshot(page, 'case-person-corrected')
  await page.getByRole('form', { name: 'Add a person' }).waitFor()

  const task = page.getByRole('form', { name: 'Add a task' })
  await task.getByLabel('Task').fill('Ask the ARC for the full recording')
  await task.getByLabel('Owner').fill('LSMS')
  await task.getByLabel('Due').fill('01/01/2030')
  await task.getByRole('button', { name: 'Add task' }).click()
  await page.getByRole('status').filter({ hasText: 'Task added.' }).waitFor()
  await page.getByText(/Ask the ARC for the full recording · LSMS · due 01\/01\/2030/).waitFor()

  // Decided is refused until a decision exists.
  await page.getByRole('button', { name: 'Move to Decision pending' }).click()
  await page.getByRole('status').filter({ hasText: 'Moved to Decision pending.' }).waitFor()
  await page.getByRole('button', { name: 'Move to Decided' }).click()
  await page.getByRole('alert').filter({ hasText: 'has no decision yet' }).waitFor()

  await page.getByRole('button', { name: 'Record the decision' }).click()
  const wizard = page.getByRole('form', { name: 'Decision' })
  await wizard.getByRole('radio', { name: 'No notification' }).check()
  await wizard.getByLabel('Why this decision').fill('Patient is acutely unwell')
  await wizard.getByRole('button', { name: 'Record decision' }).click()
  await page.getByRole('alert').filter({ hasText: 'No notification is blocked until you' }).waitFor()
  await wizard.getByRole('radio', { name: 'Sanction letter' }).check()
  await wizard.getByLabel('Which kind').selectOption('warning_letter')
  await wizard.getByLabel('Why this decision').fill('Verbal abuse and threats on the recording')
  await wizard.getByRole('button', { name: 'Record decision' }).click()
  await page.getByRole('status').filter({ hasText: 'Decision recorded.' }).waitFor()
  await page.locator('.state-badge', { hasText: 'Decided' }).waitFor()
  await page.getByText('Sanction letter: Warning letter').waitFor()
  await page.getByRole('cell', { name: 'decision: sanction letter (warning letter)' }).waitFor()
  await page.getByRole('cell', { name: /: Alarm received/ }).first().waitFor()

  assert.deepEqual(await axe(page), [], 'case screen has no serious accessibility problems')
  await caseHeading.scrollIntoViewIfNeeded()
  await screenshot(page, 'casework-case')
  await page.getByRole('heading', { name: 'Decision', level: 3 }).scrollIntoViewIfNeeded()
  await screenshot(page, 'casework-decision')

  assert.match(cli(dataDir, 'audit', 'verify'), /Audit log intact/)
  assert.equal(sql(dataDir, `SELECT route || '|' || sanction FROM case_decisions d JOIN cases c ON c.id = d.case_id WHERE c.ref = '${caseRef}'`), 'sanction_letter|warning_letter')
  assert.deepEqual(app.violations, [], 'no Content-Security-Policy violations')
  assert.deepEqual(app.ownErrors(), [], 'no console errors')
})

test('a false alarm is destroyed when its 24 hours are up, leaving a destruction record', { timeout: 240000 }, async (t) => {
  const dataDir = mkdtempSync('/tmp/redline-e2e-false-')
  demo(dataDir)
  // A false alarm with a recording that nobody has categorised yet.
  const [id, arcRef] = sql(dataDir, `SELECT a.id || '|' || a.arc_ref FROM alerts a WHERE a.type = 'red' AND a.validity = 'false'
    AND a.media_count > 0 AND NOT EXISTS (SELECT 1 FROM alert_category c WHERE c.alert_id = a.id) ORDER BY a.raised_at DESC LIMIT 1`).split('|')
  assert.ok(arcRef, 'the demo has an untriaged false alarm with a recording')
  const red = { id: Number(id), arcRef }

  await portFree()
  let app = await startApp({ port: PORT, dataDir })
  const first = app
  t.after(() => first.stop())
  let page = app.page
  await page.goto(`${app.url}/#/cases`)
  await page.getByRole('heading', { name: 'Cases', level: 1 }).waitFor({ timeout: 30000 })
  await page.getByRole('tab', { name: 'All red alerts' }).click()
  await page.getByRole('button', { name: new RegExp(`^${red.arcRef} · `) }).click()
  await page.getByRole('radio', { name: 'False or accidental' }).check()
  await page.getByRole('button', { name: 'Record categorisation' }).click()
  await page.getByRole('status').filter({ hasText: 'Categorised false or accidental.' }).waitFor()
  const media = page.locator('.media li').first()
  await media.getByText(/destroyed 24 hours after being categorised false/).waitFor()
  assert.match(await media.textContent(), /categorised false\. Destroyed \d\d\/\d\d\/\d{4} \d\d:\d\d \(in (23 h 5\d min|1 day)\)/)
  await screenshot(page, 'casework-false-countdown')
  await page.goto(`${app.url}/#/my-work`)
  await page.getByText(`Recording of ${red.arcRef} will be destroyed`).waitFor({ timeout: 30000 })
  await app.stop()
  assert.equal(sql(dataDir, `SELECT count(*) FROM media WHERE alert_id = ${red.id} AND destroyed_at IS NULL`), '1', 'still kept before 24 hours')

  // A day and an hour later (the dev build's clock offset), the start-up purge destroys it.
  await portFree()
  app = await startApp({ port: PORT, dataDir, env: { REDLINE_CLOCK_OFFSET: '25h' } })
  t.after(() => app.stop())
  page = app.page
  await page.goto(`${app.url}/#/cases`)
  await page.getByRole('heading', { name: 'Cases', level: 1 }).waitFor({ timeout: 30000 })
  await page.getByRole('tab', { name: 'All red alerts' }).click()
  await page.getByRole('button', { name: new RegExp(`^${red.arcRef} · `) }).click()
  await page.getByText(/Destroyed .* by system: False or accidental red alert: destroyed 24 hours after being categorised false/).waitFor({ timeout: 30000 })
  assert.deepEqual(await axe(page), [], 'triage panel with a destruction record has no serious accessibility problems')
  await screenshot(page, 'casework-false-destroyed')

  const rec = sql(dataDir, `SELECT rule || '|' || destroyed_by || '|' || length(sha256) FROM destruction_records WHERE alert_id = ${red.id}`)
  assert.equal(rec, 'false_red|system|64')
  assert.equal(sql(dataDir, `SELECT count(*) FROM media WHERE alert_id = ${red.id} AND destroyed_at IS NULL`), '0')
  assert.match(cli(dataDir, 'audit', 'verify'), /Audit log intact/)
  assert.deepEqual(app.ownErrors(), [], 'no console errors')
})
