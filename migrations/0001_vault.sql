-- 0001: what the vault itself needs. Later migrations add the caseload, outcomes and assets.
-- Migration files never contain BEGIN/COMMIT: the runner applies all pending ones in one transaction.

-- Per-vault settings as JSON values, keyed by name (e.g. auto_lock_minutes).
CREATE TABLE settings (
    key        TEXT PRIMARY KEY NOT NULL,
    value      TEXT NOT NULL CHECK (json_valid(value)),
    updated_at TEXT NOT NULL
) STRICT;

-- Who-did-what trail. Never holds patient content: only the action, the kind of record and its id.
-- Hardening will add a hash chain column; keep rows append-only.
CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,              -- RFC 3339, UTC
    action    TEXT NOT NULL,              -- create, update, delete, unlock, lock, migrate, ...
    entity    TEXT NOT NULL,              -- vault, settings, person, ...
    entity_id TEXT                        -- stable record id (UUID) where there is one
) STRICT;

CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);
