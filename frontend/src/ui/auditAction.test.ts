import { describe, expect, it } from 'vitest'
import { historyAction } from './auditAction'

describe('historyAction', () => {
  it.each([
    ['case.person_add', '{"role":"alleged_offender"}', 'added a person: an alleged offender'],
    ['case.person_add', '', 'added a person'],
    ['case.decide', '{"route":"sanction_letter","sanction":""}', 'decision: sanction letter'],
    ['case.decide', '{"route":"sanction_letter","sanction":"warning_letter"}', 'decision: sanction letter (warning letter)'],
    ['case.state', '{"from":"open","to":"decision_pending"}', 'moved the case to decision pending'],
    ['case.task_done', '{"task":3,"done":false}', 'reopened a task'],
    ['case.brand_new_thing', '{}', 'brand new thing'],
  ])('%s %s reads "%s"', (action, detail, want) => expect(historyAction(action, detail)).toBe(want))
})
