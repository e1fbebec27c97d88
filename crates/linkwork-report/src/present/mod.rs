//! Figures as tables: the one shape the preview, the HTML, the CSV set and the XLSX workbook are
//! all written from, so they cannot disagree. Small-number suppression happens here, once, on
//! presentation (a team total is summed exactly first).

mod tables;
mod team;

pub use tables::tables;
pub use team::{headline, team_tables};

use crate::figures::{Counts, Share};
use linkwork_core::vocab::Vocabulary;
use serde::Serialize;
use ts_rs::TS;

/// Counts from 1 to 4 are shown as "<5" (and shares and means made from them are not shown).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Suppression {
    On,
    /// For internal use only: every report made this way says so.
    Off,
}

impl Suppression {
    fn hides(self, n: u64) -> bool {
        self == Suppression::On && (1..=4).contains(&n)
    }
}

pub const SUPPRESSED: &str = "<5";

/// One value as presented. Percentages are 0–100.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Cell {
    Text(String),
    Count(#[ts(type = "number")] u64),
    Percent(f64),
    /// One decimal place (a mean change, hours, a median).
    Decimal(f64),
    /// Hidden by small-number suppression: shown as "<5".
    Suppressed,
    /// Nothing to show (no one to take a share or mean of).
    Blank,
}

impl Cell {
    /// As written to CSV: numbers plain, percentages and decimals to one place.
    pub fn csv(&self) -> String {
        match self {
            Cell::Text(t) => t.clone(),
            Cell::Count(n) => n.to_string(),
            Cell::Percent(x) | Cell::Decimal(x) => format!("{x:.1}"),
            Cell::Suppressed => SUPPRESSED.into(),
            Cell::Blank => String::new(),
        }
    }

    /// As shown on screen and in the HTML.
    pub fn display(&self) -> String {
        match self {
            Cell::Count(n) => group_thousands(*n),
            Cell::Percent(x) => format!("{x:.1}%"),
            Cell::Blank => "–".into(),
            other => other.csv(),
        }
    }

    pub fn number(&self) -> Option<f64> {
        match self {
            Cell::Count(n) => Some(*n as f64),
            Cell::Percent(x) | Cell::Decimal(x) => Some(*x),
            _ => None,
        }
    }
}

fn group_thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Column {
    /// Stable: the CSV header and the XLSX heading row.
    pub name: String,
    pub label: String,
    /// What the column holds, for the column list shipped with the CSV set.
    pub about: String,
}

/// How a table is drawn: horizontal bars, one bar per row, one series per value column.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ChartSpec {
    pub title: String,
    /// The column that names each bar.
    pub label_column: usize,
    pub value_columns: Vec<usize>,
    /// Series are stacked (parts of one whole) rather than side by side.
    pub stacked: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Table {
    /// Stable: the CSV file name and the XLSX sheet name.
    pub name: String,
    pub section: String,
    pub title: String,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
    pub chart: Option<ChartSpec>,
    /// Said under the table when it has no rows.
    pub empty: String,
}

pub const SECTIONS: [&str; 7] = [
    "Caseload",
    "Activity",
    "Referrals in",
    "Onward referrals",
    "Gaps in local provision",
    "Outcomes",
    "GP coding",
];

/// Presents values with one suppression rule.
#[derive(Clone, Copy)]
struct P(Suppression);

impl P {
    fn count(self, n: u64) -> Cell {
        if self.0.hides(n) {
            Cell::Suppressed
        } else {
            Cell::Count(n)
        }
    }
    /// A share hides when either of its counts would.
    fn share(self, s: Share) -> Cell {
        if s.den == 0 {
            Cell::Blank
        } else if self.0.hides(s.num) || self.0.hides(s.den) {
            Cell::Suppressed
        } else {
            Cell::Percent(s.num as f64 * 100.0 / s.den as f64)
        }
    }
    /// A mean of `n` values hides when `n` would.
    fn mean(self, sum: f64, n: u64) -> Cell {
        if n == 0 {
            Cell::Blank
        } else if self.0.hides(n) {
            Cell::Suppressed
        } else {
            Cell::Decimal(sum / n as f64)
        }
    }
}

fn col(name: &str, label: &str, about: &str) -> Column {
    Column {
        name: name.into(),
        label: label.into(),
        about: about.into(),
    }
}

fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

fn label<V: Vocabulary>(slug: &str) -> String {
    match V::from_slug(slug) {
        Some(v) => v.label().into(),
        None if slug == "not_recorded" => "Not recorded".into(),
        None => slug.into(),
    }
}

