// Team mode in the window: the first-run screen connects to the trust's
// PostgreSQL database, says beside the password when it is wrong, saves the
// connection, and the next start reconnects on its own.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { axe, screenshot, startApp } from './harness.mjs'
import { redline, skipWithoutServer, teamDemo } from './team.mjs'

const PORT = 34211
test('first run connects to the team database, and the next start reconnects', {
  timeout: 420000, skip: skipWithoutServer,
}, async (t) => {
  // The team database: the demo laptop moved in, as an administrator would.
  const { db, laptop } = teamDemo(t)
  const expected = JSON.parse(redline(laptop, '--db', db.href, 'alerts', '--json', '--limit', '10'))
  assert.equal(expected.length, 10, 'the team database holds the demo alerts')

  const profile = mkdtempSync(join(tmpdir(), 'redline-e2e-profile-'))
  const dataDir = mkdtempSync(join(tmpdir(), 'redline-e2e-'))
  const env = { REDLINE_CONFIG_DIR: profile, REDLINE_DB: '' }
  let app = await startApp({ port: PORT, dataDir, env })
  t.after(() => app.stop())
  let { page } = app
  await page.setViewportSize({ width: 1366, height: 768 })

  await page.getByRole('heading', { name: 'Welcome to Redline' }).waitFor()
  await page.getByRole('heading', { name: 'Work on this laptop' }).waitFor()
  assert.deepEqual(await axe(page), [], 'the first-run choice has no serious accessibility problems')
  await screenshot(page, 'teamconnect-choice')
  await page.getByRole('button', { name: "Connect to your trust's Redline database" }).click()
  const form = page.getByRole('form', { name: 'Team database connection' })
  await form.waitFor()
  const password = form.getByLabel('Your password')
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('name')), 'host', 'the keyboard starts in the Server box')
  await form.getByLabel('Server').fill(db.hostname)
  await form.getByLabel('Port').fill(db.port)
  await form.getByLabel('Database name').fill(db.pathname.slice(1))
  await form.getByLabel('Your user name').fill(decodeURIComponent(db.username))
  await password.fill('not-the-password')
  await screenshot(page, 'teamconnect-form')

  await form.getByRole('button', { name: 'Connect', exact: true }).click()
  const besidePassword = page.locator('label', { has: page.locator('input[name=password]') }).getByRole('alert')
  await besidePassword.waitFor()
  assert.match(await besidePassword.textContent(), /refused the user name or password/)
  assert.equal(await password.getAttribute('aria-invalid'), 'true')
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('name')), 'password', 'the password box has the focus')
  assert.deepEqual(await axe(page), [], 'the connection form has no serious accessibility problems')
  await screenshot(page, 'teamconnect-wrong-password')

  await password.fill(decodeURIComponent(db.password))
  await form.getByRole('button', { name: 'Test connection' }).click()
  await form.getByRole('status').filter({ hasText: 'Redline can use the database' }).waitFor()
  await form.getByRole('button', { name: 'Connect', exact: true }).click()
  await page.getByRole('heading', { name: 'My work', level: 1 }).waitFor({ timeout: 60000 })
  await showsTheTeamsAlerts(page, expected)

  const saved = readFileSync(join(profile, 'team.json'), 'utf8')
  assert.ok(saved.includes(db.pathname.slice(1)) && !saved.includes(decodeURIComponent(db.password)),
    'the connection is saved in the profile without the password in plain text')
  assert.deepEqual(app.ownErrors(), [], 'no console errors')
  await app.stop()

  // The next start: straight back into the team database.
  app = await startApp({ port: PORT, dataDir, env })
  page = app.page
  await page.getByRole('heading', { name: 'My work', level: 1 }).waitFor({ timeout: 60000 })
  await showsTheTeamsAlerts(page, expected)

  // Settings names the database and user; Disconnect forgets them.
  await page.getByRole('link', { name: 'Settings' }).click()
  const panel = page.getByRole('region', { name: 'Team database' })
  await panel.getByText(decodeURIComponent(db.username), { exact: true }).waitFor()
  await panel.getByRole('button', { name: 'Disconnect' }).click()
  await page.getByRole('heading', { name: 'Welcome to Redline' }).waitFor()
  assert.equal(existsSync(join(profile, 'team.json')), false, 'the saved connection is forgotten')
  assert.deepEqual(app.violations, [], 'no Content-Security-Policy violations')
  assert.deepEqual(app.ownErrors(), [], 'no console errors')
})

async function showsTheTeamsAlerts(page, expected) {
  await page.getByRole('link', { name: 'Alerts' }).click()
  await page.getByRole('heading', { name: 'Alerts', level: 1 }).waitFor({ timeout: 60000 })
  const rows = page.locator('.tbody [role=row]')
  await rows.first().locator('[data-col=arcRef]').filter({ hasText: expected[0].arcRef }).waitFor({ timeout: 30000 })
  const shown = await rows.evaluateAll((els) => els.slice(0, 10).map((e) => e.querySelector('[data-col=arcRef]')?.textContent))
  assert.deepEqual(shown, expected.map((a) => a.arcRef), "the Alerts screen lists the team database's newest alerts")
}
