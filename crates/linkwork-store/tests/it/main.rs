//! linkwork-store integration tests: real encrypted databases and real age files in temp folders.
//!
//! - `audit_chain`: the keyed chain, ids never reused, a backup's anchor catching the newest rows deleted.
//! - `backup`: backup while writing, verify, restore (passphrase, recovery key, stock age), refusals.
//! - `crash`: a writer process killed (SIGKILL; TerminateProcess) at random points loses no acknowledged write.
//! - `groups`: a group's register writing one contact per person, corrected rows, merge and erasure.
//! - `handover`: three people into a vault holding one, previews, twice, conflicts, refusals.
//! - `signed_handover`: a colleague's key accepted once by fingerprint; forged, re-addressed, unsigned and strangers' packages refused.
//! - `key_change`: passphrase and recovery changes rekey the database; crashes at each step.
//! - `hardening`: one session per vault, private files (modes; owner-only ACLs), no core dumps.
//! - `vault`: create / lock / unlock, passphrase change, recovery, fail-closed cases.
//! - `places`: long paths, names with spaces and accents, another drive, OneDrive refused, ACLs read back.
//! - `migrations`: upgrade, rollback on failure, newer-version refusal, backups.
//! - `rights`: subject access copy, erasure, retention list and purge.
//! - `plaintext`: no patient text in any file the vault writes.
//! - `tables`: settings and audit_log queries.
//! - `assets`: the directory's search (FTS5) and filters, onward referrals and their outcomes.
//! - `import`: ORUK JSON and CSV import (examples, bad input, all-or-nothing, idempotence), export round trip.

mod assets;
mod audit_chain;
mod backup;
mod crash;
mod groups;
mod handover;
mod hardening;
mod import;
mod key_change;
mod migrations;
mod outreach;
mod places;
mod plaintext;
mod rights;
mod schema;
mod signed_handover;
mod tables;
mod util;
mod vault;
