//! The community asset directory: search, the asset page and form, import and export.

use super::blank_as_none;
use crate::chosen::ChosenFile;
use linkwork_core::{
    assets::AssetHit,
    ids::AssetId,
    vocab::{AssetStatus, CostKind, Delivery, NeedCategory, ReferralRoute},
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Directory search: every filter optional; typing in `text` searches as you type.
#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct AssetSearchArgs {
    pub text: Option<String>,
    #[serde(default, deserialize_with = "blank_as_none")]
    pub category: Option<NeedCategory>,
    #[serde(default)]
    pub free_only: bool,
    #[serde(default)]
    pub accessible_only: bool,
    #[serde(default)]
    pub active_only: bool,
    #[serde(default)]
    pub favourites_only: bool,
    pub verified_within_months: Option<u32>,
    /// At most this many hits (default 200).
    pub limit: Option<u32>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct AssetSearchView {
    pub hits: Vec<AssetHit>,
    /// Assets in the whole directory.
    pub total: u32,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct AssetArgs {
    pub asset_id: AssetId,
}

/// The asset form. Ages and slots are as typed.
#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct AssetForm {
    /// Absent to add a new asset.
    #[serde(default, deserialize_with = "blank_as_none")]
    pub asset_id: Option<AssetId>,
    #[serde(default)]
    pub name: String,
    pub organisation: Option<String>,
    pub description: Option<String>,
    #[serde(default)]
    pub categories: Vec<NeedCategory>,
    pub lga_service_type: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
    pub address: Option<String>,
    pub postcode: Option<String>,
    #[serde(default, deserialize_with = "blank_as_none")]
    pub delivery: Option<Delivery>,
    /// When it runs, in words.
    pub schedule_text: Option<String>,
    /// "Mon 10:00-12:00; Thu 18:30".
    #[serde(default)]
    pub days_and_times: String,
    #[serde(default, deserialize_with = "blank_as_none")]
    pub cost: Option<CostKind>,
    pub cost_description: Option<String>,
    pub min_age: Option<String>,
    pub max_age: Option<String>,
    pub eligibility: Option<String>,
    #[serde(default)]
    pub wheelchair_access: bool,
    #[serde(default)]
    pub hearing_loop: bool,
    #[serde(default)]
    pub transport: bool,
    pub access_notes: Option<String>,
    #[serde(default, deserialize_with = "blank_as_none")]
    pub referral_route: Option<ReferralRoute>,
    pub referral_how: Option<String>,
    #[serde(default, deserialize_with = "blank_as_none")]
    pub status: Option<AssetStatus>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct AssetFavouriteArgs {
    pub asset_id: AssetId,
    pub favourite: bool,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct AssetNotesArgs {
    pub asset_id: AssetId,
    pub notes: Option<String>,
}

/// Import an ORUK JSON file, a folder of ORUK CSV files, or the Linkwork CSV template.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct ImportArgs {
    #[serde(default)]
    #[ts(type = "FileHandle")]
    pub path: ChosenFile,
    /// Preview only: count and check, write nothing.
    #[serde(default)]
    pub dry_run: bool,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub enum ExportFormat {
    /// Open Referral UK JSON: one page of service_full records.
    #[default]
    #[serde(rename = "oruk-json")]
    OrukJson,
    /// The Linkwork CSV template's columns.
    #[serde(rename = "csv")]
    Csv,
}

impl ExportFormat {
    pub const ALL: &'static [ExportFormat] = &[ExportFormat::OrukJson, ExportFormat::Csv];
    pub fn slug(self) -> &'static str {
        match self {
            ExportFormat::OrukJson => "oruk-json",
            ExportFormat::Csv => "csv",
        }
    }
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ExportArgs {
    /// Where to write (chosen in the save dialog). Never inside Linkwork's data folder.
    #[serde(default)]
    #[ts(type = "FileHandle")]
    pub path: ChosenFile,
    #[serde(default)]
    pub format: ExportFormat,
    /// The person confirmed replacing an existing file.
    #[serde(default)]
    pub overwrite: bool,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct TemplateArgs {
    #[serde(default)]
    #[ts(type = "FileHandle")]
    pub path: ChosenFile,
    #[serde(default)]
    pub overwrite: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ExportView {
    pub assets: u32,
    pub path: String,
}

/// The directory as text, for a script's standard output.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct DirectoryTextArgs {
    #[serde(default)]
    pub format: ExportFormat,
}
