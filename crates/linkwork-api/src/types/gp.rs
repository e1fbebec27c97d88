use crate::chosen::ChosenFile;
use linkwork_core::{
    coding::{CodeUse, LetterTo, MapEntry, SummaryMode},
    ids::{AssetId, EpisodeId, PracticeId},
    vocab::{Choice, ServiceType},
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The code map as Settings shows it, for one practice or for every practice: local codes first
/// (the practice's own, then those for every practice), then the shipped ones.
#[derive(Debug, Clone, Serialize, TS)]
pub struct GpCodeMapView {
    /// The practice shown; none is the map for every practice (and people with no practice).
    pub practice_id: Option<PracticeId>,
    pub entries: Vec<MapEntry>,
    /// Every event a code can record, for the "add a local code" form.
    pub uses: Vec<Choice>,
    /// The events the practice's referrers code themselves (never on the to-code list).
    pub by_referrer: Vec<CodeUse>,
    /// For a practice: its referrers' habits follow the setting for every practice.
    pub referrer_as_every_practice: bool,
    /// The events a referrer may code, for that setting.
    pub referrer_may_code: Vec<Choice>,
}

/// Which practice's map: none for every practice.
#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct GpCodeMapArgs {
    #[serde(default, deserialize_with = "super::blank_as_none")]
    pub practice_id: Option<PracticeId>,
}

/// The events a practice's referrers enter in the GP record themselves.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct ReferrerCodesArgs {
    /// None: the setting for every practice.
    #[serde(default, deserialize_with = "super::blank_as_none")]
    pub practice_id: Option<PracticeId>,
    #[serde(rename = "uses")]
    pub code_uses: Vec<CodeUse>,
    /// For a practice: follow the setting for every practice (`uses` is then ignored).
    #[serde(default)]
    pub as_every_practice: bool,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct LocalCodeArgs {
    /// None: the code is for every practice.
    #[serde(default, deserialize_with = "super::blank_as_none")]
    pub practice_id: Option<PracticeId>,
    #[serde(rename = "use", default, deserialize_with = "super::blank_as_none")]
    #[ts(rename = "use")]
    pub code_use: Option<CodeUse>,
    pub concept_id: String,
    pub term: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct RemoveLocalCodeArgs {
    #[serde(default, deserialize_with = "super::blank_as_none")]
    pub practice_id: Option<PracticeId>,
    #[serde(rename = "use")]
    #[ts(rename = "use")]
    pub code_use: CodeUse,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct GpSummaryArgs {
    pub episode_id: EpisodeId,
    /// Full falls back to codes only when the person has not consented to share.
    pub mode: SummaryMode,
}

/// A letter about one episode, to the GP practice or to the referrer.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct GpLetterArgs {
    pub episode_id: EpisodeId,
    /// Full falls back to the codes (GP) or a plain notice (referrer) without consent for that
    /// letter's purpose.
    pub mode: SummaryMode,
    pub to: LetterTo,
}

/// Lines by their key (from the summary or the checklist).
#[derive(Debug, Clone, Deserialize, TS)]
pub struct GpLinesArgs {
    pub keys: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct AssetServiceTypeArgs {
    pub asset_id: AssetId,
    #[serde(default, deserialize_with = "super::blank_as_none")]
    pub service_type: Option<ServiceType>,
}

/// A file for the GP record or the referrer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum GpFileFormat {
    /// The letter (to the GP practice or the referrer) as a standalone web page (opens in any
    /// browser; prints).
    LetterHtml,
    /// A FHIR R4 Bundle (collection) with UK Core profiles, as JSON.
    FhirJson,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct SaveGpFileArgs {
    pub episode_id: EpisodeId,
    pub mode: SummaryMode,
    pub format: GpFileFormat,
    /// Whom the letter is for (letters only; a FHIR file is for the GP record).
    #[serde(default)]
    pub to: LetterTo,
    #[serde(default)]
    #[ts(type = "FileHandle")]
    pub path: ChosenFile,
    #[serde(default)]
    pub overwrite: bool,
}

/// The FHIR Bundle as text, for the command line.
#[derive(Debug, Clone, Serialize, TS)]
pub struct GpFhirView {
    pub mode: SummaryMode,
    pub json: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SavedFile {
    pub path: String,
    /// What was saved, for the message ("letter", "FHIR file").
    pub what: String,
    pub mode: SummaryMode,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct GpBeforeArgs {
    /// Lines dated before this day (not on it), as typed (DD/MM/YYYY).
    #[serde(default)]
    pub before: String,
}
