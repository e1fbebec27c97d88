-- 0018: proactive outreach lists (issue 35). A practice search's people, worked through by the
-- link worker. Rows that never became referrals are removed a set time after the list closes
-- (`removed` keeps only how many), so the vault keeps no register of people who never engaged.

CREATE TABLE outreach_list (
    id          TEXT PRIMARY KEY NOT NULL,
    practice_id TEXT NOT NULL REFERENCES practice (id),
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    searched_on TEXT NOT NULL,
    closed_on   TEXT,
    removed     INTEGER NOT NULL DEFAULT 0 CHECK (removed >= 0),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;

CREATE INDEX outreach_list_practice ON outreach_list (practice_id);

CREATE TABLE outreach_entry (
    id            TEXT PRIMARY KEY NOT NULL,
    list_id       TEXT NOT NULL REFERENCES outreach_list (id) ON DELETE CASCADE,
    line          INTEGER NOT NULL,
    nhs_number    TEXT CHECK (nhs_number IS NULL OR (length(nhs_number) = 10 AND nhs_number GLOB '[0-9]*')),
    given_name    TEXT NOT NULL,
    family_name   TEXT NOT NULL,
    date_of_birth TEXT,
    phone         TEXT,
    postcode      TEXT,
    reason        TEXT,
    -- Known already when imported (or once the referral is made).
    person_id     TEXT REFERENCES person (id),
    state         TEXT NOT NULL DEFAULT 'not_tried' CHECK (state IN ('not_tried', 'tried', 'reached', 'accepted', 'declined', 'not_suitable', 'died_or_moved')),
    -- The referral made when they accepted.
    episode_id    TEXT REFERENCES episode (id),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
) STRICT;

CREATE INDEX outreach_entry_list ON outreach_entry (list_id);
CREATE INDEX outreach_entry_person ON outreach_entry (person_id);
CREATE INDEX outreach_entry_episode ON outreach_entry (episode_id);
CREATE INDEX outreach_entry_nhs ON outreach_entry (nhs_number);

-- Each try, logged like a contact (no notes: nothing is kept about people who never engaged).
CREATE TABLE outreach_attempt (
    id         TEXT PRIMARY KEY NOT NULL,
    entry_id   TEXT NOT NULL REFERENCES outreach_entry (id) ON DELETE CASCADE,
    at         TEXT NOT NULL,
    outcome    TEXT NOT NULL CHECK (outcome IN ('no_answer', 'left_message', 'wrong_number', 'reached', 'accepted', 'declined', 'not_suitable', 'died_or_moved')),
    created_at TEXT NOT NULL
) STRICT;

CREATE INDEX outreach_attempt_entry ON outreach_attempt (entry_id, at);
