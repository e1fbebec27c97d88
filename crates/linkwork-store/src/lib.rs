//! Linkwork's encrypted store.
//!
//! Architecture invariants:
//! - No code path opens the database without the key: [`db::open`] is private to this crate and
//!   only [`Vault`] calls it, after unwrapping the key from an age file.
//! - Fail closed: a missing, unreadable or damaged file is an error; nothing here ever creates a
//!   database over an existing data folder, and a database that turns out to be plaintext is refused.
//! - The raw key lives only in [`keys::RawKey`] (zeroized on drop) and is never formatted for display.
//! - One write path: data changes only inside [`write::Tx`], opened by [`Vault::write`] (or a job's
//!   [`write::Worker`]), and every record changed writes a typed audit row in that transaction.
//!   No caller outside this crate holds a database connection.
//! - Every file is written through [`files`]: temporary file, fsync, rename; never into the data
//!   folder unless it is the vault's own file; never replacing a file unasked.

pub mod asset_io;
pub mod assets;
pub mod audit;
pub mod backup;
pub mod carers;
pub mod case_studies;
pub mod caseload;
pub mod colleagues;
pub mod contacts;
pub mod corrections;
mod db;
pub mod episodes;
pub mod error;
pub mod files;
pub mod gp;
pub mod groups;
pub mod handover;
mod key_change;
pub mod keys;
pub mod merge;
pub mod migrations;
pub mod onward;
pub mod outcomes;
pub mod outreach;
pub mod paths;
pub mod people;
pub mod person_record;
#[cfg(feature = "bench-plaintext")]
pub mod plaintext_bench;
pub mod plan;
pub mod platform;
pub mod practices;
pub mod reach;
pub mod rights;
pub mod risks;
pub mod settings;
mod sql;
pub mod vault;
pub mod wipe;
pub mod write;

pub use error::StoreError;
pub use keys::{KdfCost, RecoveryIdentity, RecoveryRecipient, VaultIdentity};
pub use vault::{IntegrityReport, Options, Vault, VaultMeta, VaultState};
pub use write::{Read, Tx, Worker};

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// No core dumps for this process: a crash must not write the key, a passphrase or decrypted
/// records to disk. The app and the command line call this first thing; it returns whether it
/// took effect ([`platform::no_core_dumps`] says how, on each system).
pub fn no_core_dumps() -> bool {
    platform::no_core_dumps()
}
