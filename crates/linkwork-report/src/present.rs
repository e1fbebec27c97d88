//! Figures as tables: the one shape the preview, the HTML, the CSV set and the XLSX workbook are
//! all written from, so they cannot disagree. Small-number suppression happens here, once, on
//! presentation (a team total is summed exactly first).

use crate::figures::{self, Counts, Counts2, Figures, Share};
use linkwork_core::{
    outcomes::Ons4Item,
    vocab::{
        Barrier, CloseReason, ContactOutcome, ContactType, GroupTag, NeedCategory, OnwardKind,
        OnwardOutcome, ReferralMethod, ReferralReason, ReferralSource, Vocabulary,
    },
};
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

/// Rows of a count map in the vocabulary's order (unknown slugs last), zero rows left out.
fn ordered<V: Vocabulary>(c: &Counts) -> Vec<(&str, u64)> {
    let rank = |k: &str| {
        V::ALL
            .iter()
            .position(|x| x.slug() == k)
            .unwrap_or(usize::MAX)
    };
    let mut rows: Vec<(&str, u64)> = c
        .iter()
        .filter(|(_, n)| **n > 0)
        .map(|(k, n)| (k.as_str(), *n))
        .collect();
    rows.sort_by_key(|(k, _)| (rank(k), k.to_string()));
    rows
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

#[allow(clippy::too_many_arguments)]
fn counted<V: Vocabulary>(
    p: P,
    name: &str,
    section: &str,
    title: &str,
    key: (&str, &str, &str),
    what: (&str, &str),
    c: &Counts,
    empty: &str,
) -> Table {
    Table {
        name: name.into(),
        section: section.into(),
        title: title.into(),
        columns: vec![
            col(key.0, "Code", key.2),
            col("label", key.1, "The code in words"),
            col(what.0, what.1, "Count"),
        ],
        rows: ordered::<V>(c)
            .into_iter()
            .map(|(k, n)| vec![text(k), text(label::<V>(k)), p.count(n)])
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

/// Every table of one set of figures, in report order.
pub fn tables(f: &Figures, s: Suppression) -> Vec<Table> {
    let p = P(s);
    let c = &f.caseload;
    let a = &f.activity;
    let took: u64 = a
        .contacts
        .values()
        .map(|o| get(o, ContactOutcome::TookPlace.slug()))
        .sum();
    let dna: u64 = a
        .contacts
        .values()
        .map(|o| get(o, ContactOutcome::DidNotAttend.slug()))
        .sum();
    let n_waits: u64 = c.days_to_first_contact.values().sum();
    let median = figures::median(&c.days_to_first_contact);
    let o = &f.outcomes;
    let pam = &o.pam;
    vec![
        measures(
            "caseload",
            SECTIONS[0],
            "Caseload",
            vec![
                (
                    "open_at_start",
                    "Open at the start of the period",
                    p.count(c.open_at_start),
                ),
                (
                    "open_at_end",
                    "Open at the end of the period",
                    p.count(c.open_at_end),
                ),
                ("new_referrals", "New referrals", p.count(c.new_referrals)),
                ("closed", "Episodes closed", p.count(sum(&c.closed))),
                (
                    "waiting_at_end",
                    "Waiting for a first contact at the end",
                    p.count(c.waiting_at_end),
                ),
                (
                    "median_days_to_first_contact",
                    "Median days from referral to first contact (first contacts in the period)",
                    match median {
                        None => Cell::Blank,
                        Some(_) if s.hides(n_waits) => Cell::Suppressed,
                        Some(m) => Cell::Decimal(m),
                    },
                ),
                (
                    "contacted_within_7_days_pct",
                    "Referrals in the period contacted within 7 days (%)",
                    p.share(c.contacted_within_7_days),
                ),
                (
                    "waited_14_days_or_more_pct",
                    "Referrals in the period that waited 14 days or more (%)",
                    p.share(c.waited_14_days_or_more),
                ),
                (
                    "supported_last_12_months",
                    "People supported in the last 12 months",
                    p.count(c.supported_last_12_months),
                ),
                // A target for the hours worked, not a count of people: never suppressed.
                (
                    "safe_maximum",
                    "Safe maximum for the hours worked",
                    Cell::Count(c.safe_maximum),
                ),
            ],
        ),
        counted::<CloseReason>(
            p,
            "closed_by_reason",
            SECTIONS[0],
            "Episodes closed, by reason",
            ("close_reason", "Reason", "Why the episode ended"),
            ("episodes", "Episodes"),
            &c.closed,
            "No episodes closed in the period.",
        ),
        measures(
            "activity",
            SECTIONS[1],
            "Activity",
            vec![
                (
                    "contacts",
                    "Contacts recorded",
                    p.count(a.contacts.values().map(sum).sum()),
                ),
                ("took_place", "Contacts that took place", p.count(took)),
                ("did_not_attend", "Did not attend", p.count(dna)),
                (
                    "did_not_attend_pct",
                    "Did-not-attend rate (% of contacts that took place or were missed)",
                    p.share(Share {
                        num: dna,
                        den: took + dna,
                    }),
                ),
                (
                    "hours",
                    "Hours of contact",
                    Cell::Decimal(a.minutes as f64 / 60.0),
                ),
                ("people_seen", "People seen", p.count(a.people_seen)),
            ],
        ),
        contacts_table(p, &a.contacts),
        counted::<ReferralSource>(
            p,
            "referrals_by_source",
            SECTIONS[2],
            "Referrals in, by who referred",
            ("source", "Who referred", "Who referred, as a role"),
            ("referrals", "Referrals"),
            &f.referrals.by_source,
            "No referrals in the period.",
        ),
        counted::<ReferralMethod>(
            p,
            "referrals_by_method",
            SECTIONS[2],
            "Referrals in, by how they arrived",
            ("method", "How it arrived", "How the referral arrived"),
            ("referrals", "Referrals"),
            &f.referrals.by_method,
            "No referrals in the period.",
        ),
        need_table(p, &f.referrals.by_need),
        counted::<GroupTag>(
            p,
            "referrals_by_group",
            SECTIONS[2],
            "Groups supported (people referred in the period)",
            ("group", "Group", "A group the person belongs to"),
            ("people", "People"),
            &f.referrals.by_group,
            "No groups recorded for the people referred.",
        ),
        onward_table(p, f),
        barriers_table(p, &f.onward.barriers),
        gaps_table(p, f),
        full_assets_table(p, &f.gaps.full_assets),
        measures(
            "directory",
            SECTIONS[4],
            "The directory",
            vec![
                (
                    "stale_assets",
                    "Active services not checked for 12 months",
                    Cell::Count(f.gaps.stale_assets),
                ),
                (
                    "closed_assets",
                    "Services marked temporarily closed",
                    Cell::Count(f.gaps.closed_assets),
                ),
            ],
        ),
        ons4_table(p, f),
        measures(
            "outcomes",
            SECTIONS[5],
            "Outcome recording and PAM",
            vec![
                (
                    "ons4_compared",
                    "ONS4: people with a baseline and a follow-up",
                    p.count(o.ons4_compared),
                ),
                (
                    "ons4_baseline_only",
                    "ONS4: people with a baseline and no follow-up yet",
                    p.count(o.ons4_baseline_only),
                ),
                (
                    "pam_compared",
                    "PAM: people with a baseline and a follow-up",
                    p.count(pam.n),
                ),
                (
                    "pam_baseline_only",
                    "PAM: people with a baseline and no follow-up yet",
                    p.count(pam.baseline_only),
                ),
                (
                    "pam_mean_change",
                    "PAM: mean change in score (points)",
                    p.mean(pam.sum_change_tenths as f64 / 10.0, pam.n),
                ),
                (
                    "pam_gained_3_pct",
                    "PAM: gained 3 points or more within 12 months (%)",
                    p.share(Share {
                        num: pam.gained_3_within_year,
                        den: pam.n,
                    }),
                ),
                (
                    "pam_mixed_versions",
                    "PAM: compared across PAM-13 and PAM-10",
                    p.count(pam.mixed_versions),
                ),
                (
                    "episodes_open",
                    "People supported at some time in the period",
                    p.count(o.episodes_open),
                ),
                (
                    "no_outcome_recorded",
                    "Of those, with no ONS4 or PAM recorded",
                    p.count(o.no_outcome_recorded),
                ),
                (
                    "no_outcome_recorded_pct",
                    "Of those, with no ONS4 or PAM recorded (%)",
                    p.share(Share {
                        num: o.no_outcome_recorded,
                        den: o.episodes_open,
                    }),
                ),
            ],
        ),
        // Coded lines count entries in records, not people: not suppressed.
        measures(
            "coding",
            SECTIONS[6],
            "GP coding",
            vec![
                (
                    "due",
                    "Coded lines dated in the period",
                    Cell::Count(f.coding.due),
                ),
                (
                    "entered",
                    "Of those, marked entered in the GP record",
                    Cell::Count(f.coding.entered),
                ),
                (
                    "outstanding",
                    "Of those, still to enter",
                    Cell::Count(f.coding.outstanding()),
                ),
                (
                    "outstanding_all",
                    "Still to enter, any month up to the period's end",
                    Cell::Count(f.coding.outstanding_all),
                ),
                (
                    "corrections_waiting",
                    "Corrections waiting in the GP record",
                    Cell::Count(f.coding.corrections_waiting),
                ),
            ],
        ),
    ]
}

fn contacts_table(p: P, c: &Counts2) -> Table {
    let mut columns = vec![
        col("contact_type", "Code", "How the contact was made"),
        col("label", "Contact type", "The type in words"),
    ];
    for o in ContactOutcome::ALL {
        columns.push(col(o.slug(), o.label(), "Contacts with this outcome"));
    }
    columns.push(col("total", "Total", "Contacts of this type"));
    let mut rows = vec![];
    for t in ContactType::ALL {
        let Some(by) = c.get(t.slug()) else { continue };
        let mut row = vec![text(t.slug()), text(t.label())];
        row.extend(
            ContactOutcome::ALL
                .iter()
                .map(|o| p.count(get(by, o.slug()))),
        );
        row.push(p.count(sum(by)));
        rows.push(row);
    }
    Table {
        name: "contacts".into(),
        section: SECTIONS[1].into(),
        title: "Contacts by type and outcome".into(),
        chart: Some(ChartSpec {
            title: "Contacts by type".into(),
            label_column: 1,
            value_columns: (2..2 + ContactOutcome::ALL.len()).collect(),
            stacked: true,
        }),
        columns,
        rows,
        empty: "No contacts in the period.".into(),
    }
}

fn need_label(slug: &str) -> String {
    match ReferralReason::from_slug(slug) {
        Some(r) => r.label().into(),
        None => label::<NeedCategory>(slug),
    }
}

fn need_table(p: P, c: &Counts) -> Table {
    let mut rows: Vec<(&str, u64)> = c
        .iter()
        .filter(|(_, n)| **n > 0)
        .map(|(k, n)| (k.as_str(), *n))
        .collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    Table {
        name: "referrals_by_need".into(),
        section: SECTIONS[2].into(),
        title: "Referrals in, by need".into(),
        columns: vec![
            col(
                "need",
                "Code",
                "A need or concern given on the referral (one referral may give several)",
            ),
            col("label", "Need", "The need in words"),
            col("referrals", "Referrals", "Referrals giving this need"),
        ],
        rows: rows
            .into_iter()
            .map(|(k, n)| vec![text(k), text(need_label(k)), p.count(n)])
            .collect(),
        chart: Some(ChartSpec {
            title: "Referrals in, by need".into(),
            label_column: 1,
            value_columns: vec![2],
            stacked: false,
        }),
        empty: "No referrals in the period.".into(),
    }
}

fn categories_in<'a>(maps: &[&'a Counts2]) -> Vec<&'a str> {
    let mut cats: Vec<&str> = maps
        .iter()
        .flat_map(|m| m.keys().map(String::as_str))
        .collect();
    let rank = |k: &str| {
        NeedCategory::from_slug(k).and_then(|v| NeedCategory::ALL.iter().position(|x| *x == v))
    };
    cats.sort_by_key(|k| (rank(k).unwrap_or(usize::MAX), k.to_string()));
    cats.dedup();
    cats
}

