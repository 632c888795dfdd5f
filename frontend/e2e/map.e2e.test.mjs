import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync } from 'node:fs'
import { axe, cli, screenshot, startApp } from './harness.mjs'

const countIn = async (page) => Number((await page.locator('.map-screen .count').textContent()).replace(/[^0-9]/g, ''))

test('organisation map: zoom into a cluster, open a marker, open a case map', { timeout: 240000 }, async (t) => {
  const dataDir = mkdtempSync('/tmp/redline-e2e-map-')
  cli(dataDir, 'demo')
  const app = await startApp({ port: 34151, dataDir })
  t.after(() => app.stop())
  const { page } = app
  await page.getByRole('heading', { name: 'Alerts', level: 1 }).waitFor({ timeout: 30000 })
  await page.getByRole('link', { name: 'Map' }).click()
  await page.getByRole('heading', { name: 'Map', level: 1 }).waitFor()

  // The whole demo trust is in view at first, grouped into clusters.
  cli(dataDir, 'export', 'geojson', '--out', `${dataDir}/all.geojson`)
  const all = JSON.parse(readFileSync(`${dataDir}/all.geojson`, 'utf8'))
  await page.waitForFunction((n) => document.querySelector('.map-screen .count')?.textContent === `${n.toLocaleString('en-GB')} alerts in view`, all.features.length, { timeout: 30000 })
  await page.locator('.cluster').first().waitFor()
  await page.locator('.town-label span', { hasText: 'Leeds' }).first().waitFor()
  await page.getByRole('table').getByText('Zoom to').first().waitFor()
  assert.deepEqual(await axe(page), [], 'organisation map has no serious accessibility problems')
  await screenshot(page, 'map-organisation')

  // Zoom into the busiest cluster (click it) until single markers show.
  const total = await countIn(page)
  for (let i = 0; i < 8 && (await page.locator('.pt').count()) === 0; i++) {
    const before = await countIn(page)
    await page.locator('.cluster').first().click()
    await page.waitForFunction((b) => {
      const n = Number(document.querySelector('.map-screen .count')?.textContent.replace(/[^0-9]/g, ''))
      return n < b || document.querySelector('.pt')
    }, before, { timeout: 10000 }).catch(() => {})
  }
  assert.ok(await page.locator('.pt').count() > 0, 'single markers after zooming into clusters')
  assert.ok((await countIn(page)) < total, 'zoomed in to part of the trust')
  await page.locator('.visible-alerts tbody tr').first().waitFor()
  await screenshot(page, 'map-zoomed')

  // Red alerts only from here: single markers of red alarms.
  await page.getByLabel('Type').selectOption('red')
  await page.waitForFunction(() => document.querySelector('.pt-red') && !document.querySelector('.pt-amber'))
  if ((await page.locator('.pt-red').count()) === 0) await page.locator('.cluster').first().click()

  // Open a marker from the keyboard: its popup shows the alert in UK time with a case map link.
  // Open a marker's popup from the keyboard through the table of alerts in view.
  const marker = page.locator('.pt-red').first()
  await page.locator('.visible-alerts').getByRole('button', { name: /^Show/ }).first().focus()
  await page.keyboard.press('Enter')
  const popup = page.locator('.leaflet-popup')
  await popup.getByText('Raised (UK)').waitFor()
  await page.waitForFunction(() => document.activeElement?.textContent === 'Open alert')
  await page.keyboard.press('Escape')
  await popup.waitFor({ state: 'detached' })
  // And with the mouse, on the marker itself.
  await marker.click()
  await popup.getByText('Raised (UK)').waitFor()
  const ref = (await popup.locator('.popup-title').textContent()).replace(/^Red\s*/, '').trim()
  const alert = all.features.find((f) => f.properties.arcRef === ref)
  assert.ok(alert, `popup names a red alert of the export (${ref})`)
  assert.ok((await popup.textContent()).includes(alert.properties.raisedAtUK.slice(0, 19)), 'popup time matches the export in UK time')
  await screenshot(page, 'map-popup')
  assert.deepEqual(await axe(page), [], 'map with an open popup has no serious accessibility problems')

  // A known-risk location typed in by latitude and longitude flags that alert.
  await page.getByRole('tab', { name: 'Known risks' }).click()
  await page.getByRole('button', { name: 'Add a known-risk location' }).click()
  await page.getByLabel('Address or short label').fill('Flat 3, Example House')
  await page.getByLabel('Reason').fill('Aggressive dog; visit in pairs')
  await page.getByLabel('Latitude').fill(String(alert.geometry.coordinates[1]))
  await page.getByLabel('Longitude').fill(String(alert.geometry.coordinates[0]))
  await page.getByLabel('Radius in metres').fill('150')
  await page.getByLabel('Review date').fill('01/01/2020')
  await page.getByRole('button', { name: 'Save', exact: true }).click()
  await page.getByText('Review overdue').waitFor()
  await page.getByText(/1 known-risk location is past its review date/).waitFor()
  await page.getByRole('tab', { name: 'In view' }).click()
  await page.locator('.visible-alerts .risk-flag', { hasText: 'Flat 3, Example House' }).first().waitFor()

  // Hotspot settings: two red alerts within 2 km make a hotspot in the demo trust.
  await page.getByRole('tab', { name: 'Map settings' }).click()
  await page.getByText('No request leaves this laptop unless you set a tile server address.').waitFor()
  await page.getByLabel('Distance between alerts (metres)').fill('2000')
  await page.getByLabel('Alerts that make a hotspot').fill('2')
  await page.getByRole('button', { name: 'Save map settings' }).click()
  await page.getByText('Map settings saved.').waitFor()
  await screenshot(page, 'map-settings')
  await page.getByRole('tab', { name: 'Hotspots' }).click()
  const expected = JSON.parse(cli(dataDir, 'hotspots', '--json'))
  assert.ok(expected.length > 0, 'the CLI finds a hotspot with the saved settings')
  await page.getByRole('heading', { name: `Hotspot 1: ${expected[0].count} red alerts` }).waitFor()
  assert.equal(await page.locator('.hotspots > li').count(), expected.length)
  const riskButton = page.getByRole('button', { name: 'Add to risk register' }).first()
  assert.ok(await riskButton.isDisabled(), 'risk register button waits for the risk register')
  await page.getByText('Risk register arrives with the next release').first().waitFor()

  // The heat layer draws on a canvas (no WebGL).
  await page.getByLabel('Heat layer').check()
  await page.locator('.leaflet-overlay-pane canvas').first().waitFor()
  assert.deepEqual(await axe(page), [], 'hotspots and heat layer have no serious accessibility problems')
  await screenshot(page, 'map-hotspots-heat')
  await page.getByLabel('Heat layer').uncheck()
  await page.getByRole('tab', { name: 'In view' }).click()

  // The case map of that red alert.
  await marker.click()
  await popup.getByRole('link', { name: 'Case map' }).click()
  await page.getByRole('heading', { name: `Case map: red alert ${ref}` }).waitFor()
  await page.getByText('Last amber to red').waitFor()
  const fixes = await page.locator('.trail-list li').count()
  assert.ok(fixes >= 1, `the trail lists the position fixes (${fixes})`)
  if (fixes > 1) {
    const slider = page.getByLabel(/Position fix \d+ of \d+/)
    await slider.focus()
    await page.keyboard.press('Home')
    await page.getByText(`Position fix 1 of ${fixes}`).waitFor()
    await page.keyboard.press('ArrowRight')
    await page.getByText(`Position fix 2 of ${fixes}`).waitFor()
  }
  await page.locator('.case-side').getByText('Flat 3, Example House').waitFor()
  await page.locator('.case-red').waitFor()
  assert.deepEqual(await axe(page), [], 'case map has no serious accessibility problems')
  await screenshot(page, 'map-case')

  // The Alerts screen's detail panel links red alerts to their case map.
  await page.getByRole('link', { name: 'Alerts' }).click()
  await page.getByRole('heading', { name: 'Alerts', level: 1 }).waitFor()
  await page.getByLabel('Type').selectOption('red')
  await page.locator('.tbody [role=row]').first().locator('[role=cell]').nth(9).waitFor()
  await page.locator('.tbody [role=row]').first().click()
  const panel = page.getByRole('complementary')
  const refInPanel = (await panel.getByRole('heading').first().textContent()).replace(/^Red\s*/, '').trim()
  await panel.getByRole('link', { name: /Case map/ }).click()
  await page.getByRole('heading', { name: `Case map: red alert ${refInPanel}` }).waitFor()

  assert.deepEqual(app.violations, [], 'no Content-Security-Policy violations')
  assert.deepEqual(app.ownErrors(), [], 'no console errors')
})
