//! Backups (a job, or on lock), verifying and restoring them, their settings, the caseload's
//! reminder and the vault's handover key.

use super::{target, Result};
use crate::{error::ApiError, jobs::JobCtx, session::Session, types::*};
use chrono::{DateTime, SecondsFormat, Utc};
use linkwork_core::{ErrorCode, Passphrase, ValidationError};
use linkwork_store::{
    audit::{self, AnchorCheck},
    backup::{self, Opener},
    files::{self, Overwrite},
    settings::{self, BackupSettings},
    Read, RecoveryIdentity, StoreError,
};
use std::{
    path::{Path, PathBuf},
    sync::atomic::Ordering,
};

fn stamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn settings_view(r: Read<'_>, to_recovery: bool) -> Result<BackupSettingsView> {
    let b = settings::backup_settings(r)?;
    Ok(BackupSettingsView {
        folder: b.folder,
        keep: b.keep,
        remind_after_days: b.remind_after_days,
        on_lock: b.on_lock,
        last_backup_at: b.last_backup_at.map(stamp),
        to_recovery,
    })
}

pub fn backup_settings(s: &Session, _: NoArgs) -> Result<BackupSettingsView> {
    s.with_vault(|v| settings_view(v.read(), v.recovery_recipient().is_some()))
}

fn whole(
    field: &str,
    typed: &str,
    what: &str,
    range: std::ops::RangeInclusive<u32>,
) -> std::result::Result<u32, ValidationError> {
    typed
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|n| range.contains(n))
        .ok_or_else(|| {
            ValidationError::new(
                field,
                format!(
                    "Enter {what} as a whole number from {} to {}.",
                    range.start(),
                    range.end()
                ),
            )
        })
}

pub fn update_backup_settings(s: &Session, a: BackupSettingsForm) -> Result<BackupSettingsView> {
    let chosen = a
        .new_folder
        .as_ref()
        .filter(|f| !f.is_empty())
        .map(|f| f.path().to_path_buf());
    if let Some(f) = &chosen {
        check_folder(s, f)?;
    }
    let current = s.with_vault(|v| Ok(settings::backup_settings(v.read())?))?;
    let folder = match (chosen, a.no_folder) {
        (Some(f), _) => Some(f.display().to_string()),
        (None, true) => None,
        (None, false) => current.folder.clone(),
    };
    let keep = whole("keep", &a.keep, "how many backups to keep", 1..=100);
    let remind = whole(
        "remind_after_days",
        &a.remind_after_days,
        "the number of days",
        1..=90,
    );
    let (keep, remind) = linkwork_core::AllValid::all_valid((keep, remind))?;
    if a.on_lock && folder.is_none() {
        return Err(ValidationError::new(
            "on_lock",
            "Choose a backup folder first: a backup on lock goes there without asking.",
        )
        .into());
    }
    s.with_vault(|v| {
        let current = settings::backup_settings(v.read())?;
        v.write(|tx| {
            settings::set_backup_settings(
                tx,
                &BackupSettings {
                    folder,
                    keep,
                    remind_after_days: remind,
                    on_lock: a.on_lock,
                    ..current
                },
            )
        })?;
        settings_view(v.read(), v.recovery_recipient().is_some())
    })
}

/// A backup folder must exist and must not be (inside) the data folder.
fn check_folder(s: &Session, folder: &Path) -> Result<()> {
    if !folder.is_dir() {
        return Err(ValidationError::new(
            "folder",
            format!(
                "The folder {} does not exist. Check the name, or connect the drive first.",
                folder.display()
            ),
        )
        .into());
    }
    files::check_target(&folder.join("probe.age"), s.data_dir(), Overwrite::Never)
        .map_err(|e| ApiError::from(e).on_field("folder"))?;
    Ok(())
}

/// The backup folder and how many of Linkwork's backups it keeps.
struct Prune {
    folder: PathBuf,
    keep: u32,
}

/// Where a backup goes, and whether older ones are pruned there.
struct Destination {
    path: PathBuf,
    overwrite: Overwrite,
    prune: Option<Prune>,
}

impl Destination {
    /// A new file in the backup folder.
    fn folder(folder: PathBuf, keep: u32, now: DateTime<Utc>) -> Self {
        Self {
            path: backup::new_file_in(&folder, now),
            overwrite: Overwrite::Never,
            prune: Some(Prune { folder, keep }),
        }
    }
}

