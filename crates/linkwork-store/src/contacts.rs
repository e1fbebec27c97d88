//! Contacts with a person, and the draft of the one being written (saved every few seconds so a
//! crash or a flat battery loses nothing; saving the contact removes it in the same transaction).

use crate::{
    audit::{AuditAction, Entity},
    episodes::open_episode,
    error::StoreError,
    sql::{new_id, LOCAL_TIME},
    write::Tx,
    Result,
};
use chrono::NaiveDateTime;
use linkwork_core::{
    dates::format_date_gb,
    ids::{ContactId, EpisodeId},
    vocab::{ContactOutcome, ContactType, EpisodeStatus},
    ValidationError,
};
use rusqlite::params;

#[derive(Debug, Clone)]
pub struct ContactInput {
    pub episode_id: EpisodeId,
    pub occurred_at: NaiveDateTime,
    pub contact_type: ContactType,
    pub duration_minutes: Option<u32>,
    pub outcome: ContactOutcome,
    pub notes: Option<String>,
}

/// Records a contact. A contact that took place makes a waiting episode active; saving removes
/// the episode's draft in the same transaction.
pub fn add_contact(tx: &Tx<'_>, c: &ContactInput) -> Result<ContactId> {
    let head = open_episode(tx.read(), &c.episode_id)?;
    if c.occurred_at.date() < head.received_on {
        return Err(ValidationError::new(
            "occurred_at",
            format!(
                "The contact cannot be before the referral was received ({}).",
                format_date_gb(head.received_on)
            ),
        )
        .into());
    }
    let id: ContactId = new_id();
    let stamp = tx.now();
    let episode = c.episode_id.as_str();
    tx.conn().execute(
        "INSERT INTO contact (id, episode_id, occurred_at, contact_type, duration_minutes, outcome, notes, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
        params![
            id.as_str(),
            episode,
            c.occurred_at.format(LOCAL_TIME).to_string(),
            c.contact_type.slug(),
            c.duration_minutes,
            c.outcome.slug(),
            c.notes,
            stamp
        ],
    )?;
    tx.audit(AuditAction::Create, Entity::Contact, Some(id.as_str()))?;
    if head.status == EpisodeStatus::Waiting && c.outcome == ContactOutcome::TookPlace {
        tx.conn().execute(
            "UPDATE episode SET status = 'active', updated_at = ?2 WHERE id = ?1",
            params![episode, stamp],
        )?;
        tx.audit(AuditAction::Update, Entity::Episode, Some(episode))?;
    }
    if tx
        .conn()
        .execute("DELETE FROM contact_draft WHERE episode_id = ?1", [episode])?
        > 0
    {
        tx.audit(AuditAction::Delete, Entity::ContactDraft, Some(episode))?;
    }
    Ok(id)
}

/// How long the most recently saved contact took (any person): a new contact starts with it,
/// as most calls take about as long as the last.
pub fn last_duration(r: crate::Read<'_>) -> Result<Option<u32>> {
    use rusqlite::OptionalExtension;
    Ok(r.conn()
        .query_row(
            "SELECT duration_minutes FROM contact
             WHERE duration_minutes IS NOT NULL AND entered_in_error_at IS NULL
             ORDER BY created_at DESC, rowid DESC LIMIT 1",
            [],
            |row| row.get(0),
        )
        .optional()?)
}

/// Saves the contact form being written (JSON from the UI). Called every few seconds, so only the
/// first save of a draft is audited.
pub fn save_draft(tx: &Tx<'_>, episode: &EpisodeId, form: &str) -> Result<()> {
    open_episode(tx.read(), episode)?;
    let existed: bool = tx.conn().query_row(
        "SELECT EXISTS (SELECT 1 FROM contact_draft WHERE episode_id = ?1)",
        [episode.as_str()],
        |r| r.get(0),
    )?;
    tx.conn()
        .execute(
            "INSERT INTO contact_draft (episode_id, form, updated_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (episode_id) DO UPDATE SET form = excluded.form, updated_at = excluded.updated_at",
            params![episode.as_str(), form, tx.now()],
        )
        .map_err(|e| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::ConstraintViolation) => StoreError::Invalid(
                ValidationError::new("draft", "The draft could not be read as a form."),
            ),
            _ => e.into(),
        })?;
    if !existed {
        tx.audit(
            AuditAction::Create,
            Entity::ContactDraft,
            Some(episode.as_str()),
        )?;
    }
    Ok(())
}

pub fn discard_draft(tx: &Tx<'_>, episode: &EpisodeId) -> Result<()> {
    if tx.conn().execute(
        "DELETE FROM contact_draft WHERE episode_id = ?1",
        [episode.as_str()],
    )? > 0
    {
        tx.audit(
            AuditAction::Delete,
            Entity::ContactDraft,
            Some(episode.as_str()),
        )?;
    }
    Ok(())
}
