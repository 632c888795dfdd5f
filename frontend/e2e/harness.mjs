// Starts the real Redline dev build under Xvfb (live Go bindings on a local
// port) and drives it with Debian's Chromium through playwright-core.
import { spawn, execFileSync } from 'node:child_process'
import { mkdtempSync, mkdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium } from 'playwright-core'

export const root = resolve(import.meta.dirname, '..', '..')
export const outDir = join(root, 'build', 'e2e')
mkdirSync(outDir, { recursive: true })

const axeSource = readFileSync(join(root, 'frontend', 'node_modules', 'axe-core', 'axe.min.js'), 'utf8')

/**
 * The instant every end-to-end test treats as now: the demo ends there and the
 * app's clock starts there, so no result depends on the day the suite runs.
 * The Makefile sets REDLINE_TEST_NOW; the default matches backend/testclock.
 */
export const asOf = process.env.REDLINE_TEST_NOW || '2026-11-22T12:00:00Z'

/** Builds the demo trust in a data directory, ending at the pinned instant. */
export function demo(dataDir, ...flags) {
  return cli(dataDir, 'demo', '--as-of', asOf, ...flags)
}

/**
 * The audit keys of a test's database live beside its data directory, never
 * in the tester's own key folder, and the CLI and the app share them.
 */
export function keyDir(dataDir) {
  return `${dataDir.replace(/[\\/]+$/, '')}-audit-keys`
}

/** Runs redline-cli against a data directory and returns stdout. */
export function cli(dataDir, ...args) {
  return execFileSync(join(root, 'build', 'bin', 'redline-cli'), ['--data-dir', dataDir, ...args],
    { encoding: 'utf8', maxBuffer: 64 << 20, env: { ...process.env, REDLINE_AUDIT_KEY_DIR: keyDir(dataDir) } })
}

async function waitForServer(url, child, ms = 60000) {
  const until = Date.now() + ms
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`redline-dev exited with ${child.exitCode}`)
    try {
      const r = await fetch(url)
      if (r.ok) return
    } catch { /* not listening yet: try again */ }
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`${url} did not answer within ${ms} ms`)
}

/**
 * startApp launches the dev build on port with a fresh data directory (or the
 * one given) and returns { page, dataDir, violations, stop }.
 */
export async function startApp({ port, dataDir, env = {} } = {}) {
  // REDLINE_E2E_PORT_OFFSET moves every test's port, so a second suite (the same
  // tests at another pinned instant) can run beside the first.
  port += Number(process.env.REDLINE_E2E_PORT_OFFSET || 0)
  dataDir ??= mkdtempSync(join(tmpdir(), 'redline-e2e-'))
  // A leftover app on the port would answer for us with someone else's data.
  if (await fetch(`http://localhost:${port}`).then(() => true, () => false)) {
    throw new Error(`port ${port} is already serving something: stop the leftover redline-dev first`)
  }
  const logs = []
  const child = spawn('xvfb-run', ['-a', join(root, 'build', 'bin', 'redline-dev'),
    '-assetdir', join(root, 'frontend', 'dist'), '-devserver', `localhost:${port}`], {
    // The profile folder (a saved team connection) is the test's own, never the tester's.
    cwd: root, detached: true, env: { ...process.env, REDLINE_DATA_DIR: dataDir, REDLINE_AUDIT_KEY_DIR: keyDir(dataDir), REDLINE_NOW: asOf,
      REDLINE_CONFIG_DIR: `${dataDir.replace(/[\\/]+$/, '')}-profile`, ...env },
  })
  child.stdout.on('data', (d) => logs.push(String(d)))
  child.stderr.on('data', (d) => logs.push(String(d)))
  const url = `http://localhost:${port}`
  try {
    await waitForServer(url, child)
  } catch (e) {
    try { process.kill(-child.pid, 'SIGKILL') } catch { /* already exited */ }
    throw new Error(`${e.message}\n${logs.join('').slice(-3000)}`)
  }
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--lang=en-GB'],
  })
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-GB', timezoneId: 'America/New_York' })
  const page = await context.newPage()
  const violations = []
  const errors = []
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()) })
  page.on('pageerror', (e) => errors.push(String(e.stack)))
  page.on('response', (r) => { if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`) })
  await page.exposeFunction('__cspViolation', (v) => violations.push(v))
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => window.__cspViolation(`${e.violatedDirective} ${e.blockedURI}`))
  })
  await page.goto(url)
  return {
    page, dataDir, url, violations, errors,
    // Wails's own dev-mode ipc.js throws once when loaded in a plain browser
    // (it expects the webview's native bridge); everything else is ours.
    ownErrors: () => errors.filter((e) => !e.includes('/wails/ipc.js')),
    async stop() {
      await browser.close().catch(() => {})
      try { process.kill(-child.pid, 'SIGTERM') } catch { /* already exited */ }
      await new Promise((r) => setTimeout(r, 300))
      try { process.kill(-child.pid, 'SIGKILL') } catch { /* already exited */ }
    },
  }
}

/** Runs axe-core on the page and returns serious or critical WCAG A/AA violations. */
export async function axe(page) {
  const result = await page.evaluate(async (src) => {
    // Evaluated through the DevTools protocol, so the app's CSP (no inline script) still holds for the page.
    (0, eval)(src)
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'] } })
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }))
  }, axeSource)
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical')
}

export async function screenshot(page, name) {
  const file = join(outDir, `${name}.png`)
  await page.screenshot({ path: file })
  return file
}
