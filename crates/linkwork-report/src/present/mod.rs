//! Figures as tables: the one shape the preview, the HTML, the CSV set and the XLSX workbook are
//! all written from, so they cannot disagree. Small-number suppression happens here, once, on
//! presentation (a team total is summed exactly first): tables are built as [`Draft`]s of exact
//! [`Fact`]s, `protect` hides what must be hidden — counts from 1 to 4 and what is made from fewer
//! than 5 people, then whatever else would let one of those be worked out from the rest — and only
//! then become [`Cell`]s.

mod links;
mod practices;
mod protect;
mod reach;
mod tables;
mod team;

pub use tables::tables;
pub use team::{team_report, TeamReport, TEAM_TOTAL};

use crate::figures::{Counts, Share};
use linkwork_core::vocab::Vocabulary;
use serde::Serialize;
use ts_rs::TS;

/// Counts from 1 to 4 are shown as "<5"; shares, means and medians of fewer than 5 people are not
/// shown; and figures that would let any of those be worked out are hidden too.
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

/// A count from 1 to 4, as shown everywhere (screen, HTML, CSV, workbook).
pub const SUPPRESSED: &str = "<5";
/// A hidden figure in the CSV set and the workbook: a share, mean or median of fewer than 5 people,
/// or a figure hidden so that a small one cannot be worked out from the others ("c" for
/// confidential, as government statistics mark it).
pub const WITHHELD: &str = "[c]";
/// What the screen and the HTML say under a share, mean or median of fewer than 5 people.
pub const TOO_FEW_NOTE: &str = "fewer than 5 people";
/// What they say under a figure hidden to protect a small one.
pub const WITHHELD_NOTE: &str = "hidden to protect a small number";

/// One value as presented. Percentages are 0–100.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Cell {
    Text(String),
    Count(#[ts(type = "number")] u64),
    Percent(f64),
    /// One decimal place (a mean change, hours, a median).
    Decimal(f64),
    /// A count from 1 to 4: shown as "<5".
    Suppressed,
    /// A share, mean or median with fewer than 5 people behind it: shown as "–" with a note, never
    /// as "<5" (which would read as "under 5 %" or "under 5 days").
    TooFew,
    /// Hidden so that a count under 5 elsewhere cannot be worked out from the published figures.
    Withheld,
    /// Nothing to show (no one to take a share or mean of).
    Blank,
}

impl Cell {
    /// As written to CSV (and XLSX): numbers plain, percentages and decimals to one place.
    pub fn csv(&self) -> String {
        match self {
            Cell::Text(t) => t.clone(),
            Cell::Count(n) => n.to_string(),
            Cell::Percent(x) | Cell::Decimal(x) => format!("{x:.1}"),
            Cell::Suppressed => SUPPRESSED.into(),
            Cell::TooFew | Cell::Withheld => WITHHELD.into(),
            Cell::Blank => String::new(),
        }
    }

    /// As shown on screen and in the HTML (with [`Cell::note`] beside it).
    pub fn display(&self) -> String {
        match self {
            Cell::Count(n) => group_thousands(*n),
            Cell::Percent(x) => format!("{x:.1}%"),
            Cell::Blank | Cell::TooFew | Cell::Withheld => "–".into(),
            other => other.csv(),
        }
    }

    /// Why a value is not shown, in words, where the symbol alone could be misread.
    pub fn note(&self) -> Option<&'static str> {
        match self {
            Cell::TooFew => Some(TOO_FEW_NOTE),
            Cell::Withheld => Some(WITHHELD_NOTE),
            _ => None,
        }
    }

    pub fn number(&self) -> Option<f64> {
        match self {
            Cell::Count(n) => Some(*n as f64),
            Cell::Percent(x) | Cell::Decimal(x) => Some(*x),
            _ => None,
        }
    }

    /// Hidden by small-number protection, whichever way.
    pub fn is_hidden(&self) -> bool {
        matches!(self, Cell::Suppressed | Cell::TooFew | Cell::Withheld)
    }
}

/// A figure before presentation: exact, so the protection can reason about it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Fact {
    Text(String),
    /// A count of people (or their referrals, episodes, contacts): protected.
    Count(u64),
    /// A count about no one (coded lines, directory entries, a target): never hidden.
    Plain(u64),
    /// Not about people (hours): never hidden.
    Decimal(f64),
    /// A share of people, shown as a percentage.
    Share(Share),
    /// A mean of `n` people's values.
    Mean {
        sum: f64,
        n: u64,
    },
    /// A median of `n` people's values.
    Median {
        value: Option<f64>,
        n: u64,
    },
}

/// A table of exact figures, before protection.
#[derive(Debug, Clone)]
pub(crate) struct Draft {
    pub name: String,
    pub section: String,
    pub title: String,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Fact>>,
    pub chart: Option<ChartSpec>,
    pub empty: String,
}

