-- Change notices: every statement that changes a table a screen shows sends
-- the table's name on the channel redline_changes, so every Redline on the
-- team refreshes what it shows (store.ListenChanges) instead of waiting for
-- someone to press refresh. PostgreSQL delivers a notice only when its
-- transaction commits, and once per transaction however many statements
-- repeat it, so a thousand-row import is one notice per table.
CREATE FUNCTION redline_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('redline_changes', TG_TABLE_NAME);
    RETURN NULL;
END $$;

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['alerts', 'alert_triage', 'alert_category', 'cases', 'case_events', 'case_notes',
        'case_tasks', 'case_decisions', 'letters', 'reviews', 'review_actions', 'risks', 'risk_scores',
        'transcripts', 'exhibits', 'imports', 'media', 'people', 'case_assignments'] LOOP
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON %I
            FOR EACH STATEMENT EXECUTE FUNCTION redline_notify_change()', t || '_notify', t);
    END LOOP;
END $$;