/// The file asked for, or a new file in the backup folder.
fn destination(s: &Session, a: &BackupArgs) -> Result<Destination> {
    match a.path.as_ref().filter(|p| !p.is_empty()) {
        Some(p) => {
            let (path, overwrite) =
                target(s, "path", "the file to save the backup as", p, a.overwrite)?;
            Ok(Destination {
                path,
                overwrite,
                prune: None,
            })
        }
        None => {
            let b = s.with_vault(|v| Ok(settings::backup_settings(v.read())?))?;
            let folder = b.folder.ok_or_else(|| {
                ApiError::from(ValidationError::new(
                    "path",
                    "Choose where to save the backup, or set a backup folder in Settings.",
                ))
            })?;
            let folder = PathBuf::from(folder);
            check_folder(s, &folder).map_err(|e| e.on_field("path"))?;
            Ok(Destination::folder(folder, b.keep, s.now()))
        }
    }
}

/// Writes the backup and records it; then, in the backup folder, deletes the oldest of Linkwork's
/// backups beyond the number to keep. Shared by the job and the backup on lock.
fn run(
    source: &mut backup::Source,
    data_dir: &Path,
    to: Destination,
    now: DateTime<Utc>,
    progress: backup::Progress<'_>,
) -> Result<BackupMade> {
    let manifest = files::save(&to.path, data_dir, to.overwrite, |out| {
        backup::write(source, out, now, progress)
    })?;
    source.record(now)?;
    let mut pruned = 0;
    if let Some(Prune { folder, keep }) = to.prune {
        for old in backup::list(&folder)?.into_iter().skip(keep as usize) {
            if std::fs::remove_file(&old).is_ok() {
                pruned += 1;
            }
        }
    }
    Ok(BackupMade {
        path: to.path.display().to_string(),
        bytes: manifest.bytes,
        people: manifest.counts.get("person").copied().unwrap_or(0),
        to_recovery: source.to_recovery(),
        pruned,
    })
}

/// Starts a backup job: to the file given, or into the backup folder.
pub fn backup(s: &Session, a: BackupArgs) -> Result<JobStarted> {
    let to = destination(s, &a)?;
    let mut source = s.with_vault(|v| Ok(v.backup_source()?))?;
    let data_dir = s.data_dir().to_path_buf();
    let now = s.now();
    let job_id = s.jobs.start(JobKind::Backup, move |ctx: &JobCtx| {
        let mut progress = |done: u64, total: u64| {
            ctx.progress(done, total);
            !ctx.stop.load(Ordering::Relaxed)
        };
        let made =
            run(&mut source, &data_dir, to, now, &mut progress).map_err(|e| match e.code {
                ErrorCode::Cancelled => ApiError::new(
                    ErrorCode::Cancelled,
                    "The backup was cancelled; no file was written.",
                ),
                _ => e,
            })?;
        Ok(JobOutput::Backup(made))
    })?;
    Ok(JobStarted { job_id })
}

/// On lock or exit: when a folder is set, backing up on lock is on, and a record changed since the
/// last backup, returns the work to do on a background thread (the vault may close meanwhile: the
/// backup has its own connection).
pub(crate) fn on_lock(s: &Session, v: &linkwork_store::Vault) -> Option<impl FnOnce() + Send> {
    let b = settings::backup_settings(v.read()).ok()?;
    let folder = PathBuf::from(b.folder?);
    if !b.on_lock || !folder.is_dir() {
        return None;
    }
    let changed = match b.last_backup_at {
        Some(at) => settings::changed_since(v.read(), at).ok()?,
        None => true,
    };
    if !changed {
        return None;
    }
    let mut source = v.backup_source().ok()?;
    let data_dir = s.data_dir().to_path_buf();
    let now = s.now();
    Some(move || {
        let to = Destination::folder(folder, b.keep, now);
        // A failure leaves no file and no record: the caseload's reminder then says a backup is due.
        if let Err(e) = run(&mut source, &data_dir, to, now, &mut |_, _| true) {
            eprintln!("Linkwork: the backup on lock was not made ({}).", e.code);
        }
    })
}

