-- The risk register (NG 6.4-6.8, PT 6): NHS 5x5 matrix, inherent, current and
-- target scores, and the history of every score with its reason and the band
-- set that classified it (trusts change bands; old scores keep theirs).
CREATE TABLE risks (
    id           INTEGER PRIMARY KEY,
    ref          TEXT NOT NULL UNIQUE,               -- RR-0001
    title        TEXT NOT NULL,
    description  TEXT NOT NULL DEFAULT '',
    cause        TEXT NOT NULL DEFAULT '',
    consequence  TEXT NOT NULL DEFAULT '',
    affected     TEXT NOT NULL DEFAULT '',           -- staff groups or locations affected
    controls     TEXT NOT NULL DEFAULT '',
    gaps         TEXT NOT NULL DEFAULT '',
    actions      TEXT NOT NULL DEFAULT '',
    owner        TEXT NOT NULL DEFAULT '',
    review_on    TEXT NOT NULL DEFAULT '',           -- London date
    status       TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    created_at   INTEGER NOT NULL,
    created_by   TEXT NOT NULL,
    updated_at   INTEGER NOT NULL,
    updated_by   TEXT NOT NULL
);
CREATE INDEX risks_review ON risks(status, review_on);

-- Every score ever given. The latest of each kind is the one in force.
CREATE TABLE risk_scores (
    id          INTEGER PRIMARY KEY,
    risk_id     INTEGER NOT NULL REFERENCES risks(id),
    kind        TEXT NOT NULL CHECK (kind IN ('inherent', 'current', 'target')),
    consequence INTEGER NOT NULL CHECK (consequence BETWEEN 1 AND 5),
    likelihood  INTEGER NOT NULL CHECK (likelihood BETWEEN 1 AND 5),
    rating      INTEGER NOT NULL CHECK (rating = consequence * likelihood),
    band        TEXT NOT NULL,
    band_set    TEXT NOT NULL,                       -- JSON of the bands in force
    reason      TEXT NOT NULL,
    case_id     INTEGER REFERENCES cases(id),        -- the incident that prompted it, if any
    scored_at   INTEGER NOT NULL,
    scored_by   TEXT NOT NULL
);
CREATE INDEX risk_scores_risk ON risk_scores(risk_id, kind, id);
CREATE TRIGGER risk_scores_no_update BEFORE UPDATE ON risk_scores
BEGIN SELECT RAISE(ABORT, 'a risk score is never changed: re-score with a reason'); END;
CREATE TRIGGER risk_scores_no_delete BEFORE DELETE ON risk_scores
BEGIN SELECT RAISE(ABORT, 'a risk score is never deleted'); END;

-- Linked incidents (cases, alerts) and hotspots ("hotspot:<alert id>").
CREATE TABLE risk_links (
    risk_id   INTEGER NOT NULL REFERENCES risks(id),
    kind      TEXT NOT NULL CHECK (kind IN ('case', 'alert', 'hotspot')),
    target    TEXT NOT NULL,                         -- case id, alert id or hotspot key
    note      TEXT NOT NULL DEFAULT '',
    linked_at INTEGER NOT NULL,
    linked_by TEXT NOT NULL,
    PRIMARY KEY (risk_id, kind, target)
);
CREATE INDEX risk_links_target ON risk_links(kind, target);
