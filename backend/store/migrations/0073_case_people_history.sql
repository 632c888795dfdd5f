-- Corrections to a person's details on a case. A letter may already have gone
-- to the old address, so the old value is kept: one row per changed field.
CREATE TABLE case_people_history (
    id         INTEGER PRIMARY KEY,
    person_id  INTEGER NOT NULL REFERENCES case_people(id),
    field      TEXT NOT NULL,
    old_value  TEXT NOT NULL,
    new_value  TEXT NOT NULL,
    changed_at INTEGER NOT NULL,
    changed_by TEXT NOT NULL
);
CREATE INDEX case_people_history_person ON case_people_history(person_id, changed_at);
CREATE TRIGGER case_people_history_no_update BEFORE UPDATE ON case_people_history
BEGIN SELECT RAISE(ABORT, 'corrections are kept as written'); END;
CREATE TRIGGER case_people_history_no_delete BEFORE DELETE ON case_people_history
BEGIN SELECT RAISE(ABORT, 'corrections are kept as written'); END;
