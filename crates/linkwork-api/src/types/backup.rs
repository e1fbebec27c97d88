//! Backups, verifying and restoring them, and the vault's handover key.

use super::SecretInput;
use crate::chosen::ChosenFile;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, TS)]
pub struct BackupSettingsView {
    /// Where backups go without asking; `null` = chosen each time.
    pub folder: Option<String>,
    pub keep: u32,
    pub remind_after_days: u32,
    pub on_lock: bool,
    /// When the last backup finished (`YYYY-MM-DDTHH:MM:SSZ`).
    pub last_backup_at: Option<String>,
    /// Backups open with the recovery key too (one is set up).
    pub to_recovery: bool,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct BackupSettingsForm {
    /// A backup folder just chosen; with neither this nor `no_folder` the folder stays as it is.
    #[serde(default)]
    #[ts(type = "FileHandle | null")]
    pub new_folder: Option<ChosenFile>,
    /// Forget the backup folder (each backup then asks where).
    #[serde(default)]
    pub no_folder: bool,
    /// How many backups to keep in the folder, as typed.
    pub keep: String,
    /// Remind after this many days, as typed.
    pub remind_after_days: String,
    #[serde(default)]
    pub on_lock: bool,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct BackupArgs {
    /// The file to write; none = a new file in the backup folder from Settings.
    #[serde(default)]
    #[ts(type = "FileHandle | null")]
    pub path: Option<ChosenFile>,
    /// The person confirmed replacing an existing file.
    #[serde(default)]
    pub overwrite: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct BackupMade {
    pub path: String,
    #[ts(type = "number")]
    pub bytes: u64,
    /// People in the backup.
    #[ts(type = "number")]
    pub people: u64,
    /// Opens with the recovery key as well as the passphrase.
    pub to_recovery: bool,
    /// Older backups deleted from the folder to keep the number set in Settings.
    pub pruned: u32,
}

/// What opens a backup: the passphrase the vault had when it was made, or the recovery key.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct BackupFileArgs {
    #[ts(type = "FileHandle")]
    pub path: ChosenFile,
    #[serde(default)]
    #[ts(type = "string | null")]
    pub passphrase: Option<SecretInput>,
    /// The contents of the recovery key file (`AGE-SECRET-KEY-1…`).
    #[serde(default)]
    #[ts(type = "string | null")]
    pub recovery_identity: Option<SecretInput>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct BackupVerified {
    pub path: String,
    /// When the backup was made (`YYYY-MM-DDTHH:MM:SSZ`).
    pub created_at: String,
    pub data_version: u32,
    /// Rows per table.
    #[ts(type = "Record<string, number>")]
    pub counts: BTreeMap<String, u64>,
    #[ts(type = "number")]
    pub bytes: u64,
    /// The recovery public key the vault had, if any.
    pub recovery_recipient: Option<String>,
    /// The signing vault's fingerprint; none for a backup made before backups were signed.
    pub signed_by: Option<String>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct RestoreArgs {
    #[serde(flatten)]
    pub file: BackupFileArgs,
    /// Needed when opening with the recovery key: the restored vault's new passphrase.
    #[serde(default)]
    #[ts(type = "string | null")]
    pub new_passphrase: Option<SecretInput>,
    #[serde(default)]
    #[ts(type = "string | null")]
    pub new_passphrase_confirm: Option<SecretInput>,
    /// Replace the vault in the data folder (it is moved aside, not deleted).
    #[serde(default)]
    pub replace: bool,
    /// Accept a backup made before backups were signed: the person's own old backup only.
    #[serde(default)]
    pub unsigned: bool,
    /// People in the backup erased from the vault it replaces since: asked for only when there
    /// are any (the restore refuses, on this field, until it is given).
    #[serde(default)]
    pub erased: Option<RestoreErased>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RestoreErased {
    /// Erase them again as the backup is restored: their erasure stands.
    EraseAgain,
    /// Keep them (they are brought back on purpose).
    Keep,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct RestoreDone {
    pub status: super::AppStatus,
    pub verified: BackupVerified,
    /// Where the vault that was in the data folder went.
    pub moved_aside: Option<String>,
    /// People erased again as the backup was restored (erased from the replaced vault since).
    pub erased_again: Vec<String>,
    /// The replaced vault had erased people, but a backup from an older version of Linkwork
    /// cannot be checked against them: erase them again by hand if they are back.
    pub erasures_unchecked: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct HandoverKey {
    /// This vault's public key (`age1…`): colleagues encrypt a handover to it.
    pub recipient: String,
    /// The fingerprint of this vault's signing key, which colleagues compare by phone before they
    /// accept the first handover from you (20 hex digits in groups of four).
    pub fingerprint: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct BackupDue {
    /// Days since the last backup; `null` when there has never been one.
    pub days: Option<u32>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct HandoverExportArgs {
    /// The colleague's handover key (`age1…`).
    pub to: String,
    /// The people to hand over (ignored with `all_open`).
    #[serde(default)]
    pub people: Vec<linkwork_core::ids::PersonId>,
    /// Everyone with an open episode.
    #[serde(default)]
    pub all_open: bool,
    #[ts(type = "FileHandle")]
    pub path: ChosenFile,
    #[serde(default)]
    pub overwrite: bool,
    /// The passphrase, asked again: records are leaving for someone else's vault (script in the
    /// window alone cannot seal the caseload to a key of its choosing).
    #[ts(type = "string")]
    pub passphrase: crate::types::SecretInput,
}

/// Everything a handover needs but the file, checked before the save dialog opens.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct HandoverCheckArgs {
    pub to: String,
    #[serde(default)]
    pub people: Vec<linkwork_core::ids::PersonId>,
    #[serde(default)]
    pub all_open: bool,
    #[ts(type = "string")]
    pub passphrase: crate::types::SecretInput,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct HandoverExported {
    pub path: String,
    /// Who was handed over, to offer closing their open episodes.
    pub people: Vec<linkwork_core::ids::PersonId>,
    pub episodes: u32,
    pub open_episodes: u32,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct HandoverFileArgs {
    #[ts(type = "FileHandle")]
    pub path: ChosenFile,
    /// An age identity file's contents, when the package was not encrypted to this vault's key.
    #[serde(default)]
    #[ts(type = "string | null")]
    pub identity: Option<SecretInput>,
    /// Import only: the signing fingerprint the person compared with the sender, to accept a
    /// colleague's key the first time (or after it changed).
    #[serde(default)]
    pub accept_signer: Option<String>,
    /// What to do with people erased from this vault before; an import with any refuses until
    /// this is given (a preview counts them left out).
    #[serde(default)]
    pub erased: Option<ErasedPeople>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErasedPeople {
    /// Leave them, and everything about them, out: erased stays erased.
    LeaveOut,
    /// Bring them back on purpose (their erasure record here goes).
    BringBack,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SignerTrust {
    /// A colleague's key accepted before (or just now, by this import).
    Accepted,
    /// A key never accepted here.
    New,
    /// A colleague of the same name was accepted with another key.
    Changed,
}

/// Who signed a handover, and whether this vault accepts their key.
#[derive(Debug, Clone, Serialize, TS)]
pub struct HandoverSigner {
    pub fingerprint: String,
    pub trust: SignerTrust,
    /// With `changed`: the name the other key was accepted under.
    pub accepted_name: Option<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct ColleagueKey {
    pub fingerprint: String,
    pub name: Option<String>,
    /// DD/MM/YYYY.
    pub accepted_on: String,
}

/// Colleagues whose handovers this vault accepts.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ColleagueKeys {
    pub colleagues: Vec<ColleagueKey>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ForgetColleagueArgs {
    pub fingerprint: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum HandoverMatch {
    /// Not here yet: added.
    New,
    /// The same record (a second handover, or one handed back).
    SameRecord,
    /// Someone here with the same NHS number: merged into their record.
    SameNhsNumber,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct HandoverPerson {
    pub name: String,
    /// 3-3-4.
    pub nhs_number: Option<String>,
    pub matched: HandoverMatch,
    /// Why this person stops the import.
    pub conflict: Option<String>,
    pub episodes: u32,
    /// When they were erased from this vault before, in words; `null` if never.
    pub erased: Option<String>,
}

/// What an import does (a preview) or did.
#[derive(Debug, Clone, Serialize, TS)]
pub struct HandoverView {
    pub from: Option<String>,
    pub signer: HandoverSigner,
    pub created_at: String,
    pub people: Vec<HandoverPerson>,
    /// Records added, per kind ("contact": 12).
    #[ts(type = "Record<string, number>")]
    pub added: BTreeMap<String, u64>,
    /// Records already here, kept as they are.
    #[ts(type = "Record<string, number>")]
    pub already: BTreeMap<String, u64>,
    /// The records added, in words: "2 people", "15 contacts"… (empty when nothing is new).
    pub summary: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct CloseHandedOverArgs {
    pub people: Vec<linkwork_core::ids::PersonId>,
    /// The colleague's name, for the closing note.
    #[serde(default)]
    pub to_name: Option<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct HandedOverClosed {
    pub closed: u32,
}
