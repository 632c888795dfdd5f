-- The LSMS's own categorisation of red alerts, kept apart from the ARC's
-- closure (alerts.validity). Every categorisation is a new row: a change of
-- mind is history, never an edit.
CREATE TABLE alert_triage (
    id             INTEGER PRIMARY KEY,
    alert_id       INTEGER NOT NULL REFERENCES alerts(id),
    category       TEXT NOT NULL CHECK (category IN ('genuine', 'precautionary', 'false', 'test', 'duplicate')),
    reason         TEXT NOT NULL,
    categorised_by TEXT NOT NULL,
    categorised_at INTEGER NOT NULL,
    supersedes     INTEGER REFERENCES alert_triage(id)
);
CREATE INDEX alert_triage_alert ON alert_triage(alert_id, id);

-- The categorisation in force, one row per triaged alert, kept in the same
-- transaction so queues and retention never scan the history.
CREATE TABLE alert_category (
    alert_id       INTEGER PRIMARY KEY REFERENCES alerts(id),
    triage_id      INTEGER NOT NULL REFERENCES alert_triage(id),
    category       TEXT NOT NULL,
    categorised_at INTEGER NOT NULL
);
CREATE INDEX alert_category_category ON alert_category(category, categorised_at);

CREATE TRIGGER alert_triage_no_update BEFORE UPDATE ON alert_triage
BEGIN SELECT RAISE(ABORT, 'a categorisation is never changed: record a new one with a reason'); END;
CREATE TRIGGER alert_triage_no_delete BEFORE DELETE ON alert_triage
BEGIN SELECT RAISE(ABORT, 'a categorisation is never deleted'); END;
