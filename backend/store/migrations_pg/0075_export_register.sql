-- The export register: one row per export, written in the same transaction as
-- the export's audit entry. It keeps the audit head (the newest entry when the
-- export began) that the exported document carries, so `audit verify` can check
-- the log against every head that has left Redline: a log rewritten, or cut
-- back, after a document went out no longer holds the head that document shows.
CREATE TABLE export_register (
    seq         BIGINT PRIMARY KEY,   -- the export's own audit entry
    entry_hash  TEXT NOT NULL,         -- that entry's hash
    head_seq    BIGINT NOT NULL,      -- the head the document carries (0: the log was empty)
    head_hash   TEXT NOT NULL,
    in_document BIGINT NOT NULL,      -- 1 when the document prints the head; 0 when only this register keeps it (a WAV copy)
    file        TEXT NOT NULL,         -- the file's base name, or "standard output"
    format      TEXT NOT NULL,
    sha256      TEXT NOT NULL,         -- of the bytes written
    at          BIGINT NOT NULL,      -- Unix seconds UTC
    actor       TEXT NOT NULL
);

CREATE TRIGGER export_register_no_update BEFORE UPDATE ON export_register
    FOR EACH ROW EXECUTE FUNCTION redline_refuse('the export register is append-only');
CREATE TRIGGER export_register_no_delete BEFORE DELETE ON export_register
    FOR EACH ROW EXECUTE FUNCTION redline_refuse('the export register is append-only');
CREATE TRIGGER export_register_no_truncate BEFORE TRUNCATE ON export_register
    FOR EACH STATEMENT EXECUTE FUNCTION redline_refuse('the export register is append-only');
