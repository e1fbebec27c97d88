-- 0012: codes that mean what happened (issue 30). An asset's service type gains the kinds whose
-- codes no referral category may reach without changing their meaning: a statutory mental health
-- team, arts therapy, vocational rehabilitation and community meals.
-- `asset` is rebuilt by SQLite's procedure to change its CHECK list; no stored value changes.

CREATE TABLE new_asset (
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
    last_verified_on     TEXT,
    favourite            INTEGER NOT NULL DEFAULT 0 CHECK (favourite IN (0, 1)),
    private_notes        TEXT,
    import_hash          TEXT,
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL,
    service_type         TEXT CHECK (service_type IN ('counselling', 'bereavement', 'legal', 'stop_smoking', 'weight_management', 'drugs_alcohol', 'day_centre', 'support_group', 'self_help', 'community_service', 'voluntary_group', 'mental_health_team', 'arts_therapy', 'vocational_rehabilitation', 'community_meals')),
    fts_rowid            INTEGER,
    CHECK (min_age IS NULL OR max_age IS NULL OR min_age <= max_age)
) STRICT;

INSERT INTO new_asset (id, oruk_id, name, organisation, organisation_oruk_id, description, lga_service_type, phone,
    email, website, address, postcode, delivery, schedule_text, cost, cost_description, min_age, max_age, eligibility,
    wheelchair_access, hearing_loop, transport, access_notes, referral_route, referral_how, status, last_verified_on,
    favourite, private_notes, import_hash, created_at, updated_at, service_type, fts_rowid)
SELECT id, oruk_id, name, organisation, organisation_oruk_id, description, lga_service_type, phone,
    email, website, address, postcode, delivery, schedule_text, cost, cost_description, min_age, max_age, eligibility,
    wheelchair_access, hearing_loop, transport, access_notes, referral_route, referral_how, status, last_verified_on,
    favourite, private_notes, import_hash, created_at, updated_at, service_type, fts_rowid
FROM asset;

DROP TABLE asset;
ALTER TABLE new_asset RENAME TO asset;
CREATE INDEX asset_status ON asset (status, favourite);
CREATE INDEX asset_browse ON asset (favourite DESC, last_verified_on IS NULL, last_verified_on DESC, lower(name));

-- A mark keeps the line's value too, so a changed value comes back as a correction. Marks made
-- before this version did not keep it (value_known = 0): their value is not compared.
ALTER TABLE gp_line_entered ADD COLUMN line_value TEXT;
ALTER TABLE gp_line_entered ADD COLUMN value_known INTEGER NOT NULL DEFAULT 0 CHECK (value_known IN (0, 1));

-- When a person died, once recorded: their open episodes close ("died"), and they leave the
-- waiting list, reminders and prompts.
ALTER TABLE person ADD COLUMN date_of_death TEXT;

-- Consent to share has a purpose: sharing with the referrer is asked and recorded apart from
-- sharing with the GP practice. Every decision so far was about the GP practice (the letter
-- went to the referrer too, under that one consent): none is copied to the referrer, who gets a
-- plain notice until the person is asked. `consent_decision` is rebuilt for its CHECK list.
CREATE TABLE new_consent_decision (
    id          TEXT PRIMARY KEY NOT NULL,
    person_id   TEXT NOT NULL REFERENCES person (id),
    purpose     TEXT NOT NULL CHECK (purpose IN ('share_with_gp', 'share_with_referrer')),
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

-- When an open concern is next to be looked at: overdue ones are marked on the Open concerns list.
ALTER TABLE risk_concern ADD COLUMN review_on TEXT;
