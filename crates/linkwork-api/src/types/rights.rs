//! A person's rights (a copy of their records, erasure), retention, and the audit trail viewer.

use super::SecretInput;
use crate::chosen::ChosenFile;
use linkwork_core::ids::{EpisodeId, PersonId};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Everything held about one person, as a zip of `records.html` (readable) and `records.json`,
/// encrypted with a passphrase (age), or unencrypted only after the warning was read.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct SubjectAccessArgs {
    pub person_id: PersonId,
    /// The file to write (`.zip.age`, or `.zip` unencrypted).
    #[ts(type = "FileHandle")]
    pub path: ChosenFile,
    #[serde(default)]
    pub overwrite: bool,
    /// The passphrase to give the person (or their representative) another way.
    #[serde(default)]
    #[ts(type = "string | null")]
    pub passphrase: Option<SecretInput>,
    #[serde(default)]
    #[ts(type = "string | null")]
    pub passphrase_confirm: Option<SecretInput>,
    /// No passphrase: the person read the warning that the file is not encrypted.
    #[serde(default)]
    pub unencrypted_understood: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct SubjectAccessMade {
    pub path: String,
    pub encrypted: bool,
    /// Records copied (rows), and audit events about them.
    #[ts(type = "number")]
    pub records: u64,
    #[ts(type = "number")]
    pub audit_events: u64,
}

/// Erasing is confirmed by typing the person's name as shown.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct ErasePersonArgs {
    pub person_id: PersonId,
    pub confirm_name: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct RecordsRemoved {
    #[ts(type = "number")]
    pub rows: u64,
    #[ts(type = "number")]
    pub episodes: u64,
    #[ts(type = "number")]
    pub people: u64,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct RetentionRow {
    pub episode_id: EpisodeId,
    pub person_id: PersonId,
    pub name: String,
    /// DD/MM/YYYY.
    pub received_on: String,
    pub closed_on: String,
    /// The person has no other episode: their whole record goes.
    pub whole_record: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct RetentionView {
    pub years: u32,
    /// Episodes closed before this day (DD/MM/YYYY) are past the period.
    pub cutoff: String,
    pub due: Vec<RetentionRow>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct SetRetentionArgs {
    /// As typed.
    pub years: String,
}

/// The episodes shown on the list that the person confirmed removing.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct PurgeArgs {
    pub episode_ids: Vec<EpisodeId>,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct AuditPageArgs {
    /// Rows before this row number; none = the newest.
    #[serde(default)]
    #[ts(type = "number | null")]
    pub before: Option<i64>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct AuditRow {
    #[ts(type = "number")]
    pub row: i64,
    /// DD/MM/YYYY HH:MM, local time.
    pub at: String,
    /// "Updated", "Erased", …
    pub action: String,
    /// "Person", "Contact", …
    pub record: String,
    pub record_id: Option<String>,
    /// A colleague's work handed over, or blank for this vault's own.
    pub by: Option<String>,
    /// Names of the fields an update changed.
    pub fields: Vec<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct AuditPage {
    pub rows: Vec<AuditRow>,
    /// Pass as `before` for the next (older) page; none at the oldest.
    #[ts(type = "number | null")]
    pub older: Option<i64>,
}
