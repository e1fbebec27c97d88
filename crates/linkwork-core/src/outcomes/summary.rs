//! The caseload change summary over a period: per ONS4 item and for PAM, first record compared with
//! last, never adding the four items together.

use super::*;

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
