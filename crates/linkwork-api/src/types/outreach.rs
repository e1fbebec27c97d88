//! Proactive outreach lists: a practice search's CSV, previewed, imported whole and worked by call.

use crate::chosen::ChosenFile;
use linkwork_core::{
    ids::{EpisodeId, OutreachEntryId, OutreachListId, PersonId, PracticeId},
    outreach::{OutreachListView, OutreachOutcome},
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The file a practice search exported.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct OutreachFileArgs {
    #[serde(default)]
    #[ts(type = "FileHandle")]
    pub path: ChosenFile,
}

/// A list to import: the file, whose search it was, what it is called and when it was run.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct OutreachImportArgs {
    #[serde(default)]
    #[ts(type = "FileHandle")]
    pub path: ChosenFile,
    #[serde(default, deserialize_with = "super::blank_as_none")]
    pub practice_id: Option<PracticeId>,
    #[serde(default)]
    pub name: String,
    /// `DD/MM/YYYY` or `YYYY-MM-DD`; today when blank.
    #[serde(default)]
    pub searched_on: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct OutreachListArgs {
    pub list_id: OutreachListId,
}

/// One try at reaching someone on a list, or what they decided (accepting has its own command).
#[derive(Debug, Clone, Deserialize, TS)]
pub struct OutreachLogArgs {
    pub entry_id: OutreachEntryId,
    #[serde(default, deserialize_with = "super::blank_as_none")]
    pub outcome: Option<OutreachOutcome>,
    /// When (a UK local date and time); now when blank.
    #[serde(default)]
    pub at: Option<String>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct OutreachEntryArgs {
    pub entry_id: OutreachEntryId,
}

/// Closes a list (`closed`) or reopens it.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct OutreachCloseArgs {
    pub list_id: OutreachListId,
    pub closed: bool,
}

/// They accepted: the referral made, and the list as it now stands.
#[derive(Debug, Clone, Serialize, TS)]
pub struct OutreachAccepted {
    pub person_id: PersonId,
    pub episode_id: EpisodeId,
    pub list: OutreachListView,
}
