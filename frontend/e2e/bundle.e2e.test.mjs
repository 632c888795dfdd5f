import { test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync } from 'node:fs'
import { join } from 'node:path'
import { axe, cli, demo, screenshot, startApp } from './harness.mjs'

const sql = (dataDir, q) => execFileSync('sqlite3', [join(dataDir, 'redline.db'), q], { encoding: 'utf8' }).trim()

test('the court bundle of the case under legal hold: its exhibits, a handover, a package built and checked', { timeout: 300000 }, async (t) => {
  const dataDir = mkdtempSync('/tmp/redline-e2e-bundle-')
  const out = mkdtempSync('/tmp/redline-e2e-bundle-out-')
  demo(dataDir)
  const ref = sql(dataDir, 'SELECT ref FROM cases WHERE legal_hold = 1 ORDER BY id LIMIT 1')
  assert.match(ref, /^RL-\d{4}-\d{4}$/, 'the demo has a case under legal hold')
  const pkg = join(out, `${ref} evidence package`)

  // Chromium cannot drive native dialogs: the dev build answers them from these.
  const app = await startApp({ port: 34171, dataDir, env: { REDLINE_E2E_BUNDLE_DIR: out, REDLINE_E2E_BUNDLE_CHECK: pkg } })
  t.after(() => app.stop())
  const { page } = app
  await page.goto(`${app.url}/#/cases`)
  await page.getByRole('heading', { name: 'Cases', level: 1 }).waitFor({ timeout: 30000 })
  await page.getByRole('tab', { name: /^Cases \(/ }).click()
  await page.getByRole('button', { name: new RegExp(`^${ref} · `) }).click()
  await page.getByRole('heading', { level: 2, name: new RegExp(`^${ref} · `) }).waitFor()

  // The court bundle: its exhibits, each with a short SHA-256 and where it is kept.
  const bundle = page.getByRole('region', { name: 'Court bundle' })
  await bundle.getByRole('button', { name: 'Show the court bundle' }).click()
  const exhibits = bundle.getByRole('list', { name: 'Exhibits' })
  await exhibits.waitFor({ timeout: 60000 })
  const first = exhibits.getByRole('listitem').first()
  assert.match(await first.textContent(), /^[A-Z]{1,4}\/1 .*SHA-256 [0-9a-f]{12}… · kept at /s)
  const exhibitRef = (await first.locator('.exhibit-ref').textContent()).trim()

  // Its continuity, in UK date-times, from the audit log.
  await first.getByText(`Continuity of ${exhibitRef}`).click()
  const links = first.getByRole('list', { name: `Continuity of ${exhibitRef}, from the audit log` })
  assert.match(await links.getByRole('listitem').first().textContent(), /^\d\d\/\d\d\/\d{4} \d\d:\d\d:\d\d /)
  // It starts where a real import's does: the demo's recordings are received from the ARC too.
  assert.match(await links.getByRole('listitem').first().textContent(), /Received from the ARC in import \d+ \(Demo data \(generated\)\)/)

  // A handover joins it.
  const handover = bundle.getByRole('form', { name: 'Record a handover' })
  await handover.getByRole('button', { name: 'Record handover' }).click()
  await handover.getByText(/^Say to whom exhibit/).waitFor()
  await handover.getByRole('textbox', { name: /^To whom/ }).fill('DC 2290 Imogen Booth')
  await handover.getByRole('textbox', { name: /^Why/ }).fill('for the CPS charging decision')
  await handover.getByRole('button', { name: 'Record handover' }).click()
  await handover.getByRole('status').filter({ hasText: `Handover of ${exhibitRef} to DC 2290 Imogen Booth recorded` }).waitFor()
  await first.getByText('Handed to DC 2290 Imogen Booth: for the CPS charging decision').waitFor()
  await first.scrollIntoViewIfNeeded()
  await screenshot(page, 'bundle-exhibits')

  // The master copy as a folder: Go chooses the folder, the page shows progress and then what was written.
  const build = bundle.getByRole('form', { name: 'Build the evidence package' })
  await build.getByRole('button', { name: 'Build evidence package…' }).click()
  await build.getByText(`Evidence package of ${ref} built.`).waitFor({ timeout: 120000 })
  const written = await build.locator('.package-result').textContent()
  assert.ok(written.includes(pkg), 'it says where the package is')
  assert.match(written, new RegExp(`data/${ref} bundle\\.pdf`), 'it names the bundle PDF')
  assert.match(written, /Audit head it carries\d+:[0-9a-f]{64}/, 'it gives the audit head')
  assert.ok(existsSync(join(pkg, 'bag-info.txt')), 'the package is in the folder the dialog gave')

  // Checked in the window, and by redline-cli (which exits 0 only when all is well).
  const check = bundle.getByRole('group', { name: 'Check a package' })
  await check.getByRole('button', { name: 'Check a package folder…' }).click()
  await check.getByText('All well: every file is present, unchanged and listed.').waitFor({ timeout: 60000 })
  const verified = cli(dataDir, 'bundle', 'verify', pkg)
  assert.match(verified, /All well/)

  await build.scrollIntoViewIfNeeded()
  await screenshot(page, 'bundle-built')
  assert.deepEqual(await axe(page), [], 'the court bundle has no serious accessibility problems')

  // The disclosure copy as one zip: personal data out, recordings listed as available on request.
  await build.getByLabel(/^Redacted disclosure copy/).check()
  await build.getByLabel('One .zip file').check()
  await build.getByRole('button', { name: 'Build evidence package…' }).click()
  await build.getByText(`Redacted disclosure copy of ${ref} built.`).waitFor({ timeout: 120000 })
  const zip = join(out, `${ref} disclosure copy (redacted).zip`)
  assert.ok(existsSync(zip), 'the disclosure copy is a zip in the folder the dialog gave')
  assert.doesNotMatch(await build.locator('.package-files').textContent(), /\.wav/, 'it carries no recording')
  assert.match(await build.locator('.package-result').textContent(), new RegExp(`Listed but not carried${exhibitRef}: recordings`), 'it says the recording is listed, not carried')
  await build.locator('.package-result').scrollIntoViewIfNeeded()
  await screenshot(page, 'bundle-disclosure')
  assert.match(cli(dataDir, 'bundle', 'verify', zip), /All well/)
  assert.match(cli(dataDir, 'bundle', 'verify', pkg), /All well/, 'the master is untouched')

  // Settings > Exhibits: the address every message about them links to starts the keyboard in the form.
  await page.goto(`${app.url}/#/settings/exhibits`)
  const settings = page.getByRole('form', { name: 'Exhibit settings' })
  await settings.waitFor({ timeout: 30000 })
  await page.waitForFunction(() => document.activeElement?.getAttribute('name') === 'producer')
  const initials = settings.getByLabel(/^Initials for exhibit references/)
  await initials.fill('A1')
  await settings.getByRole('button', { name: 'Save exhibit settings' }).click()
  await settings.getByText(/^The initials "A1" are not 1 to 4 letters/).waitFor()
  assert.equal(await initials.getAttribute('aria-invalid'), 'true', 'the refusal is beside the initials')
  assert.ok(await initials.evaluate((el) => el === document.activeElement), 'and focus is there')
  await screenshot(page, 'settings-exhibits-error')
  assert.deepEqual(await axe(page), [], 'Settings > Exhibits has no serious accessibility problems')
  await initials.fill('IB')
  await settings.getByRole('button', { name: 'Save exhibit settings' }).click()
  await settings.getByRole('status').filter({ hasText: 'New exhibits will be numbered IB/1, IB/2' }).waitFor()
  assert.match(sql(dataDir, "SELECT value FROM settings WHERE key = 'exhibits.settings'"), /"initials":"IB"/)
  assert.deepEqual(app.violations, [], 'no Content-Security-Policy violations')
  assert.deepEqual(app.ownErrors(), [], 'no errors in the page')
  assert.match(cli(dataDir, 'audit', 'verify'), /Audit log intact/)
})
