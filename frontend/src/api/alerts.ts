import * as A from '../../wailsjs/go/main/Alerts'
import { main, store } from '../../wailsjs/go/models'
import { call } from './bridge'

export type Alert = store.Alert
export type AlertDetail = main.AlertDetail
export type Team = store.Team
export type Position = store.Position
export type LogEntry = store.LogEntry
export type Media = store.Media

export interface AlertFilter {
  from: number // Unix seconds UTC, 0 = open
  to: number
  types: string[]
  validity: string[]
  escalation: string[]
  teamIds: number[]
  workerId: number
  text: string
}

export interface AlertSort {
  column: string
  desc: boolean
}

export const emptyFilter: AlertFilter = {
  from: 0, to: 0, types: [], validity: [], escalation: [], teamIds: [], workerId: 0, text: '',
}

export const alertsApi = {
  list: (filter: AlertFilter, sort: AlertSort, offset: number, limit: number) =>
    call(A.List(main.AlertQuery.createFrom({ filter, sort, offset, limit }))),
  count: (filter: AlertFilter) => call(A.Count(store.AlertFilter.createFrom(filter))),
  detail: (id: number) => call(A.Detail(id)),
  teams: () => call(A.Teams()),
}
