//! `risk raise|update|close|error`: the risk and safeguarding log, one concern at a time.

use super::{say, vocab, Ctx, Result};
use linkwork_api::types::{ConcernEntryForm, ConcernForm, EnteredInErrorForm};
use linkwork_core::{
    caseload::{Correctable, PersonRecord},
    dates::format_date_gb,
    ids::ConcernId,
    vocab::RiskLevel,
};
use std::path::PathBuf;

#[derive(clap::Subcommand)]
pub enum RiskCommand {
    /// Raise a new concern; the person's risk flag is on while any concern is open
    Raise {
        /// NHS number (any spacing) or record id of the person
        #[arg(long)]
        person: String,
        /// What the concern is
        #[arg(long)]
        concern: String,
        #[arg(long, value_parser = vocab::<RiskLevel>())]
        level: RiskLevel,
        /// Who raised it (the person, a family member, the GP…)
        #[arg(long)]
        by: Option<String>,
        /// What was done about it
        #[arg(long)]
        action: Option<String>,
        /// Date raised, DD/MM/YYYY (today when left out); earlier dates are allowed
        #[arg(long)]
        on: Option<String>,
        /// When to look at it again, DD/MM/YYYY
        #[arg(long, value_name = "DATE")]
        review: Option<String>,
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
    /// Every open concern, anyone's (closed episodes included), reviews overdue first
    Open {
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
    /// Add an update to one open concern
    Update {
        /// The concern's id (shown by `people show`)
        concern_id: String,
        #[arg(long)]
        note: String,
        /// A new level
        #[arg(long, value_parser = vocab::<RiskLevel>())]
        level: Option<RiskLevel>,
        #[arg(long)]
        action: Option<String>,
        #[arg(long)]
        on: Option<String>,
        /// A new review date, DD/MM/YYYY
        #[arg(long, value_name = "DATE")]
        review: Option<String>,
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
    /// Close one concern (the person's other concerns stay open)
    Close {
        concern_id: String,
        /// Why it is closed
        #[arg(long)]
        note: String,
        #[arg(long)]
        action: Option<String>,
        #[arg(long)]
        on: Option<String>,
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
    /// Mark a whole concern entered in error (it no longer keeps the flag on)
    Error {
        concern_id: String,
        #[arg(long)]
        reason: String,
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
}

pub fn run(ctx: &mut Ctx, c: RiskCommand) -> Result {
    let today = ctx.session.today();
    let rec = match c {
        RiskCommand::Raise {
            person,
            concern,
            level,
            by,
            action,
            on,
            review,
            passphrase_file,
        } => {
            ctx.unlock(passphrase_file)?;
            let person_id = ctx.find_person(&person)?;
            warn_back_dated(on.as_deref(), today);
            ctx.session.api().raise_concern(ConcernForm {
                person_id,
                raised_on: on,
                raised_by: by,
                concern: Some(concern),
                level: Some(level),
                action_taken: action,
                review_on: review,
            })?
        }
        RiskCommand::Open { passphrase_file } => {
            ctx.unlock(passphrase_file)?;
            let list = ctx
                .session
                .api()
                .open_concerns(linkwork_api::types::NoArgs {})?;
            if ctx.printed_json(&list)? {
                return Ok(());
            }
            if list.is_empty() {
                writeln!(ctx.out, "No open concerns.")?;
            }
            for c in list {
                writeln!(
                    ctx.out,
                    "{}\t{}, NHS {}\t{}\t{}\traised {}\t{}{}{}",
                    c.concern_id,
                    c.name,
                    c.nhs_number.as_deref().unwrap_or("not known"),
                    c.level.map(|l| l.label()).unwrap_or("level not set"),
                    c.concern,
                    format_date_gb(c.raised_on),
                    match c.review_on {
                        Some(d) if c.review_overdue =>
                            format!("review OVERDUE since {}", format_date_gb(d)),
                        Some(d) => format!("review by {}", format_date_gb(d)),
                        None => "no review date".into(),
                    },
                    if c.episode_open {
                        ""
                    } else {
                        "\tno open episode"
                    },
                    c.date_of_death
                        .map(|d| format!("\tdied {}", format_date_gb(d)))
                        .unwrap_or_default(),
                )?;
            }
            return Ok(());
        }
        RiskCommand::Update {
            concern_id,
            note,
            level,
            action,
            on,
            review,
            passphrase_file,
        } => {
            ctx.unlock(passphrase_file)?;
            warn_back_dated(on.as_deref(), today);
            let mut e = entry(concern_id, note, action, on, level);
            e.review_on = review;
            ctx.session.api().update_concern(e)?
        }
        RiskCommand::Close {
            concern_id,
            note,
            action,
            on,
            passphrase_file,
        } => {
            ctx.unlock(passphrase_file)?;
            warn_back_dated(on.as_deref(), today);
            ctx.session
                .api()
                .close_concern(entry(concern_id, note, action, on, None))?
        }
        RiskCommand::Error {
            concern_id,
            reason,
            passphrase_file,
        } => {
            ctx.unlock(passphrase_file)?;
            ctx.session
                .api()
                .mark_entered_in_error(EnteredInErrorForm {
                    record: Correctable::Concern(ConcernId::new(concern_id.trim())),
                    reason: Some(reason),
                })?
        }
    };
    if ctx.printed_json(&rec)? {
        return Ok(());
    }
    print_flag(ctx, &rec)
}

fn entry(
    id: String,
    note: String,
    action: Option<String>,
    on: Option<String>,
    level: Option<RiskLevel>,
) -> ConcernEntryForm {
    ConcernEntryForm {
        concern_id: ConcernId::new(id.trim()),
        recorded_on: on,
        note: Some(note),
        action_taken: action,
        level,
        review_on: None,
    }
}

/// A back-dated entry is allowed, but said out loud: it is filed under its date, not today.
fn warn_back_dated(on: Option<&str>, today: chrono::NaiveDate) {
    let parsed = on.and_then(|d| linkwork_core::dates::parse_date("on", "date", d).ok());
    if let Some(d) = parsed.filter(|d| *d < today) {
        say(&format!(
            "Note: this entry is back-dated to {} ({} days ago).",
            format_date_gb(d),
            (today - d).num_days()
        ));
    }
}

fn print_flag(ctx: &mut Ctx, rec: &PersonRecord) -> Result {
    let open: Vec<_> = rec.concerns.iter().filter(|c| c.is_live()).collect();
    let name = format!("{} {}", rec.person.given_name, rec.person.family_name);
    if open.is_empty() {
        writeln!(
            ctx.out,
            "{name} has no open concerns; the risk flag is off."
        )?;
    } else {
        writeln!(
            ctx.out,
            "{name} has {} open concern(s); the risk flag is on:",
            open.len()
        )?;
        for c in open {
            writeln!(
                ctx.out,
                "  {} {} ({}): {}",
                c.id,
                format_date_gb(c.raised_on),
                c.level.map_or("level not recorded", |l| l.label()),
                c.concern
            )?;
        }
    }
    Ok(())
}
