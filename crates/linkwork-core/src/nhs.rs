//! NHS number: 10 digits, Modulus 11 check digit, shown 3-3-4 (NHS Data Dictionary).

use crate::error::ValidationError;
use std::fmt;

#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NhsNumber(String);

impl NhsNumber {
    /// Accepts `9434765919`, `943 476 5919` or `943-476-5919` (spaces and hyphens are ignored).
    pub fn parse(field: &str, input: &str) -> Result<Self, ValidationError> {
        let digits: String = input
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .collect();
        let bad = |why: &str| {
            ValidationError::new(
                field,
                format!(
                    "{why} Check the number on the referral; it is 10 digits, like 943 476 5919."
                ),
            )
        };
        if digits.is_empty() {
            return Err(bad("Enter the NHS number."));
        }
        if !digits.chars().all(|c| c.is_ascii_digit()) {
            return Err(bad("An NHS number has only digits."));
        }
        if digits.len() != 10 {
            return Err(bad(&format!(
                "An NHS number has 10 digits; this has {}.",
                digits.len()
            )));
        }
        let d: Vec<u32> = digits.chars().map(|c| c.to_digit(10).unwrap()).collect();
        let sum: u32 = d[..9].iter().zip((2..=10).rev()).map(|(x, w)| x * w).sum();
        let check =
            match 11 - sum % 11 {
                11 => 0,
                10 => return Err(bad(
                    "That is not a valid NHS number (no number can have these first nine digits).",
                )),
                c => c,
            };
        if check != d[9] {
            return Err(bad("That is not a valid NHS number: the last digit does not match (a digit may be mistyped)."));
        }
        Ok(Self(digits))
    }

    /// The 10 digits, as stored.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `943 476 5919`
    pub fn formatted(&self) -> String {
        format!("{} {} {}", &self.0[..3], &self.0[3..6], &self.0[6..])
    }

    /// In the range reserved for testing (999 000 0000 – 999 999 9999): never issued to a person.
    pub fn is_test_range(&self) -> bool {
        self.0.starts_with("999")
    }

    /// A warning when the number, though it passes the check digit, is not one England, Wales or the
    /// Isle of Man issues: a Scottish CHI number (date of birth first), a Northern Ireland Health and
    /// Care number, the test range, or outside every issued range. `None` for an issued range.
    pub fn range_warning(&self) -> Option<String> {
        let n: u64 = self.0.parse().expect("ten digits");
        let dated = chrono::NaiveDate::parse_from_str(&self.0[..6], "%d%m%y").is_ok();
        let why = match n {
            _ if self.is_test_range() => {
                "is in the range reserved for testing: it is never given to a real person"
            }
            ..=3_199_999_999 if dated => {
                "looks like a Scottish CHI number (it starts with a date of birth), not an NHS number"
            }
            3_200_000_001..=3_999_999_999 => {
                "is in the Northern Ireland Health and Care number range, not an NHS number"
            }
            3_000_000_000..=3_199_999_999 | 4_000_000_000..=4_999_999_999 | 6_000_000_000..=7_999_999_999 => {
                return None
            }
            _ => "is outside the ranges NHS numbers are issued from",
        };
        Some(format!(
            "{} {why}. Check it against the referral or the GP record.",
            self.formatted()
        ))
    }

    /// The valid NHS number whose first nine digits are `nine` (for demo data), if there is one.
    pub fn from_first_nine(nine: u32) -> Option<Self> {
        let s = format!("{nine:09}");
        (0..10)
            .map(|c| format!("{s}{c}"))
            .find_map(|n| Self::parse("nhs_number", &n).ok())
    }
}

impl fmt::Display for NhsNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.formatted())
    }
}

impl fmt::Debug for NhsNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Identifiable: never in debug output.
        f.write_str("NhsNumber(<redacted>)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_outside_the_issued_ranges_get_a_warning_but_still_parse() {
        let warn = |n: &str| NhsNumber::parse("n", n).unwrap().range_warning();
        for nine in [401023213, 601023213, 700000000, 310000000] {
            let n = NhsNumber::from_first_nine(nine).unwrap();
            assert_eq!(n.range_warning(), None, "{n}");
        }
        // 15 03 52 …: a CHI number.
        let chi = NhsNumber::from_first_nine(150352123).unwrap();
        assert!(chi.range_warning().unwrap().contains("Scottish CHI"));
        let ni = NhsNumber::from_first_nine(350000000).unwrap();
        assert!(ni.range_warning().unwrap().contains("Northern Ireland"));
        assert!(warn("9999999999").unwrap().contains("reserved for testing"));
        assert_eq!(
            warn("9434765919").unwrap(),
            "943 476 5919 is outside the ranges NHS numbers are issued from. Check it against the referral or the GP record."
        );
    }

    #[test]
    fn reference_vectors() {
        for ok in ["9434765919", "9999999999", "1234567881", "9876543210"] {
            assert!(
                NhsNumber::parse("nhs_number", ok).is_ok(),
                "{ok} should be valid"
            );
        }
        for bad in ["1234567890", "2345678901", "9999999993"] {
            assert!(
                NhsNumber::parse("nhs_number", bad).is_err(),
                "{bad} should be invalid"
            );
        }
        // Any 123456789x: the check digit would be 10.
        for x in 0..10 {
            let e = NhsNumber::parse("nhs_number", &format!("123456789{x}")).unwrap_err();
            assert!(
                e.message
                    .contains("no number can have these first nine digits"),
                "{}",
                e.message
            );
        }
    }

    #[test]
    fn whitespace_and_hyphens_are_accepted_and_shown_3_3_4() {
        for input in [
            " 943 476 5919 ",
            "943-476-5919",
            "943\t476\n5919",
            "9434765919",
        ] {
            let n = NhsNumber::parse("nhs_number", input).unwrap();
            assert_eq!(n.as_str(), "9434765919");
            assert_eq!(n.to_string(), "943 476 5919");
        }
    }

    #[test]
    fn errors_name_the_field_and_the_problem() {
        let e = NhsNumber::parse("nhs_number", "943 476 591").unwrap_err();
        assert_eq!(e.field, "nhs_number");
        assert!(
            e.message
                .starts_with("An NHS number has 10 digits; this has 9."),
            "{}",
            e.message
        );
        assert!(NhsNumber::parse("nhs_number", "94347659l9")
            .unwrap_err()
            .message
            .starts_with("An NHS number has only digits."));
        assert!(NhsNumber::parse("nhs_number", "9434765918")
            .unwrap_err()
            .message
            .contains("last digit does not match"));
        assert_eq!(
            NhsNumber::parse("nhs_number", "  ")
                .unwrap_err()
                .message
                .split('.')
                .next(),
            Some("Enter the NHS number")
        );
    }

    #[test]
    fn leading_zero_is_kept() {
        let n = NhsNumber::from_first_nine(12345678).unwrap();
        assert!(n.as_str().starts_with('0'));
        assert_eq!(n.as_str().len(), 10);
    }

    #[test]
    fn test_range_numbers_for_demo_data() {
        let n = NhsNumber::from_first_nine(999_000_001).unwrap();
        assert!(n.is_test_range());
        assert!(!NhsNumber::parse("n", "9434765919").unwrap().is_test_range());
    }

    #[test]
    fn debug_is_redacted() {
        assert_eq!(
            format!("{:?}", NhsNumber::parse("n", "9434765919").unwrap()),
            "NhsNumber(<redacted>)"
        );
    }
}
