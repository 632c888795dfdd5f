-- Change notices for team mode: in a team database, a change to the tables
-- screens show tells every other Redline on the team (migrations_pg/0082).
-- A laptop's database has one Redline, which knows its own changes, so
-- there is nothing to do here.
SELECT 1;
