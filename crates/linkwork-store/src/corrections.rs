//! Entered in error: a record is kept (shown struck through, for the audit) but left out of every
//! view's figures, counters and (later) GP codes. Nothing is deleted, and the mark cannot be undone
//! except by entering the record again.

use crate::{
    audit::{AuditAction, Entity},
    error::StoreError,
    write::Tx,
    Result,
};
use linkwork_core::{caseload::Correctable, ids::PersonId, vocab::RiskEntryKind};
use rusqlite::{params, OptionalExtension};

struct Target {
    table: &'static str,
    entity: Entity,
    what: &'static str,
    /// SQL giving the record's person, error date (if marked) and entry kind (risk entries) from `?1`.
    sql: &'static str,
}

fn target(c: &Correctable) -> (Target, &str) {
    macro_rules! via_episode {
        ($table:literal) => {
            concat!(
                "SELECT e.person_id, substr(x.entered_in_error_at, 1, 10), NULL FROM ",
                $table,
                " x JOIN episode e ON e.id = x.episode_id WHERE x.id = ?1"
            )
        };
    }
    match c {
        Correctable::Contact(id) => (
            Target {
                table: "contact",
                entity: Entity::Contact,
                what: "contact",
                sql: via_episode!("contact"),
            },
            id.as_str(),
        ),
        Correctable::Ons4(id) => (
            Target {
                table: "ons4_record",
                entity: Entity::Ons4Record,
                what: "ONS4 record",
                sql: via_episode!("ons4_record"),
            },
            id.as_str(),
        ),
        Correctable::Pam(id) => (
            Target {
                table: "pam_record",
                entity: Entity::PamRecord,
                what: "PAM record",
                sql: via_episode!("pam_record"),
            },
            id.as_str(),
        ),
        Correctable::Onward(id) => (
            Target {
                table: "onward_referral",
                entity: Entity::OnwardReferral,
                what: "onward referral",
                sql: via_episode!("onward_referral"),
            },
            id.as_str(),
        ),
        Correctable::Concern(id) => (
            Target {
                table: "risk_concern",
                entity: Entity::RiskConcern,
                what: "concern",
                sql: "SELECT person_id, substr(entered_in_error_at, 1, 10), NULL FROM risk_concern WHERE id = ?1",
            },
            id.as_str(),
        ),
        Correctable::RiskEntry(id) => (
            Target {
                table: "risk_entry",
                entity: Entity::RiskEntry,
                what: "risk log entry",
                sql: "SELECT person_id, substr(entered_in_error_at, 1, 10), kind || ' ' || concern_id FROM risk_entry WHERE id = ?1",
            },
            id.as_str(),
        ),
    }
}

/// Marks one record entered in error with the reason given; returns the person it belongs to.
/// Marking how a concern was raised marks the whole concern; marking how it was closed reopens it.
pub fn mark_entered_in_error(tx: &Tx<'_>, c: &Correctable, reason: &str) -> Result<PersonId> {
    let (t, id) = target(c);
    let (person, marked_on, entry): (String, Option<String>, Option<String>) = tx
        .conn()
        .query_row(t.sql, [id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?
        .ok_or(StoreError::NotFound(t.what))?;
    if let Some(on) = marked_on {
        return Err(StoreError::EnteredInError(t.what, on));
    }
    mark(tx, t.table, t.entity, id, reason)?;
    if let Correctable::Contact(_) = c {
        // The person was never actually seen: back on the waiting list.
        let waiting = tx.conn().execute(
            "UPDATE episode SET status = 'waiting', updated_at = ?2
             WHERE id = (SELECT episode_id FROM contact WHERE id = ?1) AND status = 'active'
               AND NOT EXISTS (SELECT 1 FROM contact c WHERE c.episode_id = episode.id
                               AND c.outcome = 'took_place' AND c.entered_in_error_at IS NULL)",
            params![id, tx.now()],
        )?;
        if waiting > 0 {
            let episode: String =
                tx.conn()
                    .query_row("SELECT episode_id FROM contact WHERE id = ?1", [id], |r| {
                        r.get(0)
                    })?;
            tx.audit_fields(AuditAction::Update, Entity::Episode, &episode, &["status"])?;
        }
    }
    if let Some((kind, concern)) = entry.as_deref().and_then(|e| e.split_once(' ')) {
        match RiskEntryKind::from_slug(kind) {
            Some(RiskEntryKind::Raised) => {
                let live: bool = tx.conn().query_row(
                    "SELECT entered_in_error_at IS NULL FROM risk_concern WHERE id = ?1",
                    [concern],
                    |r| r.get(0),
                )?;
                if live {
                    mark(tx, "risk_concern", Entity::RiskConcern, concern, reason)?;
                }
            }
            Some(RiskEntryKind::Cleared) => {
                tx.conn().execute(
                    "UPDATE risk_concern SET closed_on = NULL, updated_at = ?2 WHERE id = ?1",
                    params![concern, tx.now()],
                )?;
                tx.audit_fields(
                    AuditAction::Update,
                    Entity::RiskConcern,
                    concern,
                    &["closed_on"],
                )?;
            }
            _ => {}
        }
    }
    Ok(person.into())
}

fn mark(tx: &Tx<'_>, table: &str, entity: Entity, id: &str, reason: &str) -> Result<()> {
    tx.conn().execute(
        &format!("UPDATE {table} SET entered_in_error_at = ?2, error_reason = ?3 WHERE id = ?1"),
        params![id, tx.now(), reason],
    )?;
    tx.audit(AuditAction::EnteredInError, entity, Some(id))
}
