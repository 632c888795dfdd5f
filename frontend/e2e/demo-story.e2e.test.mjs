// The demo trust as a person first sees it: the story (backend/demo/story) has
// left work of every kind in My work and cases at every stage.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync } from 'node:fs'
import { axe, screenshot, startApp, demo } from './harness.mjs'

const PORT = Number(process.env.DEMO_STORY_E2E_PORT ?? 34171)

test('the demo opens lived in: My work has every kind of item, Cases has cases at every stage', { timeout: 180000 }, async (t) => {
  const dataDir = mkdtempSync('/tmp/redline-e2e-story-')
  demo(dataDir)
  const app = await startApp({ port: PORT, dataDir })
  t.after(() => app.stop())
  const { page } = app

  await page.goto(`${app.url}/#/my-work`)
  await page.getByRole('heading', { name: 'My work', level: 1 }).waitFor({ timeout: 30000 })
  for (const text of [/^Recording of \S+ will be destroyed/, /^RIDDOR report for RL-\d{4}-\d{4} due by/, /^Approve letter RL-/,
    /^Review risk RR-\d{4}/, /^Post-incident review of RL-/, /^Decide case RL-/, /^Triage red alert /, /Ask the ARC for the full recording/]) {
    await page.getByText(text).first().waitFor()
  }
  assert.deepEqual(await axe(page), [], 'My work has no serious accessibility problems')
  await screenshot(page, 'demo-story-mywork')

  await page.goto(`${app.url}/#/cases`)
  await page.getByRole('heading', { name: 'Cases', level: 1 }).waitFor({ timeout: 30000 })
  await page.getByRole('tab', { name: 'Cases (4)' }).click()
  for (const state of ['Closed', 'Decision pending', 'Investigating', 'Review · legal hold']) {
    await page.locator('.cw-list li', { hasText: ` · ${state}` }).first().waitFor()
  }
  await screenshot(page, 'demo-story-cases')
  assert.deepEqual(app.violations, [], 'no Content-Security-Policy violations')
  assert.deepEqual(app.ownErrors(), [], 'no console errors')
})
