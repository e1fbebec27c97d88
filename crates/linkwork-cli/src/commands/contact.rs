//! `contact add|error`.

use super::{same_episode, vocab, Ctx, Result};
use linkwork_api::types::{ContactForm, EnteredInErrorForm};
use linkwork_core::{
    caseload::Correctable,
    ids::ContactId,
    vocab::{ContactOutcome, ContactType},
};
use std::path::PathBuf;

#[derive(clap::Subcommand)]
pub enum ContactCommand {
    /// Add a contact to the person's open episode
    Add {
        /// NHS number (any spacing) or record id of the person
        #[arg(long)]
        person: String,
        /// When, as YYYY-MM-DDTHH:MM or "DD/MM/YYYY HH:MM" (UK time)
        #[arg(long)]
        at: String,
        #[arg(long = "type", default_value = "phone", value_parser = vocab::<ContactType>())]
        contact_type: ContactType,
        /// Minutes, 1 to 600 (required when it took place)
        #[arg(long)]
        duration: Option<u32>,
        #[arg(long, default_value = "took_place", value_parser = vocab::<ContactOutcome>())]
        outcome: ContactOutcome,
        #[arg(long)]
        notes: Option<String>,
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
    /// Mark a contact entered in error (it stays, struck through, and counts for nothing)
    Error {
        /// The contact's id (shown by `people show`)
        contact_id: String,
        /// Why, for example "wrong person" (3 to 500 characters)
        #[arg(long)]
        reason: String,
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
}

pub fn run(ctx: &mut Ctx, c: ContactCommand) -> Result {
    match c {
        ContactCommand::Add {
            person,
            at,
            contact_type,
            duration,
            outcome,
            notes,
            passphrase_file,
        } => {
            ctx.unlock(passphrase_file)?;
            add(ctx, &person, at, contact_type, duration, outcome, notes)
        }
        ContactCommand::Error {
            contact_id,
            reason,
            passphrase_file,
        } => {
            ctx.unlock(passphrase_file)?;
            error(ctx, ContactId::new(contact_id.trim()), reason)
        }
    }
}

fn error(ctx: &mut Ctx, id: ContactId, reason: String) -> Result {
    let rec = ctx
        .session
        .api()
        .mark_entered_in_error(EnteredInErrorForm {
            record: Correctable::Contact(id.clone()),
            reason: Some(reason),
        })?;
    if ctx.printed_json(&rec)? {
        return Ok(());
    }
    let when = rec
        .episodes
        .iter()
        .flat_map(|e| &e.contacts)
        .find(|c| c.id == id)
        .map(|c| c.occurred_at.format("%d/%m/%Y %H:%M").to_string())
        .unwrap_or_default();
    writeln!(
        ctx.out,
        "The contact of {when} with {} {} is marked entered in error. It stays in the record, struck through, and counts for nothing.",
        rec.person.given_name, rec.person.family_name
    )?;
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn add(
    ctx: &mut Ctx,
    person: &str,
    at: String,
    contact_type: ContactType,
    duration: Option<u32>,
    outcome: ContactOutcome,
    notes: Option<String>,
) -> Result {
    let episode = ctx.open_episode(person)?;
    let rec = ctx.session.api().add_contact(ContactForm {
        episode_id: episode.id.clone(),
        occurred_at: at,
        contact_type: Some(contact_type),
        duration_minutes: duration,
        outcome: Some(outcome),
        notes,
    })?;
    if ctx.printed_json(&rec)? {
        return Ok(());
    }
    let e = same_episode(&rec, &episode);
    writeln!(
        ctx.out,
        "Contact recorded. The episode is now {} with {} contact(s).",
        e.status.label().to_lowercase(),
        e.contacts
            .iter()
            .filter(|c| c.entered_in_error.is_none())
            .count()
    )?;
    Ok(())
}
