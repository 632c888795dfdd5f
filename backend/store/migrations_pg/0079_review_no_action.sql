-- The port of migrations/0079_review_no_action.sql: a review's and a
-- finding's stated "no action needed" with the reason, and the finding an
-- action answers.
ALTER TABLE reviews ADD COLUMN no_action_needed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE reviews ADD COLUMN no_action_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE review_factors ADD COLUMN no_action_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE review_actions ADD COLUMN factor_id BIGINT;
