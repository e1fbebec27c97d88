//! Schema migrations: numbered SQL files in `migrations/`, embedded at build time.
//!
//! All pending migrations run in ONE transaction, and `user_version` moves only if every one
//! succeeds. A database whose `user_version` is newer than the newest migration is refused.

use crate::{error::StoreError, Result};
use rusqlite::{Connection, TransactionBehavior};

#[derive(Debug, Clone, Copy)]
pub struct Migration {
    pub version: u32,
    pub name: &'static str,
    pub sql: &'static str,
}

/// The migrations shipped in this build, in order.
pub static MIGRATIONS: &[Migration] = include!(concat!(env!("OUT_DIR"), "/migrations.rs"));

/// The data version this build writes.
pub fn latest_version() -> u32 {
    MIGRATIONS.last().map_or(0, |m| m.version)
}

pub fn user_version(conn: &Connection) -> Result<u32> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

/// What `migrate` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Migrated {
    pub from: u32,
    pub to: u32,
}

/// Brings the database up to the newest of `migrations`. `before` runs first when an existing
/// (non-empty) database is about to change: the vault uses it to write an encrypted backup.
pub fn migrate(
    conn: &mut Connection,
    migrations: &[Migration],
    before: impl FnOnce(&Connection, u32, u32) -> Result<()>,
) -> Result<Migrated> {
    let from = user_version(conn)?;
    let latest = migrations.last().map_or(0, |m| m.version);
    if from > latest {
        return Err(StoreError::NewerVersion {
            found: from,
            supported: latest,
        });
    }
    if from == latest {
        return Ok(Migrated { from, to: from });
    }
    if from > 0 {
        before(conn, from, latest)?;
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    for m in migrations.iter().filter(|m| m.version > from) {
        tx.execute_batch(m.sql)
            .map_err(|e| StoreError::MigrationFailed {
                version: m.version,
                name: m.name.to_string(),
                reason: e.to_string(),
            })?;
    }
    tx.pragma_update(None, "user_version", latest)?;
    crate::audit::record(&tx, "migrate", "vault", Some(&latest.to_string()))?;
    tx.commit()?;
    Ok(Migrated { from, to: latest })
}
