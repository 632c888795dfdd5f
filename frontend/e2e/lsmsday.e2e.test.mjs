// The LSMS's day at 1366x768 on the demo (issue 17): triage with the
// recording, the map and the ARC log beside the form; the letter and risk
// registers fitting their columns beside the open item, one line a row; and a
// letter's pages previewed before approval. Screenshots go to build/e2e.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { axe, demo, screenshot, startApp } from './harness.mjs'

const PORT = 34201

/** A table's fit in its scrolling wrapper: the columns drawn, and whether any is cut off sideways. */
async function tableFit(page, wrap) {
  return page.locator(wrap).evaluate((el) => {
    const heads = [...el.querySelectorAll('thead th')].map((th) => th.textContent.trim())
    const rows = [...el.querySelectorAll('tbody tr')].slice(0, 15).map((tr) => tr.getBoundingClientRect().height)
    return { heads, clipped: el.scrollWidth > el.clientWidth + 1, tallest: Math.max(...rows) }
  })
}

const nav = (page, name) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }).click()

test('the LSMS triages, and reads the registers, without leaving the page at 1366x768', { timeout: 300000 }, async (t) => {
  const dataDir = mkdtempSync('/tmp/redline-e2e-lsmsday-')
  demo(dataDir)
  const app = await startApp({ port: PORT, dataDir })
  t.after(async () => { await app.stop(); rmSync(dataDir, { recursive: true, force: true }) })
  const { page } = app
  await page.setViewportSize({ width: 1366, height: 768 })
  await page.getByRole('heading', { name: 'My work', level: 1 }).waitFor({ timeout: 30000 })

  // Open from My work lands on what the item is about: a review opens the case at its review, focus on its first control.
  await page.locator('.work').filter({ hasText: 'Post-incident review of RL-' }).first().getByRole('button', { name: 'Open' }).click()
  const reviewPart = page.locator('#case-part-review')
  await reviewPart.getByRole('form', { name: 'Review form' }).waitFor({ timeout: 15000 })
  await page.waitForFunction(() => document.querySelector('#case-part-review')?.contains(document.activeElement) && document.activeElement.matches('input, select, textarea, button, a'), null, { timeout: 5000 })
  await page.waitForTimeout(500) // the parts above load their own data: the review must stay where it landed
  const landed = await page.evaluate(() => {
    const body = document.querySelector('.case-body').getBoundingClientRect()
    const part = document.querySelector('#case-part-review').getBoundingClientRect()
    const focus = document.activeElement.getBoundingClientRect()
    return { offset: Math.round(part.top - body.top), focusInView: focus.top >= body.top && focus.bottom <= body.bottom, window: document.scrollingElement.scrollTop }
  })
  assert.ok(landed.offset >= -2 && landed.offset < 40, `the review is at the top of the case (${landed.offset} px down)`)
  assert.ok(landed.focusInView, 'the focused control is in view')
  assert.equal(landed.window, 0, 'the window does not scroll')
  await screenshot(page, 'lsmsday-mywork-review')
  await nav(page, 'My work')
  await page.getByRole('heading', { name: 'My work', level: 1 }).waitFor()

  // Triage: the form, the player, the map of fixes and the operator log side by side.
  await nav(page, 'Cases')
  await page.getByRole('tab', { name: 'All red alerts' }).click()
  await page.locator('.cw-list li button').first().click()
  const form = page.getByRole('form', { name: 'Categorise this red alert' })
  await form.waitFor()
  const side = page.locator('.triage-side')
  await page.locator('.triage-main').getByRole('heading', { name: 'ARC operator log' }).waitFor()
  await side.getByRole('region', { name: /^Where the worker was during red alert/ }).waitFor()
  await side.locator('.leaflet-interactive').first().waitFor({ state: 'attached', timeout: 15000 })
  await screenshot(page, 'lsmsday-triage-form')
  assert.equal(await side.getByRole('link', { name: /^Open the case map/ }).count(), 1, 'the case map is a link')
  const [f, s] = [await form.boundingBox(), await side.boundingBox()]
  assert.ok(s.x > f.x + f.width - 1 && s.y < f.y + f.height, `the evidence sits beside the form (form ${JSON.stringify(f)}, side ${JSON.stringify(s)})`)
  await side.getByRole('button', { name: /^Listen to / }).first().click()
  await side.getByRole('button', { name: /^(Play|Pause)$/ }).waitFor({ timeout: 20000 })
  assert.ok(await form.isVisible(), 'the form stays on screen while the recording plays')
  await screenshot(page, 'lsmsday-triage')
  assert.deepEqual(await axe(page), [], 'triage with the player open has no serious accessibility problems')

  // The letter register beside an open letter: the reference, status and recipient always, one line a row.
  await nav(page, 'Letters')
  await page.locator('.letters-table tbody tr').first().waitFor()
  await page.locator('.letters-table tbody button').first().click()
  await page.getByRole('region', { name: /^Letter / }).waitFor()
  await screenshot(page, 'lsmsday-letters')
  const letters = await tableFit(page, '.letters-table-wrap')
  for (const h of ['Reference', 'Status', 'To']) assert.ok(letters.heads.includes(h), `letter register shows ${h}: ${letters.heads}`)
  assert.equal(letters.clipped, false, `no letter register column is cut off: ${letters.heads}`)
  assert.ok(letters.tallest < 44, `a letter register row takes one line (${letters.tallest} px)`)
  assert.ok(letters.heads.includes('Review on') && letters.heads.includes('Expires on'), `a warning's dates fit beside the letter: ${letters.heads}`)

  // A draft is shown as laid out, its pages drawn from its PDF, before anyone approves it.
  const draft = page.getByRole('region', { name: /^Letter / })
  assert.equal(await draft.locator('.letter-status').first().textContent(), 'Draft')
  const page1 = draft.getByRole('img', { name: /^Page 1 of 1 of letter RL-/ })
  await page1.waitFor({ timeout: 20000 })
  const ink = await page1.evaluate((c) => {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data
    let dark = 0
    for (let i = 0; i < d.length; i += 4) if (d[i] < 100 && d[i + 1] < 100 && d[i + 2] < 100 && d[i + 3] > 0) dark++
    return dark
  })
  assert.ok(ink > 2000, `the page preview has the letter's words drawn on it (${ink} dark pixels)`)
  await page1.scrollIntoViewIfNeeded()
  await screenshot(page, 'lsmsday-letter-preview')
  assert.deepEqual(await axe(page), [], 'the letter preview has no serious accessibility problems')

  // Approval by another person, set in Letters: the draft then says who may not approve it.
  await page.getByRole('tab', { name: 'Wording and contacts' }).click()
  await page.getByRole('checkbox', { name: 'Approval by another person' }).check()
  await page.getByRole('button', { name: 'Save letter settings' }).click()
  await page.getByRole('status').filter({ hasText: 'Letter settings saved' }).waitFor()
  await page.getByRole('tab', { name: 'Register' }).click()
  await page.locator('.letters-table tbody button').first().click()
  await draft.getByText(/Approval by another person is required: .+, who drafted it, cannot approve it\./).waitFor()

  // A refused letter setting is shown beside its field, which takes the focus in view; the window itself stays put.
  await page.getByRole('tab', { name: 'Wording and contacts' }).click()
  const statement = page.getByRole('textbox', { name: /^Statement that a recording exists/ })
  const wording = await statement.inputValue()
  await statement.fill('The recording is held by {trust}.')
  await page.getByRole('button', { name: 'Save letter settings' }).click()
  const refusal = page.locator('.letter-settings .field-error').filter({ hasText: 'uses the merge field {trust}' })
  await refusal.waitFor()
  assert.equal(await page.locator('.letter-settings [role=alert]').count(), 1, 'the refusal is said once')
  assert.ok(await refusal.evaluate((el) => el.closest('label') === document.querySelector('[name="recordingStatement"]').closest('label')), 'the refusal sits with its field')
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('name')), 'recordingStatement', 'focus is on the refused field')
  assert.equal(await statement.getAttribute('aria-invalid'), 'true')
  const seen = await refusal.evaluate((el) => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight })
  assert.ok(seen, 'the refusal is in view')
  assert.equal(await page.evaluate(() => document.scrollingElement.scrollTop), 0, 'the window does not scroll')
  await screenshot(page, 'lsmsday-letter-settings-refused')
  assert.deepEqual(await axe(page), [], 'the refused settings form has no serious accessibility problems')
  await statement.fill(wording)
  await page.getByRole('button', { name: 'Save letter settings' }).click()
  await page.getByRole('status').filter({ hasText: 'Letter settings saved' }).waitFor()
  assert.equal(await refusal.count(), 0, 'the refusal goes once the setting is put right')

  // The risk register beside an open risk: Owner is in view.
  await nav(page, 'Risk register')
  await page.locator('.risk-table tbody tr').first().waitFor()
  await page.locator('.risk-table tbody button').first().click()
  await page.locator('.risk-list-wrap').scrollIntoViewIfNeeded()
  await screenshot(page, 'lsmsday-risks')
  const risks = await tableFit(page, '.risk-list-wrap')
  for (const h of ['Ref', 'Title', 'Current', 'Owner', 'Review']) assert.ok(risks.heads.includes(h), `risk register shows ${h}: ${risks.heads}`)
  assert.equal(risks.clipped, false, `no risk register column is cut off: ${risks.heads}`)
  assert.deepEqual(app.ownErrors(), [], 'no console errors')
})
