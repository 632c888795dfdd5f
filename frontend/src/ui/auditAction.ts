// A case's history (the audit log) in plain English: "added a person",
// "decision: sanction letter", never the codes Go records (case.person_add).

type Detail = Record<string, unknown>

const routes: Record<string, string> = {
  sanction_letter: 'sanction letter', police: 'refer to the police', private_prosecution: 'refer for private prosecution or civil action',
  no_sanction: 'no sanction', no_notification: 'no notification',
}
const states: Record<string, string> = {
  open: 'open', investigating: 'investigating', decision_pending: 'decision pending', decided: 'decided',
  review: 'review', risk_updated: 'risk updated', closed: 'closed',
}
const roles: Record<string, string> = { lone_worker: 'the lone worker', alleged_offender: 'an alleged offender', witness: 'a witness', victim: 'the victim' }
const words = (s: unknown) => String(s ?? '').replace(/_/g, ' ')

const actions: Record<string, string | ((d: Detail) => string)> = {
  'case.open': 'opened the case',
  'case.state': (d) => (d.to ? `moved the case to ${states[String(d.to)] ?? words(d.to)}` : 'moved the case on'),
  'case.decide': (d) => `decision: ${routes[String(d.route)] ?? words(d.route)}${d.sanction ? ` (${words(d.sanction)})` : ''}`,
  'case.person_add': (d) => (d.role && roles[String(d.role)] ? `added a person: ${roles[String(d.role)]}` : 'added a person'),
  'case.person_correct': "corrected a person's details",
  'case.task_add': 'added a task',
  'case.task_done': (d) => (d.done === false ? 'reopened a task' : 'completed a task'),
  'case.note_add': 'added a note',
  'case.note_revise': 'revised a note',
  'case.support_add': 'recorded support offered',
  'case.kept_informed': (d) => `kept ${d.role === 'witness' ? 'a witness' : 'the victim'} informed`,
  'case.update': 'updated police and reporting',
  'case.legal_hold': 'changed the legal hold',
  'case.link_alert': 'linked an alert',
  'case.review_signed_off': 'post-incident review signed off',
  'case.risk_outcome': 'recorded the risk register outcome',
  'alert.categorise': (d) => (d.category ? `categorised the alert ${words(d.category)}` : 'categorised the alert'),
  'alert.recategorise': (d) => (d.category ? `re-categorised the alert ${words(d.category)}` : 're-categorised the alert'),
  'letter.draft': 'drafted a letter',
  'letter.redraft': 'redrafted a letter',
  'letter.pdf': 'made a letter PDF',
  'letter.export': 'exported a letter',
  'review.assign': 'assigned the post-incident review',
  'review.save': 'saved the post-incident review',
  'review.sign_off': 'signed off the post-incident review',
  'review.action_add': 'added a review action',
  'review.action_update': 'updated a review action',
  'review.factor_add': 'added a contributing factor',
  'review.factor_remove': 'removed a contributing factor',
  'risk.link': 'linked a risk',
  'risk.unlink': 'unlinked a risk',
  'risk.score': 're-scored a risk',
  'recording.play': 'listened to a recording',
  'recording.export': 'exported a recording',
  'recording.working_copy': 'made a working copy of a recording',
  'exhibit.create': 'made an exhibit',
  'exhibit.handover': 'handed over an exhibit',
  'transcript.create': 'started a transcript',
  'transcript.edit': 'edited a transcript',
  'transcript.export': 'exported a transcript',
  'bundle.package': 'built an evidence bundle',
}

/** What one history entry did, in words: "added a person", "decision: sanction letter". */
export function historyAction(action: string, detail: string): string {
  let d: Detail = {}
  try {
    const parsed: unknown = JSON.parse(detail)
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) d = parsed as Detail
  } catch { /* not JSON: the action alone says it */ }
  const known = actions[action]
  if (typeof known === 'function') return known(d)
  if (known) return known
  // A code not listed yet still reads as words: "case.something_new" is "something new".
  return words(action.split('.').slice(1).join(' ') || action)
}
