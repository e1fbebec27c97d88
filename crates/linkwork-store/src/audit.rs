//! The audit trail: what was done to which record, when, and by whom. Never patient content.
//!
//! Actions and entities are enums, so no caller can write free text into the trail. The `actor`
//! column (whose work this is, once teams merge data) stays empty for now. Every row is chained to
//! the one before ([`verify`], `linkwork audit verify`), so tampering shows by row: by HMAC-SHA-256
//! with the trail's own key from the first row this version writes, by plain SHA-256 before. The
//! key is random and kept inside the encrypted database (so it survives the rekey at every
//! credential change); rows from `from` on must carry its MAC, so none can be rewritten without it.
//! Ids are never reused (AUTOINCREMENT), and an [`Anchor`] (rows, newest row and its hash) goes
//! into each backup's signed manifest and each report pack, so [`check_anchor`] shows the newest
//! rows deleted, which a chain alone cannot.

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
        // Everything held about a person, copied out for them (a subject access request).
        SubjectAccess = "subject_access",
        // A person's records removed completely (their right to erasure).
        Erase = "erase",
        // Closed episodes past the retention period removed.
        Purge = "purge",
        // Written to a file unencrypted, at the person's request (a GP letter or FHIR file, the
        // directory, a report's plain copy): the file is outside the vault's protection.
        SaveUnencrypted = "save_unencrypted",
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
        // The monthly report (its id is the period).
        Report = "report",
        // A colleague's signing key, accepted for handovers (its id is the fingerprint).
        ColleagueKey = "colleague_key",
        // A GP practice the link worker serves (Settings).
        Practice = "practice",
        // A proactive outreach list, and one person on it.
        OutreachList = "outreach_list",
        OutreachEntry = "outreach_entry",
        // A group activity and one of its sessions (its register).
        Group = "group_activity",
        GroupSession = "group_session",
        // Who cares for whom.
        CarerLink = "carer_link",
        // A de-identified case study.
        CaseStudy = "case_study",
    }
);

/// Appends one row. Only [`crate::write::Tx`] and the vault's own lifecycle call this. From data
/// version 6 each row is chained: it stores the previous row's hash and the SHA-256 of its own
/// content with that hash, so an edited, deleted, inserted or reordered row shows in [`verify`].
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
        conn.prepare_cached(
            "INSERT INTO audit_log (at, action, entity, entity_id) VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(row)?;
    } else {
        conn.prepare_cached(
            "INSERT INTO audit_log (at, action, entity, entity_id, fields) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(rusqlite::params![at, action.as_str(), entity.as_str(), entity_id, fields.join(",")])?;
    }
    if chained(conn) {
        use rusqlite::OptionalExtension;
        let id = conn.last_insert_rowid();
        let before_unsealed = conn
            .prepare_cached(
                "SELECT hash IS NULL FROM audit_log WHERE id < ?1 ORDER BY id DESC LIMIT 1",
            )?
            .query_row([id], |r| r.get::<_, bool>(0))
            .optional()?
            .unwrap_or(false);
        if before_unsealed {
            // Rows from before the chain (an upgraded vault): chain them all first, this one last.
            chain_unsealed(conn)?;
        } else {
            seal_row(conn, id)?;
        }
    }
    Ok(())
}

/// Whether this data version has the chain's columns and every column it covers (6 and later;
/// rows written before are chained when a later version first writes one).
fn chained(conn: &Connection) -> bool {
    conn.prepare_cached("SELECT hash, fields FROM audit_log LIMIT 0")
        .is_ok()
}

const ROW: &str = "SELECT id, at, action, entity, entity_id, actor, fields FROM audit_log";

/// What a row's hash covers: every column but the hash, and the previous row's hash.
fn content(row: &rusqlite::Row<'_>, prev: &str) -> rusqlite::Result<String> {
    let text = |i: usize| -> rusqlite::Result<String> {
        Ok(row.get::<_, Option<String>>(i)?.unwrap_or_default())
    };
    Ok(format!(
        "{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{prev}",
        row.get::<_, i64>(0)?,
        text(1)?,
        text(2)?,
        text(3)?,
        text(4)?,
        text(5)?,
        text(6)?
    ))
}

