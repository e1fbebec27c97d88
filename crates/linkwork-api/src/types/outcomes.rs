//! ONS4 and PAM records, the caseload change summary and the outcome settings.

use super::blank_as_none;
use linkwork_core::{
    ids::{ContactId, EpisodeId},
    outcomes::PamVersion,
};
use serde::Deserialize;
use ts_rs::TS;

/// An ONS4 record. Each item is "0" to "10" or "declined".
#[derive(Debug, Clone, Deserialize, TS)]
pub struct Ons4Form {
    pub episode_id: EpisodeId,
    #[serde(default, deserialize_with = "blank_as_none")]
    pub contact_id: Option<ContactId>,
    /// Defaults to today.
    pub recorded_on: Option<String>,
    #[serde(default)]
    pub life_satisfaction: String,
    #[serde(default)]
    pub worthwhile: String,
    #[serde(default)]
    pub happiness: String,
    #[serde(default)]
    pub anxiety: String,
}

/// A PAM result as the organisation's licensed tool reported it.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct PamForm {
    pub episode_id: EpisodeId,
    #[serde(default, deserialize_with = "blank_as_none")]
    pub contact_id: Option<ContactId>,
    pub recorded_on: Option<String>,
    /// 0 to 100, one decimal at most: "56.4".
    #[serde(default)]
    pub score: String,
    #[serde(default)]
    pub level: String,
    #[serde(default, deserialize_with = "blank_as_none")]
    pub version: Option<PamVersion>,
}

/// A period for the caseload change summary; dates as DD/MM/YYYY. Defaults: the last 12 months.
#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct OutcomeSummaryArgs {
    pub from: Option<String>,
    pub to: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct OutcomeSettingsForm {
    #[serde(default)]
    pub follow_up_weeks: String,
    /// All three PAM cut-offs, or none of them.
    pub pam_level2_from: Option<String>,
    pub pam_level3_from: Option<String>,
    pub pam_level4_from: Option<String>,
}
