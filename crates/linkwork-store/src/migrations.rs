//! Schema migrations: numbered SQL files in `migrations/`, embedded at build time.
//!
//! All pending migrations run in ONE transaction, and `user_version` moves only if every one
//! succeeds. A database whose `user_version` is newer than the newest migration is refused.
//!
//! Foreign keys are off while migrations run (SQLite ignores the pragma inside a transaction, so it
//! is switched outside), so a migration can rebuild a table by SQLite's documented procedure —
//! `CREATE TABLE new_x …; INSERT INTO new_x SELECT … FROM x; DROP TABLE x; ALTER TABLE new_x
//! RENAME TO x;` then its indexes — without the DROP cascading into child rows. Before commit,
//! `PRAGMA foreign_key_check` must find nothing, or the whole upgrade is rolled back.

use crate::{
    audit::{AuditAction, Entity},
    error::StoreError,
    Result,
};
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

pub fn user_version(r: crate::write::Read<'_>) -> Result<u32> {
    version_of(r.conn())
}

pub(crate) fn version_of(conn: &Connection) -> Result<u32> {
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
pub(crate) fn migrate(
    conn: &mut Connection,
    migrations: &[Migration],
    now: &str,
    before: impl FnOnce(&Connection, u32, u32) -> Result<()>,
) -> Result<Migrated> {
    let from = version_of(conn)?;
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
    conn.execute_batch("PRAGMA foreign_keys = OFF")?;
    let result = apply(conn, migrations, from, latest, now);
    // Back on whatever happened: every other statement relies on it.
    conn.execute_batch("PRAGMA foreign_keys = ON")?;
    result?;
    Ok(Migrated { from, to: latest })
}

fn apply(
    conn: &mut Connection,
    migrations: &[Migration],
    from: u32,
    latest: u32,
    now: &str,
) -> Result<()> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    for m in migrations.iter().filter(|m| m.version > from) {
        let failed = |reason: String| StoreError::MigrationFailed {
            version: m.version,
            name: m.name.to_string(),
            reason,
        };
        tx.execute_batch(m.sql).map_err(|e| failed(e.to_string()))?;
        let broken = broken_links(&tx)?;
        if !broken.is_empty() {
            return Err(failed(format!(
                "it would leave records pointing at nothing ({})",
                broken.join(", ")
            )));
        }
    }
    tx.pragma_update(None, "user_version", latest)?;
    crate::audit::record(
        &tx,
        now,
        AuditAction::Migrate,
        Entity::Vault,
        Some(&latest.to_string()),
        &[],
    )?;
    tx.commit()?;
    Ok(())
}

/// One schema object: type, name, the table it belongs to, and its SQL.
pub(crate) type SchemaObject = (String, String, String, Option<String>);

/// Every table, index, trigger and view in `conn`'s main database (SQLite's own `sqlite_…`
/// objects aside), in a stable order.
pub(crate) fn schema_of(conn: &Connection) -> Result<Vec<SchemaObject>> {
    let mut stmt = conn.prepare(
        "SELECT type, name, tbl_name, sql FROM main.sqlite_schema \
         WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY type, name",
    )?;
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// The schema this build's migrations make at data `version`, built in memory (no data).
pub(crate) fn expected_schema(version: u32) -> Result<Vec<SchemaObject>> {
    let conn = Connection::open_in_memory()?;
    for m in MIGRATIONS.iter().filter(|m| m.version <= version) {
        conn.execute_batch(m.sql)?;
    }
    schema_of(&conn)
}

/// Tables with rows whose foreign key points at nothing (`PRAGMA foreign_key_check`).
pub(crate) fn broken_links(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("PRAGMA foreign_key_check")?;
    let mut tables: Vec<String> = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<Result<_, _>>()?;
    tables.dedup();
    Ok(tables)
}
