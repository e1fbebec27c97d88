-- 0022: case studies with consent (issue 36). Consent gains a purpose, "case_study", with its own
-- history like sharing with the GP practice (`consent_decision` is rebuilt for its CHECK list). A
-- case study is the link worker's de-identified story of one person's support; it can be made only
-- with consent, and goes in the supervisor's report pack only when chosen and consent still stands.

CREATE TABLE new_consent_decision (
    id          TEXT PRIMARY KEY NOT NULL,
    person_id   TEXT NOT NULL REFERENCES person (id),
    purpose     TEXT NOT NULL CHECK (purpose IN ('share_with_gp', 'share_with_referrer', 'case_study')),
    decision    TEXT NOT NULL CHECK (decision IN ('yes', 'no')),
    decided_on  TEXT NOT NULL,
    recorded_by TEXT,
    created_at  TEXT NOT NULL
) STRICT;

INSERT INTO new_consent_decision (id, person_id, purpose, decision, decided_on, recorded_by, created_at)
SELECT id, person_id, purpose, decision, decided_on, recorded_by, created_at FROM consent_decision;

DROP TABLE consent_decision;
ALTER TABLE new_consent_decision RENAME TO consent_decision;
CREATE INDEX consent_decision_person ON consent_decision (person_id, purpose, decided_on, created_at);

CREATE TABLE case_study (
    id         TEXT PRIMARY KEY NOT NULL,
    person_id  TEXT NOT NULL REFERENCES person (id),
    episode_id TEXT REFERENCES episode (id),
    title      TEXT NOT NULL CHECK (length(trim(title)) > 0),
    body       TEXT NOT NULL CHECK (length(trim(body)) > 0),
    -- Chosen for the supervisor's report pack.
    in_report  INTEGER NOT NULL DEFAULT 0 CHECK (in_report IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

CREATE INDEX case_study_person ON case_study (person_id);
CREATE INDEX case_study_episode ON case_study (episode_id);
