import * as P from '../../wailsjs/go/main/People'
import type { main, store } from '../../wailsjs/go/models'
import { call } from './bridge'

/** Who the window works for, and in which role (on a laptop, the LSMS). */
export type SignedInPerson = main.SignedInPerson
/** Someone who signs in to the team database as themselves. */
export type Member = store.Member
export type Role = 'lsms' | 'investigator' | 'line_manager' | 'director'

/**
 * asked calls a binding as a promise even when the call itself throws (no Go
 * behind the page, as in a component test that does not mock this module):
 * the panels that only add to a page (who has a case) then show nothing
 * rather than break the page they sit on.
 */
const asked = <T,>(fn: () => Promise<T>): Promise<T> => call(new Promise<T>((resolve, reject) => {
  try { resolve(fn()) } catch (e) { reject(e) }
}))

export const peopleApi = {
  me: () => asked(() => P.Me()),
  /** Enabled people with their roles, for the LSMS's pickers; none on a laptop. */
  list: () => asked(() => P.List()),
  caseInvestigators: (caseId: number) => asked(() => P.CaseInvestigators(caseId)),
  assignInvestigator: (caseId: number, login: string) => asked(() => P.AssignInvestigator(caseId, login)),
  unassignInvestigator: (caseId: number, login: string) => asked(() => P.UnassignInvestigator(caseId, login)),
}
