//! The monthly supervisor report: its period, the preview, the export and its settings.

use super::SecretInput;
use crate::chosen::ChosenFile;
use linkwork_report::{present::Suppression, Table};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A calendar month (`2026-10`), or a range of dates (`YYYY-MM-DD` or `DD/MM/YYYY`). Nothing given
/// means last month.
#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct ReportPeriod {
    #[serde(default)]
    pub month: Option<String>,
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub to: Option<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct ReportPreview {
    pub from: chrono::NaiveDate,
    pub to: chrono::NaiveDate,
    /// "October 2026", or "01/10/2026 to 15/10/2026" for a range.
    pub period_label: String,
    /// The calendar month, when the period is one ("2026-10").
    pub month: Option<String>,
    pub worker: String,
    /// No name is saved in Settings yet: the export asks for one first.
    pub needs_name: bool,
    pub suppression: Suppression,
    /// Every table of the report, as the HTML, CSV and workbook hold them.
    pub tables: Vec<Table>,
    /// A file name to offer in the save dialog.
    pub file_name: String,
    /// The supervisor's keys saved in Settings (the export encrypts to all of them).
    pub supervisor_keys: Vec<String>,
    /// This month's report was exported before.
    pub exported: bool,
    /// The titles of the case studies the pack will hold (chosen, consent given, nothing in
    /// them that identifies anyone).
    pub case_studies: Vec<String>,
    /// Chosen ones left out, and why.
    pub case_studies_left_out: Vec<CaseStudyLeftOut>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct CaseStudyLeftOut {
    pub title: String,
    pub why: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ExportReportArgs {
    #[serde(flatten)]
    pub period: ReportPeriod,
    /// Where the encrypted `.age` file goes.
    #[serde(default)]
    #[ts(type = "FileHandle")]
    pub path: ChosenFile,
    #[serde(default)]
    pub overwrite: bool,
    /// Encrypt to this one-off passphrase instead of the saved keys (the supervisor has no key).
    #[serde(default)]
    #[ts(type = "string | null")]
    pub passphrase: Option<SecretInput>,
    #[serde(default)]
    #[ts(type = "string | null")]
    pub passphrase_confirm: Option<SecretInput>,
    /// Also an unencrypted copy (a zip) here; only with `plain_copy_understood`.
    #[serde(default)]
    #[ts(type = "FileHandle | null")]
    pub plain_copy_path: Option<ChosenFile>,
    #[serde(default)]
    pub plain_copy_overwrite: bool,
    /// The person read the warning that the copy is not encrypted.
    #[serde(default)]
    pub plain_copy_understood: bool,
    /// Seal to these supervisor keys (`age1…`) instead of the ones saved in Settings; empty = the
    /// saved ones.
    #[serde(default)]
    pub supervisor_keys: Vec<String>,
    /// Which files go in the pack (all, the default; or only the HTML, CSV or workbook).
    #[serde(default)]
    pub files: ReportFiles,
    /// Counts from 1 to 4 shown as they are, for internal use only (the settings' choice otherwise).
    #[serde(default)]
    pub no_suppression: bool,
}

/// Which files a report pack holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReportFiles {
    #[default]
    All,
    Html,
    Csv,
    Xlsx,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ReportExported {
    pub path: String,
    /// To whom: "2 supervisor keys" or "a passphrase".
    pub encrypted_to: String,
    pub plain_copy_path: Option<String>,
    /// The files inside the pack.
    pub files: Vec<String>,
    pub period_label: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ReportSettingsForm {
    /// One `age1…` key per entry (blank entries are ignored).
    #[serde(default)]
    pub supervisor_keys: Vec<String>,
    pub suppression: Suppression,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct ReportSettingsView {
    pub supervisor_keys: Vec<String>,
    pub suppression: Suppression,
}
