-- Geo: a change counter for the in-memory map index, and the log of known-risk
-- locations (NG 6.9.1). Every *_at and *_date column holds Unix seconds in UTC.

-- The organisation map answers from an in-memory index of located alerts,
-- because reading a million rows through SQLite for one view takes seconds.
-- These triggers bump a counter whenever anything the map shows changes, so the
-- index knows when to reload without scanning alerts to find out.
CREATE TABLE geo_version (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n  INTEGER NOT NULL
);
INSERT INTO geo_version(id, n) VALUES (1, 0);

CREATE TRIGGER alerts_geo_insert AFTER INSERT ON alerts
BEGIN
    UPDATE geo_version SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER alerts_geo_update AFTER UPDATE OF lat, lon, type, validity, escalation, team_id, raised_at ON alerts
BEGIN
    UPDATE geo_version SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER alerts_geo_delete AFTER DELETE ON alerts
BEGIN
    UPDATE geo_version SET n = n + 1 WHERE id = 1;
END;

CREATE TABLE known_risk_locations (
    id          INTEGER PRIMARY KEY,
    label       TEXT NOT NULL,                  -- address or a short description of the place
    lat         REAL NOT NULL CHECK (lat BETWEEN -90 AND 90),
    lon         REAL NOT NULL CHECK (lon BETWEEN -180 AND 180),
    radius_m    REAL NOT NULL CHECK (radius_m > 0),
    reason      TEXT NOT NULL DEFAULT '',
    added_by    TEXT NOT NULL DEFAULT '',
    added_at    INTEGER NOT NULL,
    review_date INTEGER,                        -- when the entry must be looked at again
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    updated_at  INTEGER NOT NULL
);
CREATE INDEX known_risk_locations_latlon ON known_risk_locations(lat, lon);
CREATE INDEX known_risk_locations_review ON known_risk_locations(active, review_date);
