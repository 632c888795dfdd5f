import * as T from '../../wailsjs/go/main/Trends'
import { main, trends } from '../../wailsjs/go/models'
import { call } from './bridge'

export type Dashboard = trends.Dashboard
export type Count = trends.Count
export type Rate = trends.Rate

export const trendsApi = {
  dashboard: (fromMonth: string, toMonth: string, shared: boolean) =>
    call(T.Dashboard(main.TrendsQuery.createFrom({ fromMonth, toMonth, shared }))),
}
