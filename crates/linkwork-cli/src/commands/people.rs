//! `people list|show|edit|merge`.

use super::{say, vocab, Ctx, Result};
use linkwork_api::types::{MergeArgs, PeopleArgs, PersonArgs, PersonForm, UpdatePersonArgs};
use linkwork_core::{
    caseload::{PersonDetails, PersonRecord},
    dates::format_date_gb,
    vocab::{ConsentDecision, ConsentToShare, GroupTag, PreferredContact},
};
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
    /// Change a person's details; only the options given change ("" clears one)
    Edit(Box<EditArgs>),
    /// Merge two records of one person: everything of OTHER moves to KEEP, and OTHER goes
    Merge {
        /// The record to keep: NHS number (any spacing) or record id
        keep: String,
        /// The record to merge into it and remove
        other: String,
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
    /// Everything held about a person (subject access): records.html and records.json, encrypted
    Copy(super::rights::CopyArgs),
    /// Erase everything about a person (their right to erasure); audited without content
    Erase(super::rights::EraseArgs),
}

#[derive(clap::Args)]
pub struct EditArgs {
    /// NHS number (any spacing) or record id
    person: String,
    #[arg(long)]
    given_name: Option<String>,
    #[arg(long)]
    family_name: Option<String>,
    #[arg(long)]
    preferred_name: Option<String>,
    /// DD/MM/YYYY
    #[arg(long)]
    date_of_birth: Option<String>,
    #[arg(long)]
    nhs_number: Option<String>,
    #[arg(long)]
    pronouns: Option<String>,
    #[arg(long)]
    phone: Option<String>,
    /// How they prefer to be contacted
    #[arg(long, value_parser = vocab::<PreferredContact>())]
    preferred_contact: Option<PreferredContact>,
    #[arg(long)]
    address: Option<String>,
    #[arg(long)]
    postcode: Option<String>,
    #[arg(long)]
    communication_needs: Option<String>,
    /// The practice they are registered at: its ODS code, name or id from `practices list`
    /// ("" for not known). A change is added to their practice history
    #[arg(long)]
    practice: Option<String>,
    /// Consent to share with the GP: a change is added to the consent history
    #[arg(long, value_parser = vocab::<ConsentDecision>())]
    consent: Option<ConsentDecision>,
    /// When consent was given or withdrawn, DD/MM/YYYY (today when left out)
    #[arg(long, requires = "consent")]
    consent_date: Option<String>,
    /// Group tags, comma-separated (replaces the current ones; "" for none)
    #[arg(long, value_delimiter = ',')]
    tags: Option<Vec<String>>,
    #[arg(long, value_name = "FILE")]
    passphrase_file: Option<PathBuf>,
}

/// The edit form as it stands for `p`: what `people edit` changes from.
fn form_of(p: &PersonDetails) -> PersonForm {
    PersonForm {
        nhs_number: p.nhs_number.clone(),
        given_name: Some(p.given_name.clone()),
        family_name: Some(p.family_name.clone()),
        preferred_name: p.preferred_name.clone(),
        date_of_birth: p.date_of_birth.map(|d| d.to_string()),
        pronouns: p.pronouns.clone(),
        phone: p.phone.clone(),
        preferred_contact: p.preferred_contact,
        address: p.address.clone(),
        postcode: p.postcode.clone(),
        practice_id: p.practice_id.clone(),
        gp_practice_name: p.gp_practice_name.clone(),
        gp_practice_ods: p.gp_practice_ods.clone(),
        communication_needs: p.communication_needs.clone(),
        consent_to_share: Some(p.consent_to_share),
        consent_recorded_on: None,
        notes: p.notes.clone(),
        tags: p.tags.clone(),
    }
}

fn parse_tags(tags: Vec<String>) -> Result<Vec<GroupTag>> {
    tags.iter()
        .map(|t| t.trim())
        .filter(|t| !t.is_empty())
        .map(|t| {
            GroupTag::from_slug(t).ok_or_else(|| {
                let known: Vec<&str> = GroupTag::ALL.iter().map(|g| g.slug()).collect();
                linkwork_api::ApiError::from(linkwork_core::ValidationError::new(
                    "tags",
                    format!(
                        "There is no group tag \"{t}\". Use one of: {}.",
                        known.join(", ")
                    ),
                ))
                .into()
            })
        })
        .collect()
}

