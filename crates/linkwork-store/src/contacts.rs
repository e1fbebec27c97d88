//! Contacts with a person, and the draft of the one being written (saved every few seconds so a
//! crash or a flat battery loses nothing; saving the contact removes it in the same transaction).

use crate::{
    audit::{AuditAction, Entity},
    episodes::open_episode,
    error::StoreError,
    sql::{new_id, slug, LOCAL_TIME},
    write::Tx,
    Result,
};
use chrono::NaiveDateTime;
use linkwork_core::{
    dates::format_date_gb,
    ids::{ContactId, EpisodeId, PersonId},
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
    let id = insert_contact(tx, c)?;
    let episode = c.episode_id.as_str();
    if tx
        .conn()
        .execute("DELETE FROM contact_draft WHERE episode_id = ?1", [episode])?
        > 0
    {
        tx.audit(AuditAction::Delete, Entity::ContactDraft, Some(episode))?;
    }
    Ok(id)
}

/// Records a contact the link worker did not type (a group's register): a note being written for
/// the person stays.
pub(crate) fn insert_contact(tx: &Tx<'_>, c: &ContactInput) -> Result<ContactId> {
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
    Ok(id)
}

/// How long this person's latest contact of each type took (entered-in-error ones aside): a new
/// contact of that type starts with it. Another person's hour-long home visit is no guide to this
/// person's five-minute call, and a guess that inflates the report's hours is worse than asking.
pub fn last_durations(r: crate::Read<'_>, person: &PersonId) -> Result<Vec<(ContactType, u32)>> {
    let mut q = r.conn().prepare(
        "SELECT c.contact_type, c.duration_minutes FROM contact c JOIN episode e ON e.id = c.episode_id
         WHERE e.person_id = ?1 AND c.duration_minutes IS NOT NULL AND c.entered_in_error_at IS NULL
         ORDER BY c.occurred_at DESC, c.created_at DESC, c.rowid DESC",
    )?;
    let mut latest: Vec<(ContactType, u32)> = Vec::new();
    let rows = q.query_map([person.as_str()], |row| {
        Ok((
            slug(row.get(0)?, ContactType::from_slug)?,
            row.get::<_, u32>(1)?,
        ))
    })?;
    for row in rows {
        let (kind, minutes) = row?;
        if !latest.iter().any(|(k, _)| *k == kind) {
            latest.push((kind, minutes));
        }
    }
    Ok(latest)
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
    } else {
        tx.unaudited("the same draft saved again: its first save was audited");
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