fn onward_table(p: P, f: &Figures) -> Table {
    let (kind, outcome) = (&f.onward.by_kind, &f.onward.by_outcome);
    let rows = categories_in(&[kind, outcome])
        .into_iter()
        .map(|cat| {
            let k = kind.get(cat).cloned().unwrap_or_default();
            let o = outcome.get(cat).cloned().unwrap_or_default();
            let n = |x: OnwardOutcome| get(&o, x.slug());
            let attended = n(OnwardOutcome::Attended) + n(OnwardOutcome::PartlyAttended);
            let pending = n(OnwardOutcome::Pending);
            let known = sum(&o) - pending;
            vec![
                text(cat),
                text(label::<NeedCategory>(cat)),
                p.count(get(&k, OnwardKind::Signpost.slug())),
                p.count(get(&k, OnwardKind::Referral.slug())),
                p.count(attended),
                p.count(known - attended),
                p.count(pending),
                p.share(Share {
                    num: attended,
                    den: known,
                }),
            ]
        })
        .collect();
    Table {
        name: "onward_by_category".into(),
        section: SECTIONS[3].into(),
        title: "Onward referrals and signposts made in the period, by category".into(),
        columns: vec![
            col("category", "Code", "Referral category"),
            col("label", "Category", "The category in words"),
            col("signposts", "Signposts", "Signposted to an asset"),
            col("referrals", "Referrals", "Referred to an asset"),
            col("attended", "Attended", "Attended or partly attended"),
            col(
                "not_attended",
                "Did not go",
                "Did not attend, declined, service full or not suitable",
            ),
            col("pending", "Not known yet", "No outcome recorded yet"),
            col(
                "attendance_pct",
                "Attendance (%)",
                "Attended or partly attended, of those with an outcome",
            ),
        ],
        rows,
        chart: Some(ChartSpec {
            title: "Onward referrals and signposts, by category".into(),
            label_column: 1,
            value_columns: vec![2, 3],
            stacked: true,
        }),
        empty: "No onward referrals or signposts in the period.".into(),
    }
}