fn sha256(s: &str) -> String {
    use sha2::{Digest, Sha256};
    hex::encode(Sha256::digest(s.as_bytes()))
}

/// The data version from which every vault has a chain key.
const KEYED_FROM_VERSION: u32 = 14;

/// The chain's key, in `settings` as `{"key": hex, "from": first keyed row}`.
const KEY_SETTING: &str = "audit_chain_key";

struct ChainKey {
    key: zeroize::Zeroizing<Vec<u8>>,
    from: i64,
}

impl ChainKey {
    fn read(conn: &Connection) -> Result<Option<Self>> {
        use rusqlite::OptionalExtension;
        let text: Option<String> = conn
            .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
            .query_row([KEY_SETTING], |r| r.get(0))
            .optional()?;
        let Some(text) = text else { return Ok(None) };
        let damaged = || {
            crate::error::StoreError::IntegrityFailed("the audit trail's key is unreadable".into())
        };
        let v: serde_json::Value = serde_json::from_str(&text).map_err(|_| damaged())?;
        let key = v["key"]
            .as_str()
            .and_then(|k| hex::decode(k).ok())
            .filter(|k| k.len() == 32)
            .ok_or_else(damaged)?;
        let from = v["from"].as_i64().ok_or_else(damaged)?;
        Ok(Some(Self {
            key: zeroize::Zeroizing::new(key),
            from,
        }))
    }

    /// Made with the first row sealed by this version: a fresh random key, keyed from `from`.
    fn create(conn: &Connection, at: &str, from: i64) -> Result<Self> {
        let key = zeroize::Zeroizing::new(crate::keys::RawKey::generate().bytes().to_vec());
        let value = zeroize::Zeroizing::new(
            serde_json::json!({"key": hex::encode(&*key), "from": from}).to_string(),
        );
        conn.execute(
            "INSERT INTO settings (key, value, updated_at) VALUES (?1, ?2, ?3)",
            rusqlite::params![KEY_SETTING, &*value, at],
        )?;
        Ok(Self { key, from })
    }

    fn mac(&self, content: &str) -> String {
        use hmac::{Mac, SimpleHmac};
        let mut m = <SimpleHmac<sha2::Sha256> as Mac>::new_from_slice(&self.key)
            .expect("HMAC takes any key length");
        m.update(content.as_bytes());
        hex::encode(m.finalize().into_bytes())
    }
}

/// A keyed hash under the trail's key (with its own label, so it is never a row's MAC), for what
/// must be matched later but never read: an erased person's NHS number.
pub(crate) fn keyed_hash(conn: &Connection, label: &str, text: &str) -> Result<String> {
    let key = ChainKey::read(conn)?.ok_or_else(|| {
        crate::error::StoreError::IntegrityFailed("the audit trail's key is missing".into())
    })?;
    Ok(key.mac(&format!("linkwork {label}\u{0}{text}")))
}

/// A row's hash: keyed from the key's first row on, plain SHA-256 before.
fn digest(key: Option<&ChainKey>, id: i64, content: &str) -> String {
    match key {
        Some(k) if id >= k.from => k.mac(content),
        _ => sha256(content),
    }
}

/// Chains row `id` onto the row before it.
fn seal_row(conn: &Connection, id: i64) -> Result<()> {
    use rusqlite::OptionalExtension;
    let prev: String = conn
        .query_row(
            "SELECT hash FROM audit_log WHERE id < ?1 ORDER BY id DESC LIMIT 1",
            [id],
            |r| r.get::<_, Option<String>>(0),
        )
        .optional()?
        .flatten()
        .unwrap_or_default();
    let own = conn.query_row(&format!("{ROW} WHERE id = ?1"), [id], |r| content(r, &prev))?;
    let key = match ChainKey::read(conn)? {
        Some(k) => k,
        None => {
            let at: String =
                conn.query_row("SELECT at FROM audit_log WHERE id = ?1", [id], |r| r.get(0))?;
            ChainKey::create(conn, &at, id)?
        }
    };
    conn.execute(
        "UPDATE audit_log SET prev_hash = ?2, hash = ?3 WHERE id = ?1",
        rusqlite::params![id, prev, digest(Some(&key), id, &own)],
    )?;
    Ok(())
}

