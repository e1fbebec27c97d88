//! Per-vault settings, stored inside the encrypted database.

use crate::{
    audit::{AuditAction, Entity},
    write::{Read, Tx},
    Result,
};
use linkwork_core::{
    outcomes::{FollowUpWeeks, PamCutoffs},
    settings::{
        NotReachedAfter, OutreachKeepMonths, UrgentTargetDays, WholeTimeEquivalent, ZoomPercent,
    },
    AutoLockMinutes,
};
use rusqlite::OptionalExtension;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Settings {
    pub auto_lock_minutes: AutoLockMinutes,
    /// Weeks after the last outcome record before a follow-up is due.
    pub follow_up_weeks: FollowUpWeeks,
    /// The organisation's own PAM level cut-offs, if it has entered them.
    pub pam_cutoffs: Option<PamCutoffs>,
    /// The link worker's hours; the safe caseload scales with them.
    pub whole_time_equivalent: WholeTimeEquivalent,
    /// How large the window is drawn.
    pub zoom: ZoomPercent,
    /// Days to an urgent referral's first contact.
    pub urgent_first_contact: UrgentTargetDays,
    /// Tries in a row that did not reach someone before they are "not reached".
    pub not_reached_after: NotReachedAfter,
    /// Months after an outreach list closes before its rows that did not become referrals go.
    pub outreach_keep_months: OutreachKeepMonths,
}

fn get<T: serde::de::DeserializeOwned>(r: Read<'_>, key: &str) -> Result<Option<T>> {
    let raw: Option<String> = r
        .conn()
        .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .optional()?;
    // A value that no longer parses (e.g. out of range after a rule change) falls back to the default.
    Ok(raw.and_then(|v| serde_json::from_str(&v).ok()))
}

fn put<T: serde::Serialize>(tx: &Tx<'_>, key: &str, value: &T) -> Result<()> {
    put_unaudited(tx, key, value)?;
    tx.audit(AuditAction::Update, Entity::Settings, Some(key))
}

/// For values whose change the caller audits in its own words (the vault's identity).
fn put_unaudited<T: serde::Serialize>(tx: &Tx<'_>, key: &str, value: &T) -> Result<()> {
    let json = serde_json::to_string(value).expect("settings serialise");
    tx.conn().execute(
        "INSERT INTO settings (key, value, updated_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
        rusqlite::params![key, json, tx.now()],
    )?;
    Ok(())
}

pub fn load(r: Read<'_>) -> Result<Settings> {
    Ok(Settings {
        auto_lock_minutes: get(r, "auto_lock_minutes")?.unwrap_or_default(),
        follow_up_weeks: get(r, "follow_up_weeks")?.unwrap_or_default(),
        pam_cutoffs: get::<Option<PamCutoffs>>(r, "pam_cutoffs")?.flatten(),
        whole_time_equivalent: get(r, "whole_time_equivalent")?.unwrap_or_default(),
        zoom: get(r, "zoom_percent")?.unwrap_or_default(),
        urgent_first_contact: get(r, "urgent_first_contact_days")?.unwrap_or_default(),
        not_reached_after: get(r, "not_reached_after")?.unwrap_or_default(),
        outreach_keep_months: get(r, "outreach_keep_months")?.unwrap_or_default(),
    })
}

/// The caseload's practice rules: the urgent first-contact target and when someone is "not reached".
pub fn set_caseload_rules(
    tx: &Tx<'_>,
    urgent: UrgentTargetDays,
    after: NotReachedAfter,
    keep: OutreachKeepMonths,
) -> Result<()> {
    let current = load(tx.read())?;
    if current.urgent_first_contact != urgent {
        put(tx, "urgent_first_contact_days", &urgent)?;
    }
    if current.not_reached_after != after {
        put(tx, "not_reached_after", &after)?;
    }
    if current.outreach_keep_months != keep {
        put(tx, "outreach_keep_months", &keep)?;
    }
    Ok(())
}

pub fn set_auto_lock(tx: &Tx<'_>, minutes: AutoLockMinutes) -> Result<()> {
    put(tx, "auto_lock_minutes", &minutes)
}

