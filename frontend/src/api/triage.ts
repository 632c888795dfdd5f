import * as T from '../../wailsjs/go/main/Triage'
import { main, store } from '../../wailsjs/go/models'
import { call } from './bridge'

export type TriageRow = store.TriageRow
export type TriageDetail = main.TriageDetail
export type Triage = store.Triage
export type DestructionRecord = store.DestructionRecord

export const categoryLabels: Record<string, string> = {
  genuine: 'Genuine', precautionary: 'Precautionary', false: 'False or accidental', test: 'Test', duplicate: 'Duplicate',
}
export const categories = Object.keys(categoryLabels)

export const triageApi = {
  list: (pending: boolean) => call(T.List(pending)),
  detail: (alertId: number) => call(T.Detail(alertId)),
  /** seenTriage is the id of the categorisation the page showed (0: waiting); a colleague's since is refused. */
  categorise: (alertId: number, seenTriage: number, category: string, reason: string) =>
    call(T.Categorise(alertId, seenTriage, category, reason)),
}
