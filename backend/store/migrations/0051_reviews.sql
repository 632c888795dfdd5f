-- Post-incident reviews (NG 8.5.1, PT 9.4): the ten factors, the After Action
-- Review questions, contributing factors and actions, signed off by the line
-- manager. One review per case; a signed-off review is read-only until it is
-- reopened with a reason.
CREATE TABLE reviews (
    id                     INTEGER PRIMARY KEY,
    case_id                INTEGER NOT NULL UNIQUE REFERENCES cases(id),
    line_manager           TEXT NOT NULL,
    due_on                 TEXT NOT NULL DEFAULT '',   -- London date
    assigned_at            INTEGER NOT NULL,
    assigned_by            TEXT NOT NULL,
    incident_type          TEXT NOT NULL DEFAULT '',
    severity               INTEGER NOT NULL DEFAULT 0 CHECK (severity BETWEEN 0 AND 5),
    severity_note          TEXT NOT NULL DEFAULT '',
    recurrence             INTEGER NOT NULL DEFAULT 0 CHECK (recurrence BETWEEN 0 AND 5),
    recurrence_note        TEXT NOT NULL DEFAULT '',
    cost_human             TEXT NOT NULL DEFAULT '',
    cost_financial         TEXT NOT NULL DEFAULT '',
    individuals            TEXT NOT NULL DEFAULT '',
    staff_groups           TEXT NOT NULL DEFAULT '',
    weakness_procedural    TEXT NOT NULL DEFAULT '',
    weakness_systematic    TEXT NOT NULL DEFAULT '',
    weakness_technological TEXT NOT NULL DEFAULT '',
    training_needs         TEXT NOT NULL DEFAULT '',
    measures_review        TEXT NOT NULL DEFAULT '',
    support_rating         TEXT NOT NULL DEFAULT '' CHECK (support_rating IN
                           ('', 'effective', 'partly_effective', 'not_effective', 'not_taken_up')),
    support_effectiveness  TEXT NOT NULL DEFAULT '',
    technology             TEXT NOT NULL DEFAULT '',
    aar_expected           TEXT NOT NULL DEFAULT '',
    aar_happened           TEXT NOT NULL DEFAULT '',
    aar_difference         TEXT NOT NULL DEFAULT '',
    aar_learn              TEXT NOT NULL DEFAULT '',
    updated_at             INTEGER NOT NULL,
    updated_by             TEXT NOT NULL,
    signed_off_at          INTEGER,
    signed_off_by          TEXT NOT NULL DEFAULT '',   -- the line manager's name
    signed_off_recorded_by TEXT NOT NULL DEFAULT ''    -- the account that recorded it
);

CREATE TABLE review_factors (
    id          INTEGER PRIMARY KEY,
    review_id   INTEGER NOT NULL REFERENCES reviews(id),
    category    TEXT NOT NULL CHECK (category IN
                ('patient', 'individual', 'task', 'team', 'environment', 'equipment', 'organisation', 'other')),
    description TEXT NOT NULL,
    added_at    INTEGER NOT NULL,
    added_by    TEXT NOT NULL
);
CREATE INDEX review_factors_review ON review_factors(review_id);

CREATE TABLE review_actions (
    id          INTEGER PRIMARY KEY,
    review_id   INTEGER NOT NULL REFERENCES reviews(id),
    description TEXT NOT NULL,
    owner       TEXT NOT NULL,
    due_on      TEXT NOT NULL,                          -- London date
    status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'done', 'cancelled')),
    note        TEXT NOT NULL DEFAULT '',
    created_at  INTEGER NOT NULL,
    created_by  TEXT NOT NULL,
    updated_at  INTEGER NOT NULL,
    updated_by  TEXT NOT NULL
);
CREATE INDEX review_actions_due ON review_actions(status, due_on);
CREATE INDEX review_actions_review ON review_actions(review_id);
