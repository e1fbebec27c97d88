//! The audit trail: what was done to which record, when, and by whom. Never patient content.
//!
//! Actions and entities are enums, so no caller can write free text into the trail. The `actor`
//! (whose work this is, once teams merge data) and the hash chain columns exist from data version 5;
//! the hardening work fills them.

use crate::{write::Read, Result};
use rusqlite::Connection;

macro_rules! audit_words {
    ($(#[$m:meta])* $name:ident { $($variant:ident = $slug:literal),* $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name { $($variant),* }
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),*];
            /// The stored word; never change one once shipped.
            pub fn as_str(self) -> &'static str { match self { $($name::$variant => $slug),* } }
            pub fn from_word(s: &str) -> Option<Self> { match s { $($slug => Some($name::$variant),)* _ => None } }
        }
    };
}

audit_words!(
    /// What was done.
    AuditAction {
        Create = "create",
        Update = "update",
        Delete = "delete",
        Import = "import",
        Unlock = "unlock",
        Lock = "lock",
        Check = "check",
        Migrate = "migrate",
        EnteredInError = "entered_in_error",
        Close = "close",
        Merge = "merge",
        Backup = "backup",
        // A person's records sealed in a handover for a colleague.
        Export = "export",
        Restore = "restore",
    }
);

audit_words!(
    /// The kind of record it was done to.
    Entity {
        Vault = "vault",
        VaultPassphrase = "vault_passphrase",
        VaultRecovery = "vault_recovery",
        // The vault's own age identity (handover key, backups).
        VaultIdentity = "vault_identity",
        Settings = "settings",
        Person = "person",
        Episode = "episode",
        Contact = "contact",
        ContactDraft = "contact_draft",
        Goal = "goal",
        PlanAction = "plan_action",
        RiskEntry = "risk_entry",
        RiskConcern = "risk_concern",
        ConsentDecision = "consent_decision",
        Ons4Record = "ons4_record",
        PamRecord = "pam_record",
        Asset = "asset",
        OnwardReferral = "onward_referral",
        // A practice's own SNOMED code; a line marked entered in the GP record (or corrected).
        GpLocalCode = "gp_local_code",
        GpLine = "gp_line",
    }
);

/// Appends one row. Only [`crate::write::Tx`] and the vault's own lifecycle call this.
pub(crate) fn record(
    conn: &Connection,
    at: &str,
    action: AuditAction,
    entity: Entity,
    entity_id: Option<&str>,
    fields: &[&'static str],
) -> Result<()> {
    let row = rusqlite::params![at, action.as_str(), entity.as_str(), entity_id];
    if fields.is_empty() {
        // Also what a migration records, on any data version.
        conn.execute(
            "INSERT INTO audit_log (at, action, entity, entity_id) VALUES (?1, ?2, ?3, ?4)",
            row,
        )?;
    } else {
        conn.execute(
            "INSERT INTO audit_log (at, action, entity, entity_id, fields) VALUES (?1, ?2, ?3, ?4, ?5)",
            rusqlite::params![at, action.as_str(), entity.as_str(), entity_id, fields.join(",")],
        )?;
    }
    Ok(())
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub at: String,
    pub action: AuditAction,
    pub entity: Entity,
    pub entity_id: Option<String>,
    /// Whose work this is; `None` is this vault's own link worker.
    pub actor: Option<String>,
    /// The fields an update changed (names only).
    pub fields: Vec<String>,
}

/// The newest `limit` entries, newest first.
pub fn recent(r: Read<'_>, limit: u32) -> Result<Vec<AuditEntry>> {
    let mut stmt = r.conn().prepare(
        "SELECT at, action, entity, entity_id, actor, fields FROM audit_log ORDER BY id DESC LIMIT ?1",
    )?;
    let rows = stmt.query_map([limit], |row| {
        let word = |i: usize, s: String| {
            rusqlite::Error::InvalidColumnType(i, s, rusqlite::types::Type::Text)
        };
        let action: String = row.get(1)?;
        let entity: String = row.get(2)?;
        Ok(AuditEntry {
            at: row.get(0)?,
            action: AuditAction::from_word(&action).ok_or_else(|| word(1, action))?,
            entity: Entity::from_word(&entity).ok_or_else(|| word(2, entity))?,
            entity_id: row.get(3)?,
            actor: row.get(4)?,
            fields: row
                .get::<_, Option<String>>(5)?
                .map(|f| f.split(',').map(str::to_owned).collect())
                .unwrap_or_default(),
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
