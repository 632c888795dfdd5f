-- Import problems: the validation report of every import, kept so "Save
-- report as CSV" and the import history work after a restart. An import
-- stores at most arc.Options.MaxProblems of them (10,000 by default); how
-- many more were counted is in imports.summary ("problemsOmitted").
-- A rejected import stores nothing else: its imports row (status 'rejected')
-- and these rows are written together in one small transaction.

CREATE TABLE import_problems (
    id          INTEGER PRIMARY KEY,
    import_id   INTEGER NOT NULL REFERENCES imports(id),
    file        TEXT NOT NULL,                  -- name inside the export
    kind        TEXT NOT NULL DEFAULT '',       -- alarms, positions, log, recordings, audio, export
    line        INTEGER NOT NULL DEFAULT 0,     -- 0: about the whole file
    column_name TEXT NOT NULL DEFAULT '',
    value       TEXT NOT NULL DEFAULT '',       -- clipped to 2,000 bytes
    arc_ref     TEXT NOT NULL DEFAULT '',
    severity    TEXT NOT NULL CHECK (severity IN ('error', 'warning')),
    reason      TEXT NOT NULL
);
CREATE INDEX import_problems_import ON import_problems(import_id, id);
