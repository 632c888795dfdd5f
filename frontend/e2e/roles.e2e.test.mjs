// People and roles in the window (issue 16): one team database, one person
// per role, and the window started under each person's own login shows that
// role's screens alone. The line manager completes and signs off their review
// in "My reviews" (it saves as they type), and the audit log names their
// login; the investigator sees only the case assigned to them; the director
// has Reports alone; the LSMS has everything, as on a laptop.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { axe, screenshot, startApp } from './harness.mjs'
import { addPerson, as, redline, skipWithoutServer, teamDemo } from './team.mjs'

const PORT = 34221 // and 34222, 34223, 34224: one start per role

/** One value from the team database, asked as its administrator. */
function sql(db, query) {
  return execFileSync('psql', [db, '-v', 'ON_ERROR_STOP=1', '-Atqc', query], { encoding: 'utf8' }).trim()
}

/** The link texts of the main navigation. */
async function navigation(page) {
  return page.getByRole('navigation', { name: 'Main' }).getByRole('list').getByRole('link').allTextContents()
}

/** Starts the window signed in as login, at 1366x768. */
async function signIn(t, db, login, port) {
  const app = await startApp({ port, env: { REDLINE_DB: as(db, login), REDLINE_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'redline-e2e-profile-')) } })
  t.after(() => app.stop())
  await app.page.setViewportSize({ width: 1366, height: 768 })
  return app
}