/// Chains rows written before the chain existed (once, at the first unlock that finds any).
pub(crate) fn chain_unsealed(conn: &Connection) -> Result<()> {
    if !chained(conn) {
        return Ok(());
    }
    let unsealed: Vec<i64> = conn
        .prepare("SELECT id FROM audit_log WHERE hash IS NULL ORDER BY id")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for id in unsealed {
        seal_row(conn, id)?;
    }
    Ok(())
}

/// A row that breaks the chain, and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainBreak {
    /// The row's number in the trail (its id).
    pub row: i64,
    pub at: String,
    pub problem: &'static str,
}

/// The whole trail checked: rows read, and every place the chain breaks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    pub rows: u64,
    pub breaks: Vec<ChainBreak>,
}

/// Walks the trail in order, recomputing each row's hash from its content and the row before.
pub fn verify(r: Read<'_>) -> Result<Verified> {
    let conn = r.conn();
    let key = ChainKey::read(conn)?;
    let mut out = Verified {
        rows: 0,
        breaks: vec![],
    };
    if key.is_none() && crate::migrations::version_of(conn)? >= KEYED_FROM_VERSION {
        // Every vault at this version sealed a row (its upgrade or creation) and so has a key.
        if let Ok((row, at)) = conn.query_row(
            "SELECT id, at FROM audit_log ORDER BY id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        ) {
            out.breaks.push(ChainBreak {
                row,
                at,
                problem: "cannot be checked: the trail's key has been removed from the vault",
            });
        }
    }
    let mut stmt = conn.prepare(
        "SELECT id, at, action, entity, entity_id, actor, fields, prev_hash, hash FROM audit_log ORDER BY id",
    )?;
    let mut rows = stmt.query([])?;
    let mut prev = String::new();
    while let Some(row) = rows.next()? {
        out.rows += 1;
        let id: i64 = row.get(0)?;
        let at: String = row.get(1)?;
        let stored_prev: String = row.get::<_, Option<String>>(7)?.unwrap_or_default();
        let stored: Option<String> = row.get(8)?;
        let problem = if stored.is_none() {
            Some("has no hash: it was added outside Linkwork")
        } else if stored_prev != prev {
            Some("does not follow the row before it: a row was deleted, inserted or moved here")
        } else if stored.as_deref()
            != Some(digest(key.as_ref(), id, &content(row, &prev)?).as_str())
        {
            Some("was changed after it was written")
        } else {
            None
        };
        if let Some(problem) = problem {
            out.breaks.push(ChainBreak {
                row: id,
                at,
                problem,
            });
        }
        prev = stored.unwrap_or_default();
    }
    Ok(out)
}

/// Where the trail stood at a moment (a backup, a report): anyone holding this can later tell
/// whether the rows up to it are all still there, unchanged.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Anchor {
    /// Rows in the trail.
    pub rows: u64,
    /// The newest row's id, and its hash.
    pub head_row: i64,
    pub head_hash: String,
}

/// The trail's anchor now; `None` while it has no sealed row.
pub(crate) fn anchor_on(conn: &Connection) -> Result<Option<Anchor>> {
    use rusqlite::OptionalExtension;
    let rows: u64 = conn.query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))?;
    let head = conn
        .query_row(
            "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get::<_, i64>(0)?, r.get::<_, Option<String>>(1)?)),
        )
        .optional()?;
    Ok(match head {
        Some((head_row, Some(head_hash))) => Some(Anchor {
            rows,
            head_row,
            head_hash,
        }),
        _ => None,
    })
}

