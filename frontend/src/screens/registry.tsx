import type { ReactNode } from 'react'
import { AlertsScreen } from './alerts/AlertsScreen'
import { ImportsScreen } from './imports/ImportsScreen'
import { ComingSoon } from './placeholder/ComingSoon'
import { MyWorkScreen } from './mywork/MyWorkScreen'
import { CasesScreen } from './cases/CasesScreen'
import { ReportsScreen } from './reports/ReportsScreen'
import { MapScreen } from './map/MapScreen'

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
  { id: 'risks', title: 'Risk register', render: () => <ComingSoon title="Risk register" what="The NHS 5x5 risk matrix, re-scores with reasons, and links to incidents and hotspots." /> },
  { id: 'reports', title: 'Reports', render: () => <ReportsScreen /> },
  { id: 'settings', title: 'Settings', render: () => <ComingSoon title="Settings" what="Retention periods, risk bands, import profiles, transcription engines and the basemap." /> },
]