fn barriers_table(p: P, c: &Counts2) -> Table {
    let mut rows = vec![];
    for cat in categories_in(&[c]) {
        for (b, n) in ordered::<Barrier>(&c[cat]) {
            rows.push(vec![
                text(cat),
                text(label::<NeedCategory>(cat)),
                text(b),
                text(label::<Barrier>(b)),
                p.count(n),
            ]);
        }
    }
    Table {
        name: "onward_barriers".into(),
        section: SECTIONS[3].into(),
        title: "Barriers to onward referral, by category".into(),
        columns: vec![
            col("category", "Code", "Referral category"),
            col("label", "Category", "The category in words"),
            col(
                "barrier",
                "Barrier code",
                "A barrier recorded on the onward referral",
            ),
            col("barrier_label", "Barrier", "The barrier in words"),
            col(
                "onward_referrals",
                "Onward referrals",
                "Onward referrals made in the period with this barrier",
            ),
        ],
        rows,
        chart: None,
        empty: "No barriers recorded in the period.".into(),
    }
}

fn gaps_table(p: P, f: &Figures) -> Table {
    let g = &f.gaps;
    let mut cats: Vec<&str> = [&g.needs_without_onward, &g.no_provision, &g.service_full]
        .iter()
        .flat_map(|m| m.keys().map(String::as_str))
        .collect();
    let rank = |k: &str| {
        NeedCategory::from_slug(k).and_then(|v| NeedCategory::ALL.iter().position(|x| *x == v))
    };
    cats.sort_by_key(|k| (rank(k).unwrap_or(usize::MAX), k.to_string()));
    cats.dedup();
    Table {
        name: "gaps_by_category".into(),
        section: SECTIONS[4].into(),
        title: "Gaps in local provision, by category".into(),
        columns: vec![
            col("category", "Code", "Referral category"),
            col("label", "Category", "The category in words"),
            col("needs_without_onward", "Needs with no onward referral", "Needs agreed in a plan (people supported in the period) with no onward referral in that category"),
            col("no_provision", "Lack of provision / waiting list", "Onward referrals made in the period with this barrier"),
            col("service_full", "Service full", "Onward referrals made in the period whose outcome was service full"),
        ],
        rows: cats
            .into_iter()
            .map(|cat| {
                vec![
                    text(cat),
                    text(label::<NeedCategory>(cat)),
                    p.count(get(&g.needs_without_onward, cat)),
                    p.count(get(&g.no_provision, cat)),
                    p.count(get(&g.service_full, cat)),
                ]
            })
            .collect(),
        chart: Some(ChartSpec {
            title: "Gaps in local provision, by category".into(),
            label_column: 1,
            value_columns: vec![2, 3, 4],
            stacked: false,
        }),
        empty: "No gaps recorded in the period.".into(),
    }
}

