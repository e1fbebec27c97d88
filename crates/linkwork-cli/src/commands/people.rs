//! `people list|show`.

use super::{say, Ctx, Result};
use linkwork_api::{
    handlers,
    types::{PeopleArgs, PersonArgs},
};
use linkwork_core::{caseload::PersonRecord, dates::format_date_gb};
use std::{io::Write, path::PathBuf};

#[derive(clap::Subcommand)]
pub enum PeopleCommand {
    /// Everyone, or those whose name or NHS number matches --search
    List {
        #[arg(long)]
        search: Option<String>,
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
    /// One person's record: details, risk log, episodes, contacts, plan
    Show {
        /// NHS number (any spacing) or record id
        person: String,
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
}

pub fn run(ctx: &mut Ctx, c: PeopleCommand) -> Result {
    match c {
        PeopleCommand::List {
            search,
            passphrase_file,
        } => {
            ctx.unlock(passphrase_file)?;
            let people = handlers::list_people(&ctx.session, PeopleArgs { search })?;
            for p in &people {
                writeln!(
                    ctx.out,
                    "{:<13} {:<28} {:<10} {}",
                    p.nhs_number.as_deref().unwrap_or("(no NHS no.)"),
                    p.name,
                    p.date_of_birth.map(format_date_gb).unwrap_or_default(),
                    if p.open_episode_id.is_some() {
                        "open"
                    } else {
                        ""
                    }
                )?;
            }
            say(&format!(
                "{} {}",
                people.len(),
                if people.len() == 1 {
                    "person"
                } else {
                    "people"
                }
            ));
        }
        PeopleCommand::Show {
            person,
            passphrase_file,
        } => {
            ctx.unlock(passphrase_file)?;
            let person_id = ctx.find_person(&person)?;
            let rec = handlers::person(&ctx.session, PersonArgs { person_id })?;
            print_person(ctx.out, &rec)?;
        }
    }
    Ok(())
}

fn print_person(out: &mut dyn Write, r: &PersonRecord) -> std::io::Result<()> {
    let p = &r.person;
    writeln!(
        out,
        "{} {}{}",
        p.given_name,
        p.family_name,
        p.preferred_name
            .as_deref()
            .map(|n| format!(" (prefers {n})"))
            .unwrap_or_default()
    )?;
    writeln!(
        out,
        "  NHS number:    {}",
        p.nhs_number.as_deref().unwrap_or("not known")
    )?;
    writeln!(
        out,
        "  Date of birth: {}",
        p.date_of_birth
            .map(format_date_gb)
            .unwrap_or_else(|| "not known".into())
    )?;
    writeln!(
        out,
        "  Consent to share with GP: {}",
        p.consent_to_share.label()
    )?;
    if r.risk {
        writeln!(
            out,
            "  RISK FLAG: {}",
            r.risk_log.first().map(|e| e.concern.as_str()).unwrap_or("")
        )?;
    }
    for e in &r.episodes {
        writeln!(
            out,
            "  Episode referred {} ({}): {}{}",
            format_date_gb(e.referral_received_on),
            e.referral_method.label(),
            e.status.label(),
            e.close_reason
                .map(|c| format!(", {}", c.label().to_lowercase()))
                .unwrap_or_default()
        )?;
        for c in &e.contacts {
            writeln!(
                out,
                "    {} {} – {}{}",
                c.occurred_at.format("%d/%m/%Y %H:%M"),
                c.contact_type.label(),
                c.outcome.label(),
                c.duration_minutes
                    .map(|m| format!(", {m} min"))
                    .unwrap_or_default()
            )?;
        }
        for g in &e.goals {
            writeln!(
                out,
                "    Goal ({}/10, {}): {}",
                g.importance,
                g.status.label().to_lowercase(),
                g.text
            )?;
        }
        for o in &e.outcomes.ons4 {
            writeln!(
                out,
                "    ONS4 {} ({}): {}",
                format_date_gb(o.recorded_on),
                o.role.label().to_lowercase(),
                ons4_line(o)
            )?;
        }
        for o in &e.outcomes.pam {
            writeln!(
                out,
                "    PAM {} ({}): score {}, level {}, {}",
                format_date_gb(o.recorded_on),
                o.role.label().to_lowercase(),
                o.score_text,
                o.level,
                o.version.label()
            )?;
        }
        for r in e
            .outcomes
            .reminders
            .iter()
            .filter(|r| r.state != linkwork_core::outcomes::ReminderState::Upcoming)
        {
            writeln!(out, "    Reminder: {}", r.text)?;
        }
    }
    Ok(())
}

pub(crate) fn ons4_line(r: &linkwork_core::outcomes::Ons4View) -> String {
    r.items
        .iter()
        .map(|i| match (i.value, &i.band_label) {
            (Some(v), Some(b)) => format!(
                "{} {v} ({})",
                i.item.label().to_lowercase(),
                b.to_lowercase()
            ),
            _ => format!("{} declined", i.item.label().to_lowercase()),
        })
        .collect::<Vec<_>>()
        .join(", ")
}
