-- Where an imported alert came from: the line of the alarms file its import
-- (alerts.import_id) created it from. An import names the earlier line when
-- a reference appears twice, without holding every reference in memory.
-- NULL for alerts made otherwise (demo, before this migration).
ALTER TABLE alerts ADD COLUMN import_line BIGINT;
