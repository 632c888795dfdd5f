-- A signed-off review marks its case (review_signed_off_at) in the same
-- transaction. On a laptop the store does it with a plain UPDATE; this step
-- exists for PostgreSQL, where a line manager who may not read cases needs a
-- function that may (migrations_pg/0086_review_marks_case.sql).
SELECT 1;
