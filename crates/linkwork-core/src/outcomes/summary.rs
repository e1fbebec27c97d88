//! The caseload change summary over a period: per ONS4 item and for PAM, each episode's baseline
//! compared with its final or latest record, never adding the four items together. It does not
//! flatter: the people with a baseline but no follow-up are counted beside the n compared.

use super::*;

/// One episode's live records of both measures, oldest first.
#[derive(Debug, Clone, Default)]
pub struct EpisodeRecords {
    /// When the episode closed, if it has.
    pub closed_on: Option<NaiveDate>,
    pub ons4: Vec<(NaiveDate, Ons4Answers)>,
    pub pam: Vec<(NaiveDate, PamScore, PamVersion)>,
}

/// Where one episode's records of a measure stand in the period.
enum Standing<'a, T> {
    /// Baseline and final-or-latest record; the latest is dated within the period.
    Compared(&'a T, &'a T),
    /// Open during the period with a baseline and nothing after it.
    BaselineOnly,
    Out,
}

fn standing<'a, T>(
    records: &'a [T],
    date: fn(&T) -> NaiveDate,
    closed_on: Option<NaiveDate>,
    from: NaiveDate,
    to: NaiveDate,
) -> Standing<'a, T> {
    let upto: Vec<&T> = records.iter().filter(|r| date(r) <= to).collect();
    match upto.as_slice() {
        [first, .., last] if date(last) >= from => Standing::Compared(first, last),
        [_] if closed_on.is_none_or(|c| c >= from) => Standing::BaselineOnly,
        _ => Standing::Out,
    }
}

/// A mean change in words, the right way round for the item ("down 1.2, better" for anxiety).
pub fn change_in_words(item: Ons4Item, mean: f64) -> String {
    let size = format!("{:.1}", mean.abs());
    if size == "0.0" {
        return "no change on average".into();
    }
    let better = (mean > 0.0) == item.higher_is_better();
    format!(
        "{} {size} on average ({})",
        if mean > 0.0 { "up" } else { "down" },
        if better { "better" } else { "worse" }
    )
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ItemSummary {
    pub item: Ons4Item,
    pub label: String,
    /// People whose first and last record in the period both answer this item.
    pub n: u32,
    /// The changes added up (the mean is this over `n`): what a team total adds exactly.
    pub sum_change: i32,
    pub mean_change: Option<f64>,
    /// The mean change in words with its direction ("down 0.5 on average (better)" for anxiety).
    pub mean_change_text: Option<String>,
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
    /// The changes added up, in tenths of a point.
    pub sum_change_tenths: i32,
    pub mean_change: Option<f64>,
    pub gained_3: u32,
    pub gained_3_pct: Option<f64>,
    /// Pairs whose later record is within 12 months of the baseline: the usual test's denominator.
    pub pairs_within_year: u32,
    /// Of those, gained 3 points or more (the usual test).
    pub gained_3_within_year: u32,
    /// Episodes open in the period with a baseline PAM and no later one.
    pub baseline_only: u32,
    /// Of the `n` compared, those whose baseline and latest are different versions (PAM-13 and PAM-10).
    pub mixed_versions: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct OutcomeSummary {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// People (episodes) compared: a baseline ONS4 and a final or latest one dated in the period.
    pub ons4_people: u32,
    /// Episodes open in the period with a baseline ONS4 and no follow-up yet.
    pub ons4_baseline_only: u32,
    pub items: Vec<ItemSummary>,
    pub pam: PamSummary,
}

fn pct(part: u32, whole: u32) -> Option<f64> {
    (whole > 0).then(|| part as f64 * 100.0 / whole as f64)
}

/// Change from each episode's baseline to its final or latest record (dated in the period).
pub fn summarise(from: NaiveDate, to: NaiveDate, episodes: &[EpisodeRecords]) -> OutcomeSummary {
    let mut ons4_pairs: Vec<(&Ons4Answers, &Ons4Answers)> = vec![];
    let mut ons4_baseline_only = 0;
    for e in episodes {
        match standing(&e.ons4, |r| r.0, e.closed_on, from, to) {
            Standing::Compared(a, b) => ons4_pairs.push((&a.1, &b.1)),
            Standing::BaselineOnly => ons4_baseline_only += 1,
            Standing::Out => {}
        }
    }
    let items = Ons4Item::ALL
        .iter()
        .map(|&item| {
            let pairs: Vec<(u8, u8)> = ons4_pairs
                .iter()
                .filter_map(|(a, b)| Some((a.get(item)?, b.get(item)?)))
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
            let sum_change: i32 = pairs.iter().map(|(a, b)| *b as i32 - *a as i32).sum();
            let mean_change = (n > 0).then(|| sum_change as f64 / n as f64);
            ItemSummary {
                item,
                label: item.label().into(),
                n,
                sum_change,
                mean_change,
                mean_change_text: mean_change.map(|m| change_in_words(item, m)),
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
    let (mut pam_pairs, mut pam_baseline_only, mut mixed_versions) = (vec![], 0, 0);
    for e in episodes {
        match standing(&e.pam, |r| r.0, e.closed_on, from, to) {
            Standing::Compared(a, b) => {
                let within_year = b.0 <= a.0 + chrono::Months::new(12);
                pam_pairs.push((a.1.tenths() as i32, b.1.tenths() as i32, within_year));
                mixed_versions += u32::from(a.2 != b.2);
            }
            Standing::BaselineOnly => pam_baseline_only += 1,
            Standing::Out => {}
        }
    }
    let n = pam_pairs.len() as u32;
    let gained = |year: bool| {
        pam_pairs
            .iter()
            .filter(|(a, b, within)| b - a >= 30 && (*within || !year))
            .count() as u32
    };
    let (gained_3, gained_3_within_year) = (gained(false), gained(true));
    let sum_change_tenths: i32 = pam_pairs.iter().map(|(a, b, _)| b - a).sum();
    OutcomeSummary {
        from,
        to,
        ons4_people: ons4_pairs.len() as u32,
        ons4_baseline_only,
        items,
        pam: PamSummary {
            n,
            sum_change_tenths,
            // Summed in whole tenths: the mean must not depend on the order episodes come in.
            mean_change: (n > 0).then(|| sum_change_tenths as f64 / (10.0 * n as f64)),
            gained_3,
            gained_3_pct: pct(gained_3, n),
            pairs_within_year: pam_pairs.iter().filter(|(_, _, within)| *within).count() as u32,
            gained_3_within_year,
            baseline_only: pam_baseline_only,
            mixed_versions,
        },
    }
}
