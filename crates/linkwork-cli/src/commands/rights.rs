//! `people copy|erase`, `retention list|set|purge`, `audit list`: a person's rights, the
//! retention period and the audit trail.

use super::{say, Ctx, Result};
use crate::secrets::read_file;
use linkwork_api::chosen::ChosenFile;
use linkwork_api::{types::*, ApiError, ErrorCode};
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct CopyArgs {
    /// NHS number (any spacing) or record id
    person: String,
    /// The file to write: a zip of records.html and records.json, encrypted with age
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    /// The passphrase to encrypt the copy with (tell it to the person another way)
    #[arg(long, value_name = "FILE")]
    copy_passphrase_file: Option<PathBuf>,
    /// Write the zip unencrypted instead (for handing over on paper or in person)
    #[arg(long, conflicts_with = "copy_passphrase_file")]
    unencrypted: bool,
    /// Replace the file if it exists
    #[arg(long)]
    replace: bool,
    #[arg(long, value_name = "FILE")]
    passphrase_file: Option<PathBuf>,
}

#[derive(clap::Args)]
pub struct EraseArgs {
    /// NHS number (any spacing) or record id
    person: String,
    /// The person's name as `people show` prints it, to confirm
    #[arg(long, value_name = "NAME")]
    confirm_name: String,
    #[arg(long, value_name = "FILE")]
    passphrase_file: Option<PathBuf>,
}

#[derive(clap::Subcommand)]
pub enum RetentionCommand {
    /// Closed episodes past the retention period (default 8 years after closing)
    List(super::vault::PassArg),
    /// Keep closed episodes this many years after closing (1–99)
    Set {
        years: String,
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
    /// Remove every episode `retention list` shows, and anyone left with none
    Purge {
        /// Confirms the removal (nothing is removed without it)
        #[arg(long)]
        yes: bool,
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
}

#[derive(clap::Args)]
pub struct AuditListArgs {
    /// Rows before this row number (the next page back)
    #[arg(long)]
    before: Option<i64>,
    #[arg(long, value_name = "FILE")]
    passphrase_file: Option<PathBuf>,
}

pub fn copy(ctx: &mut Ctx, a: CopyArgs) -> Result {
    let passphrase = match &a.copy_passphrase_file {
        Some(f) => Some(read_file(f, "copy passphrase file")?),
        None if a.unencrypted => None,
        None => {
            return Err(ApiError::new(
                ErrorCode::InvalidInput,
                "Give a passphrase to encrypt the copy with (--copy-passphrase-file FILE), or write it unencrypted with --unencrypted.",
            )
            .into())
        }
    };
    ctx.unlock(a.passphrase_file)?;
    let person_id = ctx.find_person(&a.person)?;
    let made = ctx.session.api().subject_access(SubjectAccessArgs {
        person_id,
        path: ChosenFile::path_given(a.out.clone()),
        overwrite: a.replace,
        passphrase_confirm: passphrase.clone().map(SecretInput),
        passphrase: passphrase.map(SecretInput),
        unencrypted_understood: a.unencrypted,
    })?;
    if ctx.printed_json(&made)? {
        return Ok(());
    }
    writeln!(
        ctx.out,
        "Wrote {} ({} records, {} audit events){}.",
        made.path,
        made.records,
        made.audit_events,
        if made.encrypted {
            ", encrypted with the passphrase given"
        } else {
            ". It is NOT encrypted: hand it over in person and delete your copy"
        }
    )?;
    Ok(())
}

pub fn erase(ctx: &mut Ctx, a: EraseArgs) -> Result {
    ctx.unlock(a.passphrase_file)?;
    let person_id = ctx.find_person(&a.person)?;
    let r = ctx.session.api().erase_person(ErasePersonArgs {
        person_id,
        confirm_name: a.confirm_name,
    })?;
    if ctx.printed_json(&r)? {
        return Ok(());
    }
    writeln!(
        ctx.out,
        "Erased: {} episode(s), {} rows in all. Backups made before now still hold the record until they are replaced.",
        r.episodes, r.rows
    )?;
    Ok(())
}

fn print_due(ctx: &mut Ctx, v: &RetentionView) -> Result {
    for d in &v.due {
        writeln!(
            ctx.out,
            "{:<28} referred {}  closed {}  {}",
            d.name,
            d.received_on,
            d.closed_on,
            if d.whole_record {
                "whole record"
            } else {
                "this episode only"
            }
        )?;
    }
    say(&format!(
        "{} episode(s) closed before {} (kept {} years)",
        v.due.len(),
        v.cutoff,
        v.years
    ));
    Ok(())
}

pub fn retention(ctx: &mut Ctx, c: RetentionCommand) -> Result {
    match c {
        RetentionCommand::List(p) => {
            ctx.unlock(p.passphrase_file)?;
            let v = ctx.session.api().retention(NoArgs {})?;
            if !ctx.printed_json(&v)? {
                print_due(ctx, &v)?;
            }
        }
        RetentionCommand::Set {
            years,
            passphrase_file,
        } => {
            ctx.unlock(passphrase_file)?;
            let v = ctx
                .session
                .api()
                .set_retention(SetRetentionArgs { years })?;
            print_due(ctx, &v)?;
        }
        RetentionCommand::Purge {
            yes,
            passphrase_file,
        } => {
            ctx.unlock(passphrase_file)?;
            let v = ctx.session.api().retention(NoArgs {})?;
            if v.due.is_empty() {
                writeln!(ctx.out, "Nothing is past the retention period.")?;
                return Ok(());
            }
            if !yes {
                print_due(ctx, &v)?;
                return Err(ApiError::new(
                    ErrorCode::InvalidInput,
                    format!(
                        "Nothing removed. Add --yes to remove these {} episode(s) for good.",
                        v.due.len()
                    ),
                )
                .into());
            }
            let r = ctx.session.api().purge_retention(PurgeArgs {
                episode_ids: v.due.iter().map(|d| d.episode_id.clone()).collect(),
            })?;
            if ctx.printed_json(&r)? {
                return Ok(());
            }
            writeln!(
                ctx.out,
                "Removed {} episode(s) and {} whole record(s) past the retention period.",
                r.episodes, r.people
            )?;
        }
    }
    Ok(())
}

pub fn audit_list(ctx: &mut Ctx, a: AuditListArgs) -> Result {
    ctx.unlock(a.passphrase_file)?;
    let page = ctx
        .session
        .api()
        .audit_page(AuditPageArgs { before: a.before })?;
    if ctx.printed_json(&page)? {
        return Ok(());
    }
    for r in &page.rows {
        writeln!(
            ctx.out,
            "{:>6}  {}  {:<28} {:<20} {}{}",
            r.row,
            r.at,
            r.action,
            r.record,
            r.record_id.as_deref().unwrap_or(""),
            if r.fields.is_empty() {
                String::new()
            } else {
                format!(" ({})", r.fields.join(", "))
            }
        )?;
    }
    if let Some(older) = page.older {
        say(&format!("Older rows: linkwork audit list --before {older}"));
    }
    Ok(())
}
