//! linkwork-store integration tests: real encrypted databases and real age files in temp folders.
//!
//! - `backup`: backup while writing, verify, restore (passphrase, recovery key, stock age), refusals.
//! - `crash`: a writer process killed with SIGKILL at random points loses no acknowledged write.
//! - `handover`: three people into a vault holding one, previews, twice, conflicts, refusals.
//! - `key_change`: passphrase and recovery changes rekey the database; crashes at each step.
//! - `hardening`: one session per vault, private files, no core dumps.
//! - `vault`: create / lock / unlock, passphrase change, recovery, fail-closed cases.
//! - `migrations`: upgrade, rollback on failure, newer-version refusal, backups.
//! - `rights`: subject access copy, erasure, retention list and purge.
//! - `plaintext`: no patient text in any file the vault writes.
//! - `tables`: settings and audit_log queries.
//! - `assets`: the directory's search (FTS5) and filters, onward referrals and their outcomes.
//! - `import`: ORUK JSON and CSV import (examples, bad input, all-or-nothing, idempotence), export round trip.

mod assets;
mod backup;
#[cfg(unix)]
mod crash;
mod handover;
#[cfg(unix)]
mod hardening;
mod import;
mod key_change;
mod migrations;
mod plaintext;
mod rights;
mod schema;
mod tables;
mod util;
mod vault;