/// Outcome settings: the follow-up interval and the organisation's PAM cut-offs (`None` clears them).
pub fn set_outcomes(tx: &Tx<'_>, weeks: FollowUpWeeks, cutoffs: Option<PamCutoffs>) -> Result<()> {
    let current = load(tx.read())?;
    if current.follow_up_weeks != weeks {
        put(tx, "follow_up_weeks", &weeks)?;
    }
    if current.pam_cutoffs != cutoffs {
        put(tx, "pam_cutoffs", &cutoffs)?;
    }
    Ok(())
}

/// The link worker's name, as consent decisions (and later reports) record who did the work.
pub fn worker_name(r: Read<'_>) -> Result<Option<String>> {
    get::<Option<String>>(r, "worker_name").map(Option::flatten)
}

pub fn set_worker_name(tx: &Tx<'_>, name: Option<&str>) -> Result<()> {
    if worker_name(tx.read())?.as_deref() != name {
        put(tx, "worker_name", &name)?;
    }
    Ok(())
}

pub fn set_whole_time_equivalent(tx: &Tx<'_>, wte: WholeTimeEquivalent) -> Result<()> {
    if load(tx.read())?.whole_time_equivalent != wte {
        put(tx, "whole_time_equivalent", &wte)?;
    }
    Ok(())
}

pub fn set_zoom(tx: &Tx<'_>, zoom: ZoomPercent) -> Result<()> {
    if load(tx.read())?.zoom != zoom {
        put(tx, "zoom_percent", &zoom)?;
    }
    Ok(())
}

/// How many years closed episodes are kept after closing (default 8: the NHS Records Management
/// Code of Practice for adult health records).
pub fn retention_years(r: Read<'_>) -> Result<u32> {
    Ok(get(r, "retention_years")?
        .filter(|y| (1..=99).contains(y))
        .unwrap_or(crate::rights::DEFAULT_RETENTION_YEARS))
}

/// `years` must be 1–99 (checked by the caller, which names the field).
pub fn set_retention_years(tx: &Tx<'_>, years: u32) -> Result<()> {
    put(tx, "retention_years", &years)
}

/// The monthly report's settings: the supervisor's public keys (`age1…`, validated by the caller),
/// whether small numbers are suppressed, and the months whose report was exported ("2026-10").
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReportSettings {
    pub supervisor_keys: Vec<String>,
    pub suppress_small_numbers: bool,
    pub exported_months: Vec<String>,
}

pub fn report_settings(r: Read<'_>) -> Result<ReportSettings> {
    Ok(ReportSettings {
        supervisor_keys: get(r, "supervisor_keys")?.unwrap_or_default(),
        suppress_small_numbers: get(r, "suppress_small_numbers")?.unwrap_or(true),
        exported_months: get(r, "reports_exported")?.unwrap_or_default(),
    })
}

pub fn set_report_settings(tx: &Tx<'_>, keys: &[String], suppress: bool) -> Result<()> {
    put(tx, "supervisor_keys", &keys)?;
    put(tx, "suppress_small_numbers", &suppress)
}

/// Remembers that a month's report was exported (the caseload's reminder stops for it).
pub fn mark_report_exported(tx: &Tx<'_>, month: &str) -> Result<()> {
    let mut months: Vec<String> = get(tx.read(), "reports_exported")?.unwrap_or_default();
    if !months.iter().any(|m| m == month) {
        months.push(month.to_owned());
        months.sort();
        // The reminder only looks at last month: a year is plenty to keep.
        let keep = months.len().saturating_sub(24);
        months.drain(..keep);
        put(tx, "reports_exported", &months)?;
    }
    Ok(())
}

/// The vault's own identity (see [`crate::keys::VaultIdentity`]), if made yet.
pub(crate) fn vault_identity(r: Read<'_>) -> Result<Option<crate::keys::VaultIdentity>> {
    let secret: Option<zeroize::Zeroizing<String>> =
        get::<String>(r, "vault_identity")?.map(Into::into);
    Ok(secret.and_then(|s| crate::keys::VaultIdentity::from_secret(&s)))
}

/// The identity wrapped to the current passphrase (an age scrypt file), for backup headers.
pub(crate) fn wrapped_identity(r: Read<'_>) -> Result<Option<Vec<u8>>> {
    Ok(get::<String>(r, "vault_identity_wrapped")?.and_then(|h| hex::decode(h).ok()))
}

