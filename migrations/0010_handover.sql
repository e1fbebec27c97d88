-- 0010: an episode can close as "handed over" to another link worker (caseload handover).
-- `episode` is rebuilt by SQLite's procedure to change its CHECK list; no stored value changes.

CREATE TABLE new_episode (
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
    close_reason          TEXT CHECK (close_reason IN ('goals_met', 'declined', 'unable_to_contact', 'moved_away', 'deceased', 'referred_elsewhere', 'inappropriate_referral', 'disengaged', 'escalated', 'handed_over', 'other')),
    close_note            TEXT,
    created_at            TEXT NOT NULL,
    updated_at            TEXT NOT NULL,
    -- Who referred, as a role (NULL on referrals recorded before this was asked).
    referral_source       TEXT CHECK (referral_source IN ('gp', 'practice_nurse', 'other_practice_staff', 'proactive_search', 'secondary_care', 'social_care', 'vcse', 'self_referral', 'other')),
    priority              TEXT NOT NULL DEFAULT 'routine' CHECK (priority IN ('routine', 'urgent')),
    CHECK ((status = 'closed') = (closed_on IS NOT NULL AND close_reason IS NOT NULL))
) STRICT;

INSERT INTO new_episode (id, person_id, status, referral_received_on, referral_method, referrer_name, referrer_role,
    referrer_organisation, referrer_ods, referral_notes, offered_on, accepted_on, declined_on, what_matters,
    next_review_on, closed_on, close_reason, close_note, created_at, updated_at, referral_source, priority)
SELECT id, person_id, status, referral_received_on, referral_method, referrer_name, referrer_role,
    referrer_organisation, referrer_ods, referral_notes, offered_on, accepted_on, declined_on, what_matters,
    next_review_on, closed_on, close_reason, close_note, created_at, updated_at, referral_source, priority
FROM episode;

DROP TABLE episode;
ALTER TABLE new_episode RENAME TO episode;
CREATE UNIQUE INDEX episode_one_open_per_person ON episode (person_id) WHERE status <> 'closed';
CREATE INDEX episode_status ON episode (status, referral_received_on);
