-- 0007: vocabularies that match what link workers record. Existing rows keep their meaning:
-- no stored value changes; lists only grow (and a value no longer offered stays readable).
-- `episode` and `contact` are rebuilt by SQLite's procedure to change their CHECK lists.

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
    close_reason          TEXT CHECK (close_reason IN ('goals_met', 'declined', 'unable_to_contact', 'moved_away', 'deceased', 'referred_elsewhere', 'inappropriate_referral', 'disengaged', 'escalated', 'other')),
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
    next_review_on, closed_on, close_reason, close_note, created_at, updated_at)
SELECT id, person_id, status, referral_received_on, referral_method, referrer_name, referrer_role,
    referrer_organisation, referrer_ods, referral_notes, offered_on, accepted_on, declined_on, what_matters,
    next_review_on, closed_on, close_reason, close_note, created_at, updated_at
FROM episode;

DROP TABLE episode;
ALTER TABLE new_episode RENAME TO episode;
CREATE UNIQUE INDEX episode_one_open_per_person ON episode (person_id) WHERE status <> 'closed';
CREATE INDEX episode_status ON episode (status, referral_received_on);

-- Contact types gain text, email, letter and face to face in the community; a cancellation says who
-- cancelled ('cancelled' stays readable for older rows but is no longer offered); an attempt can
-- leave a message.
CREATE TABLE new_contact (
    id                  TEXT PRIMARY KEY NOT NULL,
    episode_id          TEXT NOT NULL REFERENCES episode (id),
    occurred_at         TEXT NOT NULL,
    contact_type        TEXT NOT NULL CHECK (contact_type IN ('phone', 'face_to_face', 'face_to_face_community', 'home_visit', 'video', 'group', 'text_message', 'email', 'letter', 'other')),
    duration_minutes    INTEGER CHECK (duration_minutes BETWEEN 1 AND 600),
    outcome             TEXT NOT NULL CHECK (outcome IN ('took_place', 'did_not_attend', 'cancelled', 'cancelled_by_person', 'cancelled_by_link_worker', 'unable_to_contact', 'left_message')),
    notes               TEXT,
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    entered_in_error_at TEXT,
    error_reason        TEXT CHECK ((error_reason IS NULL) = (entered_in_error_at IS NULL)),
    CHECK (outcome <> 'took_place' OR duration_minutes IS NOT NULL)
) STRICT;

INSERT INTO new_contact (id, episode_id, occurred_at, contact_type, duration_minutes, outcome, notes, created_at,
    updated_at, entered_in_error_at, error_reason)
SELECT id, episode_id, occurred_at, contact_type, duration_minutes, outcome, notes, created_at,
    updated_at, entered_in_error_at, error_reason
FROM contact;

DROP TABLE contact;
ALTER TABLE new_contact RENAME TO contact;
CREATE INDEX contact_episode_time ON contact (episode_id, occurred_at);

-- Why the person was referred, in the words of needs and concerns. (Referral reasons recorded
-- before this stay in episode_need as the referral categories they were.)
CREATE TABLE episode_reason (
    episode_id TEXT NOT NULL REFERENCES episode (id) ON DELETE CASCADE,
    reason     TEXT NOT NULL CHECK (reason IN ('loneliness', 'low_mood_anxiety', 'bereavement', 'long_term_condition', 'money_debt', 'housing', 'work_benefits', 'caring', 'physical_activity', 'weight', 'alcohol_drugs', 'smoking', 'relationships', 'domestic_abuse', 'digital_exclusion', 'other')),
    PRIMARY KEY (episode_id, reason)
) STRICT, WITHOUT ROWID;
