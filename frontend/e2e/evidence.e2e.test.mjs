import { test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { axe, cli, demo, keyDir, root, screenshot, startApp } from './harness.mjs'

const sql = (dataDir, q) => execFileSync('sqlite3', [join(dataDir, 'redline.db'), q], { encoding: 'utf8' }).trim()

test('a recording whose file has gone is found by the evidence check, named with its alert, and put on My work', { timeout: 180000 }, async (t) => {
  const dataDir = mkdtempSync('/tmp/redline-e2e-')
  demo(dataDir)
  // The newest red recording loses its file, as if someone deleted it from the vault. (The newest:
  // an older one may fall due and be destroyed by the purge the app runs as it starts.)
  const [ref, rel] = sql(dataDir, `SELECT a.arc_ref, m.vault_path FROM media m JOIN alerts a ON a.id = m.alert_id
    WHERE a.type = 'red' AND m.destroyed_at IS NULL ORDER BY m.id DESC LIMIT 1`).split('|')
  rmSync(join(dataDir, 'vault', rel))

  // redline-cli says so too, and fails.
  let out = ''
  try {
    execFileSync(join(root, 'build', 'bin', 'redline-cli'), ['--data-dir', dataDir, 'vault', 'verify', '--json'],
      { encoding: 'utf8', env: { ...process.env, REDLINE_AUDIT_KEY_DIR: keyDir(dataDir) } })
    assert.fail('vault verify passed with a file missing')
  } catch (e) {
    assert.equal(e.status, 1, 'vault verify exits 1 when anything is wrong')
    out = e.stdout
  }
  assert.match(out, new RegExp(ref), 'vault verify names the alert')

  const app = await startApp({ port: 34161, dataDir })
  t.after(() => app.stop())
  const { page } = app
  await page.getByRole('link', { name: 'Settings' }).click()
  const section = page.getByRole('region', { name: 'Evidence check' })
  await section.getByRole('button', { name: 'Check the evidence now' }).click()
  await section.getByText(/problem\(s\) found/).waitFor({ timeout: 60000 })
  await section.getByText(new RegExp(`alert ${ref}`)).waitFor()
  await section.scrollIntoViewIfNeeded()
  await screenshot(page, 'evidence-check')
  assert.deepEqual(await axe(page), [], 'the evidence check has no serious accessibility problems')

  // My work has one item for the file, naming the first few of the recordings that share it.
  await page.getByRole('link', { name: 'My work' }).click()
  await page.getByText(/^Evidence file missing/).first().waitFor()
  assert.deepEqual(app.violations, [], 'no Content-Security-Policy violations')
  assert.deepEqual(app.ownErrors(), [], 'no errors in the page')
  assert.ok(cli(dataDir, 'audit', 'verify').length > 0)
})
