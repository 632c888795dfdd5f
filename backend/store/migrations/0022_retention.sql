-- What retention destroyed, when, why and by whom. Append-only.
CREATE TABLE destruction_records (
    id           INTEGER PRIMARY KEY,
    media_id     INTEGER NOT NULL REFERENCES media(id),
    alert_id     INTEGER NOT NULL REFERENCES alerts(id),
    item         TEXT NOT NULL,     -- the recording's original name
    sha256       TEXT NOT NULL,
    size         INTEGER NOT NULL,
    rule         TEXT NOT NULL,     -- false_red, genuine_red, amber, amber_same_day, derived_copy, ...
    rule_text    TEXT NOT NULL,     -- the rule in words, with the period in force
    due_at       INTEGER NOT NULL,
    destroyed_at INTEGER NOT NULL,
    destroyed_by TEXT NOT NULL,     -- a person, or "system" for the scheduled purge
    file_action  TEXT NOT NULL      -- overwritten_and_removed, kept_shared, already_absent
);
CREATE INDEX destruction_records_alert ON destruction_records(alert_id);
CREATE INDEX destruction_records_at ON destruction_records(destroyed_at);
CREATE INDEX media_live_sha ON media(sha256) WHERE destroyed_at IS NULL;
CREATE INDEX media_derived ON media(derived_from) WHERE derived_from IS NOT NULL;

CREATE TRIGGER destruction_records_no_update BEFORE UPDATE ON destruction_records
BEGIN SELECT RAISE(ABORT, 'a destruction record is never changed'); END;
CREATE TRIGGER destruction_records_no_delete BEFORE DELETE ON destruction_records
BEGIN SELECT RAISE(ABORT, 'a destruction record is never deleted'); END;
