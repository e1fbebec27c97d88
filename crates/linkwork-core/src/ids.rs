//! Record ids. Each kind of record has its own type, so a contact id can never be passed where an
//! episode id belongs (handover will merge records by id). On the wire and in the database they
//! are the record's UUID as text; an empty id is refused when it is read from a request.

use serde::{Deserialize, Deserializer, Serialize};

macro_rules! ids {
    ($( $(#[doc = $doc:literal])* $name:ident, )*) => {$(
        $(#[doc = $doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, ts_rs::TS)]
        #[serde(transparent)]
        #[ts(type = "string")]
        pub struct $name(String);

        impl $name {
            /// An id read from the store or made by it; never empty.
            pub fn new(id: impl Into<String>) -> Self {
                Self(id.into())
            }
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl From<String> for $name {
            fn from(id: String) -> Self {
                Self(id)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                if s.trim().is_empty() {
                    return Err(serde::de::Error::custom("an id is required here but it is empty"));
                }
                Ok(Self(s))
            }
        }
    )*};
}

ids! {
    PersonId,
    /// One referral's episode of care.
    EpisodeId,
    ContactId,
    GoalId,
    /// An action in a person's plan.
    ActionId,
    /// One concern in a person's risk log (its entries are RiskEntryIds).
    ConcernId,
    RiskEntryId,
    /// One decision in a person's consent history.
    ConsentId,
    /// An ONS4 or PAM record.
    OutcomeId,
    /// A community asset in the directory.
    AssetId,
    OnwardId,
    /// A GP practice the link worker serves.
    PracticeId,
    /// A list from a practice search, worked through proactively.
    OutreachListId,
    /// One person on an outreach list.
    OutreachEntryId,
    /// A group activity the link worker runs or attends (a walking group, a peer group).
    GroupId,
    /// One meeting of a group, with its register.
    GroupSessionId,
    /// Who cares for whom (a carer and the person they care for).
    CarerLinkId,
    /// A de-identified case study, written with the person's consent.
    CaseStudyId,
    /// A long-running job (import, export, …) in this session.
    JobId,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_id_is_refused_and_others_round_trip() {
        assert!(serde_json::from_str::<PersonId>("\"\"").is_err());
        assert!(serde_json::from_str::<PersonId>("\"  \"").is_err());
        let id: EpisodeId = serde_json::from_str("\"abc\"").unwrap();
        assert_eq!(id.as_str(), "abc");
        assert_eq!(serde_json::to_string(&id).unwrap(), "\"abc\"");
    }
}
