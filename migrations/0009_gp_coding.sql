-- GP coding (issue 13): an asset's finer service type (so an onward referral can carry the code no
-- category reaches), the practice's own codes, and which lines were entered in the GP record.

ALTER TABLE asset ADD COLUMN service_type TEXT CHECK (service_type IN ('counselling', 'bereavement', 'legal', 'stop_smoking', 'weight_management', 'drugs_alcohol', 'day_centre', 'support_group', 'self_help', 'community_service', 'voluntary_group'));

-- One local code per event at most; it replaces the shipped code for that event.
CREATE TABLE gp_local_code (
    code_use   TEXT PRIMARY KEY NOT NULL CHECK (code_use IN ('episode.offered', 'episode.accepted', 'episode.declined', 'contact.held', 'episode.closed', 'episode.signposted_in', 'onward.voluntary', 'onward.community', 'onward.support_group', 'onward.housing', 'onward.finance', 'onward.legal', 'onward.faith', 'onward.carers', 'onward.physical_activity', 'onward.arts', 'onward.learning', 'onward.employment', 'onward.counselling', 'onward.bereavement', 'onward.mental_health', 'onward.social_care', 'onward.food', 'onward.day_centre', 'onward.weight', 'onward.smoking', 'onward.drugs_alcohol', 'onward.self_help', 'ons4.life_satisfaction', 'ons4.worthwhile', 'ons4.happiness', 'ons4.anxiety', 'pam.score')),
    concept_id TEXT NOT NULL CHECK (length(concept_id) BETWEEN 6 AND 18),
    term       TEXT NOT NULL CHECK (length(trim(term)) > 0),
    created_at TEXT NOT NULL
) STRICT;

-- A line marked "entered in the GP record", as it was when marked. No foreign keys: a mark outlives
-- the record behind it (entered in error, or its person merged away), which is exactly when the
-- checklist must say "correct this in the GP record".
CREATE TABLE gp_line_entered (
    line_key     TEXT PRIMARY KEY NOT NULL,
    person_id    TEXT NOT NULL,
    episode_id   TEXT NOT NULL,
    line_on      TEXT NOT NULL,
    concept_id   TEXT,
    term         TEXT NOT NULL,
    entered_at   TEXT NOT NULL,
    corrected_at TEXT
) STRICT;

CREATE INDEX gp_line_entered_person ON gp_line_entered (person_id);
