-- 0021: carers (issue 36). Who cares for whom: each side a person here, or (for one side) a name
-- only, with the relationship. Both people's pages show the link; a carer named only can be
-- referred in their own right, and the link then points at their new record.

CREATE TABLE carer_link (
    id                  TEXT PRIMARY KEY NOT NULL,
    carer_person_id     TEXT REFERENCES person (id),
    cared_for_person_id TEXT REFERENCES person (id),
    -- The side who is not on the caseload: their name only.
    other_name          TEXT CHECK (other_name IS NULL OR length(trim(other_name)) > 0),
    relationship        TEXT,
    since               TEXT NOT NULL,
    ended_on            TEXT,
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    CHECK (carer_person_id IS NOT NULL OR cared_for_person_id IS NOT NULL),
    CHECK ((carer_person_id IS NULL OR cared_for_person_id IS NULL) = (other_name IS NOT NULL)),
    CHECK (carer_person_id IS NULL OR carer_person_id <> cared_for_person_id OR cared_for_person_id IS NULL)
) STRICT;

CREATE INDEX carer_link_carer ON carer_link (carer_person_id);
CREATE INDEX carer_link_cared_for ON carer_link (cared_for_person_id);
