import type { ReactNode } from 'react'
import { AlertsScreen } from './alerts/AlertsScreen'
import { ComingSoon } from './placeholder/ComingSoon'

export interface ScreenDef {
  id: string
  title: string
  render: () => ReactNode
}

// The navigation, in the order an LSMS works through the day.
export const screens: ScreenDef[] = [
  { id: 'my-work', title: 'My work', render: () => <ComingSoon title="My work" what="What is due, most urgent first: red alerts to triage, recordings about to be destroyed, RIDDOR deadlines, letters, reviews and risks due." /> },
  { id: 'alerts', title: 'Alerts', render: () => <AlertsScreen /> },
  { id: 'map', title: 'Map', render: () => <ComingSoon title="Map" what="Amber and red alert locations on an offline map, with clusters, hotspots and known-risk locations." /> },
  { id: 'cases', title: 'Cases', render: () => <ComingSoon title="Cases" what="Investigations opened from genuine red alerts, the five decision routes, and the case history." /> },
  { id: 'risks', title: 'Risk register', render: () => <ComingSoon title="Risk register" what="The NHS 5x5 risk matrix, re-scores with reasons, and links to incidents and hotspots." /> },
  { id: 'reports', title: 'Reports', render: () => <ComingSoon title="Reports" what="Trends for the Security Management Director, letters, transcripts and court bundles." /> },
  { id: 'settings', title: 'Settings', render: () => <ComingSoon title="Settings" what="Retention periods, risk bands, import profiles, transcription engines and the basemap." /> },
]
