-- Inserted alerts now move geo_version once per write transaction (store.Writer
-- does it at commit) instead of once per row: a million-row import fired this
-- trigger a million times. Updates and deletes keep their triggers.
DROP TRIGGER IF EXISTS alerts_geo_insert;
