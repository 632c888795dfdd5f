-- Core schema: who carries devices, what the ARC sent, and where it came from.
-- Every *_at column holds Unix seconds in UTC; the UI shows Europe/London.

CREATE TABLE staff_groups (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);

CREATE TABLE teams (
    id             INTEGER PRIMARY KEY,
    name           TEXT NOT NULL UNIQUE,
    staff_group_id INTEGER REFERENCES staff_groups(id),
    base           TEXT NOT NULL DEFAULT ''
);

CREATE TABLE workers (
    id             INTEGER PRIMARY KEY,
    ref            TEXT NOT NULL UNIQUE,          -- ARC user id or payroll number
    name           TEXT NOT NULL,
    team_id        INTEGER REFERENCES teams(id),
    staff_group_id INTEGER REFERENCES staff_groups(id),
    role           TEXT NOT NULL DEFAULT '',
    line_manager   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX workers_team ON workers(team_id);

CREATE TABLE devices (
    id        INTEGER PRIMARY KEY,
    serial    TEXT NOT NULL UNIQUE,               -- IMEI or vendor serial
    vendor    TEXT NOT NULL DEFAULT '',
    model     TEXT NOT NULL DEFAULT '',
    worker_id INTEGER REFERENCES workers(id)
);

CREATE TABLE imports (
    id          INTEGER PRIMARY KEY,
    started_at  INTEGER NOT NULL,
    finished_at INTEGER,
    source      TEXT NOT NULL,                    -- what the user chose: folder, zip or csv name
    profile     TEXT NOT NULL DEFAULT '',
    imported_by TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL DEFAULT 'done',
    summary     TEXT NOT NULL DEFAULT '{}'        -- JSON counts, kept for the import history
);

CREATE TABLE import_files (
    id        INTEGER PRIMARY KEY,
    import_id INTEGER NOT NULL REFERENCES imports(id),
    name      TEXT NOT NULL,                      -- original name inside the export
    kind      TEXT NOT NULL,                      -- alarms, log, positions, audio, manifest, other
    size      INTEGER NOT NULL,
    sha256    TEXT NOT NULL
);
CREATE INDEX import_files_import ON import_files(import_id);

CREATE TABLE alerts (
    id          INTEGER PRIMARY KEY,
    arc         TEXT NOT NULL,                    -- ARC or vendor: half of the natural key
    arc_ref     TEXT NOT NULL,                    -- the ARC's alarm reference
    type        TEXT NOT NULL CHECK (type IN ('amber', 'red')),
    trigger     TEXT NOT NULL DEFAULT '',         -- amber_memo, sos, man_down, no_motion, timer_expiry, ...
    worker_id   INTEGER REFERENCES workers(id),
    device_id   INTEGER REFERENCES devices(id),
    team_id     INTEGER REFERENCES teams(id),     -- copied from the worker at import: filters stay on one table
    raised_at   INTEGER NOT NULL,
    answered_at INTEGER,
    closed_at   INTEGER,
    validity    TEXT NOT NULL DEFAULT '',         -- the ARC's closure: genuine, precautionary, false, test, duplicate, auto_closed
    escalation  TEXT NOT NULL DEFAULT 'none',     -- none, contact, 101, 999, urn
    police_ref  TEXT NOT NULL DEFAULT '',         -- URN, CAD or incident number
    operator    TEXT NOT NULL DEFAULT '',
    memo        TEXT NOT NULL DEFAULT '',         -- amber memo text or ARC summary
    lat         REAL,                             -- best fix, copied from positions for maps and tables
    lon         REAL,
    accuracy_m  REAL,
    media_count INTEGER NOT NULL DEFAULT 0,
    import_id   INTEGER REFERENCES imports(id),
    UNIQUE (arc, arc_ref)
);
CREATE INDEX alerts_raised ON alerts(raised_at);
CREATE INDEX alerts_type_raised ON alerts(type, raised_at);
CREATE INDEX alerts_validity_raised ON alerts(validity, raised_at);
CREATE INDEX alerts_team_raised ON alerts(team_id, raised_at);
CREATE INDEX alerts_worker_raised ON alerts(worker_id, raised_at);
CREATE INDEX alerts_latlon ON alerts(lat, lon);

CREATE TABLE positions (
    id         INTEGER PRIMARY KEY,
    alert_id   INTEGER NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
    fix_at     INTEGER NOT NULL,
    lat        REAL NOT NULL,
    lon        REAL NOT NULL,
    accuracy_m REAL NOT NULL DEFAULT 0,
    source     TEXT NOT NULL CHECK (source IN ('gps', 'cell', 'wifi', 'manual'))
);
CREATE INDEX positions_alert ON positions(alert_id, fix_at);

CREATE TABLE operator_log (
    id       INTEGER PRIMARY KEY,
    alert_id INTEGER NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
    at       INTEGER NOT NULL,
    operator TEXT NOT NULL DEFAULT '',
    action   TEXT NOT NULL,
    contact  TEXT NOT NULL DEFAULT '',
    result   TEXT NOT NULL DEFAULT '',
    note     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX operator_log_alert ON operator_log(alert_id, at);

CREATE TABLE media (
    id            INTEGER PRIMARY KEY,
    alert_id      INTEGER NOT NULL REFERENCES alerts(id),
    kind          TEXT NOT NULL DEFAULT 'recording', -- amber_memo, red_live, pre_alarm, working_copy
    original_name TEXT NOT NULL,
    sha256        TEXT NOT NULL,
    size          INTEGER NOT NULL,
    codec         TEXT NOT NULL DEFAULT '',
    sample_rate   INTEGER NOT NULL DEFAULT 0,
    channels      INTEGER NOT NULL DEFAULT 0,
    duration_ms   INTEGER NOT NULL DEFAULT 0,
    vault_path    TEXT NOT NULL,                    -- relative to the data directory
    recorded_at   INTEGER,
    derived_from  INTEGER REFERENCES media(id),     -- working copies point at their original
    import_id     INTEGER REFERENCES imports(id),
    destroyed_at  INTEGER,
    UNIQUE (alert_id, sha256)
);
CREATE INDEX media_alert ON media(alert_id);

-- Monthly rollup kept in the import transaction so dashboards never scan alerts.
CREATE TABLE alert_month_counts (
    month    TEXT NOT NULL,                         -- YYYY-MM in Europe/London
    type     TEXT NOT NULL,
    validity TEXT NOT NULL,
    team_id  INTEGER NOT NULL DEFAULT 0,
    n        INTEGER NOT NULL,
    PRIMARY KEY (month, type, validity, team_id)
);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
