-- People and roles in the team database: the port of migrations/0081_people.sql,
-- plus what only PostgreSQL can do, enforce each role in the database itself,
-- so a line manager's login cannot read another person's review, or any
-- recording, even with psql (NG 9.13.1 limits recordings to the LSMS and the
-- police; issue 16).
--
-- Four group roles hold the grants; each person is a login role in one of
-- them, created by redline_add_person (below), which only an LSMS or the
-- database's administrator may call. Group roles belong to the whole server,
-- so two team databases on one server share them; their grants are per
-- database. The administrator who runs `redline-cli team init` owns the
-- tables (and so is not bound by row-level security) and needs CREATEROLE.
--
--   lsms          everything
--   investigator  the cases assigned to them, with those cases' alerts,
--                 recordings, transcripts, exhibits and letters
--   line_manager  the post-incident reviews assigned to them, and the case
--                 facts a review needs (review_case_facts); nothing else
--   director      the monthly alert counts behind Reports; no names, no
--                 recordings

CREATE TABLE people (
    login        TEXT PRIMARY KEY,
    display_name TEXT NOT NULL DEFAULT '',
    role         TEXT NOT NULL CHECK (role IN ('lsms', 'investigator', 'line_manager', 'director')),
    added_at     BIGINT NOT NULL,
    added_by     TEXT NOT NULL,
    disabled_at  BIGINT,
    disabled_by  TEXT NOT NULL DEFAULT ''
);
CREATE TRIGGER people_no_delete BEFORE DELETE ON people
    FOR EACH ROW EXECUTE FUNCTION redline_refuse('a person is disabled, never deleted, so the audit log still names them');
CREATE TRIGGER people_no_truncate BEFORE TRUNCATE ON people
    FOR EACH STATEMENT EXECUTE FUNCTION redline_refuse('a person is disabled, never deleted, so the audit log still names them');

CREATE TABLE case_assignments (
    case_id     BIGINT NOT NULL REFERENCES cases(id),
    login       TEXT NOT NULL REFERENCES people(login),
    assigned_at BIGINT NOT NULL,
    assigned_by TEXT NOT NULL,
    PRIMARY KEY (case_id, login)
);
CREATE INDEX case_assignments_login ON case_assignments(login);

ALTER TABLE reviews ADD COLUMN line_manager_login TEXT NOT NULL DEFAULT '';
CREATE INDEX reviews_line_manager_login ON reviews(line_manager_login);

-- The group roles, made once per server. Two databases set up at the same
-- moment may both try; the loser's unique violation is the winner's role.
DO $$
DECLARE r text;
BEGIN
    FOREACH r IN ARRAY ARRAY['redline_lsms', 'redline_investigator', 'redline_line_manager', 'redline_director'] LOOP
        BEGIN
            IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
                EXECUTE format('CREATE ROLE %I NOLOGIN', r);
            END IF;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
        END;
    END LOOP;
END $$;

-- Nothing is anyone's by default; each role gets what it needs below.
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO redline_lsms, redline_investigator, redline_line_manager, redline_director;
-- Every client checks the schema version and reads the settings on opening.
GRANT SELECT ON schema_migrations, settings TO redline_lsms, redline_investigator, redline_line_manager, redline_director;
GRANT SELECT ON people TO redline_lsms, redline_investigator, redline_line_manager, redline_director;

-- The LSMS: everything, now and in every table a later step adds. Never
-- TRUNCATE, and the append-only triggers still refuse changes to history.
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO redline_lsms;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO redline_lsms, redline_investigator, redline_line_manager;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO redline_lsms;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO redline_lsms;

-- Everyone who works on a case writes audit entries (a listen, an export, a
-- sign-off). UPDATE is granted only because AppendAudit's LOCK TABLE needs it;
-- audit_log_no_update refuses every update whoever asks.
GRANT INSERT, UPDATE ON audit_log TO redline_investigator, redline_line_manager, redline_director;
GRANT INSERT ON export_register TO redline_investigator, redline_line_manager, redline_director;

