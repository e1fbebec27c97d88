//! Per-vault settings and their allowed ranges.

use crate::error::ValidationError;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Minutes of inactivity after which Linkwork locks itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(try_from = "u32", into = "u32")]
#[ts(type = "number")]
pub struct AutoLockMinutes(u8);

impl AutoLockMinutes {
    pub const MIN: u32 = 1;
    pub const MAX: u32 = 120;
    pub const DEFAULT: AutoLockMinutes = AutoLockMinutes(10);

    pub fn new(minutes: u32) -> Result<Self, ValidationError> {
        if (Self::MIN..=Self::MAX).contains(&minutes) {
            Ok(Self(minutes as u8))
        } else {
            Err(ValidationError::new(
                "auto_lock_minutes",
                format!(
                    "Auto-lock time must be a whole number of minutes from {} to {}.",
                    Self::MIN,
                    Self::MAX
                ),
            ))
        }
    }

    pub fn minutes(self) -> u32 {
        self.0 as u32
    }

    pub fn as_duration(self) -> std::time::Duration {
        std::time::Duration::from_secs(self.minutes() as u64 * 60)
    }
}

impl Default for AutoLockMinutes {
    fn default() -> Self {
        Self::DEFAULT
    }
}

impl TryFrom<u32> for AutoLockMinutes {
    type Error = ValidationError;
    fn try_from(v: u32) -> Result<Self, Self::Error> {
        Self::new(v)
    }
}

impl From<AutoLockMinutes> for u32 {
    fn from(v: AutoLockMinutes) -> u32 {
        v.minutes()
    }
}

/// The link worker's hours as a whole-time equivalent (1.0 = full time), in hundredths: the safe
/// caseload scales with it (250 people a year at 1.0).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "u32", into = "u32")]
pub struct WholeTimeEquivalent(u8);

impl WholeTimeEquivalent {
    pub const FULL_TIME: WholeTimeEquivalent = WholeTimeEquivalent(100);

    /// From what a person types: "1", "0.6", "0.75" (0.1 to 1.0).
    pub fn parse(text: &str) -> Result<Self, ValidationError> {
        let bad = || {
            ValidationError::new(
                "whole_time_equivalent",
                "Enter your hours as a whole-time equivalent from 0.1 to 1.0, for example 0.6 for three days a week.",
            )
        };
        let t = text.trim();
        let v: f64 = t.parse().map_err(|_| bad())?;
        let hundredths = (v * 100.0).round();
        if !(10.0..=100.0).contains(&hundredths) || (v * 100.0 - hundredths).abs() > 1e-6 {
            return Err(bad());
        }
        Ok(Self(hundredths as u8))
    }

    pub fn hundredths(self) -> u32 {
        self.0 as u32
    }

    /// "1.0", "0.6", "0.75".
    pub fn text(self) -> String {
        let s = format!("{:.2}", self.0 as f64 / 100.0);
        let s = s.trim_end_matches('0');
        if s.ends_with('.') {
            format!("{s}0")
        } else {
            s.to_string()
        }
    }

    /// `people` scaled to these hours, to the nearest person.
    pub fn scale(self, people: u32) -> u32 {
        (people * self.0 as u32 + 50) / 100
    }
}

impl Default for WholeTimeEquivalent {
    fn default() -> Self {
        Self::FULL_TIME
    }
}

impl TryFrom<u32> for WholeTimeEquivalent {
    type Error = ValidationError;
    fn try_from(v: u32) -> Result<Self, Self::Error> {
        if (10..=100).contains(&v) {
            Ok(Self(v as u8))
        } else {
            Err(ValidationError::new(
                "whole_time_equivalent",
                "out of range",
            ))
        }
    }
}

impl From<WholeTimeEquivalent> for u32 {
    fn from(v: WholeTimeEquivalent) -> u32 {
        v.hundredths()
    }
}

/// How large the whole window is drawn, in percent, on the steps browsers use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "u32", into = "u32")]
pub struct ZoomPercent(u16);

impl ZoomPercent {
    pub const STEPS: &'static [u16] = &[50, 67, 80, 90, 100, 110, 125, 150, 175, 200, 250, 300];
    pub const NORMAL: ZoomPercent = ZoomPercent(100);

    pub fn new(percent: u32) -> Result<Self, ValidationError> {
        Self::STEPS
            .iter()
            .find(|s| **s as u32 == percent)
            .map(|s| Self(*s))
            .ok_or_else(|| {
                ValidationError::new(
                    "zoom_percent",
                    "Zoom is one of 50, 67, 80, 90, 100, 110, 125, 150, 175, 200, 250 or 300 per cent.",
                )
            })
    }

    pub fn percent(self) -> u32 {
        self.0 as u32
    }

    /// The next step up (`larger`) or down, staying at the ends.
    pub fn step(self, larger: bool) -> Self {
        let i = Self::STEPS.iter().position(|s| *s == self.0).unwrap_or(4);
        let j = if larger {
            (i + 1).min(Self::STEPS.len() - 1)
        } else {
            i.saturating_sub(1)
        };
        Self(Self::STEPS[j])
    }
}

impl Default for ZoomPercent {
    fn default() -> Self {
        Self::NORMAL
    }
}

