-- A post-incident review is signed off only when each finding (contributing
-- factor) has an action or is marked "no action needed" with the reason, and
-- the review has at least one action or states that none is needed (issue 17).
ALTER TABLE reviews ADD COLUMN no_action_needed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE reviews ADD COLUMN no_action_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE review_factors ADD COLUMN no_action_reason TEXT NOT NULL DEFAULT '';
-- The finding an action answers; NULL for an action on the review as a whole.
ALTER TABLE review_actions ADD COLUMN factor_id INTEGER;