test('each role signs in as themselves and sees only its screens', {
  timeout: 600000, skip: skipWithoutServer,
}, async (t) => {
  // The team database: the demo laptop moved in, and one person per role.
  const team = teamDemo(t)
  const { db, laptop } = team
  const names = { lsms: 'Ann Lsms', investigator: 'Ian Vestigator', line_manager: 'Jo Smith', director: 'Dee Rector' }
  const stems = { lsms: 'ann', investigator: 'ian', line_manager: 'jo', director: 'dee' }
  const people = Object.fromEntries(Object.keys(names).map((role) => [role, addPerson(t, team, stems[role], role, names[role])]))
  // Two cases with no signed-off review: the review of one to the line
  // manager, the other (one with a recording) to the investigator, assigned by the LSMS.
  const reviewCase = sql(db.href, `SELECT ref FROM cases c WHERE NOT EXISTS
    (SELECT 1 FROM reviews r WHERE r.case_id = c.id AND r.signed_off_at IS NOT NULL) ORDER BY id LIMIT 1`)
  const invCase = sql(db.href, `SELECT ref FROM cases c WHERE ref <> '${reviewCase}' AND NOT EXISTS
    (SELECT 1 FROM reviews r WHERE r.case_id = c.id AND r.signed_off_at IS NOT NULL)
    AND EXISTS (SELECT 1 FROM case_alerts ca JOIN media m ON m.alert_id = ca.alert_id WHERE ca.case_id = c.id) ORDER BY id LIMIT 1`)
  assert.ok(reviewCase && invCase, 'the demo has two cases whose review is open, one with a recording')
  redline(laptop, '--db', as(db, people.lsms), 'team', 'assign', reviewCase, people.line_manager, '--due', '2026-12-06')
  redline(laptop, '--db', as(db, people.lsms), 'team', 'assign', invCase, people.investigator)

  await t.test('the line manager has My reviews alone, and signs off their review', async () => {
    const { page } = await signIn(t, db, people.line_manager, PORT)
    await page.getByText(`Signed in as ${names.line_manager}, line manager`).waitFor()
    await page.getByRole('heading', { name: 'My reviews' }).waitFor()
    assert.deepEqual(await navigation(page), ['My reviews'])
    await page.evaluate(() => { window.location.hash = '#/alerts' })
    await page.getByRole('heading', { name: 'My reviews' }).waitFor()
    assert.equal(await page.getByRole('heading', { name: 'Alerts' }).count(), 0, 'a link to Alerts falls back to My reviews')
    const rows = page.getByRole('table').getByRole('row')
    assert.equal(await rows.count(), 2, 'one review assigned, under a header row')
    assert.deepEqual(await axe(page), [], 'My reviews has no serious accessibility problems')
    await screenshot(page, 'roles-line-manager-list')

    await page.getByRole('link', { name: `Review of ${reviewCase}` }).click()
    await page.getByRole('heading', { name: `Post-incident review of ${reviewCase}` }).waitFor()
    assert.equal(await page.getByRole('navigation', { name: 'Case sections' }).count(), 0, 'the form alone, without the case page')
    const fill = async (label, text) => page.getByLabel(label, { exact: true }).fill(text)
    await fill('Type of incident', 'Verbal abuse at a home visit')
    await page.getByRole('status').filter({ hasText: /^Saved at \d\d:\d\d$/ }).waitFor({ timeout: 15000 })
    await page.getByLabel('Severity', { exact: true }).selectOption('2')
    await page.getByLabel('Likelihood of recurrence', { exact: true }).selectOption('3')
    await fill('Human cost', 'Distress to the nurse')
    await fill('Individuals involved (roles)', 'Community nurse')
    await fill('Procedural', 'No pre-visit check of the address')
    await fill('Training needs', 'Conflict resolution refresher')
    await fill('Review of measures in place', 'Measures work; the check was skipped')
    await page.getByLabel('Effective', { exact: true }).check()
    await fill('Technology in place', 'The device raised the alarm at once')
    await fill('What was expected to happen?', 'A routine visit')
    await fill('What actually happened?', 'The patient\'s relative shouted and threatened')
    await fill('Why was there a difference?', 'No warning on the record')
    await fill('What can we learn?', 'Flag the address')
    await page.getByLabel('No action needed', { exact: true }).check()
    await fill('Why no action is needed', 'The address is already flagged')
    await page.getByText(/sections done/).filter({ hasText: '15 of 15' }).waitFor({ timeout: 15000 })
    await page.getByRole('status').filter({ hasText: /^Saved at \d\d:\d\d$/ }).waitFor()
    await screenshot(page, 'roles-line-manager-review')
    assert.deepEqual(await axe(page), [], 'the review form has no serious accessibility problems')

    await page.getByRole('button', { name: `Sign off as ${names.line_manager}` }).click()
    await page.getByText('Review signed off.').waitFor()
    await page.locator('.signed-badge').first().waitFor()
    await screenshot(page, 'roles-line-manager-signed')
    assert.equal(await page.getByText(/permission denied|SQLSTATE/i).count(), 0, "the database's own refusal never reaches the page")
    assert.equal(sql(db.href, `SELECT actor FROM audit_log WHERE action = 'review.sign_off' ORDER BY seq DESC LIMIT 1`), people.line_manager,
      "the sign-off's audit entry names the line manager's own login")
    assert.equal(sql(db.href, `SELECT review_signed_off_at IS NOT NULL FROM cases WHERE ref = '${reviewCase}'`), 't', 'the case is marked for its closing guard')
  })

  await t.test('the investigator sees only the case assigned to them, and its evidence', async () => {
    const head = sql(db.href, 'SELECT coalesce(max(seq), 0) FROM audit_log')
    const { page } = await signIn(t, db, people.investigator, PORT + 1)
    await page.getByText(`Signed in as ${names.investigator}, investigator`).waitFor()
    await page.getByRole('heading', { name: 'Cases', exact: true }).waitFor()
    assert.deepEqual(await navigation(page), ['Cases'])
    const list = page.getByRole('list', { name: 'Cases' })
    await list.getByText(invCase).waitFor()
    assert.equal(await page.getByRole('tab').count(), 0, 'no triage tabs: the investigator does not triage')
    assert.equal(await page.getByRole('button', { name: 'Open a case by hand' }).count(), 0)
    assert.equal(await page.getByText(reviewCase).count(), 0, 'no other case is listed')
    await screenshot(page, 'roles-investigator')
    await list.getByText(invCase).click()
    await page.locator('#case-heading').filter({ hasText: invCase }).waitFor()
    assert.equal(await page.getByRole('heading', { name: 'Investigators' }).count(), 0, 'only the LSMS assigns investigators')
    const sections = await page.getByRole('navigation', { name: 'Case sections' }).getByRole('button').allTextContents()
    assert.deepEqual(sections, ['Summary', 'Recordings', 'People', 'Tasks', 'Evidence', 'Timeline', 'History'])
    assert.equal(await page.locator('#case-part-risk').count(), 0, 'no risk register part')
    assert.equal(await page.getByRole('button', { name: /^Move to / }).count(), 0, 'no moving the case')
    await page.locator('#case-part-recordings').getByRole('button', { name: /^Listen to / }).first().waitFor()
    await screenshot(page, 'roles-investigator-case-top')
    assert.deepEqual(await axe(page), [], "the investigator's case page has no serious accessibility problems")

    // The recordings of the case, and the player (its listen is logged under the investigator's login).
    const listen = page.locator('#case-part-recordings').getByRole('button', { name: /^Listen to / }).first()
    await listen.waitFor()
    await listen.click()
    const player = page.getByRole('dialog')
    await player.getByRole('heading', { name: /^Recording · / }).waitFor()
    await page.waitForTimeout(1000) // the player has opened the recording
    assert.equal(await player.getByText(/does not give access|permission denied|SQLSTATE/i).count(), 0, 'the recording plays')
    await screenshot(page, 'roles-investigator-player')
    await player.getByRole('button', { name: 'Close recording' }).click()
    await player.waitFor({ state: 'hidden' })

    // The court bundle: its exhibits, numbered under the investigator's login.
    await page.getByRole('button', { name: 'Show the court bundle' }).click()
    const exhibits = page.getByRole('list', { name: 'Exhibits' })
    await exhibits.waitFor({ timeout: 30000 })
    assert.ok(await exhibits.getByRole('listitem').count() > 0, 'the case has exhibits')
    await exhibits.scrollIntoViewIfNeeded()
    await page.waitForTimeout(1500) // every part of the case page has answered
    assert.equal(await page.getByText(/permission denied|SQLSTATE|does not give access/i).count(), 0,
      'no part of the page is refused: parts the role may not use are not there')
    await screenshot(page, 'roles-investigator-case')
    assert.equal(sql(db.href, `SELECT count(*) FROM audit_log WHERE seq > ${head} AND actor <> '${people.investigator}'`), '0',
      'every audit entry the window wrote (numbering exhibits, opening a recording) names the investigator\'s own login')
  })

  await t.test('the director has Reports alone', async () => {
    const { page } = await signIn(t, db, people.director, PORT + 2)
    await page.getByText(`Signed in as ${names.director}, security director`).waitFor()
    await page.getByRole('heading', { name: 'Reports' }).first().waitFor()
    assert.deepEqual(await navigation(page), ['Reports'])
    await page.evaluate(() => { window.location.hash = '#/cases' })
    await page.getByRole('heading', { name: 'Reports' }).first().waitFor()
    assert.equal(await page.getByRole('heading', { name: 'Cases', exact: true }).count(), 0, 'a link to Cases falls back to Reports')
    // Figures, with small counts hidden by the database and said so, and no list of the alerts behind a figure.
    await page.getByRole('note').filter({ hasText: /^Counts from 1 to 7 are shown as \*/ }).waitFor()
    assert.ok(await page.getByRole('table').count() > 0, 'the Reports show their tables of figures')
    assert.ok(await page.getByRole('cell', { name: /^\d+$/ }).count() > 0, 'some figures are shown')
    assert.equal(await page.getByRole('button', { name: /^List the / }).count(), 0, 'no drill-down buttons for the director')
    assert.equal(await page.getByText(/permission denied|SQLSTATE|does not give access/i).count(), 0)
    await screenshot(page, 'roles-director')
  })

  await t.test('the LSMS has every screen, and sees who has the case', async () => {
    const { page } = await signIn(t, db, people.lsms, PORT + 3)
    await page.getByText(`Signed in as ${names.lsms}, LSMS`).waitFor()
    assert.deepEqual(await navigation(page), ['My work', 'Alerts', 'Import', 'Map', 'Cases', 'Letters', 'Risk register', 'Reports', 'Settings'])
    await screenshot(page, 'roles-lsms')
    await page.getByRole('link', { name: 'Cases', exact: true }).click()
    await page.getByRole('tab', { name: /^Cases \(/ }).click()
    await page.getByText(invCase).first().click()
    const who = page.getByRole('region', { name: 'Investigators' })
    await who.getByText(`${names.investigator} (${people.investigator})`).waitFor()
    await who.scrollIntoViewIfNeeded()
    await screenshot(page, 'roles-lsms-case-investigators')
    await who.getByRole('button', { name: `Remove ${names.investigator}` }).click()
    await who.getByText(`${names.investigator} no longer has this case.`).waitFor()
    assert.equal(sql(db.href, `SELECT actor FROM audit_log WHERE action = 'case.unassign' ORDER BY seq DESC LIMIT 1`), people.lsms,
      "the unassignment's audit entry names the LSMS's own login")
    await who.getByRole('button', { name: 'Assign to this case' }).click()
    await who.getByText('Investigator assigned.').waitFor()
    assert.equal(sql(db.href, `SELECT count(*) FROM case_assignments a JOIN cases c ON c.id = a.case_id WHERE c.ref = '${invCase}'`), '1')
  })
})
