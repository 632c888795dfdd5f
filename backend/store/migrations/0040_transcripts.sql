-- How a working copy of a recording was made (ffmpeg conversion): the original is never altered,
-- the copy is a new media row (derived_from = original) and this row says who made it and how.
CREATE TABLE media_provenance (
    media_id     INTEGER PRIMARY KEY REFERENCES media(id),
    source_id    INTEGER NOT NULL REFERENCES media(id),
    source_sha256 TEXT NOT NULL,
    command      TEXT NOT NULL,                  -- the exact command line, arguments JSON-encoded
    tool_version TEXT NOT NULL,                  -- first line of `ffmpeg -version`
    actor        TEXT NOT NULL,
    at           INTEGER NOT NULL                -- Unix seconds UTC
);

-- A transcript of one recording. The text lives in revisions: every save adds a row, nothing is
-- overwritten, so the history of edits is complete. status is 'draft' until a person checks it.
CREATE TABLE transcripts (
    id             INTEGER PRIMARY KEY,
    media_id       INTEGER NOT NULL REFERENCES media(id),
    engine         TEXT NOT NULL,                -- whisper, pocketsphinx, manual
    engine_detail  TEXT NOT NULL DEFAULT '',     -- model file, program version
    status         TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'checked')),
    speakers       TEXT NOT NULL DEFAULT '[]',   -- JSON list of custom speaker names
    case_ref       TEXT NOT NULL DEFAULT '',
    exhibit_ref    TEXT NOT NULL DEFAULT '',
    transcribed_by TEXT NOT NULL DEFAULT '',
    transcribed_at INTEGER,
    checked_by     TEXT NOT NULL DEFAULT '',
    checked_at     INTEGER,
    created_by     TEXT NOT NULL,
    created_at     INTEGER NOT NULL,
    revision       INTEGER NOT NULL DEFAULT 0    -- latest transcript_revisions.rev
);
CREATE INDEX transcripts_media ON transcripts(media_id);

CREATE TABLE transcript_revisions (
    transcript_id INTEGER NOT NULL REFERENCES transcripts(id),
    rev           INTEGER NOT NULL,
    at            INTEGER NOT NULL,
    actor         TEXT NOT NULL,
    summary       TEXT NOT NULL,                 -- what changed, in words
    segments      TEXT NOT NULL,                 -- JSON array of segments
    PRIMARY KEY (transcript_id, rev)
);
CREATE TRIGGER transcript_revisions_no_update BEFORE UPDATE ON transcript_revisions
BEGIN SELECT RAISE(ABORT, 'transcript revisions are kept as written'); END;
