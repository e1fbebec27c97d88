//! PAM as the organisation's licensed tool reports it: score, level, and the organisation's own
//! cut-offs (Linkwork ships none).

use super::*;

/// A PAM score in tenths of a point (0–1000), exactly as the licensed tool reported it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct PamScore(u16);

impl PamScore {
    pub fn from_tenths(t: u16) -> Option<Self> {
        (t <= 1000).then_some(Self(t))
    }
    pub fn tenths(self) -> u16 {
        self.0
    }
    pub fn value(self) -> f64 {
        self.0 as f64 / 10.0
    }
    /// `56.4`, `100.0`
    pub fn text(self) -> String {
        format!("{}.{}", self.0 / 10, self.0 % 10)
    }

    pub fn parse(field: &str, label: &str, s: &str) -> Result<Self, ValidationError> {
        let t = s.trim();
        let bad = || {
            ValidationError::new(field, format!("The {label} must be a number from 0 to 100 with at most one decimal place, like 56.4."))
        };
        if t.is_empty() {
            return Err(ValidationError::new(
                field,
                format!("Enter the {label} as the PAM tool reported it (0 to 100, like 56.4)."),
            ));
        }
        let (whole, frac) = t.split_once('.').unwrap_or((t, ""));
        if whole.is_empty()
            || whole.len() > 3
            || !whole.chars().all(|c| c.is_ascii_digit())
            || frac.len() > 1
            || !frac.chars().all(|c| c.is_ascii_digit())
            || (t.contains('.') && frac.is_empty())
        {
            return Err(bad());
        }
        let tenths =
            whole.parse::<u16>().map_err(|_| bad())? * 10 + frac.parse::<u16>().unwrap_or(0);
        Self::from_tenths(tenths).ok_or_else(bad)
    }
}

pub fn parse_pam_level(s: &str) -> Result<u8, ValidationError> {
    match s.trim() {
        "" => Err(ValidationError::new(
            "pam_level",
            "Choose the PAM level the tool reported (1 to 4).",
        )),
        t => match t.parse::<u8>() {
            Ok(n @ 1..=4) => Ok(n),
            _ => Err(ValidationError::new(
                "pam_level",
                "The PAM level must be 1, 2, 3 or 4, as the tool reported it.",
            )),
        },
    }
}

/// Public meanings of the four PAM levels (what the level says, not how it is scored).
pub fn pam_level_meaning(level: u8) -> &'static str {
    match level {
        1 => "Tends to be passive and overwhelmed",
        2 => "May lack knowledge and confidence",
        3 => "Beginning to take action",
        _ => "Has adopted new behaviours but may not keep them up under stress",
    }
}

/// The organisation's own PAM cut-offs: the lowest score at level 2, 3 and 4.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PamCutoffs {
    pub level2_from: PamScore,
    pub level3_from: PamScore,
    pub level4_from: PamScore,
}

impl PamCutoffs {
    pub fn new(l2: PamScore, l3: PamScore, l4: PamScore) -> Result<Self, ValidationError> {
        if !(l2 < l3 && l3 < l4) {
            return Err(ValidationError::new("pam_level3_from", "Each cut-off must be higher than the one before: level 2, then level 3, then level 4."));
        }
        Ok(Self {
            level2_from: l2,
            level3_from: l3,
            level4_from: l4,
        })
    }

    pub fn level_for(&self, s: PamScore) -> u8 {
        if s >= self.level4_from {
            4
        } else if s >= self.level3_from {
            3
        } else if s >= self.level2_from {
            2
        } else {
            1
        }
    }

    /// A warning when the entered level disagrees with the organisation's cut-offs.
    pub fn disagreement(&self, score: PamScore, level: u8) -> Option<String> {
        let expected = self.level_for(score);
        (expected != level).then(|| {
            format!(
                "Level {level} does not match a score of {} under your organisation\u{2019}s cut-offs (they give level {expected}). Check the report from the PAM tool.",
                score.text()
            )
        })
    }
}
