//! What the person's page shows: items with their bands, records with roles, and the change from
//! baseline to latest in words.

use super::*;

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
    /// Records marked entered in error, oldest first: shown struck through, used in nothing.
    pub in_error: Vec<OutcomeInError>,
}

/// An ONS4 or PAM record marked entered in error.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct OutcomeInError {
    pub id: OutcomeId,
    pub measure: Measure,
    pub recorded_on: NaiveDate,
    /// What it said, in words ("life satisfaction 4, worthwhile 5, …" or "score 52.3, level 2").
    pub summary: String,
    pub entered_in_error: crate::caseload::EnteredInError,
}
