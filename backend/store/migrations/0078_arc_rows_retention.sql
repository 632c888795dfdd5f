-- Nothing the ARC sent is dropped from its operator log and positions files
-- either: the columns a profile does not map are kept with each log entry
-- and fix, and a fix keeps the ARC's own word for how it was found.
ALTER TABLE positions ADD COLUMN arc_extra TEXT NOT NULL DEFAULT '';   -- JSON [[header, value], ...] in the file's column order, '' when none
ALTER TABLE positions ADD COLUMN arc_word TEXT NOT NULL DEFAULT '';    -- the ARC's word for the source where the vocabulary changed it
ALTER TABLE operator_log ADD COLUMN arc_extra TEXT NOT NULL DEFAULT '';

-- The ARC's documents and its address and extra fields are personal data
-- about the alarm: retention destroys them with the alert's recordings.
-- A destroyed document keeps its row (what, hash, when) as the record that
-- it existed; its file leaves the vault when nothing live names the bytes.
ALTER TABLE alert_documents ADD COLUMN destroyed_at INTEGER;

-- What retention destroyed of the ARC's documents and fields, when, why and
-- by whom. Append-only, like destruction_records (whose rows name a recording).
CREATE TABLE arc_destruction_records (
    id           INTEGER PRIMARY KEY,
    alert_id     INTEGER NOT NULL REFERENCES alerts(id),
    document_id  INTEGER REFERENCES alert_documents(id), -- NULL for the ARC's address and extra fields
    item         TEXT NOT NULL,     -- the document's name, or "ARC address and extra fields"
    sha256       TEXT NOT NULL,     -- '' for the fields
    size         INTEGER NOT NULL,
    rule         TEXT NOT NULL,
    rule_text    TEXT NOT NULL,
    due_at       INTEGER NOT NULL,
    destroyed_at INTEGER NOT NULL,
    destroyed_by TEXT NOT NULL,
    file_action  TEXT NOT NULL      -- overwritten_and_removed, kept_shared, or '' for the fields
);
CREATE INDEX arc_destruction_records_alert ON arc_destruction_records(alert_id);

CREATE TRIGGER arc_destruction_records_no_update BEFORE UPDATE ON arc_destruction_records
BEGIN SELECT RAISE(ABORT, 'a destruction record is never changed'); END;
CREATE TRIGGER arc_destruction_records_no_delete BEFORE DELETE ON arc_destruction_records
BEGIN SELECT RAISE(ABORT, 'a destruction record is never deleted'); END;
