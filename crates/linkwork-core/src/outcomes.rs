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

// ---- Views --------------------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Ons4ItemInfo {
    pub item: Ons4Item,
    pub label: String,
    pub question: String,
    pub zero: String,
    pub ten: String,
    /// Band of each answer 0 to 10 (index = score), so the form shows bands without its own rules.
    pub bands: Vec<ItemScore>,
}

pub fn ons4_items() -> Vec<Ons4ItemInfo> {
    Ons4Item::ALL
        .iter()
        .map(|&item| Ons4ItemInfo {
            item,
            label: item.label().into(),
            question: item.question().into(),
            zero: item.anchors().0.into(),
            ten: item.anchors().1.into(),
            bands: (0..=10).map(|v| item_score(item, Some(v))).collect(),
        })
        .collect()
}

/// One item of one record, with its band.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ItemScore {
    pub item: Ons4Item,
    /// `None`: declined to answer.
    pub value: Option<u8>,
    pub band: Option<Ons4Band>,
    pub band_label: Option<String>,
    pub tone: Option<Tone>,
}

pub fn item_score(item: Ons4Item, value: Option<u8>) -> ItemScore {
    let b = value.map(|v| band(item, v));
    ItemScore {
        item,
        value,
        band: b,
        band_label: b.map(|b| b.label().into()),
        tone: b.map(|b| tone(item, b)),
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Ons4View {
    pub id: OutcomeId,
    pub recorded_on: NaiveDate,
    pub contact_id: Option<ContactId>,
    pub role: OutcomeRole,
    /// In [`Ons4Item::ALL`] order.
    pub items: Vec<ItemScore>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PamView {
    pub id: OutcomeId,
    pub recorded_on: NaiveDate,
    pub contact_id: Option<ContactId>,
    pub role: OutcomeRole,
    pub score: f64,
    /// The score as entered, one decimal: "56.4".
    pub score_text: String,
    pub level: u8,
    pub level_meaning: String,
    pub version: PamVersion,
    /// Set when the organisation's cut-offs give a different level.
    pub level_warning: Option<String>,
}

/// Baseline to latest for one ONS4 item.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ItemChange {
    pub item: Ons4Item,
    pub label: String,
    pub baseline: ItemScore,
    pub latest: ItemScore,
    /// latest − baseline (raw score; for anxiety a fall is an improvement).
    pub difference: Option<i32>,
    pub direction: Option<Direction>,
    /// "↑ 3 points, improved" — arrow for the score's movement, words for what it means.
    pub summary: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PamChange {
    pub baseline_score: String,
    pub baseline_level: u8,
    pub latest_score: String,
    pub latest_level: u8,
    pub difference: f64,
    pub direction: Direction,
    /// A gain of 3 points or more.
    pub gain_of_3: bool,
    pub summary: String,
}

fn movement(diff: i32, unit: &str, dir: Direction) -> String {
    let plural = |n: i32| if n == 1 { "" } else { "s" };
    match diff.signum() {
        0 => "\u{2192} no change".to_string(),
        1 => format!(
            "\u{2191} up {diff} {unit}{}, {}",
            plural(diff),
            dir.label().to_lowercase()
        ),
        _ => format!(
            "\u{2193} down {} {unit}{}, {}",
            -diff,
            plural(-diff),
            dir.label().to_lowercase()
        ),
    }
}

/// Baseline → latest per item. `records` must be in recorded order; needs two or more.
pub fn ons4_change(records: &[Ons4View]) -> Option<Vec<ItemChange>> {
    let (first, last) = (records.first()?, records.last()?);
    if records.len() < 2 {
        return None;
    }
    Some(
        Ons4Item::ALL
            .iter()
            .enumerate()
            .map(|(i, &item)| {
                let (b, l) = (first.items[i].clone(), last.items[i].clone());
                let (difference, direction, summary) = match (b.value, l.value) {
                    (Some(x), Some(y)) => {
                        let d = y as i32 - x as i32;
                        let dir = direction(item, x, y);
                        (Some(d), Some(dir), movement(d, "point", dir))
                    }
                    _ => (
                        None,
                        None,
                        "Not compared: declined at baseline or latest".to_string(),
                    ),
                };
                ItemChange {
                    item,
                    label: item.label().into(),
                    baseline: b,
                    latest: l,
                    difference,
                    direction,
                    summary,
                }
            })
            .collect(),
    )
}

pub fn pam_change(records: &[PamView]) -> Option<PamChange> {
    let (first, last) = (records.first()?, records.last()?);
    if records.len() < 2 {
        return None;
    }
    let tenths = (last.score * 10.0).round() as i32 - (first.score * 10.0).round() as i32;
    let dir = match tenths.signum() {
        1 => Direction::Improved,
        0 => Direction::Same,
        _ => Direction::Worse,
    };
    let amount = format!("{}.{}", tenths.abs() / 10, tenths.abs() % 10);
    let summary = match tenths.signum() {
        0 => "\u{2192} no change".to_string(),
        1 => format!(
            "\u{2191} up {amount} points, {}",
            dir.label().to_lowercase()
        ),
        _ => format!(
            "\u{2193} down {amount} points, {}",
            dir.label().to_lowercase()
        ),
    };
    Some(PamChange {
        baseline_score: first.score_text.clone(),
        baseline_level: first.level,
        latest_score: last.score_text.clone(),
        latest_level: last.level,
        difference: tenths as f64 / 10.0,
        direction: dir,
        gain_of_3: tenths >= 30,
        summary,
    })
}

/// Everything about one episode's outcomes, as the person's page shows it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
pub struct EpisodeOutcomes {
    /// Oldest first.
    pub ons4: Vec<Ons4View>,
    pub pam: Vec<PamView>,
    pub ons4_change: Option<Vec<ItemChange>>,
    pub pam_change: Option<PamChange>,
    /// Open episodes only: the next record each measure needs.
    pub reminders: Vec<Reminder>,
    /// Open episodes of people seen: closing today would leave ONS4 (or PAM, where used) without a final record.
    pub final_missing: Vec<Measure>,
}

// ---- Caseload summary ---------------------------------------------------------------------------

/// One episode's records of both measures within a period, oldest first.
#[derive(Debug, Clone, Default)]
pub struct PeriodRecords {
    pub ons4: Vec<Ons4Answers>,
    /// Scores in tenths.
    pub pam: Vec<PamScore>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ItemSummary {
    pub item: Ons4Item,
    pub label: String,
    /// People whose first and last record in the period both answer this item.
    pub n: u32,
    pub mean_change: Option<f64>,
    pub improved: u32,
    pub same: u32,
    pub worse: u32,
    pub improved_pct: Option<f64>,
    pub same_pct: Option<f64>,
    pub worse_pct: Option<f64>,
    /// "low" (or "high" for anxiety).
    pub concern_band: String,
    pub started_in_concern_band: u32,
    pub moved_out_of_concern_band: u32,
    pub moved_out_pct: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PamSummary {
    pub n: u32,
    pub mean_change: Option<f64>,
    pub gained_3: u32,
    pub gained_3_pct: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct OutcomeSummary {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// People (episodes) with two or more ONS4 records in the period.
    pub ons4_people: u32,
    pub items: Vec<ItemSummary>,
    pub pam: PamSummary,
}

fn pct(part: u32, whole: u32) -> Option<f64> {
    (whole > 0).then(|| part as f64 * 100.0 / whole as f64)
}

/// Change from each person's first to last record in the period, for people with at least two.
pub fn summarise(from: NaiveDate, to: NaiveDate, episodes: &[PeriodRecords]) -> OutcomeSummary {
    let with_two: Vec<&PeriodRecords> = episodes.iter().filter(|e| e.ons4.len() >= 2).collect();
    let items = Ons4Item::ALL
        .iter()
        .map(|&item| {
            let pairs: Vec<(u8, u8)> = with_two
                .iter()
                .filter_map(|e| Some((e.ons4.first()?.get(item)?, e.ons4.last()?.get(item)?)))
                .collect();
            let n = pairs.len() as u32;
            let count = |d: Direction| {
                pairs
                    .iter()
                    .filter(|(a, b)| direction(item, *a, *b) == d)
                    .count() as u32
            };
            let (improved, same, worse) = (
                count(Direction::Improved),
                count(Direction::Same),
                count(Direction::Worse),
            );
            let concern = item.concern_band();
            let started = pairs
                .iter()
                .filter(|(a, _)| band(item, *a) == concern)
                .count() as u32;
            let moved = pairs
                .iter()
                .filter(|(a, b)| band(item, *a) == concern && band(item, *b) != concern)
                .count() as u32;
            ItemSummary {
                item,
                label: item.label().into(),
                n,
                mean_change: (n > 0).then(|| {
                    pairs
                        .iter()
                        .map(|(a, b)| *b as i64 - *a as i64)
                        .sum::<i64>() as f64
                        / n as f64
                }),
                improved,
                same,
                worse,
                improved_pct: pct(improved, n),
                same_pct: pct(same, n),
                worse_pct: pct(worse, n),
                concern_band: concern.label().to_lowercase(),
                started_in_concern_band: started,
                moved_out_of_concern_band: moved,
                moved_out_pct: pct(moved, started),
            }
        })
        .collect();
    let pam_pairs: Vec<(i32, i32)> = episodes
        .iter()
        .filter(|e| e.pam.len() >= 2)
        .map(|e| {
            (
                e.pam[0].tenths() as i32,
                e.pam[e.pam.len() - 1].tenths() as i32,
            )
        })
        .collect();
    let n = pam_pairs.len() as u32;
    let gained_3 = pam_pairs.iter().filter(|(a, b)| b - a >= 30).count() as u32;
    OutcomeSummary {
        from,
        to,
        ons4_people: with_two.len() as u32,
        items,
        pam: PamSummary {
            n,
            // Summed in whole tenths: the mean must not depend on the order episodes come in.
            mean_change: (n > 0).then(|| {
                pam_pairs.iter().map(|(a, b)| (b - a) as i64).sum::<i64>() as f64
                    / (10.0 * n as f64)
            }),
            gained_3,
            gained_3_pct: pct(gained_3, n),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Ons4Band::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn band_boundaries_for_every_score_of_every_item() {
        let positive = [
            Low, Low, Low, Low, Low, Medium, Medium, High, High, VeryHigh, VeryHigh,
        ];
        let anxiety = [
            VeryLow, VeryLow, Low, Low, Medium, Medium, High, High, High, High, High,
        ];
        for item in [
            Ons4Item::LifeSatisfaction,
            Ons4Item::Worthwhile,
            Ons4Item::Happiness,
        ] {
            for score in 0..=10u8 {
                assert_eq!(
                    band(item, score),
                    positive[score as usize],
                    "{item:?} {score}"
                );
            }
        }
        for score in 0..=10u8 {
            assert_eq!(
                band(Ons4Item::Anxiety, score),
                anxiety[score as usize],
                "anxiety {score}"
            );
        }
    }

    #[test]
    fn anxiety_reads_the_other_way() {
        assert_eq!(tone(Ons4Item::Anxiety, High), Tone::Poor);
        assert_eq!(tone(Ons4Item::Anxiety, VeryLow), Tone::VeryGood);
        assert_eq!(tone(Ons4Item::Happiness, Low), Tone::Poor);
        assert_eq!(direction(Ons4Item::Anxiety, 8, 3), Direction::Improved);
        assert_eq!(direction(Ons4Item::Happiness, 8, 3), Direction::Worse);
        assert_eq!(direction(Ons4Item::Worthwhile, 5, 5), Direction::Same);
        assert_eq!(Ons4Item::Anxiety.concern_band(), High);
    }

    #[test]
    fn answers_are_whole_numbers_or_declined() {
        let it = Ons4Item::Worthwhile;
        assert_eq!(parse_ons4_answer(it, "0").unwrap(), Some(0));
        assert_eq!(parse_ons4_answer(it, " 10 ").unwrap(), Some(10));
        assert_eq!(parse_ons4_answer(it, "Declined").unwrap(), None);
        for bad in ["11", "-1", "7.5", "seven", "+3"] {
            let e = parse_ons4_answer(it, bad).unwrap_err();
            assert_eq!(e.field, "worthwhile");
            assert_eq!(e.message, "Worthwhile must be a whole number from 0 to 10, or \u{201c}declined\u{201d} if the person chose not to answer.");
        }
        assert_eq!(
            parse_ons4_answer(it, "").unwrap_err().message,
            "Choose an answer for worthwhile (0 to 10), or \u{201c}declined to answer\u{201d}."
        );
        assert!(Ons4Answers([None; 4]).validate().is_err());
    }

    #[test]
    fn pam_scores_have_at_most_one_decimal() {
        assert_eq!(
            PamScore::parse("f", "PAM score", "56.4").unwrap().tenths(),
            564
        );
        assert_eq!(
            PamScore::parse("f", "PAM score", "100").unwrap().text(),
            "100.0"
        );
        assert_eq!(
            PamScore::parse("f", "PAM score", "0.0").unwrap().tenths(),
            0
        );
        for bad in ["100.1", "56.45", "-1", "abc", "56.", ".5", "1e2", "1000"] {
            let e = PamScore::parse("pam_score", "PAM score", bad).unwrap_err();
            assert_eq!(e.field, "pam_score", "{bad}");
            assert_eq!(e.message, "The PAM score must be a number from 0 to 100 with at most one decimal place, like 56.4.");
        }
        assert_eq!(parse_pam_level("4").unwrap(), 4);
        assert_eq!(parse_pam_level("5").unwrap_err().field, "pam_level");
        assert_eq!(
            parse_pam_level("0").unwrap_err().message,
            "The PAM level must be 1, 2, 3 or 4, as the tool reported it."
        );
    }

    #[test]
    fn cutoffs_flag_a_level_that_disagrees() {
        let s = |t| PamScore::from_tenths(t).unwrap();
        assert!(PamCutoffs::new(s(500), s(500), s(700)).is_err());
        let c = PamCutoffs::new(s(470), s(560), s(680)).unwrap();
        assert_eq!(c.level_for(s(469)), 1);
        assert_eq!(c.level_for(s(470)), 2);
        assert_eq!(c.level_for(s(680)), 4);
        assert_eq!(c.disagreement(s(600), 3), None);
        assert_eq!(
            c.disagreement(s(600), 2).unwrap(),
            "Level 2 does not match a score of 60.0 under your organisation\u{2019}s cut-offs (they give level 3). Check the report from the PAM tool."
        );
    }

    #[test]
    fn baseline_follow_up_and_final() {
        use OutcomeRole::*;
        let dates = [
            d("2026-01-05"),
            d("2026-03-01"),
            d("2026-05-01"),
            d("2026-06-20"),
        ];
        assert_eq!(
            roles(&dates, None),
            vec![Baseline, FollowUp, FollowUp, FollowUp]
        );
        // Closed on 01/06: 20/06 is 19 days away, 01/05 is 31: the later record is the final.
        assert_eq!(
            roles(&dates, Some(d("2026-06-01"))),
            vec![Baseline, FollowUp, FollowUp, Final]
        );
        // Closed on 10/05: 01/05 is nearest.
        assert_eq!(
            roles(&dates, Some(d("2026-05-10"))),
            vec![Baseline, FollowUp, Final, FollowUp]
        );
        // Equal distance: the later record wins.
        assert_eq!(
            roles(
                &[d("2026-01-01"), d("2026-01-10"), d("2026-01-20")],
                Some(d("2026-01-15"))
            ),
            vec![Baseline, FollowUp, Final]
        );
        // A lone baseline is never the final too.
        assert_eq!(
            roles(&[d("2026-01-05")], Some(d("2026-02-01"))),
            vec![Baseline]
        );
        assert_eq!(roles(&[], Some(d("2026-02-01"))), Vec::<OutcomeRole>::new());
    }

    #[test]
    fn reminders_fall_due_then_overdue() {
        let w = FollowUpWeeks::DEFAULT;
        let last = d("2026-01-01"); // due 26/03/2026
        assert_eq!(
            reminder(Measure::Ons4, Some(last), true, w, d("2026-03-11"))
                .unwrap()
                .state,
            ReminderState::Upcoming
        );
        let due = reminder(Measure::Ons4, Some(last), true, w, d("2026-03-12")).unwrap();
        assert_eq!(
            (due.state, due.text.as_str()),
            (ReminderState::Due, "ONS4 follow-up due by 26/03/2026")
        );
        assert_eq!(
            reminder(Measure::Ons4, Some(last), true, w, d("2026-03-26"))
                .unwrap()
                .state,
            ReminderState::Due
        );
        let over = reminder(Measure::Pam, Some(last), true, w, d("2026-03-27")).unwrap();
        assert_eq!(
            (over.state, over.text.as_str()),
            (
                ReminderState::Overdue,
                "PAM follow-up overdue since 26/03/2026"
            )
        );
        assert_eq!(
            reminder(Measure::Ons4, None, true, w, d("2026-03-27"))
                .unwrap()
                .text,
            "Baseline ONS4 not recorded yet"
        );
        assert_eq!(
            reminder(Measure::Ons4, None, false, w, d("2026-03-27")),
            None
        );
        assert_eq!(reminder(Measure::Pam, None, true, w, d("2026-03-27")), None);
        assert!(FollowUpWeeks::new(0).is_err() && FollowUpWeeks::new(53).is_err());
    }

    #[test]
    fn a_final_needs_a_recent_follow_up() {
        let closing = d("2026-06-30");
        assert!(needs_final(&[], closing));
        assert!(
            needs_final(&[d("2026-06-29")], closing),
            "a baseline alone is not a final"
        );
        assert!(
            needs_final(&[d("2026-01-01"), d("2026-06-15")], closing),
            "15 days before is too old"
        );
        assert!(!needs_final(&[d("2026-01-01"), d("2026-06-16")], closing));
    }

    fn answers(a: [Option<u8>; 4]) -> Ons4Answers {
        Ons4Answers(a)
    }

    #[test]
    fn caseload_change_on_a_hand_worked_fixture() {
        let s = |t| PamScore::from_tenths(t).unwrap();
        let episodes = vec![
            // A: life 3→7 (+4, out of low), worthwhile 4→4 (same, still low), happy 5→8 (+3), anxiety 8→3 (−5, improved, out of high)
            PeriodRecords {
                ons4: vec![
                    answers([Some(3), Some(4), Some(5), Some(8)]),
                    answers([Some(5), Some(5), Some(5), Some(5)]),
                    answers([Some(7), Some(4), Some(8), Some(3)]),
                ],
                pam: vec![s(450), s(521)],
            },
            // B: life 6→5 (−1, worse), worthwhile declined at baseline (excluded), happy 2→2 (same, low), anxiety 2→6 (+4, worse)
            PeriodRecords {
                ons4: vec![
                    answers([Some(6), None, Some(2), Some(2)]),
                    answers([Some(5), Some(7), Some(2), Some(6)]),
                ],
                pam: vec![s(600), s(620)],
            },
            // C: one record only: not counted for ONS4; PAM single: not counted.
            PeriodRecords {
                ons4: vec![answers([Some(1), Some(1), Some(1), Some(9)])],
                pam: vec![s(300)],
            },
            // D: life 2→4 (+2, still low), worthwhile 3→9 (+6, out of low), happy 4→4, anxiety 5→5
            PeriodRecords {
                ons4: vec![
                    answers([Some(2), Some(3), Some(4), Some(5)]),
                    answers([Some(4), Some(9), Some(4), Some(5)]),
                ],
                pam: vec![s(700), s(730)],
            },
        ];
        let sum = summarise(d("2026-01-01"), d("2026-12-31"), &episodes);
        assert_eq!(sum.ons4_people, 3);
        let life = &sum.items[0];
        assert_eq!((life.n, life.improved, life.same, life.worse), (3, 2, 0, 1));
        assert!((life.mean_change.unwrap() - 5.0 / 3.0).abs() < 1e-9); // (+4 −1 +2) / 3
        assert_eq!(
            (life.started_in_concern_band, life.moved_out_of_concern_band),
            (2, 1)
        ); // A and D started low; A moved out
        assert_eq!(life.moved_out_pct, Some(50.0));
        let worth = &sum.items[1];
        assert_eq!(
            (worth.n, worth.improved, worth.same, worth.worse),
            (2, 1, 1, 0)
        );
        assert_eq!(worth.mean_change, Some(3.0)); // (0 + 6) / 2
        assert_eq!(
            (
                worth.started_in_concern_band,
                worth.moved_out_of_concern_band
            ),
            (2, 1)
        );
        let happy = &sum.items[2];
        assert_eq!(
            (happy.n, happy.improved, happy.same, happy.worse),
            (3, 1, 2, 0)
        );
        assert_eq!(happy.mean_change, Some(1.0));
        assert_eq!(happy.started_in_concern_band, 2); // B (2) and D (4)
        assert_eq!(happy.moved_out_pct, Some(0.0));
        let anx = &sum.items[3];
        assert_eq!((anx.n, anx.improved, anx.same, anx.worse), (3, 1, 1, 1));
        assert!((anx.mean_change.unwrap() - (-1.0 / 3.0)).abs() < 1e-9); // (−5 +4 0) / 3
        assert_eq!(anx.concern_band, "high");
        assert_eq!(
            (anx.started_in_concern_band, anx.moved_out_of_concern_band),
            (1, 1)
        );
        assert_eq!(
            anx.improved_pct.map(|p| (p * 10.0).round() / 10.0),
            Some(33.3)
        );
        // PAM: A +7.1, B +2.0, D +3.0 → mean 4.0333; gains ≥ 3: A and D.
        assert_eq!(sum.pam.n, 3);
        assert!((sum.pam.mean_change.unwrap() - 12.1 / 3.0).abs() < 1e-9);
        assert_eq!(sum.pam.gained_3, 2);
    }

    #[test]
    fn nothing_to_summarise() {
        let sum = summarise(d("2026-01-01"), d("2026-01-31"), &[]);
        assert_eq!(sum.ons4_people, 0);
        assert_eq!(sum.items[0].mean_change, None);
        assert_eq!(sum.items[0].improved_pct, None);
        assert_eq!(sum.pam.mean_change, None);
    }

    #[test]
    fn change_table_says_which_way_in_words() {
        let rec = |date: &str, a: [Option<u8>; 4]| Ons4View {
            id: OutcomeId::new(date),
            recorded_on: d(date),
            contact_id: None,
            role: OutcomeRole::FollowUp,
            items: Ons4Item::ALL
                .iter()
                .zip(a)
                .map(|(i, v)| item_score(*i, v))
                .collect(),
        };
        let rows = ons4_change(&[
            rec("2026-01-01", [Some(3), Some(5), None, Some(8)]),
            rec("2026-04-01", [Some(6), Some(4), Some(5), Some(2)]),
        ])
        .unwrap();
        assert_eq!(rows[0].summary, "\u{2191} up 3 points, improved");
        assert_eq!(rows[0].baseline.band, Some(Low));
        assert_eq!(rows[0].latest.band, Some(Medium));
        assert_eq!(rows[1].summary, "\u{2193} down 1 point, worse");
        assert_eq!(rows[2].direction, None);
        assert_eq!(rows[3].summary, "\u{2193} down 6 points, improved");
        assert!(ons4_change(&[rec("2026-01-01", [Some(3); 4])]).is_none());
    }
}