-- The investigator: reads what their cases hold and makes the evidence
-- documents a court bundle needs; row-level security narrows every table
-- below to their assigned cases.
GRANT SELECT ON cases, case_alerts, case_events, case_people, case_people_history, case_tasks, case_notes,
    case_note_revisions, case_support, case_updates, case_decisions, case_assignments, alerts, alert_arc,
    alert_category, alert_documents, alert_history, alert_triage, positions, operator_log, media,
    media_provenance, transcripts, transcript_revisions, exhibits, exhibit_files, letters, letter_events,
    reviews, review_factors, review_actions, destruction_records, workers, teams, staff_groups, devices,
    audit_log, export_register, imports, import_files
    TO redline_investigator;
GRANT INSERT, UPDATE ON transcripts, transcript_revisions, exhibits TO redline_investigator;
GRANT INSERT ON media, media_provenance, exhibit_files, case_events TO redline_investigator;

-- The line manager: their reviews, their factors and actions.
GRANT SELECT, UPDATE ON reviews TO redline_line_manager;
GRANT SELECT, INSERT, UPDATE ON review_factors, review_actions TO redline_line_manager;

-- The director: aggregate counts only.
GRANT SELECT ON alert_month_counts, teams, staff_groups TO redline_director;

-- Who may see which rows. SECURITY DEFINER so the policies need no grants of
-- their own and cannot recurse through each other; session_user, not
-- current_user, so SET ROLE to a group role changes nothing.
CREATE FUNCTION redline_my_cases() RETURNS SETOF bigint LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = public, pg_temp AS $$
    SELECT case_id FROM case_assignments WHERE login = session_user
$$;
CREATE FUNCTION redline_my_alerts() RETURNS SETOF bigint LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = public, pg_temp AS $$
    SELECT ca.alert_id FROM case_alerts ca JOIN case_assignments a ON a.case_id = ca.case_id
    WHERE a.login = session_user
$$;
CREATE FUNCTION redline_my_media() RETURNS SETOF bigint LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = public, pg_temp AS $$
    SELECT m.id FROM media m JOIN case_alerts ca ON ca.alert_id = m.alert_id
    JOIN case_assignments a ON a.case_id = ca.case_id WHERE a.login = session_user
$$;
CREATE FUNCTION redline_my_reviews() RETURNS SETOF bigint LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = public, pg_temp AS $$
    SELECT id FROM reviews WHERE line_manager_login = session_user
    UNION SELECT r.id FROM reviews r JOIN case_assignments a ON a.case_id = r.case_id WHERE a.login = session_user
$$;
REVOKE ALL ON FUNCTION redline_my_cases(), redline_my_alerts(), redline_my_media(), redline_my_reviews() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION redline_my_cases(), redline_my_alerts(), redline_my_media(), redline_my_reviews()
    TO redline_lsms, redline_investigator, redline_line_manager, redline_director;

-- Row-level security on every table that holds a case's or an alert's
-- details. The LSMS sees every row; other roles see the rows their policies
-- name, and a table with no policy for a role shows that role nothing.
DO $$
DECLARE
    t text;
    scoped text[][] := ARRAY[
        -- table, the investigator's row test
        ['cases',               'id IN (SELECT redline_my_cases())'],
        ['case_alerts',         'case_id IN (SELECT redline_my_cases())'],
        ['case_events',         'case_id IN (SELECT redline_my_cases())'],
        ['case_people',         'case_id IN (SELECT redline_my_cases())'],
        ['case_people_history', 'person_id IN (SELECT id FROM case_people)'],
        ['case_tasks',          'case_id IN (SELECT redline_my_cases())'],
        ['case_notes',          'case_id IN (SELECT redline_my_cases())'],
        ['case_note_revisions', 'note_id IN (SELECT id FROM case_notes)'],
        ['case_support',        'case_id IN (SELECT redline_my_cases())'],
        ['case_updates',        'case_id IN (SELECT redline_my_cases())'],
        ['case_decisions',      'case_id IN (SELECT redline_my_cases())'],
        ['case_assignments',    'login = session_user'],
        ['alerts',              'id IN (SELECT redline_my_alerts())'],
        ['alert_arc',           'alert_id IN (SELECT redline_my_alerts())'],
        ['alert_category',      'alert_id IN (SELECT redline_my_alerts())'],
        ['alert_documents',     'alert_id IN (SELECT redline_my_alerts())'],
        ['alert_history',       'alert_id IN (SELECT redline_my_alerts())'],
        ['alert_triage',        'alert_id IN (SELECT redline_my_alerts())'],
        ['positions',           'alert_id IN (SELECT redline_my_alerts())'],
        ['operator_log',        'alert_id IN (SELECT redline_my_alerts())'],
        ['media',               'alert_id IN (SELECT redline_my_alerts())'],
        ['media_provenance',    'media_id IN (SELECT redline_my_media())'],
        ['transcripts',         'media_id IN (SELECT redline_my_media())'],
        ['transcript_revisions','transcript_id IN (SELECT id FROM transcripts)'],
        ['exhibits',            'case_id IN (SELECT redline_my_cases())'],
        ['letters',             'case_id IN (SELECT redline_my_cases())'],
        ['letter_events',       'letter_id IN (SELECT id FROM letters)'],
        ['reviews',             'case_id IN (SELECT redline_my_cases())'],
        ['review_factors',      'review_id IN (SELECT redline_my_reviews())'],
        ['review_actions',      'review_id IN (SELECT redline_my_reviews())'],
        ['destruction_records', 'alert_id IN (SELECT redline_my_alerts())'],
        ['workers',             'id IN (SELECT worker_id FROM alerts)']
    ];
    i int;