fn full_assets_table(p: P, c: &Counts) -> Table {
    let mut rows: Vec<(&String, &u64)> = c.iter().collect();
    rows.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    Table {
        name: "gaps_full_assets".into(),
        section: SECTIONS[4].into(),
        title: "Services found full".into(),
        columns: vec![
            col("asset", "Service", "The service's name in the directory"),
            col(
                "times_full",
                "Times found full",
                "Onward referrals made in the period whose outcome was service full",
            ),
        ],
        rows: rows
            .into_iter()
            .map(|(name, n)| vec![text(name.as_str()), p.count(*n)])
            .collect(),
        chart: None,
        empty: "No service was found full in the period.".into(),
    }
}

fn ons4_table(p: P, f: &Figures) -> Table {
    let rows = Ons4Item::ALL
        .iter()
        .map(|item| {
            let i = f
                .outcomes
                .ons4
                .get(item.slug())
                .cloned()
                .unwrap_or_default();
            let share = |num| p.share(Share { num, den: i.n });
            vec![
                text(item.slug()),
                text(item.label()),
                p.count(i.n),
                p.mean(i.sum_change as f64, i.n),
                share(i.improved),
                share(i.same),
                share(i.worse),
                text(item.concern_band().label().to_lowercase()),
                p.count(i.started_in_concern_band),
                p.share(Share {
                    num: i.left_concern_band,
                    den: i.started_in_concern_band,
                }),
            ]
        })
        .collect();
    Table {
        name: "ons4".into(),
        section: SECTIONS[5].into(),
        title: "ONS4 personal wellbeing: change from baseline, per item (never added together)"
            .into(),
        columns: vec![
            col("item", "Code", "ONS4 item"),
            col("label", "Item", "The item in words"),
            col(
                "compared",
                "People compared",
                "Baseline and a final or latest record dated in the period",
            ),
            col(
                "mean_change",
                "Mean change",
                "Points on the 0–10 scale; for anxiety a fall is better",
            ),
            col("improved_pct", "Improved (%)", "Moved the better way"),
            col("same_pct", "Same (%)", "No change"),
            col("worse_pct", "Worse (%)", "Moved the worse way"),
            col("concern_band", "Band of concern", "Low (high for anxiety)"),
            col(
                "started_in_concern_band",
                "Started in it",
                "People compared whose baseline was in the band of concern",
            ),
            col(
                "left_concern_band_pct",
                "Left it (%)",
                "Of those, whose latest record is out of it",
            ),
        ],
        rows,
        chart: Some(ChartSpec {
            title: "ONS4: improved, same or worse (% of people compared)".into(),
            label_column: 1,
            value_columns: vec![4, 5, 6],
            stacked: true,
        }),
        empty: String::new(),
    }
}

