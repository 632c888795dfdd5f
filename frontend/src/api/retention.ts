import * as R from '../../wailsjs/go/main/Retention'
import { retention } from '../../wailsjs/go/models'
import { call } from './bridge'

export type Policy = retention.Policy
export type Period = retention.Period

export const retentionApi = {
  policy: () => call(R.Policy()),
  save: (p: Policy) => call(R.SavePolicy(retention.Policy.createFrom(p))),
}