impl Draft {
    /// The table with every fact shown as it is (no protection).
    fn shown(self, hidden: impl Fn(usize, usize) -> Option<Cell>) -> Table {
        let rows = self
            .rows
            .into_iter()
            .enumerate()
            .map(|(r, row)| {
                row.into_iter()
                    .enumerate()
                    .map(|(c, f)| hidden(r, c).unwrap_or_else(|| f.cell()))
                    .collect()
            })
            .collect();
        Table {
            name: self.name,
            section: self.section,
            title: self.title,
            columns: self.columns,
            rows,
            chart: self.chart,
            empty: self.empty,
        }
    }
}

impl Fact {
    /// The fact shown in full.
    fn cell(&self) -> Cell {
        match self {
            Fact::Text(t) => Cell::Text(t.clone()),
            Fact::Count(n) | Fact::Plain(n) => Cell::Count(*n),
            Fact::Decimal(x) => Cell::Decimal(*x),
            Fact::Share(s) if s.den == 0 => Cell::Blank,
            Fact::Share(s) => Cell::Percent(s.num as f64 * 100.0 / s.den as f64),
            Fact::Mean { n: 0, .. } | Fact::Median { value: None, .. } => Cell::Blank,
            Fact::Mean { sum, n } => Cell::Decimal(sum / *n as f64),
            Fact::Median { value: Some(v), .. } => Cell::Decimal(*v),
        }
    }

    /// Hidden for its own sake: a count from 1 to 4, or a share, mean or median of fewer than 5.
    fn too_small(&self, s: Suppression) -> Option<Cell> {
        match self {
            Fact::Count(n) if s.hides(*n) => Some(Cell::Suppressed),
            Fact::Share(sh) if sh.den > 0 && (s.hides(sh.num) || s.hides(sh.den)) => {
                Some(Cell::TooFew)
            }
            Fact::Mean { n, .. } | Fact::Median { n, .. } if s.hides(*n) => Some(Cell::TooFew),
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

pub const SECTIONS: [&str; 9] = [
    "Caseload",
    "Activity",
    "Referrals in",
    "Onward referrals",
    "Gaps in local provision",
    "Outcomes",
    "GP coding",
    "By GP practice",
    "Who is reached",
];

/// Builds exact facts; protection decides later what is shown.
#[derive(Clone, Copy)]
struct P;

impl P {
    fn count(self, n: u64) -> Fact {
        Fact::Count(n)
    }
    fn share(self, s: Share) -> Fact {
        Fact::Share(s)
    }
    fn mean(self, sum: f64, n: u64) -> Fact {
        Fact::Mean { sum, n }
    }
}

fn col(name: &str, label: &str, about: &str) -> Column {
    Column {
        name: name.into(),
        label: label.into(),
        about: about.into(),
    }
}

fn text(s: impl Into<String>) -> Fact {
    Fact::Text(s.into())
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
fn measures(name: &str, section: &str, title: &str, rows: Vec<(&str, &str, Fact)>) -> Draft {
    Draft {
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
) -> Draft {
    Draft {
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
) -> Draft {
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
    fn facts_too_small_to_show_and_how_cells_read() {
        let on = Suppression::On;
        assert_eq!(Fact::Count(0).too_small(on), None);
        assert_eq!(Fact::Count(1).too_small(on), Some(Cell::Suppressed));
        assert_eq!(Fact::Count(4).too_small(on), Some(Cell::Suppressed));
        assert_eq!(Fact::Count(5).too_small(on), None);
        assert_eq!(Fact::Count(1).too_small(Suppression::Off), None);
        assert_eq!(Fact::Plain(1).too_small(on), None);
        let share = |num, den| Fact::Share(Share { num, den });
        assert_eq!(share(0, 0).cell(), Cell::Blank);
        assert_eq!(share(0, 5).too_small(on), None);
        assert_eq!(share(0, 5).cell(), Cell::Percent(0.0));
        assert_eq!(share(4, 10).too_small(on), Some(Cell::TooFew));
        assert_eq!(share(5, 4).too_small(on), Some(Cell::TooFew));
        assert_eq!(share(5, 10).cell(), Cell::Percent(50.0));
        assert_eq!(
            Fact::Mean { sum: 3.0, n: 4 }.too_small(on),
            Some(Cell::TooFew)
        );
        assert_eq!(Fact::Mean { sum: 10.0, n: 5 }.cell(), Cell::Decimal(2.0));
        assert_eq!(Fact::Mean { sum: 0.0, n: 0 }.cell(), Cell::Blank);
        // A hidden share or median never reads as "<5" (under 5 % or under 5 days).
        assert_eq!(Cell::TooFew.display(), "–");
        assert_eq!(Cell::TooFew.note(), Some("fewer than 5 people"));
        assert_eq!(Cell::TooFew.csv(), "[c]");
        assert_eq!(Cell::Withheld.csv(), "[c]");
        assert_eq!(Cell::Withheld.display(), "–");
        assert_eq!(Cell::Suppressed.csv(), "<5");
        assert_eq!(Cell::Count(12345).display(), "12,345");
        assert_eq!(Cell::Percent(42.857).display(), "42.9%");
    }
}