impl TryFrom<u32> for ZoomPercent {
    type Error = ValidationError;
    fn try_from(v: u32) -> Result<Self, Self::Error> {
        Self::new(v)
    }
}

impl From<ZoomPercent> for u32 {
    fn from(v: ZoomPercent) -> u32 {
        v.percent()
    }
}

/// A whole number setting with a range, a default and the message that names its field.
macro_rules! ranged {
    ($(#[$m:meta])* $name:ident, $field:literal, $min:literal..=$max:literal, default $default:literal, $what:literal) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
        #[serde(try_from = "u32", into = "u32")]
        pub struct $name(u8);

        impl $name {
            pub const MIN: u32 = $min;
            pub const MAX: u32 = $max;
            pub const DEFAULT: $name = $name($default);

            pub fn new(v: u32) -> Result<Self, ValidationError> {
                if (Self::MIN..=Self::MAX).contains(&v) {
                    Ok(Self(v as u8))
                } else {
                    Err(ValidationError::new(
                        $field,
                        format!(concat!($what, " must be a whole number from {} to {}."), Self::MIN, Self::MAX),
                    ))
                }
            }

            /// As typed in a form: text that is not a whole number gets the range's message.
            pub fn parse(text: &str) -> Result<Self, ValidationError> {
                Self::new(text.trim().parse::<u32>().unwrap_or(u32::MAX))
            }

            pub fn get(self) -> u32 {
                self.0 as u32
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::DEFAULT
            }
        }

        impl TryFrom<u32> for $name {
            type Error = ValidationError;
            fn try_from(v: u32) -> Result<Self, Self::Error> {
                Self::new(v)
            }
        }

        impl From<$name> for u32 {
            fn from(v: $name) -> u32 {
                v.get()
            }
        }
    };
}

ranged!(
    /// Days from an urgent referral to its first contact before it is marked overdue (default 3).
    UrgentTargetDays,
    "urgent_first_contact_days",
    1..=14,
    default 3,
    "The first-contact target for urgent referrals, in days,"
);

ranged!(
    /// Contacts in a row that did not take place (did not attend, unable to contact, left a
    /// message) after which a person is "not reached" (default 2).
    NotReachedAfter,
    "not_reached_after",
    1..=6,
    default 2,
    "The number of tries in a row"
);

ranged!(
    /// Months after an outreach list closes before its rows that did not become referrals are
    /// removed (default 3).
    OutreachKeepMonths,
    "outreach_keep_months",
    1..=24,
    default 3,
    "The months an outreach list's rows are kept after it closes"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranged_settings_refuse_what_is_out_of_range_by_name() {
        assert_eq!(UrgentTargetDays::default().get(), 3);
        assert_eq!(NotReachedAfter::default().get(), 2);
        assert!(UrgentTargetDays::new(14).is_ok());
        assert_eq!(UrgentTargetDays::parse(" 5 ").unwrap().get(), 5);
        assert_eq!(
            NotReachedAfter::parse("two").unwrap_err().field,
            "not_reached_after"
        );
        let e = UrgentTargetDays::new(15).unwrap_err();
        assert_eq!(e.field, "urgent_first_contact_days");
        assert_eq!(
            e.message,
            "The first-contact target for urgent referrals, in days, must be a whole number from 1 to 14."
        );
        assert_eq!(
            NotReachedAfter::new(0).unwrap_err().field,
            "not_reached_after"
        );
    }

    #[test]
    fn zoom_moves_in_steps_and_stops_at_the_ends() {
        assert_eq!(ZoomPercent::NORMAL.step(true).percent(), 110);
        assert_eq!(ZoomPercent::NORMAL.step(false).percent(), 90);
        assert_eq!(ZoomPercent::new(300).unwrap().step(true).percent(), 300);
        assert_eq!(ZoomPercent::new(50).unwrap().step(false).percent(), 50);
        assert_eq!(ZoomPercent::new(105).unwrap_err().field, "zoom_percent");
    }

    #[test]
    fn whole_time_equivalent_scales_the_safe_caseload() {
        let w = |t: &str| WholeTimeEquivalent::parse(t);
        assert_eq!(w("0.6").unwrap().scale(250), 150);
        assert_eq!(w("0.75").unwrap().scale(200), 150);
        assert_eq!(w("1").unwrap().text(), "1.0");
        assert_eq!(w("0.6").unwrap().text(), "0.6");
        assert_eq!(w(" 0.75 ").unwrap().text(), "0.75");
        for bad in ["0", "1.2", "0.05", "0.333", "half", ""] {
            assert_eq!(w(bad).unwrap_err().field, "whole_time_equivalent", "{bad}");
        }
        assert_eq!(WholeTimeEquivalent::default().scale(250), 250);
    }

    #[test]
    fn range_is_one_to_one_hundred_and_twenty() {
        assert!(AutoLockMinutes::new(0).is_err());
        assert_eq!(AutoLockMinutes::new(1).unwrap().minutes(), 1);
        assert_eq!(AutoLockMinutes::new(120).unwrap().minutes(), 120);
        let e = AutoLockMinutes::new(121).unwrap_err();
        assert_eq!(e.field, "auto_lock_minutes");
        assert_eq!(
            e.message,
            "Auto-lock time must be a whole number of minutes from 1 to 120."
        );
        assert_eq!(AutoLockMinutes::default().minutes(), 10);
    }
}
