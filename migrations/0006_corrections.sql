-- 0006: records a link worker can correct. Consent keeps its history; contacts, outcome records,
-- onward referrals and risk entries can be marked entered in error (kept, struck through, left out
-- of every figure); the risk log becomes separate concerns, each open until it is itself closed.

-- Which fields an update changed (their names from a fixed list, never values), comma-separated.
ALTER TABLE audit_log ADD COLUMN fields TEXT;

-- Consent with a purpose and a history. person.consent_to_share / consent_recorded_on stay as the
-- current value (the newest decision), kept in step by the store in the same transaction.
CREATE TABLE consent_decision (
    id          TEXT PRIMARY KEY NOT NULL,
    person_id   TEXT NOT NULL REFERENCES person (id),
    purpose     TEXT NOT NULL CHECK (purpose IN ('share_with_gp')),
    decision    TEXT NOT NULL CHECK (decision IN ('yes', 'no')),
    decided_on  TEXT NOT NULL,
    recorded_by TEXT,                       -- the link worker's name; NULL = this vault's link worker
    created_at  TEXT NOT NULL
) STRICT;

CREATE INDEX consent_decision_person ON consent_decision (person_id, purpose, decided_on, created_at);

INSERT INTO consent_decision (id, person_id, purpose, decision, decided_on, recorded_by, created_at)
SELECT lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-'
             || substr('89ab', 1 + abs(random()) % 4, 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))),
       id, 'share_with_gp', consent_to_share, coalesce(consent_recorded_on, substr(created_at, 1, 10)), NULL, created_at
FROM person WHERE consent_to_share <> 'not_asked';

UPDATE person SET consent_recorded_on = substr(created_at, 1, 10)
WHERE consent_to_share <> 'not_asked' AND consent_recorded_on IS NULL;

-- Entered in error: when and why. Both or neither.
ALTER TABLE contact ADD COLUMN entered_in_error_at TEXT;
ALTER TABLE contact ADD COLUMN error_reason TEXT CHECK ((error_reason IS NULL) = (entered_in_error_at IS NULL));
ALTER TABLE ons4_record ADD COLUMN entered_in_error_at TEXT;
ALTER TABLE ons4_record ADD COLUMN error_reason TEXT CHECK ((error_reason IS NULL) = (entered_in_error_at IS NULL));
ALTER TABLE pam_record ADD COLUMN entered_in_error_at TEXT;
ALTER TABLE pam_record ADD COLUMN error_reason TEXT CHECK ((error_reason IS NULL) = (entered_in_error_at IS NULL));
ALTER TABLE onward_referral ADD COLUMN entered_in_error_at TEXT;
ALTER TABLE onward_referral ADD COLUMN error_reason TEXT CHECK ((error_reason IS NULL) = (entered_in_error_at IS NULL));

-- One row per concern. The person's flag is on while any concern not entered in error is open;
-- no date can switch it off, only closing each concern.
CREATE TABLE risk_concern (
    id                  TEXT PRIMARY KEY NOT NULL,
    person_id           TEXT NOT NULL REFERENCES person (id),
    raised_on           TEXT NOT NULL,
    raised_by           TEXT,
    concern             TEXT NOT NULL CHECK (length(trim(concern)) > 0),
    level               TEXT CHECK (level IN ('low', 'medium', 'high')),   -- NULL only on concerns from the old log
    closed_on           TEXT CHECK (closed_on IS NULL OR closed_on >= raised_on),
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    entered_in_error_at TEXT,
    error_reason        TEXT CHECK ((error_reason IS NULL) = (entered_in_error_at IS NULL))
) STRICT;

CREATE INDEX risk_concern_person ON risk_concern (person_id, closed_on);

-- The old log had one flag for everything: on while the newest entry was not 'cleared'. Each
-- 'raised' entry becomes a concern; an 'update' belongs to the newest concern since the last
-- 'cleared' (or starts one if there is none); a 'cleared' closes every concern open at that point.
-- The flag is therefore on after the migration exactly when it was on before.
CREATE TEMP TABLE old_entry AS
SELECT id, person_id, kind, recorded_on,
       row_number() OVER (PARTITION BY person_id ORDER BY recorded_on, created_at, id) AS n
FROM risk_entry;

CREATE TEMP TABLE old_root AS
SELECT e.* FROM old_entry e
WHERE e.kind = 'raised'
   OR NOT EXISTS (
        SELECT 1 FROM old_entry p
        WHERE p.person_id = e.person_id AND p.n < e.n AND p.kind <> 'cleared'
          AND (e.kind = 'cleared' OR p.n > coalesce((SELECT max(c.n) FROM old_entry c
                                                    WHERE c.person_id = e.person_id AND c.kind = 'cleared' AND c.n < e.n), 0)));

INSERT INTO risk_concern (id, person_id, raised_on, raised_by, concern, level, closed_on, created_at, updated_at)
SELECT r.id, r.person_id, r.recorded_on, NULL, e.concern, NULL,
       CASE WHEN r.kind = 'cleared' THEN r.recorded_on
            ELSE (SELECT c.recorded_on FROM old_entry c
                  WHERE c.person_id = r.person_id AND c.kind = 'cleared' AND c.n > r.n ORDER BY c.n LIMIT 1) END,
       e.created_at, e.created_at
FROM old_root r JOIN risk_entry e ON e.id = r.id;

CREATE TABLE new_risk_entry (
    id                  TEXT PRIMARY KEY NOT NULL,
    concern_id          TEXT NOT NULL REFERENCES risk_concern (id),
    person_id           TEXT NOT NULL REFERENCES person (id),
    recorded_on         TEXT NOT NULL,
    kind                TEXT NOT NULL CHECK (kind IN ('raised', 'update', 'cleared')),
    concern             TEXT NOT NULL CHECK (length(trim(concern)) > 0),
    action_taken        TEXT,
    level               TEXT CHECK (level IN ('low', 'medium', 'high')),
    created_at          TEXT NOT NULL,
    entered_in_error_at TEXT,
    error_reason        TEXT CHECK ((error_reason IS NULL) = (entered_in_error_at IS NULL))
) STRICT;

INSERT INTO new_risk_entry (id, concern_id, person_id, recorded_on, kind, concern, action_taken, level, created_at)
SELECT e.id,
       (SELECT r.id FROM old_root r JOIN old_entry o ON o.id = e.id
        WHERE r.person_id = e.person_id AND r.n <= o.n ORDER BY r.n DESC LIMIT 1),
       e.person_id, e.recorded_on, e.kind, e.concern, e.action_taken, NULL, e.created_at
FROM risk_entry e;

DROP TABLE risk_entry;
ALTER TABLE new_risk_entry RENAME TO risk_entry;
CREATE INDEX risk_entry_concern ON risk_entry (concern_id, recorded_on, created_at);
CREATE INDEX risk_entry_person ON risk_entry (person_id);

DROP TABLE old_root;
DROP TABLE old_entry;
