import type { ReactNode } from 'react'
import { AlertsScreen } from './alerts/AlertsScreen'
import { ImportsScreen } from './imports/ImportsScreen'
import { MyWorkScreen } from './mywork/MyWorkScreen'
import { CasesScreen } from './cases/CasesScreen'
import { ReportsScreen } from './reports/ReportsScreen'
import { SettingsScreen } from './settings/SettingsScreen'
import { MapScreen } from './map/MapScreen'
import { LettersScreen } from './letters/LettersScreen'
import { RisksScreen } from './risks/RisksScreen'
import { MyReviewsScreen } from './myreviews/MyReviewsScreen'
import type { Role } from '../api/people'

export interface ScreenDef {
  id: string
  title: string
  render: () => ReactNode
  /** Who else has the screen; the LSMS has every screen but a line manager's "My reviews". */
  also?: Role[]
}

// The navigation, in the order an LSMS works through the day. In a team
// database each role sees only its screens (issue 16); the database, not
// this list, decides what each may read.
const all: ScreenDef[] = [
  { id: 'my-work', title: 'My work', render: () => <MyWorkScreen /> },
  { id: 'my-reviews', title: 'My reviews', render: () => <MyReviewsScreen /> },
  { id: 'alerts', title: 'Alerts', render: () => <AlertsScreen /> },
  { id: 'imports', title: 'Import', render: () => <ImportsScreen /> },
  { id: 'map', title: 'Map', render: () => <MapScreen /> },
  { id: 'cases', title: 'Cases', render: () => <CasesScreen />, also: ['investigator'] },
  { id: 'letters', title: 'Letters', render: () => <LettersScreen /> },
  { id: 'risks', title: 'Risk register', render: () => <RisksScreen /> },
  { id: 'reports', title: 'Reports', render: () => <ReportsScreen />, also: ['director'] },
  { id: 'settings', title: 'Settings', render: () => <SettingsScreen /> },
]

/** The screens a role has, in navigation order: a line manager's is "My reviews" alone. */
export function screensFor(role: Role): ScreenDef[] {
  if (role === 'line_manager') return all.filter((s) => s.id === 'my-reviews')
  if (role === 'lsms') return all.filter((s) => s.id !== 'my-reviews')
  return all.filter((s) => s.also?.includes(role))
}

/** The LSMS's screens: the window on a laptop. */
export const screens: ScreenDef[] = screensFor('lsms')

/** The screen the window opens on and falls back to: the LSMS's day starts with what is due. */
export const homeScreen = 'my-work'

/** Each role's first screen. */
export function homeFor(role: Role): string {
  return { lsms: homeScreen, investigator: 'cases', line_manager: 'my-reviews', director: 'reports' }[role]
}

/**
 * The screen a location hash names (#/map/case/12 belongs to 'map'), or the
 * role's home when the role has no such screen.
 */
export function screenOf(hash: string, role: Role = 'lsms'): string {
  const id = hash.replace(/^#\/?/, '').split('/')[0]
  return screensFor(role).some((s) => s.id === id) ? id : homeFor(role)
}

/** The role as the signed-in line says it: "Signed in as Jo Smith, line manager". */
export const roleWords: Record<Role, string> = {
  lsms: 'LSMS', investigator: 'investigator', line_manager: 'line manager', director: 'security director',
}
