-- Imports: the history of every field an import changed, and the rows an
-- import with --partial kept aside so they can be fixed and imported again.

CREATE TABLE alert_history (
    id        INTEGER PRIMARY KEY,
    alert_id  INTEGER NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
    import_id INTEGER NOT NULL REFERENCES imports(id),
    at        INTEGER NOT NULL,                 -- Unix seconds UTC
    field     TEXT NOT NULL,                    -- column name in alerts
    old_value TEXT NOT NULL,
    new_value TEXT NOT NULL
);
CREATE INDEX alert_history_alert ON alert_history(alert_id, id);

CREATE TABLE import_quarantine (
    id        INTEGER PRIMARY KEY,
    import_id INTEGER NOT NULL REFERENCES imports(id),
    file      TEXT NOT NULL,                    -- name inside the export
    kind      TEXT NOT NULL,                    -- alarms, positions, log, recordings
    line      INTEGER NOT NULL,
    arc_ref   TEXT NOT NULL DEFAULT '',
    header    TEXT NOT NULL,                    -- JSON array: the file's header row
    cells     TEXT NOT NULL,                    -- JSON array: the rejected row as read
    problems  TEXT NOT NULL                     -- JSON array of plain-English reasons
);
CREATE INDEX import_quarantine_import ON import_quarantine(import_id, id);
