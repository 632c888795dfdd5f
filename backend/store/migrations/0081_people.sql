-- People and their roles (team mode). On a laptop there is one person, the
-- LSMS, and these tables stay empty; in a team database each person signs in
-- with their own login and PostgreSQL enforces what their role may see and do
-- (migrations_pg/0081_people.sql). A person who leaves is disabled, never
-- deleted, so the audit log still names them.
CREATE TABLE people (
    login        TEXT PRIMARY KEY,            -- the database login, which the audit log names
    display_name TEXT NOT NULL DEFAULT '',
    role         TEXT NOT NULL CHECK (role IN ('lsms', 'investigator', 'line_manager', 'director')),
    added_at     INTEGER NOT NULL,            -- Unix seconds UTC
    added_by     TEXT NOT NULL,
    disabled_at  INTEGER,
    disabled_by  TEXT NOT NULL DEFAULT ''
);

CREATE TRIGGER people_no_delete BEFORE DELETE ON people
BEGIN
    SELECT RAISE(ABORT, 'a person is disabled, never deleted, so the audit log still names them');
END;

-- The cases an investigator works on: they see those cases' evidence alone.
CREATE TABLE case_assignments (
    case_id     INTEGER NOT NULL REFERENCES cases(id),
    login       TEXT NOT NULL REFERENCES people(login),
    assigned_at INTEGER NOT NULL,
    assigned_by TEXT NOT NULL,
    PRIMARY KEY (case_id, login)
);
CREATE INDEX case_assignments_login ON case_assignments(login);

-- The login of the line manager a review is assigned to ('' on a laptop,
-- where the LSMS records the line manager's sign-off as today).
ALTER TABLE reviews ADD COLUMN line_manager_login TEXT NOT NULL DEFAULT '';
