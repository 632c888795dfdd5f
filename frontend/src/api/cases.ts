import * as C from '../../wailsjs/go/main/Cases'
import { casework, main, store } from '../../wailsjs/go/models'
import { call } from './bridge'

export type CaseFile = store.CaseFile
export type CaseView = main.CaseView
export type Person = store.Person
export type Task = store.Task
export type Decision = store.Decision
export type Route = casework.Route
export type TimelineEntry = casework.TimelineEntry

export interface CasePatch {
  title?: string; summary?: string; legalHold?: boolean; legalHoldReason?: string; physicalAssault?: boolean
  policeForce?: string; policeOfficer?: string; policeRef?: string; policeContactedOn?: string
  riddorOutcome?: string; riddorFirstAbsence?: string; riddorReturn?: string; riddorRef?: string; riddorReportedOn?: string
}

export const stateLabels: Record<string, string> = {
  open: 'Open', investigating: 'Investigating', decision_pending: 'Decision pending', decided: 'Decided',
  review: 'Review', risk_updated: 'Risk updated', closed: 'Closed',
}
export const caseStates = Object.keys(stateLabels)

export const casesApi = {
  list: (open: boolean) => call(C.List(store.CaseFilter.createFrom({ states: [], open, alertId: 0 }))),
  get: (id: number) => call(C.Get(id)),
  openFromAlert: (alertId: number) => call(C.OpenFromAlert(alertId)),
  openManual: (title: string, incidentAt: number, summary: string) =>
    call(C.OpenManual(store.NewCase.createFrom({ title, origin: 'manual', incidentAt, summary, workerId: 0, alertIds: [] }))),
  /** seenState is the state the page showed; a colleague's move since is refused. */
  move: (id: number, seenState: string, to: string, reason: string) => call(C.Move(id, seenState, to, reason)),
  /** seen is the same fields as the page showed them; a colleague's change since is refused, not overwritten. */
  update: (id: number, seen: CasePatch, p: CasePatch) => call(C.Update(id, store.CasePatch.createFrom(seen), store.CasePatch.createFrom(p))),
  addPerson: (p: Partial<Person> & { caseId: number; role: string }) => call(C.AddPerson(store.Person.createFrom(p))),
  /** Corrects a person's details (not their role); returns the fields that changed. */
  correctPerson: (seen: Person, p: Partial<Person> & { id: number; caseId: number }) =>
    call(C.CorrectPerson(store.Person.createFrom(seen), store.Person.createFrom(p))),
  addTask: (t: { caseId: number; title: string; owner: string; dueOn: string }) => call(C.AddTask(store.Task.createFrom(t))),
  completeTask: (caseId: number, taskId: number, done: boolean) => call(C.CompleteTask(caseId, taskId, done)),
  addNote: (caseId: number, body: string) => call(C.AddNote(caseId, body)),
  /** seenRev is the revision the person edited; a colleague's later one is not overwritten. */
  reviseNote: (caseId: number, noteId: number, seenRev: number, body: string) => call(C.ReviseNote(caseId, noteId, seenRev, body)),
  addSupport: (x: { caseId: number; kind: string; offeredOn: string; takenUp: string; note: string }) =>
    call(C.AddSupport(store.Support.createFrom(x))),
  addUpdate: (u: { caseId: number; person: string; role: string; onDay: string; method: string; summary: string }) =>
    call(C.AddUpdate(store.Update.createFrom(u))),
  /** seenDecision is the id of the decision in force when the person began (0: none). */
  decide: (d: Partial<Decision> & { caseId: number; route: string }, seenDecision: number) =>
    call(C.Decide(store.Decision.createFrom(d), seenDecision)),
  routes: () => call(C.Routes()),
}
