//! Importing and exporting the directory: Open Referral UK JSON, ORUK CSV folders and the Linkwork
//! CSV template, through `linkwork-oruk`. An import is one transaction on a job's [`Worker`],
//! committed only when the whole feed is clean; it matches assets by ORUK id and skips records
//! whose content hash is unchanged, so importing the same feed twice changes nothing.

use crate::{
    assets::{all_assets, upsert},
    audit::{AuditAction, Entity},
    error::StoreError,
    sql::new_id,
    write::{Keep, Read, Tx, Worker},
    Result,
};
use linkwork_core::{
    assets::{AssetInput, ImportProblem, ImportReport},
    ids::AssetId,
};
use linkwork_oruk::StopFlag;
use rusqlite::OptionalExtension;
use std::{io::Write, path::Path, sync::atomic::Ordering};

/// What an import did to one record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applied {
    Added,
    Updated,
    Unchanged,
}

/// Writes one imported asset inside the importer's transaction, matched by ORUK id. A feed record
/// whose content hash is unchanged is left alone, so re-importing the same feed changes nothing.
pub fn write_imported(tx: &Tx<'_>, a: &AssetInput, hash: &str, dry_run: bool) -> Result<Applied> {
    let oruk = a.oruk_id.as_deref().ok_or_else(|| {
        linkwork_core::ValidationError::new("id", "An imported service needs its ORUK id.")
    })?;
    let found: Option<(String, Option<String>)> = tx
        .conn()
        .prepare_cached("SELECT id, import_hash FROM asset WHERE oruk_id = ?1")?
        .query_row([oruk], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let applied = match &found {
        None => Applied::Added,
        Some((_, Some(h))) if h == hash => Applied::Unchanged,
        Some(_) => Applied::Updated,
    };
    if dry_run || applied == Applied::Unchanged {
        return Ok(applied);
    }
    let id: AssetId = found.map_or_else(new_id, |(id, _)| id.into());
    upsert(tx, &id, a, Some(hash))?;
    let action = if applied == Applied::Added {
        AuditAction::Create
    } else {
        AuditAction::Update
    };
    tx.audit(action, Entity::Asset, Some(id.as_str()))?;
    Ok(applied)
}

fn import_hash(a: &AssetInput) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(
        serde_json::to_vec(a).expect("an asset always serialises"),
    ))
}

/// Problems listed in full; beyond this they are only counted.
pub const MAX_LISTED_PROBLEMS: usize = 1000;

struct ImportSink<'t, 'c, 'p> {
    tx: &'t Tx<'c>,
    dry_run: bool,
    report: ImportReport,
    progress: &'p mut dyn FnMut(u64, u64),
    stop: &'p StopFlag,
}

impl linkwork_oruk::Sink for ImportSink<'_, '_, '_> {
    fn asset(&mut self, record: linkwork_oruk::Record) -> Result<(), ImportProblem> {
        let place = |field: Option<&str>, message: String| ImportProblem {
            file: record.file.clone(),
            place: record.place.clone(),
            field: field.map(String::from),
            message,
            whole_file: false,
        };
        let a = record.asset.clone().normalised();
        if let Err(e) = a.validate() {
            return Err(place(Some(&e.field), e.message));
        }
        match write_imported(self.tx, &a, &import_hash(&a), self.dry_run) {
            Ok(Applied::Added) => self.report.added += 1,
            Ok(Applied::Updated) => self.report.updated += 1,
            Ok(Applied::Unchanged) => self.report.unchanged += 1,
            Err(e) => {
                return Err(place(
                    None,
                    format!("Linkwork could not store this service: {e}"),
                ))
            }
        }
        Ok(())
    }
    fn progress(&mut self, done: u64, total: u64) {
        (self.progress)(done, total)
    }
    fn stop_flag(&self) -> Option<StopFlag> {
        Some(StopFlag::clone(self.stop))
    }
}

