import * as M from '../../wailsjs/go/main/MyWork'
import { casework } from '../../wailsjs/go/models'
import { call } from './bridge'

export type WorkItem = casework.Item

export const myWorkApi = {
  list: () => call(M.List()),
  now: () => call(M.Now()),
}
