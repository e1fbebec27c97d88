//! The audit trail: what was done to which record, when. Never patient content.

use crate::Result;
use chrono::Utc;
use rusqlite::Connection;

/// Appends one audit row. Call it inside the same transaction as the change it records.
pub fn record(
    conn: &Connection,
    action: &str,
    entity: &str,
    entity_id: Option<&str>,
) -> Result<()> {
    conn.execute(
        "INSERT INTO audit_log (at, action, entity, entity_id) VALUES (?1, ?2, ?3, ?4)",
        rusqlite::params![Utc::now().to_rfc3339(), action, entity, entity_id],
    )?;
    Ok(())
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub at: String,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<String>,
}

/// The newest `limit` entries, newest first.
pub fn recent(conn: &Connection, limit: u32) -> Result<Vec<AuditEntry>> {
    let mut stmt = conn
        .prepare("SELECT at, action, entity, entity_id FROM audit_log ORDER BY id DESC LIMIT ?1")?;
    let rows = stmt.query_map([limit], |r| {
        Ok(AuditEntry {
            at: r.get(0)?,
            action: r.get(1)?,
            entity: r.get(2)?,
            entity_id: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
