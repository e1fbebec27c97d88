//! The contact form as it is being written: kept as a draft every few seconds, typed here so the
//! window, the store and the tests share one shape.

use crate::vocab::{ContactOutcome, ContactType};
use serde::Serialize;
use ts_rs::TS;

/// The contact form as it stands while being written, saved every few seconds so a note survives
/// a lock or a crash: the fields as typed (a date and time, minutes), not yet checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize, TS)]
pub struct ContactDraft {
    /// DD/MM/YYYY HH:MM, as typed.
    #[serde(default)]
    pub occurred_at: String,
    #[serde(default = "ContactDraft::phone")]
    pub contact_type: ContactType,
    /// As typed.
    #[serde(default)]
    pub duration_minutes: String,
    #[serde(default = "ContactDraft::took_place")]
    pub outcome: ContactOutcome,
    #[serde(default)]
    pub notes: String,
}

impl ContactDraft {
    fn phone() -> ContactType {
        ContactType::Phone
    }
    fn took_place() -> ContactOutcome {
        ContactOutcome::TookPlace
    }

    /// A draft as the vault keeps it (JSON). Text that is not a draft (written by an older
    /// version) comes back as the note, so nothing typed is lost.
    pub fn from_stored(text: &str) -> Self {
        serde_json::from_str(text).unwrap_or_else(|_| Self {
            occurred_at: String::new(),
            contact_type: ContactType::Phone,
            duration_minutes: String::new(),
            outcome: ContactOutcome::TookPlace,
            notes: text.to_string(),
        })
    }

    pub fn to_stored(&self) -> String {
        serde_json::to_string(self).expect("a draft always serialises")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_draft_round_trips_and_text_that_is_not_one_is_kept_as_the_note() {
        let d = ContactDraft {
            occurred_at: "20/11/2026 10:1".into(),
            contact_type: ContactType::HomeVisit,
            duration_minutes: "4o".into(),
            outcome: ContactOutcome::TookPlace,
            notes: "Kitchen was cold".into(),
        };
        assert_eq!(ContactDraft::from_stored(&d.to_stored()), d);
        let half = ContactDraft::from_stored(r#"{"notes":"half"}"#);
        assert_eq!(
            (half.contact_type, half.notes.as_str()),
            (ContactType::Phone, "half")
        );
        let old = ContactDraft::from_stored("rang twice, no answer");
        assert_eq!(old.notes, "rang twice, no answer");
    }
}
