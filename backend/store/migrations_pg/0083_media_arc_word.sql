-- The port of migrations/0083_media_arc_word.sql: the ARC's own word for a
-- recording's kind where the profile's vocabulary normalised it.
ALTER TABLE media ADD COLUMN arc_word TEXT NOT NULL DEFAULT '';
