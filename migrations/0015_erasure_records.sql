-- 0015: erased stays erased (issue 32). When a person is erased (or their whole record removed
-- after the retention period), the vault keeps a keyed hash of their NHS number and of their
-- record id — nothing readable — so a later handover that would bring them back says so first.

CREATE TABLE erasure_record (
    -- HMAC-SHA-256, under the vault's own key, of "nhs:<number>" or "record:<id>".
    key_hash   TEXT PRIMARY KEY NOT NULL CHECK (length(key_hash) = 64),
    erased_on  TEXT NOT NULL,
    reason     TEXT NOT NULL CHECK (reason IN ('erasure', 'retention'))
) STRICT;
