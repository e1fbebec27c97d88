//! Linkwork's encrypted store.
//!
//! Architecture invariants:
//! - No code path opens the database without the key: [`db::open`] is private to this crate and
//!   only [`Vault`] calls it, after unwrapping the key from an age file.
//! - Fail closed: a missing, unreadable or damaged file is an error; nothing here ever creates a
//!   database over an existing data folder, and a database that turns out to be plaintext is refused.
//! - The raw key lives only in [`keys::RawKey`] (zeroized on drop) and is never formatted for display.
//! - Every write that changes a record also writes an `audit_log` row in the same transaction.

pub mod assets;
pub mod audit;
pub mod caseload;
mod db;
pub mod error;
pub mod keys;
pub mod migrations;
pub mod outcomes;
pub mod paths;
pub mod settings;
pub mod vault;

pub use error::StoreError;
pub use keys::{KdfCost, RecoveryIdentity, RecoveryRecipient};
pub use rusqlite::Connection;
pub use vault::{IntegrityReport, Vault, VaultMeta, VaultState};

pub type Result<T, E = StoreError> = std::result::Result<T, E>;