/// The team's tables: every table once per link worker and once for the team, with a leading
/// `worker` column (tidy: one row per worker and thing counted).
pub fn team_tables(workers: &[Figures], total: &Figures, s: Suppression) -> Vec<Table> {
    let mut out = tables(total, s);
    for t in &mut out {
        t.columns.insert(
            0,
            col(
                "worker",
                "Link worker",
                "The link worker, or the team total",
            ),
        );
        t.chart = None;
        t.rows.clear();
    }
    for f in workers.iter().chain([total]) {
        let who = if std::ptr::eq(f, total) {
            "Team total".to_string()
        } else {
            f.worker.clone()
        };
        for (team, mine) in out.iter_mut().zip(tables(f, s)) {
            team.rows.extend(mine.rows.into_iter().map(|mut r| {
                r.insert(0, text(who.as_str()));
                r
            }));
        }
    }
    out
}

/// One row per link worker (and the team) of the figures a supervisor looks at first.
pub fn headline(workers: &[Figures], total: &Figures, s: Suppression) -> Table {
    let p = P(s);
    let row = |f: &Figures, who: &str| {
        let took: u64 = f
            .activity
            .contacts
            .values()
            .map(|o| get(o, "took_place"))
            .sum();
        let dna: u64 = f
            .activity
            .contacts
            .values()
            .map(|o| get(o, "did_not_attend"))
            .sum();
        vec![
            text(who),
            p.count(f.caseload.new_referrals),
            p.count(f.caseload.open_at_end),
            p.count(f.caseload.waiting_at_end),
            p.count(took),
            p.share(Share {
                num: dna,
                den: took + dna,
            }),
            p.count(f.outcomes.ons4_compared),
            p.count(f.outcomes.pam.n),
            p.share(Share {
                num: f.outcomes.no_outcome_recorded,
                den: f.outcomes.episodes_open,
            }),
            Cell::Count(f.coding.outstanding()),
        ]
    };
    let mut rows: Vec<Vec<Cell>> = workers.iter().map(|f| row(f, &f.worker)).collect();
    rows.push(row(total, "Team total"));
    Table {
        name: "by_worker".into(),
        section: "By link worker".into(),
        title: "By link worker".into(),
        columns: vec![
            col(
                "worker",
                "Link worker",
                "The link worker, or the team total",
            ),
            col(
                "new_referrals",
                "New referrals",
                "Referrals received in the period",
            ),
            col(
                "open_at_end",
                "Open at end",
                "Episodes open at the end of the period",
            ),
            col(
                "waiting_at_end",
                "Waiting",
                "Open at the end with no contact yet",
            ),
            col("took_place", "Contacts", "Contacts that took place"),
            col("did_not_attend_pct", "DNA (%)", "Did-not-attend rate"),
            col(
                "ons4_compared",
                "ONS4 compared",
                "People with a baseline and a follow-up ONS4",
            ),
            col(
                "pam_compared",
                "PAM compared",
                "People with a baseline and a follow-up PAM",
            ),
            col(
                "no_outcome_recorded_pct",
                "No outcome (%)",
                "People supported with no ONS4 or PAM recorded",
            ),
            col(
                "coding_outstanding",
                "Codes to enter",
                "Coded lines of the period still to enter",
            ),
        ],
        rows,
        chart: None,
        empty: String::new(),
    }
}

/// A table's cell by column name, for tests and readers.
pub fn cell<'a>(t: &'a Table, row_key: &str, column: &str) -> Option<&'a Cell> {
    let c = t.columns.iter().position(|c| c.name == column)?;
    t.rows
        .iter()
        .find(|r| {
            r.first()
                .is_some_and(|k| matches!(k, Cell::Text(s) if s == row_key))
        })
        .map(|r| &r[c])
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
