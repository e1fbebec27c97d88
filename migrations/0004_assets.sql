-- 0004: the community asset directory (groups and services people are referred on to) and onward
-- referrals. Assets imported from Open Referral UK keep their ORUK service id; local ones have none.
-- Local-only fields (favourite, private notes, verification) are never overwritten by an import.

CREATE TABLE asset (
    id                   TEXT PRIMARY KEY NOT NULL,
    oruk_id              TEXT UNIQUE,
    name                 TEXT NOT NULL CHECK (length(trim(name)) > 0),
    organisation         TEXT,
    organisation_oruk_id TEXT,
    description          TEXT,
    lga_service_type     TEXT,
    phone                TEXT,
    email                TEXT,
    website              TEXT,
    address              TEXT,
    postcode             TEXT,
    delivery             TEXT NOT NULL DEFAULT 'in_person' CHECK (delivery IN ('in_person', 'online', 'both')),
    schedule_text        TEXT,
    cost                 TEXT NOT NULL DEFAULT 'unknown' CHECK (cost IN ('free', 'paid', 'unknown')),
    cost_description     TEXT,
    min_age              INTEGER CHECK (min_age BETWEEN 0 AND 130),
    max_age              INTEGER CHECK (max_age BETWEEN 0 AND 130),
    eligibility          TEXT,
    wheelchair_access    INTEGER NOT NULL DEFAULT 0 CHECK (wheelchair_access IN (0, 1)),
    hearing_loop         INTEGER NOT NULL DEFAULT 0 CHECK (hearing_loop IN (0, 1)),
    transport            INTEGER NOT NULL DEFAULT 0 CHECK (transport IN (0, 1)),
    access_notes         TEXT,
    referral_route       TEXT CHECK (referral_route IN ('self_referral', 'signpost', 'formal_referral')),
    referral_how         TEXT,
    status               TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'temporarily_closed', 'inactive', 'defunct')),
    -- Local to this laptop: kept across re-imports.
    last_verified_on     TEXT,
    favourite            INTEGER NOT NULL DEFAULT 0 CHECK (favourite IN (0, 1)),
    private_notes        TEXT,
    -- Hash of the imported fields, so re-importing an unchanged feed changes nothing.
    import_hash          TEXT,
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL,
    CHECK (min_age IS NULL OR max_age IS NULL OR min_age <= max_age)
) STRICT;

CREATE INDEX asset_status ON asset (status, favourite);

CREATE TABLE asset_category (
    asset_id TEXT NOT NULL REFERENCES asset (id) ON DELETE CASCADE,
    category TEXT NOT NULL,
    PRIMARY KEY (asset_id, category)
) STRICT, WITHOUT ROWID;

CREATE INDEX asset_category_by_category ON asset_category (category, asset_id);

-- When it runs: one row per weekly slot (ORUK schedule with freq WEEKLY and one byday).
CREATE TABLE asset_slot (
    asset_id  TEXT NOT NULL REFERENCES asset (id) ON DELETE CASCADE,
    weekday   INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    opens_at  TEXT CHECK (opens_at IS NULL OR opens_at GLOB '[0-2][0-9]:[0-5][0-9]'),
    closes_at TEXT CHECK (closes_at IS NULL OR closes_at GLOB '[0-2][0-9]:[0-5][0-9]'),
    PRIMARY KEY (asset_id, weekday, opens_at)
) STRICT;

-- Full-text search over name, organisation, description, category labels and postcode. The store
-- keeps it in step with `asset` in the same transaction as every asset write.
CREATE VIRTUAL TABLE asset_fts USING fts5 (
    asset_id UNINDEXED, name, organisation, description, categories, postcode,
    tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
);

CREATE TABLE onward_referral (
    id           TEXT PRIMARY KEY NOT NULL,
    episode_id   TEXT NOT NULL REFERENCES episode (id),
    asset_id     TEXT NOT NULL REFERENCES asset (id),
    referred_on  TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('signpost', 'referral')),
    category     TEXT NOT NULL,
    notes        TEXT,
    follow_up_on TEXT,
    outcome      TEXT NOT NULL DEFAULT 'pending' CHECK (outcome IN ('pending', 'attended', 'partly_attended', 'did_not_attend', 'declined', 'service_full', 'not_suitable')),
    outcome_on   TEXT,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    CHECK ((outcome = 'pending') = (outcome_on IS NULL))
) STRICT;

CREATE INDEX onward_referral_episode ON onward_referral (episode_id, referred_on);
CREATE INDEX onward_referral_asset ON onward_referral (asset_id, outcome);

CREATE TABLE onward_referral_barrier (
    onward_referral_id TEXT NOT NULL REFERENCES onward_referral (id) ON DELETE CASCADE,
    barrier            TEXT NOT NULL CHECK (barrier IN ('no_provision', 'cost', 'transport', 'complicated_pathway', 'not_aware', 'relevance', 'quality', 'chose_not_to_attend')),
    PRIMARY KEY (onward_referral_id, barrier)
) STRICT, WITHOUT ROWID;
