//! Outcome measures: ONS4 personal wellbeing and the Patient Activation Measure (PAM).
//!
//! Invariants:
//! - The four ONS4 items are separate measures. Nothing here sums or averages them into one score.
//! - PAM is licensed: Linkwork stores the score and level the organisation's licensed tool reports.
//!   It ships no questions, no scoring and no score-to-level mapping; it only compares a level
//!   with cut-offs the organisation itself entered in settings.

use crate::error::ValidationError;
use crate::ids::{ContactId, OutcomeId};
use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The introduction read to the person before the four questions, as in the GSS personal
/// well-being harmonised standard (ONS Annual Population Survey wording).
pub const ONS4_INTRODUCTION: &str = "Next I would like to ask you four questions about your feelings on aspects of your life. \
There are no right or wrong answers. For each of these questions I\u{2019}d like you to give an answer on a scale of nought to 10, \
where nought is \u{2018}not at all\u{2019} and 10 is \u{2018}completely\u{2019}.";

crate::vocab::vocab!(
    /// The four ONS personal wellbeing items, in the order they are asked.
    Ons4Item {
        LifeSatisfaction = "life_satisfaction": "Life satisfaction",
        Worthwhile = "worthwhile": "Worthwhile",
        Happiness = "happiness": "Happiness",
        Anxiety = "anxiety": "Anxiety",
    }
);

crate::vocab::vocab!(
    /// ONS thresholds. Life satisfaction, worthwhile and happiness use low to very high; anxiety
    /// (higher is worse) uses very low to high.
    Ons4Band {
        VeryLow = "very_low": "Very low",
        Low = "low": "Low",
        Medium = "medium": "Medium",
        High = "high": "High",
        VeryHigh = "very_high": "Very high",
    }
);

crate::vocab::vocab!(
    PamVersion {
        Pam13 = "pam_13": "PAM-13",
        Pam10 = "pam_10": "PAM-10",
    }
);

crate::vocab::vocab!(
    /// Where a record sits within its episode.
    OutcomeRole {
        Baseline = "baseline": "Baseline",
        FollowUp = "follow_up": "Follow-up",
        Final = "final": "Final",
    }
);

crate::vocab::vocab!(
    /// Direction of change, judged so that "improved" always means better for the person.
    Direction {
        Improved = "improved": "Improved",
        Same = "same": "No change",
        Worse = "worse": "Worse",
    }
);

crate::vocab::vocab!(
    Measure {
        Ons4 = "ons4": "ONS4",
        Pam = "pam": "PAM",
    }
);

impl Ons4Item {
    pub fn question(self) -> &'static str {
        match self {
            Self::LifeSatisfaction => "Overall, how satisfied are you with your life nowadays?",
            Self::Worthwhile => "Overall, to what extent do you feel that the things you do in your life are worthwhile?",
            Self::Happiness => "Overall, how happy did you feel yesterday?",
            Self::Anxiety => "On a scale where nought is \u{2018}not at all anxious\u{2019} and 10 is \u{2018}completely anxious\u{2019}, overall, how anxious did you feel yesterday?",
        }
    }

    pub fn anchors(self) -> (&'static str, &'static str) {
        match self {
            Self::LifeSatisfaction => ("not at all satisfied", "completely satisfied"),
            Self::Worthwhile => ("not at all worthwhile", "completely worthwhile"),
            Self::Happiness => ("not at all happy", "completely happy"),
            Self::Anxiety => ("not at all anxious", "completely anxious"),
        }
    }

    pub fn higher_is_better(self) -> bool {
        self != Self::Anxiety
    }

    /// The band a link worker wants people to move out of: low, or high for anxiety.
    pub fn concern_band(self) -> Ons4Band {
        if self.higher_is_better() {
            Ons4Band::Low
        } else {
            Ons4Band::High
        }
    }
}

/// The ONS band of one answer (0–10).
pub fn band(item: Ons4Item, score: u8) -> Ons4Band {
    use Ons4Band::*;
    if item.higher_is_better() {
        match score {
            0..=4 => Low,
            5..=6 => Medium,
            7..=8 => High,
            _ => VeryHigh,
        }
    } else {
        match score {
            0..=1 => VeryLow,
            2..=3 => Low,
            4..=5 => Medium,
            _ => High,
        }
    }
}

crate::vocab::vocab!(
    /// How good a band is for the person, for styling beside the band's own words.
    Tone {
        Poor = "poor": "Poor",
        Fair = "fair": "Fair",
        Good = "good": "Good",
        VeryGood = "very_good": "Very good",
    }
);

pub fn tone(item: Ons4Item, b: Ons4Band) -> Tone {
    use Ons4Band::*;
    let rank = match (item.higher_is_better(), b) {
        (true, Low) | (false, High) => 0,
        (_, Medium) => 1,
        (true, High) | (false, Low) => 2,
        _ => 3,
    };
    [Tone::Poor, Tone::Fair, Tone::Good, Tone::VeryGood][rank]
}

pub fn direction(item: Ons4Item, from: u8, to: u8) -> Direction {
    let delta = to as i16 - from as i16;
    let better = if item.higher_is_better() {
        delta
    } else {
        -delta
    };
    match better.signum() {
        1 => Direction::Improved,
        0 => Direction::Same,
        _ => Direction::Worse,
    }
}

/// One ONS4 answer: a score, or `None` when the person declined to answer.
pub type Ons4Answer = Option<u8>;

/// Parses one typed answer: `0`–`10` or `declined`. Blank is refused: every item needs an answer.
pub fn parse_ons4_answer(item: Ons4Item, s: &str) -> Result<Ons4Answer, ValidationError> {
    let t = s.trim();
    let bad = || {
        ValidationError::new(
            item.slug(),
            format!("{} must be a whole number from 0 to 10, or \u{201c}declined\u{201d} if the person chose not to answer.", item.label()),
        )
    };
    if t.is_empty() {
        return Err(ValidationError::new(
            item.slug(),
            format!(
                "Choose an answer for {} (0 to 10), or \u{201c}declined to answer\u{201d}.",
                item.label().to_lowercase()
            ),
        ));
    }
    if t.eq_ignore_ascii_case("declined") {
        return Ok(None);
    }
    match t.parse::<u8>() {
        Ok(n) if n <= 10 && t.chars().all(|c| c.is_ascii_digit()) => Ok(Some(n)),
        _ => Err(bad()),
    }
}

/// All four answers, in [`Ons4Item::ALL`] order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ons4Answers(pub [Ons4Answer; 4]);

impl Ons4Answers {
    pub fn get(&self, item: Ons4Item) -> Ons4Answer {
        self.0[Ons4Item::ALL
            .iter()
            .position(|i| *i == item)
            .expect("every item is in ALL")]
    }

    /// A record where every item was declined says nothing to measure change from.
    pub fn validate(self) -> Result<Self, ValidationError> {
        if self.0.iter().all(Option::is_none) {
            return Err(ValidationError::new(
                Ons4Item::LifeSatisfaction.slug(),
                "All four questions were declined, so there is nothing to record. Note that the person declined in the contact instead.",
            ));
        }
        Ok(self)
    }
}

mod pam;
mod reminders;
mod summary;
#[cfg(test)]
mod tests;
mod views;

pub use pam::*;
pub use reminders::*;
pub use summary::*;
pub use views::*;
