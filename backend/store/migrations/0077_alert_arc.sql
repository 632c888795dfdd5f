-- What an ARC sent beyond Redline's own alert fields, so nothing in an export
-- is dropped: the address and how the location was found, the ARC's own
-- words where a profile's vocabulary normalised them, every column the
-- profile does not map, and the ARC's documents (post-incident reports).
-- One row per alert that has any of it; alerts without it have none.
CREATE TABLE alert_arc (
    alert_id        INTEGER PRIMARY KEY REFERENCES alerts(id) ON DELETE CASCADE,
    address         TEXT NOT NULL DEFAULT '',
    location_source TEXT NOT NULL DEFAULT '',   -- gps, cell, wifi, manual, or '' when not sent
    words           TEXT NOT NULL DEFAULT '{}', -- JSON: field -> the ARC's word, e.g. {"validity": "Amber Logged"}
    extra           TEXT NOT NULL DEFAULT '[]'  -- JSON: [[header, value], ...] in the file's column order
);

-- The ARC's documents about an alarm (a PDF post-incident report, a
-- statement), stored unchanged in the evidence vault under their SHA-256.
CREATE TABLE alert_documents (
    id            INTEGER PRIMARY KEY,
    alert_id      INTEGER NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
    original_name TEXT NOT NULL,
    sha256        TEXT NOT NULL,
    size          INTEGER NOT NULL,
    vault_path    TEXT NOT NULL,
    import_id     INTEGER REFERENCES imports(id),
    UNIQUE (alert_id, sha256)
);
CREATE INDEX alert_documents_alert ON alert_documents(alert_id);