fn opener_parts(
    s: &Session,
    a: &BackupFileArgs,
) -> Result<(PathBuf, Option<Passphrase>, Option<RecoveryIdentity>)> {
    let path = super::source(s, "path", "the backup file", &a.path)?;
    let identity = match a.recovery_identity.as_ref().filter(|k| !k.0.is_empty()) {
        Some(k) => Some(RecoveryIdentity::parse("recovery_identity", k.0.expose())?),
        None => None,
    };
    let passphrase = a
        .passphrase
        .as_ref()
        .filter(|p| !p.0.is_empty())
        .map(|p| p.0.clone());
    if identity.is_none() && passphrase.is_none() {
        return Err(ValidationError::new(
            "passphrase",
            "Enter the passphrase the vault had when the backup was made, or use the recovery key.",
        )
        .into());
    }
    Ok((path, passphrase, identity))
}

fn opener<'a>(p: &'a Option<Passphrase>, k: &'a Option<RecoveryIdentity>) -> Opener<'a> {
    match (k, p) {
        (Some(k), _) => Opener::Recovery(k),
        (None, Some(p)) => Opener::Passphrase(p),
        (None, None) => unreachable!("checked by opener_parts"),
    }
}

fn verified_view(path: &Path, v: &backup::Verified) -> BackupVerified {
    BackupVerified {
        path: path.display().to_string(),
        created_at: stamp(v.manifest.created_at),
        data_version: v.manifest.schema_version,
        counts: v.manifest.counts.clone(),
        bytes: v.manifest.bytes,
        recovery_recipient: v.vault.recovery_recipient.clone(),
        signed_by: v.signed_by.clone(),
    }
}

/// Checks a backup without touching the vault (locked or not).
pub fn verify_backup(s: &Session, a: BackupFileArgs) -> Result<BackupVerified> {
    let (path, pass, key) = opener_parts(s, &a)?;
    let verified =
        backup::verify(&path, opener(&pass, &key)).map_err(|e| field_of(e, key.is_some()))?;
    Ok(verified_view(&path, &verified))
}

/// The audit trail beside a backup's anchor: rows deleted from its end since (which the chain
/// alone cannot show), or rewritten, show here.
pub fn compare_audit_with_backup(s: &Session, a: BackupFileArgs) -> Result<AuditCompared> {
    let (path, pass, key) = opener_parts(s, &a)?;
    let verified =
        backup::verify(&path, opener(&pass, &key)).map_err(|e| field_of(e, key.is_some()))?;
    let made = verified
        .manifest
        .created_at
        .with_timezone(&chrono::Local)
        .format("%d/%m/%Y %H:%M")
        .to_string();
    let Some(anchor) = verified.manifest.audit else {
        return Err(ValidationError::new(
            "path",
            "This backup was made before Linkwork recorded where the audit trail ended, so it cannot be compared. Choose a backup made since.",
        )
        .into());
    };
    s.with_vault(|v| {
        let chain = audit::verify(v.read())?;
        let check = audit::check_anchor(v.read(), &anchor)?;
        let rows = |n: u64| format!("{n} row{}", if n == 1 { "" } else { "s" });
        let (holds, summary) = match check {
            AnchorCheck::Holds { since } => (
                true,
                format!(
                    "The audit trail holds all {} it had when the backup of {made} was made, unchanged, and {} since.",
                    rows(anchor.rows),
                    rows(since)
                ),
            ),
            AnchorCheck::NewestGone { head_row, last_row } => (
                false,
                format!(
                    "Rows are missing from the end of the audit trail: the backup of {made} ends at row {head_row}, but the trail now ends {}. Rows written before that backup was made have been deleted, or the vault was restored from an older backup.",
                    last_row.map_or("with no rows".to_string(), |l| format!("at row {l}"))
                ),
            ),
            AnchorCheck::Rewritten { row } => (
                false,
                format!(
                    "Row {row} of the audit trail is not what it was when the backup of {made} was made: the trail has been rewritten since, or the vault was restored from an older backup (or that backup is of another vault)."
                ),
            ),
            AnchorCheck::CountDiffers { expected, found } => (
                false,
                format!(
                    "When the backup of {made} was made the trail had {} up to row {}; it now has {}.",
                    rows(expected),
                    anchor.head_row,
                    rows(found)
                ),
            ),
        };
        let holds = holds && chain.breaks.is_empty();
        let summary = if chain.breaks.is_empty() {
            summary
        } else {
            format!(
                "{summary} The chain itself breaks at {}: check the audit trail for where.",
                rows(chain.breaks.len() as u64)
            )
        };
        Ok(AuditCompared {
            holds,
            summary,
            backup_made_at: made.clone(),
        })
    })
}

