-- 0014: the audit trail never reuses an id (issue 32). Without AUTOINCREMENT, deleting the newest
-- rows lets the next row take the first deleted id, so the gap would not show. Rebuilt by SQLite's
-- procedure; every row keeps its id, hashes and values (sqlite_sequence starts at the newest id).
-- From this version on, the chain is keyed (HMAC) with a key the first sealed row creates.

CREATE TABLE new_audit_log (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    at        TEXT NOT NULL,
    action    TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id TEXT,
    actor     TEXT,
    prev_hash TEXT,
    hash      TEXT,
    fields    TEXT
) STRICT;

INSERT INTO new_audit_log (id, at, action, entity, entity_id, actor, prev_hash, hash, fields)
SELECT id, at, action, entity, entity_id, actor, prev_hash, hash, fields FROM audit_log ORDER BY id;

DROP TABLE audit_log;
ALTER TABLE new_audit_log RENAME TO audit_log;
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);
