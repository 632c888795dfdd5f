import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync } from 'node:fs'
import { execFileSync } from 'node:child_process'
import { axe, cli, screenshot, startApp, demo } from './harness.mjs'

const countIn = async (page) => Number((await page.locator('.map-screen .count').textContent()).replace(/[^0-9]/g, ''))

test('organisation map: zoom into a cluster, open a marker, open a case map', { timeout: 240000 }, async (t) => {
  const dataDir = mkdtempSync('/tmp/redline-e2e-map-')
  demo(dataDir, '--bare')
  const app = await startApp({ port: 34151, dataDir })
  const { page } = app
  // On failure, keep a picture of what the page showed (hooks run in order).
  t.after(async () => { if (!t.passed) await screenshot(page, 'map-failure').catch(() => {}) })
  t.after(() => app.stop())
  page.setDefaultTimeout(15000)
  await page.getByRole('heading', { name: 'My work', level: 1 }).waitFor({ timeout: 30000 })
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

  // The heat layer draws on a canvas (no WebGL).
  await page.getByLabel('Heat layer').check()
  await page.locator('.leaflet-overlay-pane canvas').first().waitFor()
  await page.waitForTimeout(300)
  await screenshot(page, 'map-heat')
  await page.getByLabel('Heat layer').uncheck()

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
  await page.locator('.risk-list li', { hasText: 'Flat 3, Example House' }).getByText('Review overdue').waitFor()
  // The demo's story already has known-risk locations past their review date; this one adds to them.
  const overdue = Number(execFileSync('sqlite3', [`${dataDir}/redline.db`, `SELECT count(*) FROM known_risk_locations WHERE active = 1 AND review_date < strftime('%s', 'now')`], { encoding: 'utf8' }))
  await page.getByText(overdue === 1 ? '1 known-risk location is past its review date' : `${overdue} known-risk locations are past their review date`).waitFor()
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
  // Hotspot 1 goes on the risk register with a current score.
  await page.getByRole('button', { name: 'Add to risk register (hotspot 1)' }).click()
  await page.getByLabel('Consequence').selectOption('4')
  await page.getByLabel('Likelihood').selectOption('3')
  await page.getByRole('button', { name: 'Create or update risk' }).click()
  await page.getByText(/^Risk \S+ added to the register\./).waitFor()
  assert.deepEqual(await axe(page), [], 'hotspots list has no serious accessibility problems')
  await screenshot(page, 'map-hotspots')
  await page.getByRole('tab', { name: 'In view' }).click()

  // The case map of that red alert, now drawn ringed as inside a known-risk location.
  await page.locator('.pt-red.pt-risk').first().click()
  await popup.getByText(ref).waitFor()
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
  // However close the amber and red alerts were raised, no marker hides another.
  const boxes = await page.locator('.case-red, .case-amber').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON()))
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, b] = [boxes[i], boxes[j]]
      const apart = a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top
      assert.ok(apart, `case-map markers ${i} and ${j} overlap: ${JSON.stringify([a, b])}`)
    }
  }
  assert.deepEqual(await axe(page), [], 'case map has no serious accessibility problems')
  await screenshot(page, 'map-case')

  // The Alerts screen's detail panel links red alerts to their case map.
  await page.getByRole('link', { name: 'Alerts' }).click()
  await page.getByRole('heading', { name: 'Alerts', level: 1 }).waitFor()
  await page.getByLabel('Type').selectOption('red')
  const firstRed = JSON.parse(cli(dataDir, 'alerts', '--json', '--type', 'red', '--limit', '1'))[0]
  await page.locator('.tbody [role=row]').first().locator('[data-col=arcRef]').filter({ hasText: firstRed.arcRef }).waitFor()
  // The Alerts screen may re-query once just after a filter changes and drop
  // the selection; open the first row again if that happens.
  const panel = page.getByRole('complementary')
  for (let i = 0; i < 3; i++) {
    await page.locator('.tbody [role=row]').first().focus()
    await page.keyboard.press('Enter')
    try {
      await panel.getByRole('heading', { level: 2, name: new RegExp(firstRed.arcRef) }).waitFor({ timeout: 3000 })
      await panel.getByRole('link', { name: /Case map/ }).click({ timeout: 3000 })
      break
    } catch (e) {
      if (i === 2) throw e
    }
  }
  await page.getByRole('heading', { name: `Case map: red alert ${firstRed.arcRef}` }).waitFor()

  assert.deepEqual(app.violations, [], 'no Content-Security-Policy violations')
  assert.deepEqual(app.ownErrors(), [], 'no console errors')
})

