-- 0005: room in the audit trail for who did it (once a team's vaults are merged) and for a hash
-- chain (each row's hash covers the row and the previous hash). Both stay NULL until the
-- hardening work fills them; NULL actor means this vault's own link worker.
ALTER TABLE audit_log ADD COLUMN actor TEXT;
ALTER TABLE audit_log ADD COLUMN prev_hash TEXT;
ALTER TABLE audit_log ADD COLUMN hash TEXT;
