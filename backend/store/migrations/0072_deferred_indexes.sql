-- Secondary indexes a large import dropped and has not rebuilt yet. Such an
-- import commits as soon as its rows, keys and references are stored and
-- checked; the indexes that only make screens fast are rebuilt afterwards,
-- each in its own transaction, and anything left here when Redline stopped
-- is rebuilt when it next opens the database.
CREATE TABLE deferred_indexes (
    name        TEXT PRIMARY KEY,
    tbl         TEXT NOT NULL,
    sql         TEXT NOT NULL,
    deferred_at INTEGER NOT NULL
);
