-- Port of migrations/0086_review_marks_case.sql (empty on SQLite). A line
-- manager signs off their own review under their own login (issue 16), but
-- may not read or change cases; the case's closing guard reads
-- cases.review_signed_off_at. This function marks the case of a review that
-- is signed off, for the line manager it is assigned to or an LSMS, and for
-- no one else: it runs as the tables' owner and checks the caller itself.
-- It returns the case's id when it marked it, NULL when there was nothing to do.
CREATE FUNCTION redline_mark_review_signed_off(p_review bigint) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE marked bigint;
BEGIN
    UPDATE cases SET review_signed_off_at = r.signed_off_at, review_signed_off_by = r.signed_off_recorded_by,
        updated_at = r.signed_off_at
    FROM reviews r
    WHERE r.id = p_review AND cases.id = r.case_id AND r.signed_off_at IS NOT NULL
      AND cases.review_signed_off_at IS NULL
      AND (r.line_manager_login = session_user
           OR pg_has_role(session_user, 'redline_lsms', 'MEMBER')
           OR NOT EXISTS (SELECT 1 FROM people WHERE login = session_user))
    RETURNING cases.id INTO marked;
    RETURN marked;
END $$;
REVOKE ALL ON FUNCTION redline_mark_review_signed_off(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION redline_mark_review_signed_off(bigint) TO redline_lsms, redline_line_manager;
