-- The port of migrations/0080_vault_chunks.sql, which is empty on SQLite: in
-- team mode evidence files live in the database itself (docs/team-mode.md),
-- content-addressed by SHA-256 like the laptop's vault folder, in 1 MiB
-- chunks so a reader can ask for a range and no row grows beyond reason.

-- One row per stored file. size and chunks let a reader tell a complete file
-- from a damaged one before it hashes anything.
CREATE TABLE vault_files (
    sha256    TEXT PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    size      BIGINT NOT NULL CHECK (size >= 0),
    chunks    BIGINT NOT NULL CHECK (chunks >= 0),
    stored_at BIGINT NOT NULL
);

-- The bytes, chunk n holding bytes [n MiB, (n+1) MiB). Removing the file
-- removes its chunks in the same statement.
CREATE TABLE vault_chunks (
    sha256 TEXT NOT NULL REFERENCES vault_files(sha256) ON DELETE CASCADE,
    n      BIGINT NOT NULL CHECK (n >= 0),
    data   BYTEA NOT NULL,
    PRIMARY KEY (sha256, n)
);

-- The chunks are content-addressed: a row is never changed, only added with
-- its file or removed with it.
CREATE TRIGGER vault_chunks_no_update BEFORE UPDATE ON vault_chunks
    FOR EACH ROW EXECUTE FUNCTION redline_refuse('vault chunks are never changed: store a new file');
