-- 0013: colleagues whose handovers this vault accepts (issue 32). A handover is signed by the
-- vault that made it; the receiver accepts a colleague's signing key once, after comparing its
-- fingerprint with them by phone, and after that takes their handovers without asking.

CREATE TABLE colleague_key (
    -- The colleague's Ed25519 public signing key, hex (64 digits).
    signer_key   TEXT PRIMARY KEY NOT NULL CHECK (length(signer_key) = 64),
    -- The short fingerprint they read out (20 hex digits in groups of four).
    fingerprint  TEXT NOT NULL UNIQUE,
    -- The name their handover carried when the key was accepted.
    name         TEXT,
    accepted_at  TEXT NOT NULL
) STRICT;