pub fn anchor(r: Read<'_>) -> Result<Option<Anchor>> {
    anchor_on(r.conn())
}

/// The live trail beside an anchor taken earlier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnchorCheck {
    /// Every row up to the anchor is here as it was; `since` rows were added after it.
    Holds { since: u64 },
    /// The trail now ends before the anchor's newest row: the newest rows were deleted.
    NewestGone {
        head_row: i64,
        last_row: Option<i64>,
    },
    /// The anchor's newest row is here but not as it was: the trail was rewritten.
    Rewritten { row: i64 },
    /// Rows up to the anchor are missing (or added) though its newest row is unchanged.
    CountDiffers { expected: u64, found: u64 },
}

/// Compares the live trail with `a`. With [`verify`] finding no break, `Holds` means nothing up
/// to the anchor was deleted, changed or inserted.
pub fn check_anchor(r: Read<'_>, a: &Anchor) -> Result<AnchorCheck> {
    use rusqlite::OptionalExtension;
    let conn = r.conn();
    let hash: Option<Option<String>> = conn
        .query_row(
            "SELECT hash FROM audit_log WHERE id = ?1",
            [a.head_row],
            |r| r.get(0),
        )
        .optional()?;
    let Some(hash) = hash else {
        let last: Option<i64> =
            conn.query_row("SELECT max(id) FROM audit_log", [], |r| r.get(0))?;
        return Ok(AnchorCheck::NewestGone {
            head_row: a.head_row,
            last_row: last,
        });
    };
    if hash.as_deref() != Some(a.head_hash.as_str()) {
        return Ok(AnchorCheck::Rewritten { row: a.head_row });
    }
    let (upto, after): (u64, u64) = conn.query_row(
        "SELECT count(*) FILTER (WHERE id <= ?1), count(*) FILTER (WHERE id > ?1) FROM audit_log",
        [a.head_row],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    if upto != a.rows {
        return Ok(AnchorCheck::CountDiffers {
            expected: a.rows,
            found: upto,
        });
    }
    Ok(AnchorCheck::Holds { since: after })
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    /// The row's number in the trail (as `verify` names rows).
    pub row: i64,
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
    page(r, None, limit)
}

/// Up to `limit` entries before row `before` (or the newest), newest first: the Settings viewer.
pub fn page(r: Read<'_>, before: Option<i64>, limit: u32) -> Result<Vec<AuditEntry>> {
    entries(
        r,
        "WHERE id < ?1 ORDER BY id DESC LIMIT ?2",
        rusqlite::params![before.unwrap_or(i64::MAX), limit],
    )
}

/// Every entry about one of `ids` (a person's records), oldest first.
pub fn about(r: Read<'_>, ids: &[String]) -> Result<Vec<AuditEntry>> {
    let ids = serde_json::to_string(ids).expect("ids serialise");
    entries(
        r,
        "WHERE entity_id IN (SELECT value FROM json_each(?1)) ORDER BY id",
        [ids],
    )
}

fn entries(r: Read<'_>, tail: &str, params: impl rusqlite::Params) -> Result<Vec<AuditEntry>> {
    let mut stmt = r.conn().prepare(&format!(
        "SELECT id, at, action, entity, entity_id, actor, fields FROM audit_log {tail}"
    ))?;
    let rows = stmt.query_map(params, |row| {
        let word = |i: usize, s: String| {
            rusqlite::Error::InvalidColumnType(i, s, rusqlite::types::Type::Text)
        };
        let action: String = row.get(2)?;
        let entity: String = row.get(3)?;
        Ok(AuditEntry {
            row: row.get(0)?,
            at: row.get(1)?,
            action: AuditAction::from_word(&action).ok_or_else(|| word(2, action))?,
            entity: Entity::from_word(&entity).ok_or_else(|| word(3, entity))?,
            entity_id: row.get(4)?,
            actor: row.get(5)?,
            fields: row
                .get::<_, Option<String>>(6)?
                .map(|f| f.split(',').map(str::to_owned).collect())
                .unwrap_or_default(),
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
