//! GP practices. A Primary Care Network's link worker serves several, each with its own GP system
//! login and habits, so the to-code list, letters and figures follow the person's practice.
//! Pure: the store keeps them.

use crate::{error::ValidationError, ids::PracticeId, vocab::GpSystem};
use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Practice {
    pub id: PracticeId,
    pub name: String,
    /// Its ODS code (B86002), when known.
    pub ods_code: Option<String>,
    pub gp_system: GpSystem,
    /// People registered at this practice.
    pub people: u32,
}

/// One entry in a person's practice history: registered at `practice_id` from `since`. No
/// practice means the link worker recorded that it was not known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PracticeRegistration {
    pub practice_id: Option<PracticeId>,
    /// The practice's name and code as they are now (a practice renamed in Settings is shown by
    /// its new name).
    pub name: Option<String>,
    pub ods_code: Option<String>,
    pub since: NaiveDate,
}

/// A GP practice's ODS code: a letter and five digits (B86002), typed in any case or spacing.
/// Blank is none.
pub fn ods_code(field: &str, typed: Option<&str>) -> Result<Option<String>, ValidationError> {
    let Some(code) = typed
        .map(|t| t.split_whitespace().collect::<String>().to_uppercase())
        .filter(|t| !t.is_empty())
    else {
        return Ok(None);
    };
    if is_ods_code(&code) {
        Ok(Some(code))
    } else {
        Err(ValidationError::new(
            field,
            "A GP practice's ODS code is a letter and five digits, like B86002.",
        ))
    }
}

/// Exactly a capital letter and five digits (the form the store keeps).
pub fn is_ods_code(code: &str) -> bool {
    let b = code.as_bytes();
    b.len() == 6 && b[0].is_ascii_uppercase() && b[1..].iter().all(u8::is_ascii_digit)
}

/// A practice's name: required, trimmed, at most 120 characters.
pub fn practice_name(typed: &str) -> Result<String, ValidationError> {
    let name = typed.trim();
    if name.is_empty() {
        return Err(ValidationError::new("name", "Enter the practice's name."));
    }
    if name.chars().count() > 120 {
        return Err(ValidationError::new(
            "name",
            "The practice's name must be 120 characters or fewer.",
        ));
    }
    Ok(name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ods_codes_are_a_letter_and_five_digits_in_any_case_or_spacing() {
        assert_eq!(
            ods_code("ods_code", Some(" b86 002 ")).unwrap().as_deref(),
            Some("B86002")
        );
        assert_eq!(ods_code("ods_code", Some("  ")).unwrap(), None);
        assert_eq!(ods_code("ods_code", None).unwrap(), None);
        for bad in ["B8600", "B860021", "886002", "BB6002", "B86O02"] {
            let e = ods_code("ods_code", Some(bad)).unwrap_err();
            assert_eq!(e.field, "ods_code", "{bad}");
        }
        assert!(practice_name("  ").is_err());
        assert_eq!(
            practice_name(" Calder Valley Surgery ").unwrap(),
            "Calder Valley Surgery"
        );
    }
}