test('a local MBTiles file chosen in Settings is drawn through /tiles/ with its attribution as text', { timeout: 120000 }, async (t) => {
  const dataDir = mkdtempSync('/tmp/redline-e2e-tiles-')
  demo(dataDir, '--bare')
  // A 1x1 PNG stands in for every tile of zooms 0-8 over the UK; the
  // attribution carries markup that must stay text.
  const png = '89504E470D0A1A0A0000000D4948445200000001000000010806000000' +
    '1F15C4890000000D49444154789C63F8CFC0F01F0005000201FFA3E3B6A70000000049454E44AE426082'
  const mb = `${dataDir}/trust.mbtiles`
  const rows = []
  for (let z = 0; z <= 8; z++) {
    const n = 2 ** z
    const x0 = Math.floor(((-8 + 180) / 360) * n), x1 = Math.floor(((2 + 180) / 360) * n)
    const y = (lat) => Math.floor(((1 - Math.log(Math.tan((lat * Math.PI) / 180) + 1 / Math.cos((lat * Math.PI) / 180)) / Math.PI) / 2) * n)
    for (let x = x0; x <= x1; x++) for (let yy = y(59); yy <= y(50); yy++) rows.push(`(${z},${x},${n - 1 - yy},X'${png}')`)
  }
  execFileSync('sqlite3', [mb], { input: `CREATE TABLE metadata (name text, value text);
    CREATE TABLE tiles (zoom_level integer, tile_column integer, tile_row integer, tile_data blob);
    INSERT INTO metadata VALUES ('format','png'),('minzoom','0'),('maxzoom','8'),('name','Trust map'),('attribution','<b id="inj">Trust</b> & OS');
    INSERT INTO tiles VALUES ${rows.join(',')};` })
  const settings = JSON.stringify({ hotspotEpsM: 250, hotspotMinPts: 3, hotspotValidity: ['genuine', 'precautionary'], knownRiskRadiusM: 100,
    caseRiskRadiusM: 500, basemap: 'file', tileFile: mb, tileUrl: '', tileAttribution: '' })
  execFileSync('sqlite3', [`${dataDir}/redline.db`], { input: `INSERT INTO settings(key, value) VALUES ('map.settings', '${settings}');` })

  const app = await startApp({ port: 34151, dataDir })
  const { page } = app
  t.after(async () => { if (!t.passed) await screenshot(page, 'map-tiles-failure').catch(() => {}) })
  t.after(() => app.stop())
  const tileResponses = []
  page.on('response', (r) => { if (r.url().includes('/tiles/')) tileResponses.push([r.status(), r.headers()['content-type']]) })
  await page.getByRole('heading', { name: 'My work', level: 1 }).waitFor({ timeout: 30000 })
  await page.getByRole('link', { name: 'Map' }).click()
  await page.locator('.leaflet-tile-loaded').first().waitFor({ timeout: 20000 })
  assert.ok(tileResponses.some(([s, ct]) => s === 200 && ct === 'image/png'), `tiles served: ${JSON.stringify(tileResponses.slice(0, 5))}`)
  await page.locator('.leaflet-control-attribution', { hasText: '<b id="inj">Trust</b> & OS' }).waitFor()
  assert.equal(await page.locator('#inj').count(), 0, 'attribution markup from the file is shown as text')
  await page.getByRole('tab', { name: 'Map settings' }).click()
  await page.getByText('(mbtiles, png, zoom 0–8)').waitFor()
  assert.deepEqual(await axe(page), [], 'map with tiles has no serious accessibility problems')
  await screenshot(page, 'map-tiles')
  assert.deepEqual(app.violations, [], 'no Content-Security-Policy violations')
  assert.deepEqual(app.ownErrors(), [], 'no console errors')
})
