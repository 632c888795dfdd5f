-- The port of migrations/0072_deferred_indexes.sql: deliberately nothing.
-- deferred_indexes is the SQLite bulk import's bookkeeping (indexes it dropped
-- to load a million rows and rebuilds afterwards). The PostgreSQL import will
-- load through COPY into a temporary table and keep its indexes, so it has no
-- such table; engines_test.go lists it among the SQLite-only tables. The step
-- exists so that schema version 72 means the same on both engines.
SELECT 1;
