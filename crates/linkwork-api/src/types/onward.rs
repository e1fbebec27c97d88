//! Onward referrals: refer or signpost a person on to an asset, and what happened.

use super::blank_as_none;
use linkwork_core::{
    ids::{AssetId, EpisodeId, OnwardId},
    vocab::{Barrier, NeedCategory, OnwardKind, OnwardOutcome},
};
use serde::Deserialize;
use ts_rs::TS;

/// Refer or signpost the person on to an asset.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct OnwardForm {
    pub episode_id: EpisodeId,
    /// Required; blank when nothing was picked yet.
    #[serde(default, deserialize_with = "blank_as_none")]
    pub asset_id: Option<AssetId>,
    /// Defaults to today.
    pub referred_on: Option<String>,
    #[serde(default, deserialize_with = "blank_as_none")]
    pub kind: Option<OnwardKind>,
    /// Required: the link worker's choice (it decides the GP code), never guessed from the asset.
    #[serde(default, deserialize_with = "blank_as_none")]
    pub category: Option<NeedCategory>,
    pub notes: Option<String>,
    pub follow_up_on: Option<String>,
}

/// What happened after an onward referral.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct OnwardOutcomeForm {
    pub onward_id: OnwardId,
    #[serde(default, deserialize_with = "blank_as_none")]
    pub outcome: Option<OnwardOutcome>,
    /// Defaults to today (ignored for "pending").
    pub outcome_on: Option<String>,
    #[serde(default)]
    pub barriers: Vec<Barrier>,
}
