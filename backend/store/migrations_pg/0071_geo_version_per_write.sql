-- The port of migrations/0071_geo_version_per_write.sql: nothing to do, since
-- 0070 here never made the per-row insert trigger that SQLite's 0071 drops.
SELECT 1;
