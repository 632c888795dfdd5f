import * as R from '../../wailsjs/go/main/Reviews'
import { main, review, store } from '../../wailsjs/go/models'
import { call } from './bridge'

export type ReviewView = main.ReviewView
export type ReviewCatalogue = main.ReviewCatalogue
export type Review = store.Review
export type ReviewForm = store.ReviewForm
export type ReviewAction = store.ReviewAction
export type ContributingFactor = store.ContributingFactor
export type ReviewFactor = review.Factor
export type AssignedReview = store.AssignedReview

export const reviewsApi = {
  catalogue: () => call(R.Catalogue()),
  forCase: (caseId: number) => call(R.ForCase(caseId)),
  list: (onlyOpen: boolean) => call(R.List(onlyOpen)),
  assign: (caseId: number, lineManager: string, dueOn: string) => call(R.Assign(caseId, lineManager, dueOn)),
  /** Team mode: assigns the review to a line manager by their login, so they see and sign it off under it. */
  assignLineManager: (caseId: number, login: string, dueOn: string) => call(R.AssignLineManager(caseId, login, dueOn)),
  /** The reviews assigned to the person signed in (a line manager's own; the LSMS's all). */
  mine: () => call(R.Mine()),
  get: (id: number) => call(R.Get(id)),
  /** The assigned line manager signs off under their own login; no name is typed. */
  signOffMine: (id: number) => call(R.SignOffMine(id)),
  /**
   * Saves the form, unless someone else saved the review after `from`, the
   * saved review the form started from (refused with a "Someone else changed" message).
   */
  save: (id: number, f: ReviewForm, from: Pick<Review, 'updatedAt' | 'updatedBy'>) =>
    call(R.Save(id, store.ReviewForm.createFrom(f), store.ReviewSeen.createFrom({ at: from.updatedAt, by: from.updatedBy }))),
  addFactor: (id: number, category: string, description: string) => call(R.AddFactor(id, category, description)),
  removeFactor: (id: number, factorId: number) => call(R.RemoveFactor(id, factorId)),
  addAction: (a: { reviewId: number; description: string; owner: string; dueOn: string; note?: string; factorId?: number }) =>
    call(R.AddAction(store.ReviewAction.createFrom({ ...a, note: a.note ?? '', factorId: a.factorId ?? 0 }))),
  /** Marks a finding as needing no action, with the reason ('' takes the mark away). */
  markNoAction: (id: number, findingId: number, reason: string) => call(R.MarkNoAction(id, findingId, reason)),
  updateAction: (a: ReviewAction) => call(R.UpdateAction(store.ReviewAction.createFrom(a))),
  signOff: (id: number, signer: string) => call(R.SignOff(id, signer)),
  /** Opens Go's save dialog; resolves to the path written, or '' when cancelled. */
  exportPDF: (id: number) => call(R.ExportPDF(id)),
}
