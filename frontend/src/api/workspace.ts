import * as W from '../../wailsjs/go/main/Workspace'
import type { main } from '../../wailsjs/go/models'
import { call } from './bridge'

export type WorkspaceStatus = main.WorkspaceStatus
export type AboutInfo = main.AboutInfo

export const workspaceApi = {
  status: () => call(W.Status()),
  openDemo: () => call(W.OpenDemo()),
  openEmpty: () => call(W.OpenEmpty()),
  about: () => call(W.About()),
}
