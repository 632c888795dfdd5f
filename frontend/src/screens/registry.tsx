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

export interface ScreenDef {
  id: string
  title: string
  render: () => ReactNode
}

// The navigation, in the order an LSMS works through the day.
export const screens: ScreenDef[] = [
  { id: 'my-work', title: 'My work', render: () => <MyWorkScreen /> },
  { id: 'alerts', title: 'Alerts', render: () => <AlertsScreen /> },
  { id: 'imports', title: 'Import', render: () => <ImportsScreen /> },
  { id: 'map', title: 'Map', render: () => <MapScreen /> },
  { id: 'cases', title: 'Cases', render: () => <CasesScreen /> },
  { id: 'letters', title: 'Letters', render: () => <LettersScreen /> },
  { id: 'risks', title: 'Risk register', render: () => <RisksScreen /> },
  { id: 'reports', title: 'Reports', render: () => <ReportsScreen /> },
  { id: 'settings', title: 'Settings', render: () => <SettingsScreen /> },
]

/** The screen the window opens on and falls back to: the LSMS's day starts with what is due. */
export const homeScreen = 'my-work'

/** The screen a location hash names (#/map/case/12 belongs to 'map'), or the home screen. */
export function screenOf(hash: string): string {
  const id = hash.replace(/^#\/?/, '').split('/')[0]
  return screens.some((s) => s.id === id) ? id : homeScreen
}
