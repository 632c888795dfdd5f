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

export const reviewsApi = {
  catalogue: () => call(R.Catalogue()),
  forCase: (caseId: number) => call(R.ForCase(caseId)),
  list: (onlyOpen: boolean) => call(R.List(onlyOpen)),
  assign: (caseId: number, lineManager: string, dueOn: string) => call(R.Assign(caseId, lineManager, dueOn)),
  save: (id: number, f: ReviewForm) => call(R.Save(id, store.ReviewForm.createFrom(f))),
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
