-- 0003: outcome measures. ONS4 items are stored separately and never combined; NULL = declined.
-- PAM holds only what the organisation's licensed tool reported: score (tenths of a point), level, version.

CREATE TABLE ons4_record (
    id                TEXT PRIMARY KEY NOT NULL,
    episode_id        TEXT NOT NULL REFERENCES episode (id),
    contact_id        TEXT REFERENCES contact (id),
    recorded_on       TEXT NOT NULL,
    life_satisfaction INTEGER CHECK (life_satisfaction BETWEEN 0 AND 10),
    worthwhile        INTEGER CHECK (worthwhile BETWEEN 0 AND 10),
    happiness         INTEGER CHECK (happiness BETWEEN 0 AND 10),
    anxiety           INTEGER CHECK (anxiety BETWEEN 0 AND 10),
    created_at        TEXT NOT NULL,
    CHECK (coalesce(life_satisfaction, worthwhile, happiness, anxiety) IS NOT NULL)
) STRICT;

CREATE INDEX ons4_record_episode ON ons4_record (episode_id, recorded_on, created_at);
CREATE INDEX ons4_record_date ON ons4_record (recorded_on);

CREATE TABLE pam_record (
    id           TEXT PRIMARY KEY NOT NULL,
    episode_id   TEXT NOT NULL REFERENCES episode (id),
    contact_id   TEXT REFERENCES contact (id),
    recorded_on  TEXT NOT NULL,
    score_tenths INTEGER NOT NULL CHECK (score_tenths BETWEEN 0 AND 1000),
    level        INTEGER NOT NULL CHECK (level BETWEEN 1 AND 4),
    version      TEXT NOT NULL CHECK (version IN ('pam_13', 'pam_10')),
    created_at   TEXT NOT NULL
) STRICT;

CREATE INDEX pam_record_episode ON pam_record (episode_id, recorded_on, created_at);
CREATE INDEX pam_record_date ON pam_record (recorded_on);
