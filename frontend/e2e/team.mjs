// Team mode for end-to-end tests: a fresh database on the throwaway
// PostgreSQL server `make test` starts (REDLINE_TEST_PG), holding the demo
// laptop moved in as an administrator would, and people with their own logins.
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { demo, keyDir, root } from './harness.mjs'

/** The PostgreSQL server's address (an administrator's), or undefined. */
export const server = process.env.REDLINE_TEST_PG

/** Why a team-mode test is skipped: false when the server is there. */
export const skipWithoutServer = server ? false
  : 'REDLINE_TEST_PG is not set (make test sets it; or D=$(scripts/pgtest.sh start); export REDLINE_TEST_PG=$(scripts/pgtest.sh url $D))'

/** Every person's password in these tests: long enough for team add-user. */
export const password = 'a long enough pass phrase'

/** Runs redline-cli with exactly these arguments (no data folder of its own), with keysOf's audit keys. */
export function redline(keysOf, ...args) {
  return execFileSync(join(root, 'build', 'bin', 'redline-cli'), args,
    { encoding: 'utf8', maxBuffer: 64 << 20, env: { ...process.env, REDLINE_DB: '', REDLINE_AUDIT_KEY_DIR: keyDir(keysOf) } })
}

/** A fresh database on the test server, dropped when the test ends; its URL. */
export function freshDatabase(t) {
  const name = `redline_e2e_${randomBytes(5).toString('hex')}`
  execFileSync('psql', [server, '-v', 'ON_ERROR_STOP=1', '-qc', `CREATE DATABASE ${name}`])
  t.after(() => execFileSync('psql', [server, '-qc', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`]))
  const u = new URL(server)
  u.pathname = `/${name}`
  return u
}

/**
 * teamDemo sets up a fresh team database and moves the demo laptop into it.
 * Returns { db, laptop }: the database's administrator URL and the laptop's
 * data folder (whose audit keys redline() uses).
 */
export function teamDemo(t) {
  const db = freshDatabase(t)
  const laptop = mkdtempSync(join(tmpdir(), 'redline-e2e-laptop-'))
  demo(laptop)
  redline(laptop, '--db', db.href, 'team', 'init')
  redline(laptop, 'team', 'migrate', '--from', laptop, '--db', db.href)
  return { db, laptop }
}

/**
 * addPerson adds a person with their own login (made unique: logins belong to
 * the whole server, not one database), dropped when the test ends; the login.
 */
export function addPerson(t, { db, laptop }, stem, role, name) {
  const login = `${stem}${randomBytes(3).toString('hex')}`
  const pwFile = join(laptop, `pw-${login}.txt`)
  writeFileSync(pwFile, `${password}\n`, { mode: 0o600 })
  redline(laptop, '--db', db.href, 'team', 'add-user', login, '--role', role, '--name', name, '--password-file', pwFile)
  t.after(() => execFileSync('psql', [server, '-qc', `DROP ROLE IF EXISTS ${login}`]))
  return login
}

/** The team database's address with a person's own login and password. */
export function as(db, login) {
  const u = new URL(db.href)
  u.username = login
  u.password = password
  return u.href
}
