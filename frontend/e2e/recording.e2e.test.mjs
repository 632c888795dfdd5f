import { test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { axe, cli, outDir, root, screenshot, startApp, demo } from './harness.mjs'

test('open a red alert, listen, transcribe, edit and export the court PDF', { timeout: 240000 }, async (t) => {
  const dataDir = mkdtempSync('/tmp/redline-e2e-rec-')
  demo(dataDir)
  const saveDir = mkdtempSync('/tmp/redline-e2e-save-')
  const model = join(saveDir, 'ggml-standin.bin')
  writeFileSync(model, 'stand-in model: the real whisper.cpp is not exercised here')
  const app = await startApp({
    port: 34141, dataDir, env: {
      REDLINE_DEV_WHISPER: `${join(root, 'testdata', 'transcribe', 'whisper-standin.sh')}|${model}`,
      REDLINE_DEV_SAVE_DIR: saveDir,
    },
  })
  const { page } = app
  t.after(async () => { await screenshot(page, 'recording-last').catch(() => {}); await app.stop() })

  // Open a genuine red alert's detail and its recording.
  await page.getByRole('heading', { name: 'My work', level: 1 }).waitFor({ timeout: 60000 })
  await page.getByRole('link', { name: 'Alerts' }).click()
  await page.getByRole('heading', { name: 'Alerts', level: 1 }).waitFor({ timeout: 60000 })
  await page.getByLabel('Type').selectOption('red')
  await page.getByLabel('Validity').selectOption('genuine')
  const genuine = JSON.parse(cli(dataDir, 'alerts', '--json', '--type', 'red', '--validity', 'genuine', '--limit', '50'))
  const withMedia = genuine.find((a) => a.mediaCount > 0)
  assert.ok(withMedia, 'a genuine red alert with a recording')
  await page.getByLabel('Search').fill(withMedia.arcRef)
  await page.getByText('1 alert', { exact: true }).waitFor()
  const row = page.locator('.tbody [role=row]').filter({ hasText: withMedia.arcRef }).first()
  await row.waitFor()
  await row.click()
  const panel = page.getByRole('complementary')
  await panel.getByRole('button', { name: /^Listen to / }).first().click()
  const dialog = page.getByRole('dialog')
  await dialog.getByRole('heading', { name: /Recording/ }).waitFor()
  const canvas = dialog.locator('canvas.waveform-canvas')
  await canvas.waitFor()
  await page.waitForFunction(() => document.querySelector('canvas.waveform-canvas')?.dataset.loadMs !== undefined)
  const loadMs = Number(await canvas.getAttribute('data-load-ms'))
  assert.ok(loadMs < 300, `waveform peaks arrived in ${loadMs} ms`)
  await dialog.getByText(/No audio device: playing silently|Speed/).first().waitFor()

  // Play, and the playhead moves from Go events.
  const time = dialog.getByTestId('player-time')
  await dialog.getByRole('button', { name: 'Play' }).click()
  await page.waitForFunction(() => !document.querySelector('[data-testid=player-time]').textContent.startsWith('00:00:00'), null, { timeout: 5000 })
  await dialog.getByRole('button', { name: 'Pause' }).click()
  // Seek by clicking the middle of the waveform.
  const box = await canvas.boundingBox()
  await canvas.click({ position: { x: box.width / 2, y: box.height / 2 } })
  const mid = await time.textContent()
  assert.notEqual(mid.split(' / ')[0], '00:00:00', `seek moved the playhead (${mid})`)
  // Speed from the keyboard (F4 faster) and the select shows it.
  // The speed goes to Go and comes back in the player's status, so wait for the select to show it.
  await page.keyboard.press('F4')
  const speed = dialog.getByLabel('Speed').and(page.locator('select'))
  await speed.evaluate((s) => new Promise((ok, fail) => {
    const until = Date.now() + 5000
    const look = () => (s.value === '1.125' ? ok() : Date.now() > until ? fail(new Error(`speed shows ${s.value}, want 1.125`)) : setTimeout(look, 50))
    look()
  }))
  await dialog.getByLabel('Speed').selectOption('1.5')
  await dialog.getByRole('button', { name: 'Play' }).click()
  await page.waitForTimeout(600)
  await page.keyboard.press('Escape') // play/pause, not close
  await dialog.getByRole('button', { name: 'Play' }).waitFor()
  assert.ok(await dialog.isVisible(), 'Esc pauses and keeps the recording open')

  // Transcribe with the whisper stand-in (the real engine is not exercised), then edit.
  await dialog.getByLabel('Speech-to-text engine').selectOption('whisper')
  await dialog.getByRole('button', { name: 'Transcribe automatically' }).click()
  await dialog.getByText(/Draft transcript ready: 2 segments/).waitFor({ timeout: 60000 })
  await dialog.getByTestId('transcript-status').filter({ hasText: 'DRAFT' }).waitFor()
  const first = dialog.getByLabel('Segment 1 words')
  await first.fill('Get away from me, I am calling for help.')
  await dialog.getByLabel('Segment 1 speaker').selectOption('Lone worker')
  await first.focus()
  await dialog.getByRole('button', { name: /Insert \[overlapping speech\]/ }).click()
  await dialog.getByLabel('Exhibit reference').fill('JS/1')
  await dialog.getByLabel('Case reference').fill('CASE-2025-014')
  await dialog.getByRole('button', { name: 'Save revision' }).click()
  await dialog.getByText('Saved as revision 2.').waitFor()
  await dialog.getByLabel('Transcribed by (full name)').fill('Jane Smith')
  await dialog.getByRole('button', { name: 'Sign as transcriber' }).click()
  await dialog.getByText(/Transcribed by Jane Smith on/).waitFor()
  // Click a segment's time to seek there; it is highlighted while the playhead is in it.
  await dialog.getByRole('button', { name: 'Play from 00:00:02' }).click()
  await dialog.locator('.segment.active').filter({ has: page.getByLabel('Segment 2 words') }).waitFor()

  assert.deepEqual(await axe(page), [], 'recording panel has no serious accessibility problems')
  await screenshot(page, 'recording-panel')

  // Export the court PDF (the dev build answers the save dialog with REDLINE_DEV_SAVE_DIR).
  await dialog.getByRole('button', { name: 'PDF (court)' }).click()
  await dialog.getByText(/Exported to .*\.pdf/).waitFor()
  const pdf = join(saveDir, `Transcript JS-1 ${'red-1'}.pdf`)
  const found = existsSync(pdf) ? pdf : execFileSync('sh', ['-c', `ls "${saveDir}"/*.pdf | head -1`], { encoding: 'utf8' }).trim()
  const text = execFileSync('pdftotext', ['-layout', found, '-'], { encoding: 'utf8' })
  for (const want of ['Transcript of audio recording', 'JS/1', 'CASE-2025-014', 'Lone worker', '[overlapping speech]', 'I, Jane Smith, made this transcript', 'DRAFT']) {
    assert.ok(text.includes(want), `PDF contains ${want}`)
  }
  execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', found, join(outDir, 'recording-transcript-pdf')])

  // Every playback and the export are in the audit log (checked through the database CLI-free: sqlite3).
  const audit = execFileSync('sqlite3', [join(dataDir, 'redline.db'), "SELECT action, detail FROM audit_log WHERE action IN ('recording.play','transcript.export') ORDER BY seq"], { encoding: 'utf8' })
  assert.match(audit, /recording\.play\|\{"device":(true|false),"enhance":false,"fromMs":\d+/)
  assert.match(audit, /transcript\.export\|\{.*"format":"pdf"/)
  assert.deepEqual(app.violations, [], 'no Content-Security-Policy violations')
  assert.deepEqual(app.ownErrors(), [], 'no console errors')
})
