//! Case studies: written with the person's consent, checked for identifiers, chosen for the report.

use linkwork_core::{
    case_study::Finding,
    ids::{CaseStudyId, EpisodeId, PersonId},
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A first draft from an episode (the open one, else the newest).
#[derive(Debug, Clone, Deserialize, TS)]
pub struct CaseStudyDraftArgs {
    pub person_id: PersonId,
    #[serde(default, deserialize_with = "super::blank_as_none")]
    pub episode_id: Option<EpisodeId>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct CaseStudyDraft {
    pub episode_id: Option<EpisodeId>,
    pub title: String,
    pub body: String,
    pub findings: Vec<Finding>,
}

/// Text to check against the person's record (as typed, before saving).
#[derive(Debug, Clone, Deserialize, TS)]
pub struct CaseStudyCheckArgs {
    pub person_id: PersonId,
    #[serde(default)]
    pub text: String,
}

/// What the check found, and the text with every blocking finding taken out.
#[derive(Debug, Clone, Serialize, TS)]
pub struct CaseStudyChecked {
    pub findings: Vec<Finding>,
    pub stripped: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct CaseStudyForm {
    #[serde(default, deserialize_with = "super::blank_as_none")]
    pub case_study_id: Option<CaseStudyId>,
    pub person_id: PersonId,
    #[serde(default, deserialize_with = "super::blank_as_none")]
    pub episode_id: Option<EpisodeId>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub body: Option<String>,
    #[serde(default)]
    pub in_report: bool,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct CaseStudyArgs {
    pub person_id: PersonId,
    pub case_study_id: CaseStudyId,
}
