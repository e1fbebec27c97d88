use linkwork_core::{
    coding::{CodeUse, MapEntry, SummaryMode},
    ids::{AssetId, EpisodeId},
    vocab::{Choice, ServiceType},
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The code map as Settings shows it: the practice's codes first, then the shipped ones.
#[derive(Debug, Clone, Serialize, TS)]
pub struct GpCodeMapView {
    pub entries: Vec<MapEntry>,
    /// Every event a code can record, for the "add a local code" form.
    pub uses: Vec<Choice>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct LocalCodeArgs {
    #[serde(rename = "use", default, deserialize_with = "super::blank_as_none")]
    #[ts(rename = "use")]
    pub code_use: Option<CodeUse>,
    pub concept_id: String,
    pub term: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct RemoveLocalCodeArgs {
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
