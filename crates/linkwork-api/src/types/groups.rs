//! Group activities: the groups, who is booked, sessions and their registers.

use linkwork_core::{
    groups::GroupSessionView,
    ids::{AssetId, GroupId, GroupSessionId, PersonId},
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Deserialize, TS)]
pub struct GroupArgs {
    pub group_id: GroupId,
}

/// A new group (no `group_id`) or changes to one; `closed` closes it (no new sessions).
#[derive(Debug, Clone, Deserialize, TS)]
pub struct GroupForm {
    #[serde(default, deserialize_with = "super::blank_as_none")]
    pub group_id: Option<GroupId>,
    #[serde(default)]
    pub name: Option<String>,
    /// The directory entry it is, when it is one.
    #[serde(default, deserialize_with = "super::blank_as_none")]
    pub asset_id: Option<AssetId>,
    #[serde(default)]
    pub place: Option<String>,
    #[serde(default)]
    pub closed: bool,
}

/// Books someone on a group (from today), or ends their booking.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct GroupMemberArgs {
    pub group_id: GroupId,
    pub person_id: PersonId,
}

/// A session: its day (`DD/MM/YYYY`), start time (`HH:MM`), length and place (the group's when blank).
#[derive(Debug, Clone, Deserialize, TS)]
pub struct GroupSessionForm {
    pub group_id: GroupId,
    #[serde(default)]
    pub date: String,
    #[serde(default)]
    pub time: String,
    #[serde(default)]
    pub duration_minutes: Option<u32>,
    #[serde(default)]
    pub place: Option<String>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct GroupSessionArgs {
    pub session_id: GroupSessionId,
}

/// The register as ticked: who came and who sent apologies; everyone else on it did not come.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct RegisterForm {
    pub session_id: GroupSessionId,
    #[serde(default)]
    pub came: Vec<PersonId>,
    #[serde(default)]
    pub apologies: Vec<PersonId>,
}

/// The register saved: how many contacts it made and corrected, and the session as it stands.
#[derive(Debug, Clone, Serialize, TS)]
pub struct RegisterSavedView {
    pub recorded: u32,
    pub corrected: u32,
    pub session: GroupSessionView,
}