pub fn run(ctx: &mut Ctx, c: PeopleCommand) -> Result {
    match c {
        PeopleCommand::List {
            search,
            passphrase_file,
        } => {
            ctx.unlock(passphrase_file)?;
            let people = ctx.session.api().list_people(PeopleArgs { search })?;
            if ctx.printed_json(&people)? {
                return Ok(());
            }
            for p in &people {
                writeln!(
                    ctx.out,
                    "{:<13} {:<28} {:<10} {:<6} {}",
                    p.nhs_number.as_deref().unwrap_or("(no NHS no.)"),
                    p.name,
                    p.date_of_birth.map(format_date_gb).unwrap_or_default(),
                    if p.open_episode_id.is_some() {
                        "open"
                    } else {
                        "closed"
                    },
                    p.id
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
            let rec = ctx.session.api().person(PersonArgs { person_id })?;
            if ctx.printed_json(&rec)? {
                return Ok(());
            }
            print_person(ctx.out, &rec)?;
        }
        PeopleCommand::Merge {
            keep,
            other,
            passphrase_file,
        } => {
            ctx.unlock(passphrase_file)?;
            let keep_id = ctx.find_person(&keep)?;
            let other_id = ctx.find_person(&other)?;
            let from = ctx.session.api().person(PersonArgs {
                person_id: other_id.clone(),
            })?;
            let rec = ctx
                .session
                .api()
                .merge_people(MergeArgs { keep_id, other_id })?;
            let contacts: usize = from.episodes.iter().map(|e| e.contacts.len()).sum();
            writeln!(
                ctx.out,
                "Merged {} {} into {} {}: {} episode(s), {} contact(s), {} concern(s) and {} consent decision(s) moved across.",
                from.person.given_name,
                from.person.family_name,
                rec.person.given_name,
                rec.person.family_name,
                from.episodes.len(),
                contacts,
                from.concerns.len(),
                from.consent_history.len()
            )?;
        }
        PeopleCommand::Copy(a) => super::rights::copy(ctx, a)?,
        PeopleCommand::Erase(a) => super::rights::erase(ctx, a)?,
        PeopleCommand::Edit(args) => {
            let EditArgs {
                person,
                given_name,
                family_name,
                preferred_name,
                date_of_birth,
                nhs_number,
                pronouns,
                phone,
                preferred_contact,
                address,
                postcode,
                communication_needs,
                practice,
                consent,
                consent_date,
                tags,
                passphrase_file,
            } = *args;
            ctx.unlock(passphrase_file)?;
            let person_id = ctx.find_person(&person)?;
            let before = ctx.session.api().person(PersonArgs {
                person_id: person_id.clone(),
            })?;
            let mut f = form_of(&before.person);
            let set = |slot: &mut Option<String>, v: Option<String>| {
                if v.is_some() {
                    *slot = v
                }
            };
            set(&mut f.given_name, given_name);
            set(&mut f.family_name, family_name);
            set(&mut f.preferred_name, preferred_name);
            set(&mut f.date_of_birth, date_of_birth);
            set(&mut f.nhs_number, nhs_number);
            set(&mut f.pronouns, pronouns);
            set(&mut f.phone, phone);
            if preferred_contact.is_some() {
                f.preferred_contact = preferred_contact;
            }
            set(&mut f.address, address);
            set(&mut f.postcode, postcode);
            set(&mut f.communication_needs, communication_needs);
            if let Some(typed) = practice {
                f.practice_id = match typed.trim() {
                    "" => None,
                    t => Some(super::practice::practice_named(ctx, t)?),
                };
                f.gp_practice_name = None;
                f.gp_practice_ods = None;
            }
            if let Some(c) = consent {
                f.consent_to_share = ConsentToShare::from_slug(c.slug());
                f.consent_recorded_on = consent_date;
            }
            if let Some(t) = tags {
                f.tags = parse_tags(t)?;
            }
            let rec = ctx.session.api().update_person(UpdatePersonArgs {
                person_id,
                person: f,
            })?;
            if ctx.printed_json(&rec)? {
                return Ok(());
            }
            writeln!(
                ctx.out,
                "Saved the details of {} {}.",
                rec.person.given_name, rec.person.family_name
            )?;
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
    let practice = |name: Option<&str>, ods: Option<&str>| match (name, ods) {
        (Some(n), Some(o)) if n != o => format!("{n} ({o})"),
        (Some(n), _) | (None, Some(n)) => n.to_string(),
        (None, None) => "not known".into(),
    };
    let mut history = r.practice_history.iter();
    let since = match history.next() {
        Some(now) if p.practice_id.is_some() => format!(" since {}", format_date_gb(now.since)),
        _ => String::new(),
    };
    let before: Vec<String> = history
        .map(|h| {
            format!(
                "{} from {}",
                practice(h.name.as_deref(), h.ods_code.as_deref()),
                format_date_gb(h.since)
            )
        })
        .collect();
    writeln!(
        out,
        "  GP practice:   {}{since}{}",
        practice(p.gp_practice_name.as_deref(), p.gp_practice_ods.as_deref()),
        if before.is_empty() {
            String::new()
        } else {
            format!(" (before: {})", before.join("; "))
        }
    )?;
    writeln!(
        out,
        "  Consent to share with GP: {}{}",
        p.consent_to_share.label(),
        r.consent_history
            .first()
            .map(|c| format!(
                " (recorded {}{})",
                format_date_gb(c.decided_on),
                c.recorded_by
                    .as_deref()
                    .map(|b| format!(" by {b}"))
                    .unwrap_or_default()
            ))
            .unwrap_or_default()
    )?;
    if r.risk {
        writeln!(out, "  RISK FLAG: open concerns")?;
    }
    for c in &r.concerns {
        let state = match (&c.entered_in_error, c.closed_on) {
            (Some(e), _) => format!("entered in error: {}", e.reason),
            (None, Some(on)) => format!("closed {}", format_date_gb(on)),
            (None, None) => "OPEN".into(),
        };
        writeln!(
            out,
            "  Concern {} raised {} ({}, {}): {}",
            c.id,
            format_date_gb(c.raised_on),
            c.level.map_or("level not recorded", |l| l.label()),
            state,
            c.concern
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
                "    {} {} – {}{} [{}]{}",
                c.occurred_at.format("%d/%m/%Y %H:%M"),
                c.contact_type.label(),
                c.outcome.label(),
                c.duration_minutes
                    .map(|m| format!(", {m} min"))
                    .unwrap_or_default(),
                c.id,
                c.entered_in_error
                    .as_ref()
                    .map(|e| format!(" ENTERED IN ERROR: {}", e.reason))
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
