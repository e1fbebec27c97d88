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

#[cfg(test)]
mod tests {
    use super::*;

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
