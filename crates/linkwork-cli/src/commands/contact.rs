//! `contact add`.

use super::{same_episode, vocab, Ctx, Result};
use linkwork_api::{handlers, types::ContactForm};
use linkwork_core::vocab::{ContactOutcome, ContactType};
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
}

pub fn run(ctx: &mut Ctx, c: ContactCommand) -> Result {
    let ContactCommand::Add {
        person,
        at,
        contact_type,
        duration,
        outcome,
        notes,
        passphrase_file,
    } = c;
    ctx.unlock(passphrase_file)?;
    let episode = ctx.open_episode(&person)?;
    let rec = handlers::add_contact(
        &ctx.session,
        ContactForm {
            episode_id: episode.id.clone(),
            occurred_at: at,
            contact_type: Some(contact_type),
            duration_minutes: duration,
            outcome: Some(outcome),
            notes,
        },
    )?;
    let e = same_episode(&rec, &episode);
    writeln!(
        ctx.out,
        "Contact recorded. The episode is now {} with {} contact(s).",
        e.status.label().to_lowercase(),
        e.contacts.len()
    )?;
    Ok(())
}