/// Slugs in the vocabulary's order (unknown slugs last, alphabetically), each once.
fn in_vocab_order<'a, V: Vocabulary>(keys: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let rank = |k: &str| {
        V::ALL
            .iter()
            .position(|x| x.slug() == k)
            .unwrap_or(usize::MAX)
    };
    let mut keys: Vec<&str> = keys.into_iter().collect();
    keys.sort_by_key(|k| (rank(k), *k));
    keys.dedup();
    keys
}

/// Rows of a count map in the vocabulary's order, zero rows left out.
fn ordered<V: Vocabulary>(c: &Counts) -> Vec<(&str, u64)> {
    let nonzero = c.iter().filter(|(_, n)| **n > 0).map(|(k, _)| k.as_str());
    in_vocab_order::<V>(nonzero)
        .into_iter()
        .map(|k| (k, c[k]))
        .collect()
}

fn sum(c: &Counts) -> u64 {
    c.values().sum()
}

fn get(c: &Counts, k: &str) -> u64 {
    c.get(k).copied().unwrap_or(0)
}

/// measure, label, value: for sections of single figures.
fn measures(name: &str, section: &str, title: &str, rows: Vec<(&str, &str, Cell)>) -> Table {
    Table {
        name: name.into(),
        section: section.into(),
        title: title.into(),
        columns: vec![
            col("measure", "Measure", "Stable name of the figure"),
            col("label", "Figure", "The figure in words"),
            col(
                "value",
                "Value",
                "The figure (a count, a percentage 0–100, days or hours)",
            ),
        ],
        rows: rows
            .into_iter()
            .map(|(m, l, v)| vec![text(m), text(l), v])
            .collect(),
        chart: None,
        empty: String::new(),
    }
}

/// code, label, count: one row per thing counted, charted as bars. `rows` are in the order shown.
fn counted(
    p: P,
    (name, section, title, empty): (&str, &str, &str, &str),
    key: (&str, &str, &str),
    what: (&str, &str, &str),
    rows: Vec<(&str, String, u64)>,
) -> Table {
    Table {
        name: name.into(),
        section: section.into(),
        title: title.into(),
        columns: vec![
            col(key.0, "Code", key.2),
            col("label", key.1, "The code in words"),
            col(what.0, what.1, what.2),
        ],
        rows: rows
            .into_iter()
            .map(|(k, label, n)| vec![text(k), text(label), p.count(n)])
            .collect(),
        chart: Some(ChartSpec {
            title: title.into(),
            label_column: 1,
            value_columns: vec![2],
            stacked: false,
        }),
        empty: empty.into(),
    }
}

/// [`counted`] for a count map keyed by one vocabulary, in its order.
fn counted_by<V: Vocabulary>(
    p: P,
    heading: (&str, &str, &str, &str),
    key: (&str, &str, &str),
    what: (&str, &str),
    c: &Counts,
) -> Table {
    let rows = ordered::<V>(c)
        .into_iter()
        .map(|(k, n)| (k, label::<V>(k), n))
        .collect();
    counted(p, heading, key, (what.0, what.1, "Count"), rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suppression_boundaries_0_1_4_5() {
        let p = P(Suppression::On);
        assert_eq!(p.count(0), Cell::Count(0));
        assert_eq!(p.count(1), Cell::Suppressed);
        assert_eq!(p.count(4), Cell::Suppressed);
        assert_eq!(p.count(5), Cell::Count(5));
        let off = P(Suppression::Off);
        assert_eq!(off.count(1), Cell::Count(1));
        assert_eq!(p.share(Share { num: 0, den: 0 }), Cell::Blank);
        assert_eq!(p.share(Share { num: 0, den: 5 }), Cell::Percent(0.0));
        assert_eq!(p.share(Share { num: 4, den: 10 }), Cell::Suppressed);
        assert_eq!(p.share(Share { num: 5, den: 4 }), Cell::Suppressed);
        assert_eq!(p.share(Share { num: 5, den: 10 }), Cell::Percent(50.0));
        assert_eq!(p.mean(3.0, 4), Cell::Suppressed);
        assert_eq!(p.mean(10.0, 5), Cell::Decimal(2.0));
        assert_eq!(p.mean(0.0, 0), Cell::Blank);
        assert_eq!(Cell::Suppressed.csv(), "<5");
        assert_eq!(Cell::Count(12345).display(), "12,345");
        assert_eq!(Cell::Percent(42.857).display(), "42.9%");
    }
}
