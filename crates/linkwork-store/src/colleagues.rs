//! Colleagues whose handovers this vault accepts, by their vault's signing key.
//!
//! Trust on first use, as Signal's safety numbers: the first handover from a colleague shows the
//! fingerprint of the key that signed it, the two compare it by phone, and the receiver accepts it.
//! After that their handovers go straight through; a handover signed by any other key (a
//! stranger's, or the colleague's new key after they changed their passphrase) asks again.
//! Invariant: no handover row is written unless its signer is in `colleague_key` in the same
//! transaction.

use crate::{
    audit::{AuditAction, Entity},
    error::StoreError,
    keys::SignerKey,
    write::{Read, Tx},
    Result,
};
use rusqlite::{Connection, OptionalExtension};

/// An accepted colleague.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Colleague {
    pub fingerprint: String,
    /// The name their handover carried when accepted.
    pub name: Option<String>,
    /// RFC 3339, UTC.
    pub accepted_at: String,
}

/// What this vault knows of a handover's signer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Trust {
    /// Accepted before.
    Accepted,
    /// Never seen.
    New,
    /// A colleague of this name was accepted with another key: they may have changed their
    /// passphrase (which makes a new key), or someone is using their name.
    Changed { name: String },
}

fn accepted(conn: &Connection, key: &SignerKey) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM colleague_key WHERE signer_key = ?1)")?
        .query_row([key.to_hex()], |r| r.get(0))?)
}

/// Whether `key` is accepted, and if not whether `from` (the name in the handover) was accepted
/// with another key.
pub fn trust_of(r: Read<'_>, key: &SignerKey, from: Option<&str>) -> Result<Trust> {
    let conn = r.conn();
    if accepted(conn, key)? {
        return Ok(Trust::Accepted);
    }
    let Some(from) = from.map(str::trim).filter(|f| !f.is_empty()) else {
        return Ok(Trust::New);
    };
    let known: Option<String> = conn
        .query_row(
            "SELECT name FROM colleague_key WHERE lower(trim(name)) = lower(?1) LIMIT 1",
            [from],
            |r| r.get(0),
        )
        .optional()?;
    Ok(known.map_or(Trust::New, |name| Trust::Changed { name }))
}

/// The gate every handover import passes, inside its transaction: the signer must be accepted
/// already, or be accepted now by `accept`, the fingerprint the person compared (which must be
/// this key's). Anything else is refused before a row is read.
pub fn admit(tx: &Tx<'_>, key: &SignerKey, from: Option<&str>, accept: Option<&str>) -> Result<()> {
    if accepted(tx.conn(), key)? {
        return Ok(());
    }
    let fingerprint = key.fingerprint();
    let compared = accept.is_some_and(|a| same_fingerprint(a, &fingerprint));
    if !compared {
        let changed = match trust_of(tx.read(), key, from)? {
            Trust::Changed { name } => Some(name),
            _ => None,
        };
        return Err(StoreError::HandoverSignerNotAccepted {
            fingerprint,
            from: from.map(str::to_owned),
            changed,
        });
    }
    tx.conn().execute(
        "INSERT INTO colleague_key (signer_key, fingerprint, name, accepted_at) VALUES (?1, ?2, ?3, ?4)",
        rusqlite::params![
            key.to_hex(),
            fingerprint,
            from.map(str::trim).filter(|f| !f.is_empty()),
            tx.now()
        ],
    )?;
    tx.audit(
        AuditAction::Create,
        Entity::ColleagueKey,
        Some(&fingerprint),
    )
}

/// Fingerprints compare without spaces or case, as people type what they hear.
fn same_fingerprint(typed: &str, fingerprint: &str) -> bool {
    let norm = |s: &str| {
        s.chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_uppercase)
            .collect::<String>()
    };
    norm(typed) == norm(fingerprint)
}

/// Every accepted colleague, newest first.
pub fn list(r: Read<'_>) -> Result<Vec<Colleague>> {
    let mut stmt = r.conn().prepare(
        "SELECT fingerprint, name, accepted_at FROM colleague_key ORDER BY accepted_at DESC, fingerprint",
    )?;
    let rows = stmt
        .query_map([], |r| {
            Ok(Colleague {
                fingerprint: r.get(0)?,
                name: r.get(1)?,
                accepted_at: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Stops accepting handovers signed by the key with this fingerprint.
pub fn forget(tx: &Tx<'_>, fingerprint: &str) -> Result<()> {
    let gone = tx.conn().execute(
        "DELETE FROM colleague_key WHERE fingerprint = ?1",
        [fingerprint],
    )?;
    if gone == 0 {
        return Err(StoreError::NotFound("colleague's key"));
    }
    tx.audit(AuditAction::Delete, Entity::ColleagueKey, Some(fingerprint))
}
