-- The security director's Reports from aggregates the database makes, with
-- small counts hidden by the database itself (migrations_pg/0087). A laptop
-- has one person, the LSMS, who sees every figure, so there is nothing to do
-- here.
SELECT 1;
