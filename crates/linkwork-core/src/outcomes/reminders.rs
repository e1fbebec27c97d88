//! Where a record sits in its episode (baseline, follow-up, final) and when the next one is due.

use super::*;

/// Weeks between outcome records before a follow-up is due (1–52, default 12).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "u32", into = "u32")]
pub struct FollowUpWeeks(u8);

impl FollowUpWeeks {
    pub const MIN: u32 = 1;
    pub const MAX: u32 = 52;
    pub const DEFAULT: FollowUpWeeks = FollowUpWeeks(12);

    pub fn new(w: u32) -> Result<Self, ValidationError> {
        if (Self::MIN..=Self::MAX).contains(&w) {
            Ok(Self(w as u8))
        } else {
            Err(ValidationError::new(
                "follow_up_weeks",
                "The follow-up interval must be a whole number of weeks from 1 to 52.",
            ))
        }
    }
    pub fn weeks(self) -> u32 {
        self.0 as u32
    }
}

impl Default for FollowUpWeeks {
    fn default() -> Self {
        Self::DEFAULT
    }
}

impl TryFrom<u32> for FollowUpWeeks {
    type Error = ValidationError;
    fn try_from(v: u32) -> Result<Self, Self::Error> {
        Self::new(v)
    }
}

impl From<FollowUpWeeks> for u32 {
    fn from(v: FollowUpWeeks) -> u32 {
        v.weeks()
    }
}

/// Roles of an episode's records of one measure, given their dates in recorded order (date, then
/// entry). The first is the baseline; once the episode is closed, the later record at or nearest
/// the closing date is the final (ties go to the later record); the rest are follow-ups.
pub fn roles(dates: &[NaiveDate], closed_on: Option<NaiveDate>) -> Vec<OutcomeRole> {
    let mut out: Vec<OutcomeRole> = (0..dates.len())
        .map(|i| {
            if i == 0 {
                OutcomeRole::Baseline
            } else {
                OutcomeRole::FollowUp
            }
        })
        .collect();
    if let Some(closed) = closed_on {
        let nearest = (1..dates.len())
            .min_by_key(|&i| ((dates[i] - closed).num_days().abs(), std::cmp::Reverse(i)));
        if let Some(i) = nearest {
            out[i] = OutcomeRole::Final;
        }
    }
    out
}

/// How many days before its due date a follow-up starts showing as due.
pub const DUE_WINDOW_DAYS: i64 = 14;

crate::vocab::vocab!(
    ReminderState {
        Upcoming = "upcoming": "Upcoming",
        Due = "due": "Due",
        Overdue = "overdue": "Overdue",
    }
);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Reminder {
    pub measure: Measure,
    pub state: ReminderState,
    /// `None` for a baseline that has not been recorded yet.
    pub due_on: Option<NaiveDate>,
    /// Plain words, e.g. "ONS4 follow-up overdue since 12/02/2027".
    pub text: String,
}

/// The next outcome record an open episode needs, if any.
/// - ONS4: a baseline once the person has been seen; then a follow-up `weeks` after the last record.
/// - PAM: only where the organisation uses it (the episode has a PAM record), `weeks` after the last.
pub fn reminder(
    measure: Measure,
    last: Option<NaiveDate>,
    seen: bool,
    weeks: FollowUpWeeks,
    today: NaiveDate,
) -> Option<Reminder> {
    let name = measure.label();
    let Some(last) = last else {
        return (measure == Measure::Ons4 && seen).then(|| Reminder {
            measure,
            state: ReminderState::Due,
            due_on: None,
            text: format!("Baseline {name} not recorded yet"),
        });
    };
    let due = last + Duration::weeks(weeks.weeks() as i64);
    let date = crate::dates::format_date_gb(due);
    let (state, text) = if today > due {
        (
            ReminderState::Overdue,
            format!("{name} follow-up overdue since {date}"),
        )
    } else if today >= due - Duration::days(DUE_WINDOW_DAYS) {
        (
            ReminderState::Due,
            format!("{name} follow-up due by {date}"),
        )
    } else {
        (
            ReminderState::Upcoming,
            format!("Next {name} follow-up due by {date}"),
        )
    };
    Some(Reminder {
        measure,
        state,
        due_on: Some(due),
        text,
    })
}

/// The follow-up an open episode needs now (due or overdue), the more urgent measure first.
pub fn urgent_reminder(
    status: crate::vocab::EpisodeStatus,
    last_ons4: Option<NaiveDate>,
    last_pam: Option<NaiveDate>,
    weeks: FollowUpWeeks,
    today: NaiveDate,
) -> Option<Reminder> {
    let seen = status == crate::vocab::EpisodeStatus::Active;
    [
        reminder(Measure::Ons4, last_ons4, seen, weeks, today),
        reminder(Measure::Pam, last_pam, seen, weeks, today),
    ]
    .into_iter()
    .flatten()
    .filter(|r| r.state != ReminderState::Upcoming)
    .max_by_key(|r| {
        (
            r.state == ReminderState::Overdue,
            r.measure == Measure::Ons4,
        )
    })
}

/// Whether closing on `closing_on` would leave a measure without a fresh final record: true
/// unless a record after the baseline falls within the due window before closing.
pub fn needs_final(dates: &[NaiveDate], closing_on: NaiveDate) -> bool {
    !dates
        .iter()
        .skip(1)
        .any(|d| (closing_on - *d).num_days().abs() <= DUE_WINDOW_DAYS)
}