pub(crate) fn set_vault_identity(tx: &Tx<'_>, id: &crate::keys::VaultIdentity) -> Result<()> {
    put_unaudited(tx, "vault_identity", &*id.secret())?;
    tx.audit(AuditAction::Create, Entity::VaultIdentity, None)
}

/// A new identity for a credential change (the old one is forgotten: handovers sealed to the
/// old handover key no longer open here, and colleagues need the new key).
pub(crate) fn replace_vault_identity(tx: &Tx<'_>, id: &crate::keys::VaultIdentity) -> Result<()> {
    put_unaudited(tx, "vault_identity", &*id.secret())?;
    tx.audit(AuditAction::Update, Entity::VaultIdentity, None)
}

/// The caller audits (a passphrase change, a restore).
pub(crate) fn set_wrapped_identity(tx: &Tx<'_>, wrapped: &[u8]) -> Result<()> {
    put_unaudited(tx, "vault_identity_wrapped", &hex::encode(wrapped))
}

/// Where and how often the vault is backed up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupSettings {
    /// A folder for backups (a network drive, an encrypted USB stick); `None` = choose each time.
    pub folder: Option<String>,
    /// How many of Linkwork's backups to keep in the folder (older ones are deleted).
    pub keep: u32,
    /// The caseload reminds when the last backup is older than this.
    pub remind_after_days: u32,
    /// Back up to the folder on lock and exit, when anything changed since the last backup.
    pub on_lock: bool,
    pub last_backup_at: Option<chrono::DateTime<chrono::Utc>>,
}

pub const BACKUP_KEEP_DEFAULT: u32 = 10;
pub const BACKUP_REMIND_DEFAULT: u32 = 7;

pub fn backup_settings(r: Read<'_>) -> Result<BackupSettings> {
    Ok(BackupSettings {
        folder: get::<Option<String>>(r, "backup_folder")?.flatten(),
        keep: get(r, "backup_keep")?.unwrap_or(BACKUP_KEEP_DEFAULT),
        remind_after_days: get(r, "backup_remind_days")?.unwrap_or(BACKUP_REMIND_DEFAULT),
        on_lock: get(r, "backup_on_lock")?.unwrap_or(false),
        last_backup_at: get(r, "last_backup_at")?,
    })
}

/// Saves everything but `last_backup_at` (which only a finished backup sets).
pub fn set_backup_settings(tx: &Tx<'_>, s: &BackupSettings) -> Result<()> {
    let current = backup_settings(tx.read())?;
    if current.folder != s.folder {
        put(tx, "backup_folder", &s.folder)?;
    }
    if current.keep != s.keep {
        put(tx, "backup_keep", &s.keep)?;
    }
    if current.remind_after_days != s.remind_after_days {
        put(tx, "backup_remind_days", &s.remind_after_days)?;
    }
    if current.on_lock != s.on_lock {
        put(tx, "backup_on_lock", &s.on_lock)?;
    }
    Ok(())
}

/// A backup finished: the reminder starts counting again.
pub fn mark_backup_made(tx: &Tx<'_>, at: chrono::DateTime<chrono::Utc>) -> Result<()> {
    put_unaudited(tx, "last_backup_at", &at)?;
    tx.audit(AuditAction::Backup, Entity::Vault, None)
}

/// Whether any record changed since `since` (the vault's own lock, unlock, check and backup
/// entries do not count), so a backup on lock is made only when there is something new.
pub fn changed_since(r: Read<'_>, since: chrono::DateTime<chrono::Utc>) -> Result<bool> {
    Ok(r.conn().query_row(
        "SELECT EXISTS (SELECT 1 FROM audit_log WHERE at > ?1
           AND action NOT IN ('unlock', 'lock', 'check', 'backup'))",
        [since.to_rfc3339()],
        |row| row.get(0),
    )?)
}

/// The events the practice's referrers code in the GP record themselves (see
/// `linkwork_core::coding::REFERRER_MAY_CODE`); none until the practice says so.
pub fn referrer_codes(r: Read<'_>) -> Result<Vec<linkwork_core::coding::CodeUse>> {
    Ok(get(r, "gp_referrer_codes")?.unwrap_or_default())
}

pub fn set_referrer_codes(tx: &Tx<'_>, uses: &[linkwork_core::coding::CodeUse]) -> Result<()> {
    put(tx, "gp_referrer_codes", &uses)
}
