//! Carers: who cares for whom, seen from one person's record. Pure.
//!
//! Invariant: a link names at least one person on the caseload; the other side is a person here
//! or a name only (never both), and a person never cares for themselves.

use crate::ids::{CarerLinkId, PersonId};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

crate::vocab::vocab!(
    /// Which way a link runs, from the person whose record it is on.
    CarerRole {
        CaresFor = "cares_for": "Cares for",
        CaredForBy = "cared_for_by": "Cared for by",
    }
);

/// A link as one person's record shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CarerLinkView {
    pub id: CarerLinkId,
    pub role: CarerRole,
    /// The other side, when they are a person here.
    pub other_person_id: Option<PersonId>,
    /// Their name (from their record, or as typed).
    pub other_name: String,
    pub relationship: Option<String>,
    pub since: NaiveDate,
    pub ended_on: Option<NaiveDate>,
}

impl CarerLinkView {
    /// Caring now (not ended by `on`).
    pub fn current_on(&self, on: NaiveDate) -> bool {
        self.since <= on && self.ended_on.is_none_or(|e| e >= on)
    }
}

/// Whether the person whose links these are was caring for someone at any time from `from` to `to`.
pub fn cares_between(links: &[CarerLinkView], from: NaiveDate, to: NaiveDate) -> bool {
    links.iter().any(|l| {
        l.role == CarerRole::CaresFor && l.since <= to && l.ended_on.is_none_or(|e| e >= from)
    })
}
