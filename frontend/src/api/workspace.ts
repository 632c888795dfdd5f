import * as W from '../../wailsjs/go/main/Workspace'
import type { main, teamprofile } from '../../wailsjs/go/models'
import { call } from './bridge'

export type WorkspaceStatus = main.WorkspaceStatus
export type AboutInfo = main.AboutInfo
/** The team database connection form's fields, as typed; the port is checked in Go. */
export type TeamForm = teamprofile.Form
export type TeamConnection = teamprofile.Connection
export type TeamCheck = main.TeamCheck

export const workspaceApi = {
  status: () => call(W.Status()),
  openDemo: () => call(W.OpenDemo()),
  openEmpty: () => call(W.OpenEmpty()),
  about: () => call(W.About()),
  /** Tries the team database the form names; a failure is an ApiError beside its field. */
  testConnection: (f: TeamForm) => call(W.TestConnection(f)),
  /** Opens the team database and saves the connection (the password protected) for the next start. */
  connect: (f: TeamForm) => call(W.Connect(f)),
  /** Forgets the saved team connection and goes back to the first-run choice. */
  disconnect: () => call(W.Disconnect()),
}