/// Imports an ORUK feed (JSON file, CSV folder) or the Linkwork CSV template, all or nothing: one
/// transaction, committed only when the whole feed is clean and `dry_run` is false. The report
/// counts what was (or would be) added, updated and left unchanged, and lists every problem.
/// Once `stop` is set (from another thread) the reader stops at its next read and nothing is
/// written ([`StoreError::Cancelled`]).
pub fn import(
    worker: &mut Worker,
    path: &Path,
    dry_run: bool,
    progress: &mut dyn FnMut(u64, u64),
    stop: &StopFlag,
) -> Result<ImportReport> {
    worker.transact(|tx| {
        let mut sink = ImportSink {
            tx,
            dry_run,
            report: ImportReport {
                dry_run,
                ..Default::default()
            },
            progress,
            stop,
        };
        let outcome = linkwork_oruk::read(path, &mut sink);
        if stop.load(Ordering::Relaxed) {
            return Err(StoreError::Cancelled("import"));
        }
        let mut report = sink.report;
        report.ignored_files = outcome.ignored_files;
        let mut warnings = outcome.warnings;
        if warnings.len() > MAX_LISTED_PROBLEMS {
            report.more_warnings = (warnings.len() - MAX_LISTED_PROBLEMS) as u32;
            warnings.truncate(MAX_LISTED_PROBLEMS);
        }
        report.warnings = warnings;
        let mut problems = outcome.problems;
        if problems.len() > MAX_LISTED_PROBLEMS {
            report.more_problems = (problems.len() - MAX_LISTED_PROBLEMS) as u32;
            problems.truncate(MAX_LISTED_PROBLEMS);
        }
        report.problems = problems;
        if report.problems.is_empty() && !dry_run {
            tx.audit(AuditAction::Import, Entity::Asset, None)?;
            report.committed = true;
            Ok((report, Keep::Commit))
        } else {
            report.dry_run = true;
            Ok((report, Keep::RollBack))
        }
    })
}

/// The id an asset has in an export: its ORUK id, or its own id for a local asset.
fn export_id((id, a): &(AssetId, AssetInput)) -> String {
    a.oruk_id.clone().unwrap_or_else(|| id.to_string())
}

/// Writes to `path` through a temporary file beside it, so a failed export leaves no half file.
/// Writes the directory as ORUK JSON (each service validated against the uk-profile schema).
/// Stops with [`StoreError::Cancelled`] once `stop` is set; the caller discards what was written.
pub fn write_oruk_json(r: Read<'_>, out: &mut dyn Write, stop: &StopFlag) -> Result<u32> {
    let all = all_assets(r)?;
    linkwork_oruk::export::write_json(out, all.len(), until_stopped(&all, stop)).map_err(|e| {
        match e {
            linkwork_oruk::export::ExportError::Io(e) => StoreError::io("write", "the export", e),
            linkwork_oruk::export::ExportError::Invalid(p) => StoreError::ExportInvalid(
                p.iter()
                    .map(|p| p.to_string())
                    .collect::<Vec<_>>()
                    .join("; "),
            ),
        }
    })?;
    finished(stop, all.len())
}

/// Writes the directory in the Linkwork CSV template's columns.
pub fn write_csv(r: Read<'_>, out: &mut dyn Write, stop: &StopFlag) -> Result<u32> {
    let all = all_assets(r)?;
    linkwork_oruk::template::write(out, until_stopped(&all, stop))
        .map_err(|e| StoreError::io("write", "the export", e))?;
    finished(stop, all.len())
}

/// The assets with their export ids, ending early once `stop` is set.
fn until_stopped<'a>(
    all: &'a [(AssetId, AssetInput)],
    stop: &'a StopFlag,
) -> impl Iterator<Item = (String, &'a AssetInput)> {
    all.iter()
        .take_while(|_| !stop.load(Ordering::Relaxed))
        .map(|x| (export_id(x), &x.1))
}

fn finished(stop: &StopFlag, written: usize) -> Result<u32> {
    if stop.load(Ordering::Relaxed) {
        return Err(StoreError::Cancelled("export"));
    }
    Ok(written as u32)
}
