//! `outreach import|lists|show|log|accept|close`: proactive outreach lists from practice searches.

use super::{Ctx, Result};
use linkwork_api::{chosen::ChosenFile, types::*};
use linkwork_core::{
    dates::format_date_gb,
    ids::{OutreachEntryId, OutreachListId},
    outreach::{describe, OutreachListView, OutreachOutcome, OutreachPreview},
};
use std::path::PathBuf;

#[derive(clap::Subcommand)]
pub enum OutreachCommand {
    /// Import a practice search's CSV (EMIS Web or SystmOne): all rows or none; --dry-run shows
    /// each row and who is known already
    Import {
        file: PathBuf,
        /// The practice whose search it is: its ODS code, name or id
        #[arg(long)]
        practice: Option<String>,
        /// The list's name (the search, like "Frailty register")
        #[arg(long, default_value = "")]
        name: String,
        /// The day the search was run, DD/MM/YYYY [default: today]
        #[arg(long, default_value = "")]
        searched: String,
        #[arg(long)]
        dry_run: bool,
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
    /// Every list, open ones first, with how far each has got
    Lists {
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
    /// One list in the order to call, each person with their id
    Show {
        list_id: String,
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
    /// Log a call to someone on a list, or their decision
    Log {
        entry_id: String,
        #[arg(long, value_parser = super::vocab::<OutreachOutcome>())]
        outcome: OutreachOutcome,
        /// When, "21/11/2026 14:05" [default: now]
        #[arg(long)]
        at: Option<String>,
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
    /// They accepted: make their referral (source "proactive search")
    Accept {
        entry_id: String,
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
    /// Close a list (its rows that did not become referrals are removed after the months kept),
    /// or reopen it with --reopen
    Close {
        list_id: String,
        #[arg(long)]
        reopen: bool,
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
}

fn show(ctx: &mut Ctx, v: &OutreachListView) -> Result {
    if ctx.printed_json(v)? {
        return Ok(());
    }
    let l = &v.list;
    writeln!(
        ctx.out,
        "{} ({}, searched {}): {} people, {} still to work, {} reached, {} accepted{}",
        l.name,
        l.practice,
        format_date_gb(l.searched_on),
        l.people,
        l.open,
        l.reached,
        l.accepted,
        match (l.closed_on, l.removal_due_on) {
            (Some(c), Some(due)) => format!(
                "; closed {}, rows not referred removed {}",
                format_date_gb(c),
                format_date_gb(due)
            ),
            _ => String::new(),
        }
    )?;
    for e in &v.entries {
        let also: Vec<String> = e
            .also_on
            .iter()
            .map(|a| format!("also on {} ({})", a.list, a.state.label().to_lowercase()))
            .collect();
        writeln!(
            ctx.out,
            "{} {}\t{}\t{}\t{}\t{}{}\t{}",
            e.given_name,
            e.family_name,
            e.nhs_number.as_deref().unwrap_or("no NHS number"),
            e.phone.as_deref().unwrap_or("no phone"),
            describe(e),
            if e.open_episode_id.is_some() {
                "on the caseload"
            } else {
                ""
            },
            if also.is_empty() {
                String::new()
            } else {
                format!(" {}", also.join("; "))
            },
            e.id
        )?;
    }
    Ok(())
}

fn preview(ctx: &mut Ctx, p: &OutreachPreview) -> Result {
    if ctx.printed_json(p)? {
        return Ok(());
    }
    for r in &p.rows {
        let mut said = vec![];
        if let Some(k) = &r.known {
            said.push(format!(
                "known as {} (by {}){}",
                k.name,
                k.matched_by,
                if k.open_episode_id.is_some() {
                    ", on the caseload"
                } else {
                    ""
                }
            ));
        }
        if let Some(l) = r.same_as_line {
            said.push(format!("the same person as line {l}: left out"));
        }
        for a in &r.also_on {
            said.push(format!(
                "also on {} ({})",
                a.list,
                a.state.label().to_lowercase()
            ));
        }
        writeln!(
            ctx.out,
            "Line {}: {}\t{}\t{}",
            r.line,
            r.name,
            r.nhs_number.as_deref().unwrap_or("no NHS number"),
            said.join("; ")
        )?;
    }
    writeln!(
        ctx.out,
        "{} people, {} known already, {} on another list.",
        p.people, p.known, p.on_other_lists
    )?;
    Ok(())
}

pub fn run(ctx: &mut Ctx, c: OutreachCommand) -> Result {
    match c {
        OutreachCommand::Import {
            file,
            practice,
            name,
            searched,
            dry_run,
            passphrase_file,
        } => {
            ctx.unlock(passphrase_file)?;
            let path = ChosenFile::path_given(file);
            if dry_run {
                let p = ctx
                    .session
                    .api()
                    .outreach_preview(OutreachFileArgs { path: path.clone() })?;
                if !p.problems.is_empty() {
                    for problem in &p.problems {
                        super::say(&problem.to_string());
                    }
                    return Err(
                        linkwork_api::ApiError::from(linkwork_core::ValidationError::new(
                            "file",
                            format!("{} problems: nothing would be imported.", p.problems.len()),
                        ))
                        .into(),
                    );
                }
                return preview(ctx, &p);
            }
            let practice_id = practice
                .map(|p| super::practice::practice_named(ctx, &p))
                .transpose()?;
            let v = ctx.session.api().import_outreach(OutreachImportArgs {
                path,
                practice_id,
                name,
                searched_on: searched,
            })?;
            if !ctx.json {
                writeln!(ctx.out, "Imported (list {}).", v.list.id)?;
            }
            show(ctx, &v)
        }
        OutreachCommand::Lists { passphrase_file } => {
            ctx.unlock(passphrase_file)?;
            let all = ctx.session.api().outreach_lists(NoArgs {})?;
            if ctx.printed_json(&all)? {
                return Ok(());
            }
            if all.is_empty() {
                writeln!(
                    ctx.out,
                    "No outreach lists yet: import one with `linkwork outreach import`."
                )?;
            }
            for l in &all {
                writeln!(
                    ctx.out,
                    "{}\t{}\t{}\t{} people, {} to work, {} accepted{}\t{}",
                    l.name,
                    l.practice,
                    format_date_gb(l.searched_on),
                    l.people,
                    l.open,
                    l.accepted,
                    if l.closed_on.is_some() {
                        ", closed"
                    } else {
                        ""
                    },
                    l.id
                )?;
            }
            Ok(())
        }
        OutreachCommand::Show {
            list_id,
            passphrase_file,
        } => {
            ctx.unlock(passphrase_file)?;
            let v = ctx.session.api().outreach_list(OutreachListArgs {
                list_id: OutreachListId::new(list_id.trim()),
            })?;
            show(ctx, &v)
        }
        OutreachCommand::Log {
            entry_id,
            outcome,
            at,
            passphrase_file,
        } => {
            ctx.unlock(passphrase_file)?;
            let entry_id = OutreachEntryId::new(entry_id.trim());
            let v = ctx.session.api().log_outreach(OutreachLogArgs {
                entry_id: entry_id.clone(),
                outcome: Some(outcome),
                at,
            })?;
            if ctx.printed_json(&v)? {
                return Ok(());
            }
            let e = v.entries.iter().find(|e| e.id == entry_id);
            writeln!(
                ctx.out,
                "{}: {}.",
                e.map(|e| format!("{} {}", e.given_name, e.family_name))
                    .unwrap_or_default(),
                e.map(describe).unwrap_or_default()
            )?;
            Ok(())
        }
        OutreachCommand::Accept {
            entry_id,
            passphrase_file,
        } => {
            ctx.unlock(passphrase_file)?;
            let a = ctx.session.api().accept_outreach(OutreachEntryArgs {
                entry_id: OutreachEntryId::new(entry_id.trim()),
            })?;
            if ctx.printed_json(&a)? {
                return Ok(());
            }
            writeln!(
                ctx.out,
                "Referral made (episode {}, person {}).",
                a.episode_id, a.person_id
            )?;
            Ok(())
        }
        OutreachCommand::Close {
            list_id,
            reopen,
            passphrase_file,
        } => {
            ctx.unlock(passphrase_file)?;
            let v = ctx.session.api().close_outreach_list(OutreachCloseArgs {
                list_id: OutreachListId::new(list_id.trim()),
                closed: !reopen,
            })?;
            show(ctx, &v)
        }
    }
}
