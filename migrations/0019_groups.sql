-- 0019: group activities the link worker runs or attends (a walking group, a peer group), their
-- sessions and the register. Not the population groups a person belongs to (`person_tag`).
-- Each register row is a contact in the person's open episode ("group"), so the GP's "seen" line,
-- the caseload's "not reached" and the report all follow the rules contacts already have.

CREATE TABLE group_activity (
    id         TEXT PRIMARY KEY NOT NULL,
    name       TEXT NOT NULL CHECK (length(trim(name)) > 0),
    -- The directory entry it is, when it is one.
    asset_id   TEXT REFERENCES asset (id),
    place      TEXT,
    closed_on  TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

CREATE INDEX group_activity_asset ON group_activity (asset_id);

-- Who is booked onto the group's sessions.
CREATE TABLE group_member (
    group_id   TEXT NOT NULL REFERENCES group_activity (id),
    person_id  TEXT NOT NULL REFERENCES person (id),
    joined_on  TEXT NOT NULL,
    left_on    TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (group_id, person_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX group_member_person ON group_member (person_id);

CREATE TABLE group_session (
    id               TEXT PRIMARY KEY NOT NULL,
    group_id         TEXT NOT NULL REFERENCES group_activity (id),
    -- UK local 'YYYY-MM-DDTHH:MM', like a contact's time.
    starts_at        TEXT NOT NULL,
    duration_minutes INTEGER NOT NULL CHECK (duration_minutes BETWEEN 1 AND 600),
    place            TEXT,
    -- When the register was first saved.
    register_at      TEXT,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
) STRICT;

CREATE INDEX group_session_group ON group_session (group_id, starts_at);

-- One row per person on a session's register: what it says, and the contact it made. A corrected
-- row points at its new contact; the old one is marked entered in error.
CREATE TABLE group_attendance (
    session_id TEXT NOT NULL REFERENCES group_session (id),
    person_id  TEXT NOT NULL REFERENCES person (id),
    attendance TEXT NOT NULL CHECK (attendance IN ('attended', 'did_not_attend', 'apologies')),
    contact_id TEXT NOT NULL REFERENCES contact (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (session_id, person_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX group_attendance_person ON group_attendance (person_id);
CREATE INDEX group_attendance_contact ON group_attendance (contact_id);