BEGIN
    FOR i IN 1 .. array_length(scoped, 1) LOOP
        t := scoped[i][1];
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY lsms_all ON %I TO redline_lsms USING (true) WITH CHECK (true)', t);
        EXECUTE format('CREATE POLICY investigator_cases ON %I TO redline_investigator USING (%s) WITH CHECK (%s)',
            t, scoped[i][2], scoped[i][2]);
    END LOOP;
END $$;

-- The evidence files themselves (0080): an investigator reads the bytes of
-- their cases' recordings alone, and may store new files (a working copy is
-- stored before the row that names it). Line managers and directors have no
-- grant on them at all.
GRANT SELECT, INSERT ON vault_files, vault_chunks TO redline_investigator;
ALTER TABLE vault_files ENABLE ROW LEVEL SECURITY;
ALTER TABLE vault_chunks ENABLE ROW LEVEL SECURITY;
CREATE POLICY lsms_all ON vault_files TO redline_lsms USING (true) WITH CHECK (true);
CREATE POLICY lsms_all ON vault_chunks TO redline_lsms USING (true) WITH CHECK (true);
CREATE POLICY investigator_cases ON vault_files TO redline_investigator
    USING (sha256 IN (SELECT sha256 FROM media)) WITH CHECK (true);
CREATE POLICY investigator_cases ON vault_chunks TO redline_investigator
    USING (sha256 IN (SELECT sha256 FROM media)) WITH CHECK (true);

-- A line manager's own reviews, with their factors and actions. They may
-- complete and sign off a review; they cannot hand it to someone else.
CREATE POLICY line_manager_own ON reviews TO redline_line_manager
    USING (line_manager_login = session_user) WITH CHECK (line_manager_login = session_user);
CREATE POLICY line_manager_own ON review_factors TO redline_line_manager
    USING (review_id IN (SELECT redline_my_reviews())) WITH CHECK (review_id IN (SELECT redline_my_reviews()));
CREATE POLICY line_manager_own ON review_actions TO redline_line_manager
    USING (review_id IN (SELECT redline_my_reviews())) WITH CHECK (review_id IN (SELECT redline_my_reviews()));

-- The case facts a review needs, for a line manager who may not read cases:
-- the reference, the title, when it happened and what happened; no recordings,
-- no offender details. The view runs with its owner's rights and picks the
-- rows itself.
CREATE VIEW review_case_facts WITH (security_barrier) AS
    SELECT r.id AS review_id, c.id AS case_id, c.ref, c.title, c.incident_at, c.summary, c.physical_assault
    FROM reviews r JOIN cases c ON c.id = r.case_id
    WHERE r.line_manager_login = session_user
       OR pg_has_role(session_user, 'redline_lsms', 'MEMBER');
GRANT SELECT ON review_case_facts TO redline_lsms, redline_line_manager;

-- The audit chain's head, for appenders who may not read the log itself.
CREATE FUNCTION redline_audit_head(OUT seq bigint, OUT hash text) LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = public, pg_temp AS $$
    SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1
