-- Append-only, hash-chained audit log. Each row's hash covers its own fields and
-- the previous row's hash, so an edit, a deletion or a reordering breaks the chain.
CREATE TABLE audit_log (
    seq         INTEGER PRIMARY KEY,               -- 1, 2, 3, ... with no gaps
    at          INTEGER NOT NULL,                  -- Unix seconds UTC
    actor       TEXT NOT NULL,                     -- person (Windows account) or "system"
    action      TEXT NOT NULL,                     -- e.g. recording.play, alert.triage, case.decide
    object_type TEXT NOT NULL,
    object_id   TEXT NOT NULL,
    detail      TEXT NOT NULL DEFAULT '',          -- JSON or plain words
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL
);
CREATE INDEX audit_object ON audit_log(object_type, object_id, seq);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
