//! Group activities the link worker runs or attends (a walking group, a peer group): who is
//! booked, the sessions, and each session's register. Not the population groups a person belongs
//! to (`vocab::GroupTag`). Pure: the rules for a register and the views the store fills.
//!
//! Invariant: a register row is a contact. Whoever came has a contact "group, took place" (so the
//! GP's "seen" line); whoever was booked and did not come has "did not attend" (or "cancelled by the
//! person" when they sent apologies). A changed row never edits its contact: the old one is marked
//! entered in error and a new one made, so a line already in the GP record is offered for correction.

use crate::{
    ids::{AssetId, ContactId, GroupId, GroupSessionId, PersonId},
    vocab::{ContactOutcome, ContactType},
};
use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;
use ts_rs::TS;

crate::vocab::vocab!(
    /// What a session's register says of one person booked on it.
    Attendance {
        Attended = "attended": "Came",
        DidNotAttend = "did_not_attend": "Did not come",
        Apologies = "apologies": "Sent apologies",
    }
);

impl Attendance {
    /// The contact this row of the register is, in the person's episode.
    pub fn contact(self) -> (ContactType, ContactOutcome) {
        let outcome = match self {
            Attendance::Attended => ContactOutcome::TookPlace,
            Attendance::DidNotAttend => ContactOutcome::DidNotAttend,
            Attendance::Apologies => ContactOutcome::CancelledByPerson,
        };
        (ContactType::Group, outcome)
    }

    /// The contact's note: which group, and that the register made it (no other person's name).
    pub fn note(self, group: &str) -> String {
        match self {
            Attendance::Attended => format!("Came to {group} (register)."),
            Attendance::DidNotAttend => format!("Booked on {group}, did not come (register)."),
            Attendance::Apologies => format!("Booked on {group}, sent apologies (register)."),
        }
    }
}

/// Why someone booked on a group cannot be on a session's register (`None`: they can).
pub fn why_not_on_register(
    session_on: NaiveDate,
    open_episode_received: Option<NaiveDate>,
    joined_on: NaiveDate,
    left_on: Option<NaiveDate>,
) -> Option<&'static str> {
    match open_episode_received {
        None => Some("Not on the caseload now: a contact needs an open referral."),
        Some(r) if r > session_on => Some("Referred after this session."),
        Some(_) if joined_on > session_on => Some("Joined after this session."),
        Some(_) if left_on.is_some_and(|l| l < session_on) => Some("Had left the group by then."),
        Some(_) => None,
    }
}

/// A group in the list of groups.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct GroupSummary {
    pub id: GroupId,
    pub name: String,
    pub asset_id: Option<AssetId>,
    pub asset_name: Option<String>,
    pub place: Option<String>,
    pub closed_on: Option<NaiveDate>,
    /// Booked now (not left).
    pub members: u32,
    /// The next session from today, or else the latest.
    pub next_session: Option<NaiveDateTime>,
    /// Sessions whose time has come with no register saved.
    pub registers_due: u32,
}

/// Someone booked on a group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct GroupMemberView {
    pub person_id: PersonId,
    pub name: String,
    /// 3-3-4, when known (two people can share a name).
    pub nhs_number: Option<String>,
    pub joined_on: NaiveDate,
    pub left_on: Option<NaiveDate>,
    /// Has an open referral (only they can be on a register).
    pub on_caseload: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct GroupSessionSummary {
    pub id: GroupSessionId,
    pub starts_at: NaiveDateTime,
    pub duration_minutes: u32,
    pub place: Option<String>,
    pub register_saved: bool,
    pub attended: u32,
    pub did_not_attend: u32,
}

/// One group: who is booked and its sessions, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct GroupView {
    pub id: GroupId,
    pub name: String,
    pub asset_id: Option<AssetId>,
    pub asset_name: Option<String>,
    pub place: Option<String>,
    pub closed_on: Option<NaiveDate>,
    pub members: Vec<GroupMemberView>,
    pub sessions: Vec<GroupSessionSummary>,
}

/// One person's row on a session's register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RegisterRow {
    pub person_id: PersonId,
    pub name: String,
    pub nhs_number: Option<String>,
    /// What the saved register says; `None` before it is saved for them.
    pub attendance: Option<Attendance>,
    /// Why they cannot be on it (then `attendance` is `None` unless saved earlier).
    pub why_not: Option<String>,
    /// The saved row's contact was marked entered in error on their record since.
    pub contact_in_error: bool,
}

/// A session and its register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct GroupSessionView {
    pub id: GroupSessionId,
    pub group_id: GroupId,
    pub group_name: String,
    pub starts_at: NaiveDateTime,
    pub duration_minutes: u32,
    pub place: Option<String>,
    pub register_saved: bool,
    pub rows: Vec<RegisterRow>,
}

/// A group on a person's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PersonGroup {
    pub group_id: GroupId,
    pub name: String,
    pub joined_on: NaiveDate,
    pub left_on: Option<NaiveDate>,
    /// Sessions they came to, and were booked on and did not come to.
    pub attended: u32,
    pub missed: u32,
}

/// A saved register row's contact, for the report: which group and session, whose, what it said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterLine {
    pub group: GroupId,
    pub session: GroupSessionId,
    pub on: NaiveDate,
    pub person: PersonId,
    pub attendance: Attendance,
    pub contact: ContactId,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn each_register_row_is_a_group_contact() {
        assert_eq!(
            Attendance::Attended.contact(),
            (ContactType::Group, ContactOutcome::TookPlace)
        );
        assert_eq!(
            Attendance::DidNotAttend.contact(),
            (ContactType::Group, ContactOutcome::DidNotAttend)
        );
        assert_eq!(
            Attendance::Apologies.contact().1,
            ContactOutcome::CancelledByPerson
        );
        assert!(!Attendance::Apologies.contact().1.not_reached());
        assert_eq!(
            Attendance::Attended.note("Walking group"),
            "Came to Walking group (register)."
        );
    }

    #[test]
    fn who_can_be_on_a_register() {
        let on = d("2026-11-10");
        assert_eq!(
            why_not_on_register(on, Some(d("2026-11-01")), d("2026-11-02"), None),
            None
        );
        assert!(why_not_on_register(on, None, d("2026-11-02"), None).is_some());
        assert_eq!(
            why_not_on_register(on, Some(d("2026-11-11")), d("2026-11-02"), None),
            Some("Referred after this session.")
        );
        assert!(why_not_on_register(on, Some(d("2026-11-01")), d("2026-11-12"), None).is_some());
        assert!(why_not_on_register(
            on,
            Some(d("2026-11-01")),
            d("2026-11-02"),
            Some(d("2026-11-09"))
        )
        .is_some());
        // Leaving on the day still counts them that day.
        assert_eq!(
            why_not_on_register(on, Some(d("2026-11-01")), d("2026-11-02"), Some(on)),
            None
        );
    }
}
