-- Exhibits: each item of a case that may go to court, under a reference made of
-- the producer's initials and a number (AM/1, AM/2). Numbers are per producer and
-- never reused: rows are never deleted and the next number is one past the
-- highest ever given. An exhibit names what it is (a recording, a letter, a
-- transcript...) and the SHA-256 of its file; its continuity is read from the
-- audit log, never typed.
CREATE TABLE exhibits (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES cases(id),
    ref         TEXT NOT NULL UNIQUE,            -- AM/1
    initials    TEXT NOT NULL,                   -- the producer's initials, as numbered
    number      INTEGER NOT NULL,
    producer    TEXT NOT NULL,                   -- the producer's name as the statement gives it
    kind        TEXT NOT NULL CHECK (kind IN ('recording', 'working_copy', 'transcript', 'operator_log', 'map',
                'letter', 'document', 'photograph')),
    description TEXT NOT NULL,
    source_type TEXT NOT NULL,                   -- media, transcript, letter, alert, file
    source_id   INTEGER NOT NULL DEFAULT 0,
    sha256      TEXT NOT NULL,
    file_name   TEXT NOT NULL,                   -- the native file's name in a package
    kept_at     TEXT NOT NULL,                   -- where the exhibit is kept
    created_at  INTEGER NOT NULL,
    created_by  TEXT NOT NULL,
    UNIQUE (initials, number),
    UNIQUE (case_id, source_type, source_id, sha256)
);
CREATE INDEX exhibits_case ON exhibits(case_id, id);

-- Files Redline made to be exhibits (a transcript's PDF, an operator log,
-- a map, a document the user added), kept here whole: recordings and letters
-- stay in the vault under their own hash.
CREATE TABLE exhibit_files (
    sha256 TEXT PRIMARY KEY,
    bytes  BLOB NOT NULL
);

CREATE TRIGGER exhibits_no_delete BEFORE DELETE ON exhibits
BEGIN SELECT RAISE(ABORT, 'an exhibit is never deleted: its number must not be reused'); END;
CREATE TRIGGER exhibits_no_update BEFORE UPDATE OF ref, initials, number, sha256, source_type, source_id ON exhibits
BEGIN SELECT RAISE(ABORT, 'an exhibit keeps its reference and hash'); END;
CREATE TRIGGER exhibit_files_no_update BEFORE UPDATE ON exhibit_files
BEGIN SELECT RAISE(ABORT, 'an exhibit file is kept as made'); END;
CREATE TRIGGER exhibit_files_no_delete BEFORE DELETE ON exhibit_files
BEGIN SELECT RAISE(ABORT, 'an exhibit file is never deleted'); END;
