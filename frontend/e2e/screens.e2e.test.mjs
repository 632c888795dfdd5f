// Every screen at 1366x768, the common NHS laptop: on the lived-in demo and on
// an empty database, nothing spills sideways off the page, nothing writes to the
// console, and a screenshot of each is left in build/e2e to look at.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { cli, demo, screenshot, startApp } from './harness.mjs'

const PORT = 34191

/** The screens of the main navigation: link text and the heading each opens on. */
const screens = [
  ['My work', 'My work'],
  ['Alerts', 'Alerts'],
  ['Import', 'Import an ARC export'],
  ['Map', 'Map'],
  ['Cases', 'Cases'],
  ['Letters', 'Letters'],
  ['Risk register', 'Risk register'],
  ['Reports', 'Reports'],
  ['Settings', 'Settings'],
]

/** Elements inside the screen wider than the screen itself, which the window cuts off. */
async function overflow(page) {
  return page.evaluate(() => {
    const out = []
    const doc = document.documentElement
    if (doc.scrollWidth > doc.clientWidth + 1) out.push(`page ${doc.scrollWidth} > ${doc.clientWidth}`)
    const main = document.querySelector('main')
    if (main && main.scrollWidth > main.clientWidth + 1) out.push(`main ${main.scrollWidth} > ${main.clientWidth}`)
    for (const el of document.querySelectorAll('.screen, .screen > *')) {
      const style = getComputedStyle(el)
      if (style.overflowX === 'auto' || style.overflowX === 'scroll') continue
      if (el.scrollWidth > el.clientWidth + 1) out.push(`${el.className || el.tagName} ${el.scrollWidth} > ${el.clientWidth}`)
    }
    return out
  })
}

/** Radio buttons and tick boxes whose box runs into their words, or sits off their first line. */
async function crampedChoices(page) {
  return page.evaluate(() => [...document.querySelectorAll('label.choice')].filter((l) => l.offsetParent).flatMap((l) => {
    const box = l.querySelector('input')?.getBoundingClientRect()
    const text = [...l.childNodes].find((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim())
    if (!box || !text) return []
    const range = document.createRange()
    range.selectNodeContents(text)
    const words = range.getClientRects()[0]
    const apart = words.left - box.right
    const off = Math.abs((words.top + words.bottom) / 2 - (box.top + box.bottom) / 2)
    return apart < 6 || off > 4 ? [`${l.textContent.trim()}: ${apart.toFixed(1)} px apart, ${off.toFixed(1)} px off centre`] : []
  }))
}

async function walk(app, name, { skip = [] } = {}) {
  const { page } = app
  await page.setViewportSize({ width: 1366, height: 768 })
  for (const [link, heading] of screens) {
    if (skip.includes(link)) continue
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link, exact: true }).click()
    await page.getByRole('heading', { name: heading, level: 1 }).waitFor({ timeout: 30000 })
    await page.waitForLoadState('networkidle')
    await page.waitForTimeout(300)
    assert.deepEqual(await overflow(page), [], `${link} (${name}) fits 1366 px across`)
    await screenshot(page, `screens-${name}-${link.toLowerCase().replace(/\s+/g, '-')}`)
  }
}

test('every screen fits a 1366x768 laptop on the demo', { timeout: 300000 }, async (t) => {
  const dataDir = mkdtempSync('/tmp/redline-e2e-screens-')
  demo(dataDir)
  const app = await startApp({ port: PORT, dataDir })
  t.after(async () => { await app.stop(); rmSync(dataDir, { recursive: true, force: true }) })
  const { page } = app
  await page.setViewportSize({ width: 1366, height: 768 })

  // The window opens on the LSMS's day: My work.
  await page.getByRole('heading', { name: 'My work', level: 1 }).waitFor({ timeout: 30000 })
  // Every row lines up, overdue or not, and a countdown takes one line.
  await page.locator('.work.overdue').first().waitFor()
  const rows = await page.locator('.work').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().left))
  assert.equal(new Set(rows).size, 1, `My work rows start at one edge: ${[...new Set(rows)]}`)
  const tall = await page.locator('.work-due .when').evaluateAll((els) => els.filter((e) => e.getClientRects().length > 1 || e.getBoundingClientRect().height > 30).map((e) => e.textContent))
  assert.deepEqual(tall, [], 'every countdown on one line')
  await walk(app, 'demo')

  // The places inside screens an LSMS spends the day in: triage, a case, the decision form.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Cases', exact: true }).click()
  await page.getByRole('tab', { name: 'All red alerts' }).click()
  await page.locator('.cw-list li button').first().click()
  await page.getByRole('form', { name: 'Categorise this red alert' }).waitFor()
  assert.deepEqual(await overflow(page), [], 'triage fits')
  await page.getByRole('form', { name: 'Categorise this red alert' }).scrollIntoViewIfNeeded()
  assert.deepEqual(await crampedChoices(page), [], 'triage radio buttons clear of their labels')
  await screenshot(page, 'screens-demo-triage')

  await page.getByRole('tab', { name: /^Cases/ }).click()
  await page.locator('.cw-list li button').first().click()
  await page.getByRole('heading', { name: 'History (audit log)' }).waitFor()
  assert.deepEqual(await overflow(page), [], 'a case fits')
  await screenshot(page, 'screens-demo-case')
  // The section navigation stays in view while the case scrolls to its decision.
  const sections = page.getByRole('navigation', { name: 'Case sections' })
  await sections.getByRole('button', { name: 'Decision' }).click()
  await page.getByRole('button', { name: /^(Record|Change) the decision$/ }).click()
  await page.getByRole('form', { name: 'Decision' }).waitFor()
  assert.ok(await sections.isVisible() && (await sections.boundingBox()).y >= 0, 'section navigation in view')
  assert.deepEqual(await crampedChoices(page), [], 'decision radio buttons clear of their labels')
  await page.getByRole('form', { name: 'Decision' }).getByRole('radio').first().scrollIntoViewIfNeeded()
  await screenshot(page, 'screens-demo-decision')

  const alerts = JSON.parse(cli(dataDir, 'alerts', '--json', '--limit', '1'))
  await page.goto(`${app.url}/#/alerts/${alerts[0].id}`)
  await page.getByRole('complementary').getByRole('heading', { name: new RegExp(alerts[0].arcRef) }).waitFor()
  await page.waitForTimeout(800)
  assert.equal(await page.getByRole('complementary').count(), 1, 'a link to an alert keeps its detail open')
  await screenshot(page, 'screens-demo-alert-detail')

  assert.deepEqual(app.ownErrors(), [], 'no console errors')
})

test('every screen fits a 1366x768 laptop on an empty database', { timeout: 300000 }, async (t) => {
  const dataDir = mkdtempSync('/tmp/redline-e2e-screens-empty-')
  const app = await startApp({ port: PORT, dataDir })
  t.after(async () => { await app.stop(); rmSync(dataDir, { recursive: true, force: true }) })
  const { page } = app
  await page.setViewportSize({ width: 1366, height: 768 })
  await page.getByRole('button', { name: 'Start empty' }).click()
  await page.getByRole('heading', { name: 'My work', level: 1 }).waitFor({ timeout: 30000 })
  await walk(app, 'empty')
  assert.deepEqual(app.ownErrors(), [], 'no console errors')
})
