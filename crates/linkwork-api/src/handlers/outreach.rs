//! Proactive outreach lists: preview and import a practice search, work it by call, and make a
//! referral when someone accepts.

use super::Result;
use crate::{session::Session, types::*};
use linkwork_core::{
    dates::{parse_local_datetime, parse_optional_date},
    outreach::{read_list, OutreachListSummary, OutreachListView, OutreachPreview, ReadList},
    ValidationError,
};
use linkwork_store::{outreach, settings, Read};

/// The largest list file read (a practice's whole register is well under this).
const MAX_BYTES: u64 = 20 << 20;

fn read_file(s: &Session, a: &crate::chosen::ChosenFile) -> Result<Vec<u8>> {
    let path = super::source(s, "path", "the file the practice search exported", a)?;
    let size = std::fs::metadata(&path)
        .map_err(|e| linkwork_store::StoreError::io("read", "the list", e))?
        .len();
    if size > MAX_BYTES {
        return Err(ValidationError::new(
            "path",
            "That file is larger than 20 MB: it is not a practice search's list.",
        )
        .into());
    }
    Ok(std::fs::read(&path).map_err(|e| linkwork_store::StoreError::io("read", "the list", e))?)
}

/// What importing the file would do: every row matched against the caseload and other lists, or
/// every problem (line and column).
pub fn outreach_preview(s: &Session, a: OutreachFileArgs) -> Result<OutreachPreview> {
    let bytes = read_file(s, &a.path)?;
    let read = read_list(&bytes, s.today());
    s.with_vault(|v| {
        Ok(match read {
            Err(problems) => OutreachPreview {
                rows: vec![],
                problems,
                columns: vec![],
                people: 0,
                known: 0,
                on_other_lists: 0,
            },
            Ok(ReadList { rows, columns }) => {
                let rows = outreach::preview(v.read(), &rows)?;
                let kept = || rows.iter().filter(|r| r.same_as_line.is_none());
                OutreachPreview {
                    people: kept().count() as u32,
                    known: kept().filter(|r| r.known.is_some()).count() as u32,
                    on_other_lists: kept().filter(|r| !r.also_on.is_empty()).count() as u32,
                    columns: columns
                        .into_iter()
                        .map(|(what, heading)| (what.to_string(), heading))
                        .collect(),
                    rows,
                    problems: vec![],
                }
            }
        })
    })
}

/// Imports the whole list, or nothing when any row has a problem (the message lists them all).
pub fn import_outreach(s: &Session, a: OutreachImportArgs) -> Result<OutreachListView> {
    let practice_id = super::chosen("practice_id", "practice whose search it is", a.practice_id)?;
    let searched_on = parse_optional_date(
        "searched_on",
        "day the search was run",
        Some(&a.searched_on),
    )?
    .unwrap_or_else(|| s.today());
    let bytes = read_file(s, &a.path)?;
    let rows = match read_list(&bytes, s.today()) {
        Ok(r) => r.rows,
        Err(problems) => {
            let shown: Vec<String> = problems.iter().take(20).map(ToString::to_string).collect();
            let more = problems.len().saturating_sub(shown.len());
            return Err(ValidationError::new(
                "path",
                format!(
                    "Nothing was imported: {}{}",
                    shown.join(" "),
                    if more > 0 {
                        format!(" And {more} more.")
                    } else {
                        String::new()
                    }
                ),
            )
            .into());
        }
    };
    s.with_vault(|v| {
        let id = v.write(|tx| {
            outreach::import(
                tx,
                &outreach::ImportInput {
                    practice_id,
                    name: a.name.clone(),
                    searched_on,
                    rows,
                },
            )
        })?;
        Ok(outreach::list(v.read(), &id, keep(v.read())?)?)
    })
}

fn keep(r: Read<'_>) -> linkwork_store::Result<linkwork_core::settings::OutreachKeepMonths> {
    Ok(settings::load(r)?.outreach_keep_months)
}

/// Every list, open ones first.
pub fn outreach_lists(s: &Session, _: NoArgs) -> Result<Vec<OutreachListSummary>> {
    s.with_vault(|v| Ok(outreach::lists(v.read(), keep(v.read())?)?))
}

/// One list, in the order to call.
pub fn outreach_list(s: &Session, a: OutreachListArgs) -> Result<OutreachListView> {
    s.with_vault(|v| Ok(outreach::list(v.read(), &a.list_id, keep(v.read())?)?))
}

fn when(s: &Session, at: Option<&str>) -> Result<chrono::NaiveDateTime> {
    match at.map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(s.now_local()),
        Some(t) => {
            let at = parse_local_datetime("at", "time of the call", t)?;
            if at.date() > s.today() {
                return Err(ValidationError::new("at", "The call cannot be in the future.").into());
            }
            Ok(at)
        }
    }
}

/// Logs a try (no answer, a message left, a wrong number) or what they decided.
pub fn log_outreach(s: &Session, a: OutreachLogArgs) -> Result<OutreachListView> {
    let outcome = super::chosen("outcome", "outcome of the call", a.outcome)?;
    let at = when(s, a.at.as_deref())?;
    s.with_vault(|v| {
        let list = v.write(|tx| outreach::log(tx, &a.entry_id, outcome, at))?;
        Ok(outreach::list(v.read(), &list, keep(v.read())?)?)
    })
}

/// They accepted: the referral is made (source "proactive search") and they leave the list's work.
pub fn accept_outreach(s: &Session, a: OutreachEntryArgs) -> Result<OutreachAccepted> {
    let at = s.now_local();
    s.with_vault(|v| {
        let episode_id = v.write(|tx| outreach::accept(tx, &a.entry_id, at))?;
        let r = v.read();
        let person_id = linkwork_store::episodes::person_of_episode(r, &episode_id)?;
        let list_id = outreach::list_of_entry(r, &a.entry_id)?;
        Ok(OutreachAccepted {
            person_id,
            episode_id,
            list: outreach::list(r, &list_id, keep(r)?)?,
        })
    })
}

/// Closes a list (its rows that did not become referrals are removed after the time kept) or
/// reopens it.
pub fn close_outreach_list(s: &Session, a: OutreachCloseArgs) -> Result<OutreachListView> {
    let today = s.today();
    s.with_vault(|v| {
        v.write(|tx| outreach::set_closed(tx, &a.list_id, a.closed.then_some(today)))?;
        Ok(outreach::list(v.read(), &a.list_id, keep(v.read())?)?)
    })
}
