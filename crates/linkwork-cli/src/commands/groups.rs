//! `groups add|list|show|book|leave|session|register|close`: group activities and their registers.

use super::{Ctx, Result};
use linkwork_api::types::*;
use linkwork_core::{
    dates::format_date_gb,
    groups::{GroupSessionView, GroupView},
    ids::{GroupId, GroupSessionId, PersonId},
    ErrorCode,
};
use std::path::PathBuf;

#[derive(clap::Subcommand)]
pub enum GroupsCommand {
    /// Make a group (a walking group, a peer group)
    Add {
        #[arg(long)]
        name: String,
        /// Where it usually meets
        #[arg(long)]
        place: Option<String>,
        /// Its directory entry's id, when it is one
        #[arg(long)]
        asset: Option<String>,
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
    /// Every group, open ones first
    List {
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
    /// One group: who is booked and its sessions (each with its id)
    Show {
        /// The group's id or name
        group: String,
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
    /// Book people on a group from today (NHS numbers or record ids)
    Book {
        group: String,
        #[arg(required = true)]
        people: Vec<String>,
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
    /// Someone is no longer booked on a group (from today)
    Leave {
        group: String,
        person: String,
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
    /// Add a session to a group
    Session {
        group: String,
        /// DD/MM/YYYY
        #[arg(long)]
        date: String,
        /// HH:MM
        #[arg(long)]
        time: String,
        #[arg(long)]
        minutes: u32,
        #[arg(long)]
        place: Option<String>,
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
    /// Save a session's register: who came, who sent apologies; everyone else booked did not come
    Register {
        session_id: String,
        #[arg(long, num_args = 0..)]
        came: Vec<String>,
        #[arg(long, num_args = 0..)]
        apologies: Vec<String>,
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
    /// Close a group (no new sessions), or reopen it with --reopen
    Close {
        group: String,
        #[arg(long)]
        reopen: bool,
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
}

/// A group by its id or its name (any case).
fn group_named(ctx: &Ctx, key: &str) -> Result<GroupId> {
    let all = ctx.session.api().groups(NoArgs {})?;
    let k = key.trim();
    all.iter()
        .find(|g| g.id.as_str() == k)
        .or_else(|| all.iter().find(|g| g.name.eq_ignore_ascii_case(k)))
        .map(|g| g.id.clone())
        .ok_or_else(|| {
            linkwork_api::ApiError::new(
                ErrorCode::NotFound,
                format!(
                    "No group is called \u{201c}{k}\u{201d}: `linkwork groups list` shows them."
                ),
            )
            .into()
        })
}

fn show_group(ctx: &mut Ctx, g: &GroupView) -> Result {
    if ctx.printed_json(g)? {
        return Ok(());
    }
    writeln!(
        ctx.out,
        "{}{}{} ({})",
        g.name,
        g.place
            .as_deref()
            .map(|p| format!(", {p}"))
            .unwrap_or_default(),
        g.closed_on
            .map(|c| format!(", closed {}", format_date_gb(c)))
            .unwrap_or_default(),
        g.id
    )?;
    for m in &g.members {
        writeln!(
            ctx.out,
            "  {}\t{}\t{}",
            m.name,
            m.nhs_number.as_deref().unwrap_or("no NHS number"),
            match m.left_on {
                Some(l) => format!("left {}", format_date_gb(l)),
                None => format!("booked since {}", format_date_gb(m.joined_on)),
            }
        )?;
    }
    for s in &g.sessions {
        writeln!(
            ctx.out,
            "Session {}\t{} min\t{}\t{}",
            s.starts_at.format("%d/%m/%Y %H:%M"),
            s.duration_minutes,
            if s.register_saved {
                format!("{} came, {} did not", s.attended, s.did_not_attend)
            } else {
                "register not taken".into()
            },
            s.id
        )?;
    }
    Ok(())
}

fn show_session(ctx: &mut Ctx, s: &GroupSessionView) -> Result {
    if ctx.printed_json(s)? {
        return Ok(());
    }
    writeln!(
        ctx.out,
        "{}, {} ({})",
        s.group_name,
        s.starts_at.format("%d/%m/%Y %H:%M"),
        s.id
    )?;
    for r in &s.rows {
        writeln!(
            ctx.out,
            "  {}\t{}{}",
            r.name,
            r.attendance.map_or("not recorded", |a| a.label()),
            r.why_not
                .as_deref()
                .map(|w| format!("\t{w}"))
                .unwrap_or_default()
        )?;
    }
    Ok(())
}

fn people(ctx: &Ctx, keys: &[String]) -> Result<Vec<PersonId>> {
    keys.iter().map(|k| ctx.find_person(k)).collect()
}

pub fn run(ctx: &mut Ctx, c: GroupsCommand) -> Result {
    use GroupsCommand as G;
    match c {
        G::Add {
            name,
            place,
            asset,
            passphrase_file,
        } => {
            ctx.unlock(passphrase_file)?;
            let g = ctx.session.api().save_group(GroupForm {
                group_id: None,
                name: Some(name),
                asset_id: asset.map(linkwork_core::ids::AssetId::new),
                place,
                closed: false,
            })?;
            show_group(ctx, &g)
        }
        G::List { passphrase_file } => {
            ctx.unlock(passphrase_file)?;
            let all = ctx.session.api().groups(NoArgs {})?;
            if ctx.printed_json(&all)? {
                return Ok(());
            }
            for g in &all {
                writeln!(
                    ctx.out,
                    "{}\t{} booked\t{}\t{}{}",
                    g.name,
                    g.members,
                    g.next_session
                        .map(|s| s.format("%d/%m/%Y %H:%M").to_string())
                        .unwrap_or_else(|| "no sessions".into()),
                    g.id,
                    if g.closed_on.is_some() {
                        "\tclosed"
                    } else {
                        ""
                    }
                )?;
            }
            Ok(())
        }
        G::Show {
            group,
            passphrase_file,
        } => {
            ctx.unlock(passphrase_file)?;
            let group_id = group_named(ctx, &group)?;
            let g = ctx.session.api().group(GroupArgs { group_id })?;
            show_group(ctx, &g)
        }
        G::Book {
            group,
            people: keys,
            passphrase_file,
        } => {
            ctx.unlock(passphrase_file)?;
            let group_id = group_named(ctx, &group)?;
            let mut last = None;
            for person_id in people(ctx, &keys)? {
                last = Some(ctx.session.api().join_group(GroupMemberArgs {
                    group_id: group_id.clone(),
                    person_id,
                })?);
            }
            show_group(ctx, &last.expect("clap requires one person"))
        }
        G::Leave {
            group,
            person,
            passphrase_file,
        } => {
            ctx.unlock(passphrase_file)?;
            let group_id = group_named(ctx, &group)?;
            let person_id = ctx.find_person(&person)?;
            let g = ctx.session.api().leave_group(GroupMemberArgs {
                group_id,
                person_id,
            })?;
            show_group(ctx, &g)
        }
        G::Session {
            group,
            date,
            time,
            minutes,
            place,
            passphrase_file,
        } => {
            ctx.unlock(passphrase_file)?;
            let group_id = group_named(ctx, &group)?;
            let s = ctx.session.api().add_group_session(GroupSessionForm {
                group_id,
                date,
                time,
                duration_minutes: Some(minutes),
                place,
            })?;
            show_session(ctx, &s)
        }
        G::Register {
            session_id,
            came,
            apologies,
            passphrase_file,
        } => {
            ctx.unlock(passphrase_file)?;
            let form = RegisterForm {
                session_id: GroupSessionId::new(session_id),
                came: people(ctx, &came)?,
                apologies: people(ctx, &apologies)?,
            };
            let saved = ctx.session.api().save_register(form)?;
            if !ctx.json {
                writeln!(
                    ctx.out,
                    "Register saved: {} contacts recorded, {} corrected.",
                    saved.recorded, saved.corrected
                )?;
            }
            show_session(ctx, &saved.session)
        }
        G::Close {
            group,
            reopen,
            passphrase_file,
        } => {
            ctx.unlock(passphrase_file)?;
            let group_id = group_named(ctx, &group)?;
            let g = ctx.session.api().group(GroupArgs {
                group_id: group_id.clone(),
            })?;
            let g = ctx.session.api().save_group(GroupForm {
                group_id: Some(group_id),
                name: Some(g.name),
                asset_id: g.asset_id,
                place: g.place,
                closed: !reopen,
            })?;
            show_group(ctx, &g)
        }
    }
}
