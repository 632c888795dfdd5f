-- Letters after the LSMS decision (PT 10.8): what was sent, to whom, when and
-- how, and for warnings when they come up for review or expire. The rendered
-- DOCX and PDF live in the vault under their SHA-256, so what was issued can
-- always be shown exactly.
CREATE TABLE letters (
    id              INTEGER PRIMARY KEY,
    ref             TEXT NOT NULL UNIQUE,            -- RL-2025-0001/L1
    case_id         INTEGER NOT NULL REFERENCES cases(id),
    decision_id     INTEGER REFERENCES case_decisions(id),
    kind            TEXT NOT NULL CHECK (kind IN ('sanction', 'no_sanction', 'police_referral', 'legal_referral')),
    status          TEXT NOT NULL DEFAULT 'draft' CHECK (status IN
                    ('draft', 'approved', 'issued', 'in_force', 'breached', 'expired', 'revoked')),
    recipient       TEXT NOT NULL,
    letter_date     TEXT NOT NULL,                   -- London date, yyyy-mm-dd
    review_on       TEXT NOT NULL DEFAULT '',        -- warnings: review date
    expires_on      TEXT NOT NULL DEFAULT '',        -- warnings: expiry date
    template_sha256 TEXT NOT NULL,
    docx_sha256     TEXT NOT NULL,
    pdf_sha256      TEXT NOT NULL,
    fields          TEXT NOT NULL DEFAULT '{}',      -- the merge values used, JSON
    created_at      INTEGER NOT NULL,
    created_by      TEXT NOT NULL,
    approved_at     INTEGER,
    approved_by     TEXT NOT NULL DEFAULT '',
    issued_on       TEXT NOT NULL DEFAULT '',        -- London date the letter went out
    issued_method   TEXT NOT NULL DEFAULT '',        -- post, recorded_delivery, hand, email
    issued_at       INTEGER,
    issued_by       TEXT NOT NULL DEFAULT '',
    ended_on        TEXT NOT NULL DEFAULT '',        -- breached, expired or revoked on
    ended_reason    TEXT NOT NULL DEFAULT '',
    updated_at      INTEGER NOT NULL
);
CREATE INDEX letters_case ON letters(case_id);
CREATE INDEX letters_status_review ON letters(status, review_on);
CREATE INDEX letters_status_expiry ON letters(status, expires_on);

-- Every change of status, for the register's history. Append-only.
CREATE TABLE letter_events (
    id          INTEGER PRIMARY KEY,
    letter_id   INTEGER NOT NULL REFERENCES letters(id),
    at          INTEGER NOT NULL,
    actor       TEXT NOT NULL,
    from_status TEXT NOT NULL DEFAULT '',
    to_status   TEXT NOT NULL,
    detail      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX letter_events_letter ON letter_events(letter_id, id);
CREATE TRIGGER letter_events_no_update BEFORE UPDATE ON letter_events
BEGIN SELECT RAISE(ABORT, 'a letter event is never changed'); END;
CREATE TRIGGER letter_events_no_delete BEFORE DELETE ON letter_events
BEGIN SELECT RAISE(ABORT, 'a letter event is never deleted'); END;
