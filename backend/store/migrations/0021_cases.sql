-- Cases: one incident from alert (or report) to closure. Dates without a time
-- (date of birth, due dates, RIDDOR days) are London calendar dates, yyyy-mm-dd;
-- instants are Unix seconds UTC.
CREATE TABLE cases (
    id                    INTEGER PRIMARY KEY,
    ref                   TEXT NOT NULL UNIQUE,       -- RL-2025-0001
    title                 TEXT NOT NULL,
    state                 TEXT NOT NULL DEFAULT 'open' CHECK (state IN
                          ('open', 'investigating', 'decision_pending', 'decided', 'review', 'risk_updated', 'closed')),
    origin                TEXT NOT NULL CHECK (origin IN ('alert', 'manual')),
    incident_at           INTEGER NOT NULL,
    summary               TEXT NOT NULL DEFAULT '',
    worker_id             INTEGER REFERENCES workers(id),
    opened_at             INTEGER NOT NULL,
    opened_by             TEXT NOT NULL,
    updated_at            INTEGER NOT NULL,
    closed_at             INTEGER,
    legal_hold            INTEGER NOT NULL DEFAULT 0,
    legal_hold_reason     TEXT NOT NULL DEFAULT '',
    physical_assault      INTEGER NOT NULL DEFAULT 0, -- for national reporting
    police_force          TEXT NOT NULL DEFAULT '',
    police_officer        TEXT NOT NULL DEFAULT '',
    police_ref            TEXT NOT NULL DEFAULT '',   -- crime reference or URN
    police_contacted_on   TEXT NOT NULL DEFAULT '',
    riddor_outcome        TEXT NOT NULL DEFAULT '',   -- '', injury, specified_injury, death
    riddor_first_absence  TEXT NOT NULL DEFAULT '',
    riddor_return         TEXT NOT NULL DEFAULT '',
    riddor_ref            TEXT NOT NULL DEFAULT '',
    riddor_reported_on    TEXT NOT NULL DEFAULT '',
    -- Filled by the post-incident review and risk register (their own issue);
    -- the closing guard reads them.
    review_signed_off_at  INTEGER,
    review_signed_off_by  TEXT NOT NULL DEFAULT '',
    risk_outcome          TEXT NOT NULL DEFAULT '' CHECK (risk_outcome IN ('', 'updated', 'no_change')),
    risk_no_change_reason TEXT NOT NULL DEFAULT '',
    risk_outcome_at       INTEGER,
    risk_outcome_by       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX cases_state ON cases(state, updated_at);

CREATE TABLE case_alerts (
    case_id   INTEGER NOT NULL REFERENCES cases(id),
    alert_id  INTEGER NOT NULL REFERENCES alerts(id),
    linked_at INTEGER NOT NULL,
    linked_by TEXT NOT NULL,
    PRIMARY KEY (case_id, alert_id)
);
CREATE INDEX case_alerts_alert ON case_alerts(alert_id);

-- State changes and other milestones, for the timeline.
CREATE TABLE case_events (
    id         INTEGER PRIMARY KEY,
    case_id    INTEGER NOT NULL REFERENCES cases(id),
    at         INTEGER NOT NULL,
    actor      TEXT NOT NULL,
    kind       TEXT NOT NULL,
    from_state TEXT NOT NULL DEFAULT '',
    to_state   TEXT NOT NULL DEFAULT '',
    detail     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX case_events_case ON case_events(case_id, at);

CREATE TABLE case_people (
    id            INTEGER PRIMARY KEY,
    case_id       INTEGER NOT NULL REFERENCES cases(id),
    role          TEXT NOT NULL CHECK (role IN ('lone_worker', 'alleged_offender', 'witness')),
    name          TEXT NOT NULL,
    address       TEXT NOT NULL DEFAULT '',
    date_of_birth TEXT NOT NULL DEFAULT '',
    nhs_number    TEXT NOT NULL DEFAULT '',   -- ten digits, Modulus 11 checked
    relationship  TEXT NOT NULL DEFAULT '',   -- to the patient: the patient, relative, visitor, ...
    contact       TEXT NOT NULL DEFAULT '',
    worker_id     INTEGER REFERENCES workers(id),
    added_at      INTEGER NOT NULL,
    added_by      TEXT NOT NULL
);
CREATE INDEX case_people_case ON case_people(case_id);

CREATE TABLE case_tasks (
    id         INTEGER PRIMARY KEY,
    case_id    INTEGER NOT NULL REFERENCES cases(id),
    title      TEXT NOT NULL,
    owner      TEXT NOT NULL,
    due_on     TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    created_by TEXT NOT NULL,
    done_at    INTEGER,
    done_by    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX case_tasks_open ON case_tasks(done_at, due_on);

CREATE TABLE case_notes (
    id         INTEGER PRIMARY KEY,
    case_id    INTEGER NOT NULL REFERENCES cases(id),
    created_at INTEGER NOT NULL,
    created_by TEXT NOT NULL
);
CREATE TABLE case_note_revisions (
    id      INTEGER PRIMARY KEY,
    note_id INTEGER NOT NULL REFERENCES case_notes(id),
    rev     INTEGER NOT NULL,
    body    TEXT NOT NULL,
    at      INTEGER NOT NULL,
    by      TEXT NOT NULL,
    UNIQUE (note_id, rev)
);

-- Staff support offered, and the victim and witnesses kept informed.
CREATE TABLE case_support (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES cases(id),
    kind        TEXT NOT NULL CHECK (kind IN ('debrief', 'occupational_health', 'counselling')),
    offered_on  TEXT NOT NULL,
    taken_up    TEXT NOT NULL DEFAULT '',   -- '', yes, no
    note        TEXT NOT NULL DEFAULT '',
    recorded_at INTEGER NOT NULL,
    recorded_by TEXT NOT NULL
);
CREATE TABLE case_updates (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES cases(id),
    person      TEXT NOT NULL,
    role        TEXT NOT NULL CHECK (role IN ('victim', 'witness')),
    on_day      TEXT NOT NULL,
    method      TEXT NOT NULL DEFAULT '',
    summary     TEXT NOT NULL,
    recorded_at INTEGER NOT NULL,
    recorded_by TEXT NOT NULL
);

-- The LSMS decision (PT 10.8). Never edited: a change is a new row that
-- supersedes the last, with its reason.
CREATE TABLE case_decisions (
    id                   INTEGER PRIMARY KEY,
    case_id              INTEGER NOT NULL REFERENCES cases(id),
    route                TEXT NOT NULL CHECK (route IN
                         ('sanction_letter', 'police', 'private_prosecution', 'no_sanction', 'no_notification')),
    sanction             TEXT NOT NULL DEFAULT '',   -- warning_letter, yellow_card, red_card, acceptable_behaviour_agreement
    referred_to          TEXT NOT NULL DEFAULT '',   -- police force or legal services
    review_on            TEXT NOT NULL DEFAULT '',   -- warnings: review or expiry date
    reasons              TEXT NOT NULL,
    no_formal_action     INTEGER NOT NULL DEFAULT 0,
    worker_believes_harm INTEGER NOT NULL DEFAULT 0,
    lsms_agrees          INTEGER NOT NULL DEFAULT 0,
    clinician_name       TEXT NOT NULL DEFAULT '',
    clinician_role       TEXT NOT NULL DEFAULT '',
    clinician_date       TEXT NOT NULL DEFAULT '',
    clinician_reasons    TEXT NOT NULL DEFAULT '',
    decided_at           INTEGER NOT NULL,
    decided_by           TEXT NOT NULL,
    supersedes           INTEGER REFERENCES case_decisions(id),
    change_reason        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX case_decisions_case ON case_decisions(case_id, id);

CREATE TRIGGER case_decisions_no_update BEFORE UPDATE ON case_decisions
BEGIN SELECT RAISE(ABORT, 'a decision is never changed: record a new decision with a reason'); END;
CREATE TRIGGER case_decisions_no_delete BEFORE DELETE ON case_decisions
BEGIN SELECT RAISE(ABORT, 'a decision is never deleted'); END;
CREATE TRIGGER case_note_revisions_no_update BEFORE UPDATE ON case_note_revisions
BEGIN SELECT RAISE(ABORT, 'a note revision is never changed: save a new revision'); END;
CREATE TRIGGER case_note_revisions_no_delete BEFORE DELETE ON case_note_revisions
BEGIN SELECT RAISE(ABORT, 'a note revision is never deleted'); END;
