-- 0017: each person is registered at one practice (issue 35), with the history of changes; a
-- practice keeps its own coding habits (local codes, which events its referrers code).
--   - A record is linked to the practice its typed details name, by the rule `practices::list`
--     counted with in version 16: its well-formed ODS code; otherwise the practice of its name
--     without a code, or else the one practice of that name. Nothing typed is removed: a record
--     that names no practice, or one no rule reaches, keeps its text and stays unlinked.
--   - Each linked record gets one registration, since the day the record was made.
--   - Local codes gain a practice: none means every practice (as every code was until now); a
--     practice's own code for an event replaces the one for every practice.
--   - `practice.referrer_codes`: NULL follows the setting for every practice; otherwise a JSON
--     list of the events this practice's referrers code.

ALTER TABLE person ADD COLUMN practice_id TEXT REFERENCES practice (id);
ALTER TABLE practice ADD COLUMN referrer_codes TEXT CHECK (referrer_codes IS NULL OR json_valid(referrer_codes));

CREATE TEMP TABLE practice_named AS
SELECT id,
       CASE WHEN upper(replace(trim(gp_practice_ods), ' ', '')) GLOB '[A-Z][0-9][0-9][0-9][0-9][0-9]'
            THEN upper(replace(trim(gp_practice_ods), ' ', '')) END AS code,
       lower(trim(gp_practice_name)) AS name
FROM person;

UPDATE person SET practice_id = (
    SELECT p.id FROM practice p, practice_named n
    WHERE n.id = person.id
      AND CASE WHEN n.code IS NOT NULL THEN n.code = p.ods_code
               WHEN n.name IS NULL OR n.name <> lower(trim(p.name)) THEN 0
               WHEN p.ods_code IS NULL THEN 1
               ELSE NOT EXISTS (SELECT 1 FROM practice q WHERE q.id <> p.id AND lower(trim(q.name)) = n.name) END
);

DROP TABLE practice_named;

CREATE INDEX person_practice ON person (practice_id);

-- A person's practices (newest: the latest `since`, then `recorded_at`, then `seq`): `practice_id` NULL records that no practice was known.
CREATE TABLE practice_registration (
    id          TEXT PRIMARY KEY NOT NULL,
    person_id   TEXT NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    practice_id TEXT REFERENCES practice (id),
    since       TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    -- The person's entries in the order they were made (1, 2, …): two on one day, recorded in the
    -- same instant, still have an order, which a handover keeps.
    seq         INTEGER NOT NULL
) STRICT;

CREATE INDEX practice_registration_person ON practice_registration (person_id, since);

INSERT INTO practice_registration (id, person_id, practice_id, since, recorded_at, seq)
SELECT lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-'
             || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))),
       id, practice_id, substr(created_at, 1, 10), strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), 1
FROM person WHERE practice_id IS NOT NULL;

CREATE TABLE new_gp_local_code (
    id          TEXT PRIMARY KEY NOT NULL,
    practice_id TEXT REFERENCES practice (id) ON DELETE CASCADE,
    code_use    TEXT NOT NULL CHECK (code_use IN ('episode.offered', 'episode.accepted', 'episode.declined', 'contact.held', 'episode.closed', 'episode.signposted_in', 'onward.voluntary', 'onward.community', 'onward.support_group', 'onward.housing', 'onward.finance', 'onward.legal', 'onward.faith', 'onward.carers', 'onward.physical_activity', 'onward.arts', 'onward.learning', 'onward.employment', 'onward.counselling', 'onward.bereavement', 'onward.mental_health', 'onward.social_care', 'onward.food', 'onward.day_centre', 'onward.weight', 'onward.smoking', 'onward.drugs_alcohol', 'onward.self_help', 'ons4.life_satisfaction', 'ons4.worthwhile', 'ons4.happiness', 'ons4.anxiety', 'pam.score')),
    concept_id  TEXT NOT NULL CHECK (length(concept_id) BETWEEN 6 AND 18),
    term        TEXT NOT NULL CHECK (length(trim(term)) > 0),
    created_at  TEXT NOT NULL
) STRICT;

-- The id of a code for every practice is its event, as the audit trail has always named it.
INSERT INTO new_gp_local_code (id, practice_id, code_use, concept_id, term, created_at)
SELECT code_use, NULL, code_use, concept_id, term, created_at FROM gp_local_code;

DROP TABLE gp_local_code;
ALTER TABLE new_gp_local_code RENAME TO gp_local_code;
CREATE UNIQUE INDEX gp_local_code_event ON gp_local_code (ifnull(practice_id, ''), code_use);
CREATE INDEX gp_local_code_practice ON gp_local_code (practice_id);
CREATE INDEX practice_registration_practice ON practice_registration (practice_id);
