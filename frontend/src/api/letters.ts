import * as L from '../../wailsjs/go/main/Letters'
import { letters, main, store } from '../../wailsjs/go/models'
import { call } from './bridge'

export type Letter = store.Letter
export type LetterView = main.LetterView
export type LetterEvent = store.LetterEvent
export type LetterSettings = letters.Settings
export type LetterField = letters.Field
export type TemplateInfo = letters.TemplateInfo

/** The register's statuses, in the order a letter moves through them. */
export const letterStatusLabels: Record<string, string> = {
  draft: 'Draft', approved: 'Approved', issued: 'Issued', in_force: 'In force',
  breached: 'Breached', expired: 'Expired', revoked: 'Revoked',
}

export const letterKindLabels: Record<string, string> = {
  sanction: 'Sanction (warning) letter', no_sanction: 'No-sanction letter',
  police_referral: 'Police referral letter', legal_referral: 'Legal services referral letter',
}

/** Kinds in a word or two, for the register's narrow column. */
export const letterKindShort: Record<string, string> = {
  sanction: 'Warning', no_sanction: 'No sanction', police_referral: 'Police referral', legal_referral: 'Legal referral',
}

/** How a letter may be issued (backend/letters.Methods). */
export const issueMethods: Record<string, string> = {
  post: 'First class post', recorded_delivery: 'Recorded delivery', hand: 'By hand', email: 'Email',
}

export const lettersApi = {
  list: (f: { caseId?: number; status?: string[] } = {}) =>
    call(L.List(store.LetterFilter.createFrom({ caseId: f.caseId ?? 0, status: f.status ?? [] }))),
  get: (id: number) => call(L.Get(id)),
  draft: (caseId: number) => call(L.Draft(caseId)),
  redraft: (id: number) => call(L.Redraft(id)),
  approve: (id: number) => call(L.Approve(id)),
  issue: (id: number, day: string, method: string) => call(L.Issue(id, day, method)),
  breach: (id: number, day: string, reason: string) => call(L.Breach(id, day, reason)),
  revoke: (id: number, reason: string) => call(L.Revoke(id, reason)),
  /** seen is the dates the page showed; a colleague's new dates since are refused, not overwritten. */
  extend: (id: number, seen: { reviewOn: string; expiresOn: string }, reviewOn: string, expiresOn: string, reason: string) =>
    call(L.Extend(id, seen.reviewOn, seen.expiresOn, reviewOn, expiresOn, reason)),
  /** Opens Go's save dialog; resolves to the path written, or '' when cancelled. */
  export: (id: number, format: 'docx' | 'pdf') => call(L.Export(id, format)),
  /** The letter's PDF as stored, for the in-app preview of its pages. */
  pdf: async (id: number) => bytesOf(await call(L.PDF(id))),
  settings: () => call(L.Settings()),
  /** seen is the settings as the form loaded them; a colleague's save since is refused, not overwritten. */
  saveSettings: (seen: LetterSettings, s: LetterSettings) => call(L.SaveSettings(letters.Settings.createFrom(seen), letters.Settings.createFrom(s))),
  fields: () => call(L.Fields()),
  templates: () => call(L.Templates()),
  exportTemplate: (kind: string) => call(L.ExportTemplate(kind)),
  /** Opens Go's open dialog; resolves to the new template's SHA-256, or '' when cancelled. */
  replaceTemplate: (kind: string) => call(L.ReplaceTemplate(kind)),
  restoreTemplate: (kind: string) => call(L.RestoreTemplate(kind)),
}

/** Go sends []byte as base64 text (the generated type says number[]). */
export function bytesOf(b: unknown): Uint8Array {
  if (Array.isArray(b)) return Uint8Array.from(b as number[])
  const text = atob(String(b ?? ''))
  const out = new Uint8Array(text.length)
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i)
  return out
}

/** The merge values a letter was made from (the register keeps them as JSON). */
export function mergeValues(l: Letter): [string, string][] {
  try {
    const v = JSON.parse(l.fields || '{}') as Record<string, unknown>
    return Object.entries(v).map(([k, x]) => [k, typeof x === 'string' ? x : JSON.stringify(x)])
  } catch {
    return []
  }
}
