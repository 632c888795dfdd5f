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