/// The wrong secret belongs beside the secret's field; a bad file beside the file.
fn field_of(e: StoreError, by_key: bool) -> ApiError {
    let field = match &e {
        StoreError::BackupWrongKey(_) if by_key => Some("recovery_identity"),
        StoreError::BackupWrongKey(_) => Some("passphrase"),
        StoreError::BackupDamaged { .. }
        | StoreError::BackupForged(_)
        | StoreError::BackupUnsigned(_)
        | StoreError::Io { .. } => Some("path"),
        StoreError::RestoreWouldReplace(_) => Some("replace"),
        StoreError::RestoreBringsBackErased(_) => Some("erased"),
        _ => None,
    };
    let api = ApiError::from(e);
    match field {
        Some(f) => api.on_field(f),
        None => api,
    }
}

/// Restores a backup into the data folder (the first-run screen, or `linkwork restore`), then
/// opens it. Refused while the vault is open.
pub fn restore_backup(s: &Session, a: RestoreArgs) -> Result<RestoreDone> {
    if s.is_unlocked() {
        return Err(ApiError::new(
            ErrorCode::InvalidInput,
            "Lock Linkwork before restoring a backup over this vault.",
        ));
    }
    let (path, pass, key) = opener_parts(s, &a.file)?;
    // With the recovery key the restored vault needs a new passphrase; with the passphrase it keeps it.
    let passphrase = match (&key, &pass) {
        (Some(_), _) => Passphrase::choose(
            "new_passphrase",
            a.new_passphrase
                .map(|p| p.into_string())
                .unwrap_or_default(),
            a.new_passphrase_confirm
                .as_ref()
                .map(|p| p.0.expose())
                .unwrap_or(""),
        )?,
        (None, Some(p)) => p.clone(),
        (None, None) => unreachable!("checked by opener_parts"),
    };
    let done = backup::restore(
        &path,
        opener(&pass, &key),
        backup::RestoreTo {
            target: s.data_dir(),
            replace: a.replace,
            allow_unsigned: a.unsigned,
            erased: a.erased.map(|e| match e {
                RestoreErased::EraseAgain => linkwork_store::handover::ErasedChoice::LeaveOut,
                RestoreErased::Keep => linkwork_store::handover::ErasedChoice::BringBack,
            }),
        },
        &passphrase,
        s.kdf(),
        &*s.clock(),
    )
    .map_err(|e| field_of(e, key.is_some()))?;
    let verified = verified_view(&path, &done.verified);
    let status = super::vault::unlock(
        s,
        UnlockArgs {
            passphrase: SecretInput(passphrase),
        },
    )?;
    let erased = done.erased.iter().map(|e| e.name.clone()).collect();
    Ok(RestoreDone {
        status,
        verified,
        moved_aside: done.moved_aside.map(|p| p.display().to_string()),
        erased_again: if matches!(a.erased, Some(RestoreErased::EraseAgain)) {
            erased
        } else {
            vec![]
        },
        erasures_unchecked: done.erasures_unchecked,
    })
}

pub fn handover_key(s: &Session, _: NoArgs) -> Result<HandoverKey> {
    s.with_vault(|v| {
        let id = v.identity()?;
        Ok(HandoverKey {
            recipient: id.recipient(),
            fingerprint: id.signer_key().fingerprint(),
        })
    })
}

/// Shown on the caseload when the last backup is older than the days set (or there is none yet
/// and there are records to lose).
pub fn reminder(now: DateTime<Utc>, r: Read<'_>, has_people: bool) -> Result<Option<BackupDue>> {
    let b = settings::backup_settings(r)?;
    Ok(match b.last_backup_at {
        None if has_people => Some(BackupDue { days: None }),
        None => None,
        Some(at) => {
            let days = (now - at).num_days();
            (days >= i64::from(b.remind_after_days)).then_some(BackupDue {
                days: Some(days as u32),
            })
        }
    })
}
