-- 0002: the caseload. People, episodes of care (one per referral), contacts, plans, risks.
-- Ids are random UUIDs (text) so a later handover can merge records by id.
-- Dates are ISO 'YYYY-MM-DD'; contact times are UK local 'YYYY-MM-DDTHH:MM'; *_at columns are UTC RFC 3339.
-- Enumerations are stored as the slugs in linkwork-core/src/vocab.rs and checked here too.

CREATE TABLE person (
    id                  TEXT PRIMARY KEY NOT NULL,
    nhs_number          TEXT UNIQUE CHECK (nhs_number IS NULL OR (length(nhs_number) = 10 AND nhs_number NOT GLOB '*[^0-9]*')),
    given_name          TEXT NOT NULL CHECK (length(trim(given_name)) > 0),
    family_name         TEXT NOT NULL CHECK (length(trim(family_name)) > 0),
    preferred_name      TEXT,
    date_of_birth       TEXT,
    pronouns            TEXT,
    phone               TEXT,
    address             TEXT,
    postcode            TEXT,
    gp_practice_name    TEXT,
    gp_practice_ods     TEXT,
    communication_needs TEXT,
    consent_to_share    TEXT NOT NULL DEFAULT 'not_asked' CHECK (consent_to_share IN ('yes', 'no', 'not_asked')),
    consent_recorded_on TEXT,
    notes               TEXT,
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL
) STRICT;

CREATE INDEX person_name_dob ON person (lower(family_name), lower(given_name), date_of_birth);

CREATE TABLE person_tag (
    person_id TEXT NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    tag       TEXT NOT NULL,
    PRIMARY KEY (person_id, tag)
) STRICT, WITHOUT ROWID;

-- One referral = one episode of care. status moves waiting -> active -> closed.
CREATE TABLE episode (
    id                    TEXT PRIMARY KEY NOT NULL,
    person_id             TEXT NOT NULL REFERENCES person (id),
    status                TEXT NOT NULL CHECK (status IN ('waiting', 'active', 'closed')),
    referral_received_on  TEXT NOT NULL,
    referral_method       TEXT NOT NULL CHECK (referral_method IN ('phone', 'letter', 'secure_email', 'secure_messaging', 'nhs_ers', 'self_referral', 'other')),
    referrer_name         TEXT,
    referrer_role         TEXT,
    referrer_organisation TEXT,
    referrer_ods          TEXT,
    referral_notes        TEXT,
    offered_on            TEXT,
    accepted_on           TEXT,
    declined_on           TEXT,
    what_matters          TEXT,
    next_review_on        TEXT,
    closed_on             TEXT,
    close_reason          TEXT CHECK (close_reason IN ('goals_met', 'declined', 'unable_to_contact', 'moved_away', 'deceased', 'referred_elsewhere', 'other')),
    close_note            TEXT,
    created_at            TEXT NOT NULL,
    updated_at            TEXT NOT NULL,
    CHECK ((status = 'closed') = (closed_on IS NOT NULL AND close_reason IS NOT NULL))
) STRICT;

-- The database itself guarantees a person never has two open episodes.
CREATE UNIQUE INDEX episode_one_open_per_person ON episode (person_id) WHERE status <> 'closed';
CREATE INDEX episode_status ON episode (status, referral_received_on);

-- Needs and concerns: from the referral ('referral') or agreed in the plan ('plan').
CREATE TABLE episode_need (
    episode_id TEXT NOT NULL REFERENCES episode (id) ON DELETE CASCADE,
    source     TEXT NOT NULL CHECK (source IN ('referral', 'plan')),
    category   TEXT NOT NULL,
    PRIMARY KEY (episode_id, source, category)
) STRICT, WITHOUT ROWID;

CREATE TABLE contact (
    id               TEXT PRIMARY KEY NOT NULL,
    episode_id       TEXT NOT NULL REFERENCES episode (id),
    occurred_at      TEXT NOT NULL,
    contact_type     TEXT NOT NULL CHECK (contact_type IN ('phone', 'face_to_face', 'home_visit', 'video', 'group', 'other')),
    duration_minutes INTEGER CHECK (duration_minutes BETWEEN 1 AND 600),
    outcome          TEXT NOT NULL CHECK (outcome IN ('took_place', 'did_not_attend', 'cancelled', 'unable_to_contact')),
    notes            TEXT,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    CHECK (outcome <> 'took_place' OR duration_minutes IS NOT NULL)
) STRICT;

CREATE INDEX contact_episode_time ON contact (episode_id, occurred_at);

-- A contact being written. Saved every few seconds so a crash or a flat battery loses nothing.
-- At most one per episode; saving the contact deletes it in the same transaction.
CREATE TABLE contact_draft (
    episode_id TEXT PRIMARY KEY NOT NULL REFERENCES episode (id) ON DELETE CASCADE,
    form       TEXT NOT NULL CHECK (json_valid(form)),
    updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE goal (
    id         TEXT PRIMARY KEY NOT NULL,
    episode_id TEXT NOT NULL REFERENCES episode (id),
    text       TEXT NOT NULL CHECK (length(trim(text)) > 0),
    importance INTEGER NOT NULL CHECK (importance BETWEEN 1 AND 10),
    status     TEXT NOT NULL CHECK (status IN ('not_started', 'in_progress', 'achieved', 'no_longer_relevant')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

CREATE INDEX goal_episode ON goal (episode_id);

CREATE TABLE plan_action (
    id         TEXT PRIMARY KEY NOT NULL,
    episode_id TEXT NOT NULL REFERENCES episode (id),
    who        TEXT NOT NULL CHECK (length(trim(who)) > 0),
    what       TEXT NOT NULL CHECK (length(trim(what)) > 0),
    due_on     TEXT,
    done_on    TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

CREATE INDEX plan_action_episode ON plan_action (episode_id);

-- Risk and safeguarding log. The person's flag is derived: on while the latest entry is not 'cleared'.
CREATE TABLE risk_entry (
    id           TEXT PRIMARY KEY NOT NULL,
    person_id    TEXT NOT NULL REFERENCES person (id),
    recorded_on  TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('raised', 'update', 'cleared')),
    concern      TEXT NOT NULL CHECK (length(trim(concern)) > 0),
    action_taken TEXT,
    created_at   TEXT NOT NULL
) STRICT;

CREATE INDEX risk_entry_person ON risk_entry (person_id, recorded_on, created_at);