$$;
REVOKE ALL ON FUNCTION redline_audit_head() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION redline_audit_head() TO redline_lsms, redline_investigator, redline_line_manager, redline_director;

-- The audit log's actor is the person signed in: a person's login cannot
-- write an entry naming anyone else. The administrator (no person) may, so
-- `team migrate` can copy a laptop's log as it stands.
CREATE FUNCTION redline_audit_actor() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = public, pg_temp AS $$
BEGIN
    IF NEW.actor IS DISTINCT FROM session_user::text AND EXISTS (SELECT 1 FROM people WHERE login = session_user) THEN
        RAISE EXCEPTION 'an audit entry names the person signed in (%), not %', session_user, NEW.actor
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER audit_log_actor BEFORE INSERT ON audit_log
    FOR EACH ROW EXECUTE FUNCTION redline_audit_actor();

-- Adding, disabling and re-roling people: only an LSMS, or the administrator
-- who set the database up (to add the first LSMS). The functions run as the
-- administrator, who holds CREATEROLE; callers never do.
CREATE FUNCTION redline_may_manage_people() RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = public, pg_temp AS $$
    SELECT pg_has_role(session_user, 'redline_lsms', 'MEMBER')
        AND NOT EXISTS (SELECT 1 FROM people WHERE login = session_user AND disabled_at IS NOT NULL)
        OR NOT EXISTS (SELECT 1 FROM people WHERE login = session_user)
           AND (SELECT rolcreaterole OR rolsuper FROM pg_roles WHERE rolname = session_user)
$$;

CREATE FUNCTION redline_add_person(p_login text, p_display text, p_role text, p_verifier text, p_at bigint)
    RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF NOT redline_may_manage_people() THEN
        RAISE EXCEPTION 'only the LSMS adds people' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF p_role NOT IN ('lsms', 'investigator', 'line_manager', 'director') THEN
        RAISE EXCEPTION 'there is no role called %', p_role USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_login !~ '^[a-z][a-z0-9_.-]{0,62}$' OR p_login LIKE 'redline\_%' OR p_login LIKE 'pg\_%' THEN
        RAISE EXCEPTION 'a login is lower-case letters, digits, dots, dashes and underscores, starting with a letter'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_verifier !~ '^SCRAM-SHA-256\$' THEN
        RAISE EXCEPTION 'the password must arrive as a SCRAM-SHA-256 verifier, never as text'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L IN ROLE %I', p_login, p_verifier, 'redline_' || p_role);
    INSERT INTO people(login, display_name, role, added_at, added_by)
        VALUES (p_login, p_display, p_role, p_at, session_user);
END $$;

CREATE FUNCTION redline_disable_person(p_login text, p_at bigint)
    RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF NOT redline_may_manage_people() THEN
        RAISE EXCEPTION 'only the LSMS disables people' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM people WHERE login = p_login) THEN
        RAISE EXCEPTION 'no one called % uses this team database', p_login USING ERRCODE = 'no_data_found';
    END IF;
    EXECUTE format('ALTER ROLE %I NOLOGIN', p_login);
    UPDATE people SET disabled_at = p_at, disabled_by = session_user WHERE login = p_login AND disabled_at IS NULL;
END $$;

CREATE FUNCTION redline_set_role(p_login text, p_role text)
    RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE old text;
BEGIN
    IF NOT redline_may_manage_people() THEN
        RAISE EXCEPTION 'only the LSMS changes roles' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF p_role NOT IN ('lsms', 'investigator', 'line_manager', 'director') THEN
        RAISE EXCEPTION 'there is no role called %', p_role USING ERRCODE = 'invalid_parameter_value';
    END IF;
    SELECT role INTO old FROM people WHERE login = p_login;
    IF old IS NULL THEN
        RAISE EXCEPTION 'no one called % uses this team database', p_login USING ERRCODE = 'no_data_found';
    END IF;
    EXECUTE format('REVOKE %I FROM %I', 'redline_' || old, p_login);
    EXECUTE format('GRANT %I TO %I', 'redline_' || p_role, p_login);
    UPDATE people SET role = p_role WHERE login = p_login;
END $$;

-- Anyone signed in may call these three (PostgreSQL's default for functions):
-- each checks redline_may_manage_people itself and says why it refuses.
