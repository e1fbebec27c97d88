//! A stranger holds every table a report publishes and tries to work out each hidden figure. This
//! test is that stranger: it reads only the presented tables (what the CSV set and the workbook
//! hold), writes down what anyone can see ties them together (rows to totals, a table to
//! another's figures, shares to their counts, each worker to the team), and asks a linear
//! program for the least and the most every hidden figure could be. A hidden figure with one
//! possible whole number is recovered, and the test fails, naming it.
//!
//! The relations here are written apart from the protection's own (`present/tables.rs`), from
//! the tables as published, so a tie the protection forgot is a tie this finds.

use chrono::{Duration, NaiveDate};
use linkwork_core::{
    assets::OnwardView,
    caseload::{ContactView, EnteredInError, EpisodeView, PersonDetails, PersonRecord},
    coding::{CodeMap, CodeMaps},
    outcomes::{item_score, Ons4Item, Ons4View, OutcomeRole, PamVersion, PamView},
    settings::WholeTimeEquivalent,
    vocab::*,
};
use linkwork_report::{
    compute, merge,
    present::{self, Cell, Suppression, Table},
    AssetCounts, Source,
};
use microlp::{ComparisonOp, OptimizationDirection, Problem};

// ---------------------------------------------------------------------------------------------
// Random caseloads: small ones, where small numbers are everywhere.

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // SplitMix64.
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    fn pick<T: Copy>(&mut self, from: &[T]) -> T {
        from[self.below(from.len() as u64) as usize]
    }
}

fn day(n: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 8, 1).unwrap() + Duration::days(n)
}

fn episode(r: &mut Rng, id: String) -> EpisodeView {
    let received = day(r.below(95) as i64);
    let mut contacts = vec![];
    let mut at = received + Duration::days(r.below(20) as i64);
    for i in 0..r.below(7) {
        let outcome = if r.chance(65) {
            ContactOutcome::TookPlace
        } else {
            r.pick(ContactOutcome::ALL)
        };
        contacts.push(ContactView {
            id: format!("{id}-c{i}").into(),
            occurred_at: at.and_hms_opt(10, 0, 0).unwrap(),
            contact_type: r.pick(&[
                ContactType::Phone,
                ContactType::Phone,
                ContactType::HomeVisit,
                ContactType::FaceToFace,
                ContactType::Group,
            ]),
            duration_minutes: (outcome == ContactOutcome::TookPlace).then_some(30),
            outcome,
            notes: None,
            entered_in_error: r.chance(5).then(|| EnteredInError {
                on: at,
                reason: "Wrong person".into(),
            }),
        });
        at += Duration::days(1 + r.below(12) as i64);
    }
    let closed_on = r
        .chance(40)
        .then(|| at + Duration::days(r.below(10) as i64));
    let ons4 = (0..r.below(3))
        .map(|i| Ons4View {
            id: format!("{id}-o{i}").into(),
            recorded_on: received + Duration::days(10 + 25 * i as i64),
            contact_id: None,
            role: OutcomeRole::Baseline,
            items: Ons4Item::ALL
                .iter()
                .map(|item| item_score(*item, (!r.chance(5)).then(|| r.below(11) as u8)))
                .collect(),
        })
        .collect();
    let pam = (0..r.below(3))
        .map(|i| {
            let score = 40.0 + r.below(300) as f64 / 10.0;
            PamView {
                id: format!("{id}-p{i}").into(),
                recorded_on: received + Duration::days(12 + 200 * i as i64 * r.below(3) as i64),
                contact_id: None,
                role: OutcomeRole::Baseline,
                score,
                score_text: format!("{score:.1}"),
                level: 2,
                level_meaning: String::new(),
                version: r.pick(&[PamVersion::Pam13, PamVersion::Pam13, PamVersion::Pam10]),
                level_warning: None,
            }
        })
        .collect();
    let onward = (0..r.below(4))
        .map(|i| OnwardView {
            id: format!("{id}-w{i}").into(),
            episode_id: id.clone().into(),
            asset_id: "a".to_string().into(),
            asset_name: format!("Asset {}", r.below(4)),
            service_type: None,
            referred_on: received + Duration::days(r.below(60) as i64),
            kind: r.pick(OnwardKind::ALL),
            category: r.pick(&[
                NeedCategory::Finance,
                NeedCategory::Befriending,
                NeedCategory::PhysicalActivity,
                NeedCategory::Housing,
            ]),
            notes: None,
            follow_up_on: None,
            outcome: r.pick(OnwardOutcome::ALL),
            outcome_on: None,
            barriers: if r.chance(40) {
                vec![r.pick(&[Barrier::NoProvision, Barrier::Cost, Barrier::Transport])]
            } else {
                vec![]
            },
            entered_in_error: None,
        })
        .collect();
    EpisodeView {
        id: id.into(),
        status: if closed_on.is_some() {
            EpisodeStatus::Closed
        } else {
            EpisodeStatus::Active
        },
        referral_received_on: received,
        referral_method: r.pick(&[ReferralMethod::Phone, ReferralMethod::SecureEmail]),
        referrer_name: None,
        referrer_role: None,
        referrer_organisation: None,
        referrer_ods: None,
        referral_notes: None,
        referral_source: Some(r.pick(&[
            ReferralSource::Gp,
            ReferralSource::Gp,
            ReferralSource::SelfReferral,
            ReferralSource::Vcse,
        ])),
        priority: Priority::Routine,
        referral_reasons: vec![r.pick(&[ReferralReason::Loneliness, ReferralReason::MoneyDebt])],
        referral_categories: vec![],
        offered_on: None,
        accepted_on: None,
        declined_on: None,
        acceptance_missing: false,
        not_reached: None,
        first_contact_due_on: None,
        first_contact_overdue: false,
        days_to_first_contact: None,
        what_matters: None,
        plan_needs: if r.chance(50) {
            vec![r.pick(&[NeedCategory::Finance, NeedCategory::Housing])]
        } else {
            vec![]
        },
        next_review_on: None,
        closed_on,
        close_reason: closed_on.map(|_| {
            r.pick(&[
                CloseReason::GoalsMet,
                CloseReason::GoalsMet,
                CloseReason::Declined,
                CloseReason::UnableToContact,
            ])
        }),
        close_note: None,
        contacts,
        goals: vec![],
        actions: vec![],
        next_due: None,
        draft: None,
        outcomes: linkwork_core::outcomes::EpisodeOutcomes {
            ons4,
            pam,
            ..Default::default()
        },
        onward,
    }
}

fn caseload(seed: u64) -> Vec<PersonRecord> {
    let mut r = Rng(seed);
    (0..2 + r.below(24))
        .map(|i| {
            let id = format!("s{seed}p{i}");
            let mut episodes: Vec<EpisodeView> = (0..1 + u64::from(r.chance(15)))
                .map(|e| episode(&mut r, format!("{id}e{e}")))
                .collect();
            episodes.sort_by_key(|e| std::cmp::Reverse(e.referral_received_on));
            // One of three practices (one with no ODS code), or none recorded.
            let practice = r.pick(&[
                Some(("B86002", Some("B86002"))),
                Some(("Hebble Brook", None)),
                Some(("Y01234", Some("Y01234"))),
                None,
            ]);
            let practice_history = practice
                .map(
                    |(name, code)| linkwork_core::practices::PracticeRegistration {
                        practice_id: Some(format!("practice-{name}").into()),
                        name: Some(name.into()),
                        ods_code: code.map(String::from),
                        since: day(0),
                    },
                )
                .into_iter()
                .collect();
            // Some care for someone (a name only); a carer tag alone counts too.
            let carers = if r.chance(25) {
                vec![linkwork_core::carers::CarerLinkView {
                    id: format!("{id}-carer").into(),
                    role: linkwork_core::carers::CarerRole::CaresFor,
                    other_person_id: None,
                    other_name: "C".into(),
                    relationship: None,
                    since: day(r.below(60) as i64),
                    ended_on: None,
                }]
            } else {
                vec![]
            };
            PersonRecord {
                person: PersonDetails {
                    id: id.into(),
                    nhs_number: None,
                    given_name: "A".into(),
                    family_name: "B".into(),
                    preferred_name: None,
                    date_of_birth: r
                        .chance(80)
                        .then(|| day(-(365 * (16 + r.below(75) as i64)))),
                    age: None,
                    pronouns: None,
                    phone: None,
                    preferred_contact: None,
                    address: None,
                    postcode: None,
                    gp_practice_name: None,
                    gp_practice_ods: None,
                    practice_id: practice.map(|(name, _)| format!("practice-{name}").into()),
                    communication_needs: None,
                    consent_to_share: ConsentToShare::NotAsked,
                    consent_recorded_on: None,
                    notes: None,
                    tags: if r.chance(30) {
                        vec![GroupTag::Carers]
                    } else {
                        vec![]
                    },
                    date_of_death: None,
                    profile: linkwork_core::reach::PersonProfile {
                        sex: r.chance(75).then(|| r.pick(linkwork_core::reach::Sex::ALL)),
                        ethnic_group: r
                            .chance(60)
                            .then(|| r.pick(linkwork_core::reach::EthnicGroup::ALL)),
                        ..Default::default()
                    },
                },
                risk: false,
                concerns: vec![],
                consent_history: vec![],
                practice_history,
                carers,
                episodes,
            }
        })
        .collect()
}

/// Calls to people on outreach lists (never a yes: these caseloads have no proactive referrals).
fn outreach_calls(
    seed: u64,
) -> Vec<(
    String,
    String,
    NaiveDate,
    linkwork_core::outreach::OutreachOutcome,
)> {
    use linkwork_core::outreach::OutreachOutcome as O;
    let mut r = Rng(seed ^ 0x0075_7472_6561_6368);
    (0..r.below(14))
        .map(|_| {
            (
                format!("list{}", r.below(2)),
                format!("entry{}", r.below(8)),
                day(60 + r.below(35) as i64),
                r.pick(&[
                    O::NoAnswer,
                    O::LeftMessage,
                    O::Reached,
                    O::Declined,
                    O::NotSuitable,
                    O::DiedOrMoved,
                ]),
            )
        })
        .collect()
}

/// A register row for each group contact that stands (most from one of two groups' sessions, the
/// rest logged by hand): what came or did not come is what the contacts say.
fn register(seed: u64, people: &[PersonRecord]) -> Vec<linkwork_core::groups::RegisterLine> {
    use linkwork_core::groups::{Attendance, RegisterLine};
    let mut r = Rng(seed ^ 0x0067_726f_7570);
    let mut out = vec![];
    for p in people {
        for c in p.episodes.iter().flat_map(|e| &e.contacts) {
            let attendance = match c.outcome {
                ContactOutcome::TookPlace => Attendance::Attended,
                ContactOutcome::DidNotAttend => Attendance::DidNotAttend,
                ContactOutcome::CancelledByPerson => Attendance::Apologies,
                _ => continue,
            };
            if c.contact_type != ContactType::Group || c.entered_in_error.is_some() || r.chance(20)
            {
                continue;
            }
            let g = r.below(2);
            out.push(RegisterLine {
                group: format!("g{g}").into(),
                session: format!("g{g}-{}", c.occurred_at.date()).into(),
                on: c.occurred_at.date(),
                person: p.person.id.clone(),
                attendance,
                contact: c.id.clone(),
            });
        }
    }
    out
}

fn figures(seed: u64, worker: &str) -> linkwork_report::Figures {
    let people = caseload(seed);
    let calls = outreach_calls(seed);
    let register = register(seed, &people);
    compute(&Source {
        worker: worker.into(),
        from: NaiveDate::from_ymd_opt(2026, 10, 1).unwrap(),
        to: NaiveDate::from_ymd_opt(2026, 10, 31).unwrap(),
        data_version: 12,
        people: &people,
        marks: &[],
        map: &CodeMaps::single(CodeMap::new(vec![])),
        assets: AssetCounts::default(),
        wte: WholeTimeEquivalent::FULL_TIME,
        outreach: &calls,
        register: &register,
    })
}

// ---------------------------------------------------------------------------------------------
// The stranger.

#[derive(Clone, Copy, Debug)]
enum T {
    Known(f64),
    Var(usize),
}

/// Σ coefficient × term (op) right-hand side.
type Row = (Vec<(f64, T)>, ComparisonOp, f64);

/// What the stranger does not know, and what they know of it.
#[derive(Default)]
struct Lp {
    /// (lower, upper, whole, what it is)
    vars: Vec<(f64, f64, bool, String)>,
    rows: Vec<Row>,
    /// Hidden published figures to try (var, and the var a mean's sum is divided by).
    targets: Vec<(usize, Option<T>)>,
}

impl Lp {
    fn var(&mut self, lo: f64, hi: f64, whole: bool, what: String) -> T {
        self.vars.push((lo, hi, whole, what));
        T::Var(self.vars.len() - 1)
    }
    fn rel(&mut self, terms: Vec<(f64, T)>, op: ComparisonOp, rhs: f64) {
        self.rows.push((terms, op, rhs));
    }
    fn eq(&mut self, terms: Vec<(f64, T)>) {
        self.rel(terms, ComparisonOp::Eq, 0.0);
    }

    /// The least and most `v` can be, or `None` when unbounded that way. Only what is tied to `v`
    /// through other unknowns goes into the program.
    fn range(&self, v: usize) -> (Option<f64>, Option<f64>) {
        let vars_of = |terms: &[(f64, T)]| -> Vec<usize> {
            terms
                .iter()
                .filter_map(|(_, t)| match t {
                    T::Var(i) => Some(*i),
                    T::Known(_) => None,
                })
                .collect()
        };
        let mut part = vec![false; self.vars.len()];
        part[v] = true;
        let mut used = vec![false; self.rows.len()];
        loop {
            let mut grew = false;
            for (r, (terms, _, _)) in self.rows.iter().enumerate() {
                let vs = vars_of(terms);
                if used[r] || !vs.iter().any(|i| part[*i]) {
                    continue;
                }
                used[r] = true;
                for i in vs {
                    grew |= !part[i];
                    part[i] = true;
                }
            }
            if !grew {
                break;
            }
        }
        let solve = |dir| {
            let mut p = Problem::new(dir);
            let mut ids = vec![None; self.vars.len()];
            for (i, (lo, hi, _, _)) in self.vars.iter().enumerate().filter(|(i, _)| part[*i]) {
                ids[i] = Some(p.add_var(if i == v { 1.0 } else { 0.0 }, (*lo, *hi)));
            }
            for (terms, op, rhs) in self
                .rows
                .iter()
                .enumerate()
                .filter(|(r, _)| used[*r])
                .map(|(_, x)| x)
            {
                let mut k = *rhs;
                let mut lhs = vec![];
                for (c, t) in terms {
                    match t {
                        T::Known(x) => k -= c * x,
                        T::Var(i) => lhs.push((ids[*i].unwrap(), *c)),
                    }
                }
                if !lhs.is_empty() {
                    p.add_constraint(&lhs, *op, k);
                }
            }
            p.solve().ok().map(|s| s.objective())
        };
        (
            solve(OptimizationDirection::Minimize),
            solve(OptimizationDirection::Maximize),
        )
    }

    fn pinned(&self, v: usize) -> Option<f64> {
        let (lo, hi) = self.range(v);
        let (lo, hi) = (lo?, hi?);
        if self.vars[v].2 {
            let (a, b) = ((lo - 1e-6).ceil(), (hi + 1e-6).floor());
            (a == b).then_some(a)
        } else {
            (hi - lo < 1e-6).then_some(lo)
        }
    }
}

/// A share, mean or median rather than a count: its column or, in a measures table, its row says.
fn is_stat(t: &Table, r: usize, c: usize) -> bool {
    let stat =
        |n: &str| n.ends_with("_pct") || n.ends_with("mean_change") || n.starts_with("median");
    let col = &t.columns[c].name;
    stat(col)
        || col == "value" && matches!(&t.rows[r][0], Cell::Text(m) if stat(m))
        || col == "value"
            && matches!(t.rows[r].get(1), Some(Cell::Text(m)) if stat(m))
            && t.columns[0].name == "worker"
}

/// The published tables as the stranger reads them.
struct Published<'a> {
    tables: &'a [Table],
    lp: Lp,
    /// Each published count cell's term, by (table, row, column).
    counts: std::collections::HashMap<(usize, usize, usize), T>,
    /// Each share's numerator and each mean's sum, once worked out, by place.
    stats: std::collections::HashMap<(usize, usize, usize), T>,
}

impl<'a> Published<'a> {
    fn new(tables: &'a [Table]) -> Self {
        let mut p = Published {
            tables,
            lp: Lp::default(),
            counts: Default::default(),
            stats: Default::default(),
        };
        for (t, table) in tables.iter().enumerate() {
            for (r, row) in table.rows.iter().enumerate() {
                for (c, cell) in row.iter().enumerate() {
                    if is_stat(table, r, c) {
                        continue;
                    }
                    let what = format!("{} row {r} {}", table.name, table.columns[c].name);
                    let term = match cell {
                        Cell::Count(n) => T::Known(*n as f64),
                        Cell::Suppressed => p.lp.var(1.0, 4.0, true, what),
                        Cell::Withheld | Cell::TooFew => p.lp.var(0.0, f64::INFINITY, true, what),
                        _ => continue,
                    };
                    if let T::Var(v) = term {
                        p.lp.targets.push((v, None));
                    }
                    p.counts.insert((t, r, c), term);
                }
            }
        }
        p
    }

    fn table(&self, name: &str) -> Option<usize> {
        self.tables.iter().position(|t| t.name == name)
    }

    fn col(&self, t: usize, name: &str) -> Option<usize> {
        self.tables[t].columns.iter().position(|c| c.name == name)
    }

    /// Rows whose first text cells are `key` (worker, then code).
    fn rows(&self, t: usize, key: &[&str]) -> Vec<usize> {
        (0..self.tables[t].rows.len())
            .filter(|&r| {
                let texts: Vec<&str> = self.tables[t].rows[r]
                    .iter()
                    .filter_map(|c| match c {
                        Cell::Text(s) => Some(s.as_str()),
                        _ => None,
                    })
                    .collect();
                texts.len() >= key.len() && texts.iter().zip(key).all(|(a, b)| a == b)
            })
            .collect()
    }

    fn place(&self, table: &str, key: &[&str], column: &str) -> Option<(usize, usize, usize)> {
        let t = self.table(table)?;
        let c = self.col(t, column)?;
        let r = *self.rows(t, key).first()?;
        Some((t, r, c))
    }

    /// A count by table, row key and column: zero when the row is not published.
    fn count(&self, table: &str, key: &[&str], column: &str) -> T {
        self.place(table, key, column)
            .and_then(|p| self.counts.get(&p).copied())
            .unwrap_or(T::Known(0.0))
    }

    /// The numerator behind a share cell: what its percentage of `den` says (to its one decimal).
    fn share(&mut self, at: Option<(usize, usize, usize)>, den: T) -> T {
        let Some((t, r, c)) = at else {
            return T::Known(0.0);
        };
        if let Some(n) = self.stats.get(&(t, r, c)) {
            return *n;
        }
        let what = format!(
            "{} row {r} {} (numerator)",
            self.tables[t].name, self.tables[t].columns[c].name
        );
        let cell = self.tables[t].rows[r][c].clone();
        let n = match cell {
            Cell::Percent(p) => {
                let n = self.lp.var(0.0, f64::INFINITY, true, what);
                let (lo, hi) = ((p - 0.05).max(0.0) / 100.0, (p + 0.05) / 100.0);
                self.lp
                    .rel(vec![(1.0, n), (-lo, den)], ComparisonOp::Ge, 0.0);
                self.lp
                    .rel(vec![(1.0, n), (-hi, den)], ComparisonOp::Le, 0.0);
                n
            }
            Cell::Blank => T::Known(0.0),
            _ => {
                // Hidden: at most the denominator; from 1 to 4 when that is known to be 5 or more.
                let small = matches!((&cell, den), (Cell::TooFew, T::Known(d)) if d >= 5.0);
                let (lo, hi) = if small {
                    (1.0, 4.0)
                } else {
                    (0.0, f64::INFINITY)
                };
                let n = self.lp.var(lo, hi, true, what);
                self.lp
                    .rel(vec![(1.0, n), (-1.0, den)], ComparisonOp::Le, 0.0);
                if let T::Var(v) = n {
                    self.lp.targets.push((v, None));
                }
                n
            }
        };
        self.stats.insert((t, r, c), n);
        n
    }

    /// The sum behind a mean cell of `n` values.
    fn mean(&mut self, at: Option<(usize, usize, usize)>, n: T) -> T {
        let Some((t, r, c)) = at else {
            return T::Known(0.0);
        };
        if let Some(s) = self.stats.get(&(t, r, c)) {
            return *s;
        }
        let what = format!(
            "{} row {r} {} (sum)",
            self.tables[t].name, self.tables[t].columns[c].name
        );
        let cell = self.tables[t].rows[r][c].clone();
        let s = match cell {
            Cell::Decimal(m) => {
                let s = self.lp.var(f64::NEG_INFINITY, f64::INFINITY, false, what);
                self.lp
                    .rel(vec![(1.0, s), (-(m - 0.05), n)], ComparisonOp::Ge, 0.0);
                self.lp
                    .rel(vec![(1.0, s), (-(m + 0.05), n)], ComparisonOp::Le, 0.0);
                s
            }
            Cell::Blank => T::Known(0.0),
            _ => {
                let s = self.lp.var(f64::NEG_INFINITY, f64::INFINITY, false, what);
                if let T::Var(v) = s {
                    self.lp.targets.push((v, Some(n)));
                }
                s
            }
        };
        self.stats.insert((t, r, c), s);
        s
    }

    /// Everything anyone can see ties one set of figures together (`who`: the row prefix).
    fn relations(&mut self, who: &[&str]) {
        let k =
            |x: &[&str]| -> Vec<String> { who.iter().chain(x).map(|s| s.to_string()).collect() };
        macro_rules! c {
            ($table:expr, [$($key:expr),*], $col:expr) => {{
                let key = k(&[$($key),*]);
                let key: Vec<&str> = key.iter().map(String::as_str).collect();
                self.count($table, &key, $col)
            }};
        }
        macro_rules! at {
            ($table:expr, [$($key:expr),*], $col:expr) => {{
                let key = k(&[$($key),*]);
                let key: Vec<&str> = key.iter().map(String::as_str).collect();
                self.place($table, &key, $col)
            }};
        }
        let m = |s: &Self, measure: &str| {
            let key = k(&[measure]);
            let key: Vec<&str> = key.iter().map(String::as_str).collect();
            s.count("caseload", &key, "value")
        };
        // Caseload: flows; closed by reason; referrals by source and by method.
        let (start, new, closed, end) = (
            m(self, "open_at_start"),
            m(self, "new_referrals"),
            m(self, "closed"),
            m(self, "open_at_end"),
        );
        self.lp
            .eq(vec![(1.0, start), (1.0, new), (-1.0, closed), (-1.0, end)]);
        let re = m(self, "re_referrals");
        self.lp
            .rel(vec![(1.0, re), (-1.0, new)], ComparisonOp::Le, 0.0);
        let waiting = m(self, "waiting_at_end");
        self.lp
            .rel(vec![(1.0, waiting), (-1.0, end)], ComparisonOp::Le, 0.0);
        for (table, col, total) in [
            ("closed_by_reason", "episodes", closed),
            ("referrals_by_source", "referrals", new),
            ("referrals_by_method", "referrals", new),
        ] {
            let Some(t) = self.table(table) else { continue };
            let ci = self.col(t, col).unwrap();
            let mut terms = vec![(-1.0, total)];
            for r in self.rows(t, who) {
                terms.push((1.0, self.counts[&(t, r, ci)]));
            }
            self.lp.eq(terms);
        }
        // Activity and the contacts table: rows to totals, columns to the activity figures.
        let a = |s: &Self, measure: &str| {
            let key = k(&[measure]);
            let key: Vec<&str> = key.iter().map(String::as_str).collect();
            s.count("activity", &key, "value")
        };
        let (contacts, took, dna) = (
            a(self, "contacts"),
            a(self, "took_place"),
            a(self, "did_not_attend"),
        );
        if let Some(t) = self.table("contacts") {
            let outcomes: Vec<usize> = ContactOutcome::ALL
                .iter()
                .filter_map(|o| self.col(t, o.slug()))
                .collect();
            let total = self.col(t, "total").unwrap();
            let rows = self.rows(t, who);
            for &r in &rows {
                let mut terms: Vec<(f64, T)> = outcomes
                    .iter()
                    .map(|&c| (1.0, self.counts[&(t, r, c)]))
                    .collect();
                terms.push((-1.0, self.counts[&(t, r, total)]));
                self.lp.eq(terms);
            }
            let mut terms = vec![(-1.0, contacts)];
            terms.extend(rows.iter().map(|&r| (1.0, self.counts[&(t, r, total)])));
            self.lp.eq(terms);
            for (o, sum) in [
                (ContactOutcome::TookPlace, took),
                (ContactOutcome::DidNotAttend, dna),
            ] {
                let col = self.col(t, o.slug()).unwrap();
                let mut terms = vec![(-1.0, sum)];
                terms.extend(rows.iter().map(|&r| (1.0, self.counts[&(t, r, col)])));
                self.lp.eq(terms);
            }
        }
        let seen = a(self, "people_seen");
        self.lp
            .rel(vec![(1.0, seen), (-1.0, took)], ComparisonOp::Le, 0.0);
        let dna_pct = at!("activity", ["did_not_attend_pct"], "value");
        let den = self.lp.var(0.0, f64::INFINITY, true, "took + dna".into());
        self.lp.eq(vec![(1.0, den), (-1.0, took), (-1.0, dna)]);
        let num = self.share(dna_pct, den);
        self.lp.eq(vec![(1.0, num), (-1.0, dna)]);
        // Onward: kinds and outcomes are the same referrals; attendance of the known outcomes.
        if let Some(t) = self.table("onward_by_category") {
            for r in self.rows(t, who) {
                let g = |s: &Self, col: &str| s.counts[&(t, r, s.col(t, col).unwrap())];
                let (sp, rf, att, not, pend) = (
                    g(self, "signposts"),
                    g(self, "referrals"),
                    g(self, "attended"),
                    g(self, "not_attended"),
                    g(self, "pending"),
                );
                self.lp.eq(vec![
                    (1.0, sp),
                    (1.0, rf),
                    (-1.0, att),
                    (-1.0, not),
                    (-1.0, pend),
                ]);
                let den = self
                    .lp
                    .var(0.0, f64::INFINITY, true, "attended + not".into());
                self.lp.eq(vec![(1.0, den), (-1.0, att), (-1.0, not)]);
                let pct = Some((t, r, self.col(t, "attendance_pct").unwrap()));
                let n = self.share(pct, den);
                self.lp.eq(vec![(1.0, n), (-1.0, att)]);
                let cat = match &self.tables[t].rows[r][who.len()] {
                    Cell::Text(c) => c.clone(),
                    _ => continue,
                };
                // A barrier is on referrals of its category: never more of them than referrals.
                if let Some(b) = self.table("onward_barriers") {
                    for br in self.rows(
                        b,
                        &k(&[&cat]).iter().map(String::as_str).collect::<Vec<_>>(),
                    ) {
                        let n = self.counts[&(b, br, self.col(b, "onward_referrals").unwrap())];
                        self.lp.rel(
                            vec![(1.0, n), (-1.0, sp), (-1.0, rf)],
                            ComparisonOp::Le,
                            0.0,
                        );
                    }
                }
            }
        }
        // Gaps: lack of provision is a barrier count published again; service full by asset.
        if let Some(t) = self.table("gaps_by_category") {
            let mut full = vec![];
            for r in self.rows(t, who) {
                let cat = match &self.tables[t].rows[r][who.len()] {
                    Cell::Text(c) => c.clone(),
                    _ => continue,
                };
                let np = self.counts[&(t, r, self.col(t, "no_provision").unwrap())];
                let barrier = c!(
                    "onward_barriers",
                    [&cat, "no_provision"],
                    "onward_referrals"
                );
                self.lp.eq(vec![(1.0, np), (-1.0, barrier)]);
                full.push((
                    1.0,
                    self.counts[&(t, r, self.col(t, "service_full").unwrap())],
                ));
            }
            if let Some(a) = self.table("gaps_full_assets") {
                for r in self.rows(a, who) {
                    full.push((
                        -1.0,
                        self.counts[&(a, r, self.col(a, "times_full").unwrap())],
                    ));
                }
            }
            self.lp.eq(full);
        }
        // ONS4: improved, same and worse are the people compared.
        if let Some(t) = self.table("ons4") {
            for r in self.rows(t, who) {
                let n = self.counts[&(t, r, self.col(t, "compared").unwrap())];
                let mut parts = vec![(-1.0, n)];
                for share in ["improved_pct", "same_pct", "worse_pct"] {
                    let p = Some((t, r, self.col(t, share).unwrap()));
                    parts.push((1.0, self.share(p, n)));
                }
                self.lp.eq(parts);
                let started = self.counts[&(t, r, self.col(t, "started_in_concern_band").unwrap())];
                let left = Some((t, r, self.col(t, "left_concern_band_pct").unwrap()));
                self.share(left, started);
                let mean = Some((t, r, self.col(t, "mean_change").unwrap()));
                self.mean(mean, n);
            }
        }
        // Outcomes and PAM.
        let o = |s: &Self, measure: &str| {
            let key = k(&[measure]);
            let key: Vec<&str> = key.iter().map(String::as_str).collect();
            s.count("outcomes", &key, "value")
        };
        let (pam_n, within, supported, none) = (
            o(self, "pam_compared"),
            o(self, "pam_within_year"),
            o(self, "episodes_supported"),
            o(self, "no_outcome_recorded"),
        );
        self.lp
            .rel(vec![(1.0, within), (-1.0, pam_n)], ComparisonOp::Le, 0.0);
        self.lp
            .rel(vec![(1.0, none), (-1.0, supported)], ComparisonOp::Le, 0.0);
        self.mean(at!("outcomes", ["pam_mean_change"], "value"), pam_n);
        self.share(at!("outcomes", ["pam_gained_3_pct"], "value"), within);
        let n = self.share(
            at!("outcomes", ["no_outcome_recorded_pct"], "value"),
            supported,
        );
        self.lp.eq(vec![(1.0, n), (-1.0, none)]);
        // Outreach: who decided was reached, who was reached was called.
        let out = |s: &Self, measure: &str| {
            let key = k(&[measure]);
            let key: Vec<&str> = key.iter().map(String::as_str).collect();
            s.count("outreach", &key, "value")
        };
        let (tried, reached, declined) = (
            out(self, "people_tried"),
            out(self, "reached"),
            out(self, "declined"),
        );
        self.lp
            .rel(vec![(1.0, reached), (-1.0, tried)], ComparisonOp::Le, 0.0);
        self.lp.rel(
            vec![(1.0, declined), (-1.0, reached)],
            ComparisonOp::Le,
            0.0,
        );
        // Groups: who came is among their attendances and among people seen; a person reached
        // only through groups came to one; an attendance is a contact that took place.
        let grp = |s: &Self, measure: &str| {
            let key = k(&[measure]);
            let key: Vec<&str> = key.iter().map(String::as_str).collect();
            s.count("groups", &key, "value")
        };
        let (att, came, only) = (
            grp(self, "attendances"),
            grp(self, "people_attending"),
            grp(self, "only_through_groups"),
        );
        let act = |s: &Self, measure: &str| {
            let key = k(&[measure]);
            let key: Vec<&str> = key.iter().map(String::as_str).collect();
            s.count("activity", &key, "value")
        };
        let (seen, took) = (act(self, "people_seen"), act(self, "took_place"));
        for (part, whole) in [(came, att), (only, came), (came, seen), (att, took)] {
            self.lp
                .rel(vec![(1.0, part), (-1.0, whole)], ComparisonOp::Le, 0.0);
        }
        // By practice: each column adds up to the figure for everyone; improved is a share of
        // those compared, and its numerators add up to the life-satisfaction row's.
        if let Some(t) = self.table("practices") {
            let ls_n = c!("ons4", ["life_satisfaction"], "compared");
            let ls_improved = self.share(at!("ons4", ["life_satisfaction"], "improved_pct"), ls_n);
            let rows = self.rows(t, who);
            for (col, total) in [
                ("new_referrals", new),
                ("episodes_supported", supported),
                ("contacts_took_place", took),
                ("life_satisfaction_compared", ls_n),
            ] {
                let ci = self.col(t, col).unwrap();
                let mut terms = vec![(-1.0, total)];
                terms.extend(rows.iter().map(|&r| (1.0, self.counts[&(t, r, ci)])));
                self.lp.eq(terms);
            }
            let mut improved = vec![(-1.0, ls_improved)];
            for &r in &rows {
                let n = self.counts[&(t, r, self.col(t, "life_satisfaction_compared").unwrap())];
                let pct = Some((t, r, self.col(t, "life_satisfaction_improved_pct").unwrap()));
                improved.push((1.0, self.share(pct, n)));
            }
            self.lp.eq(improved);
        }
        // Carers supported are people seen.
        let carers = {
            let key = k(&["carers_supported"]);
            let key: Vec<&str> = key.iter().map(String::as_str).collect();
            self.count("carers", &key, "value")
        };
        let seen_people = {
            let key = k(&["people_seen"]);
            let key: Vec<&str> = key.iter().map(String::as_str).collect();
            self.count("activity", &key, "value")
        };
        self.lp.rel(
            vec![(1.0, carers), (-1.0, seen_people)],
            ComparisonOp::Le,
            0.0,
        );
        // Who is reached: each table's columns add up to the new referrals and people supported.
        for name in ["reach_by_age", "reach_by_sex", "reach_by_ethnic_group"] {
            let Some(t) = self.table(name) else { continue };
            let rows = self.rows(t, who);
            for (col, total) in [("referrals", new), ("supported", supported)] {
                let ci = self.col(t, col).unwrap();
                let mut terms = vec![(-1.0, total)];
                terms.extend(rows.iter().map(|&r| (1.0, self.counts[&(t, r, ci)])));
                self.lp.eq(terms);
            }
        }
    }

    /// The team total is every worker's figure added up, cell by cell; the headline repeats them.
    fn team(&mut self, workers: &[&str]) {
        for t in 0..self.tables.len() {
            if self.tables[t].columns[0].name != "worker" {
                continue;
            }
            for r in self.rows(t, &["Team total"]) {
                let key: Vec<String> = self.tables[t].rows[r]
                    .iter()
                    .skip(1)
                    .filter_map(|c| match c {
                        Cell::Text(s) => Some(s.clone()),
                        _ => None,
                    })
                    .collect();
                for c in 0..self.tables[t].columns.len() {
                    let total = self
                        .counts
                        .get(&(t, r, c))
                        .copied()
                        .or_else(|| self.stats.get(&(t, r, c)).copied());
                    let Some(total) = total else { continue };
                    let mut terms = vec![(-1.0, total)];
                    for w in workers {
                        let mut k: Vec<&str> = vec![w];
                        k.extend(key.iter().map(String::as_str));
                        if let Some(&wr) = self.rows(t, &k).first() {
                            if let Some(x) = self
                                .counts
                                .get(&(t, wr, c))
                                .or_else(|| self.stats.get(&(t, wr, c)))
                            {
                                terms.push((1.0, *x));
                            }
                        }
                    }
                    self.lp.eq(terms);
                }
            }
        }
        if let Some(h) = self.table("by_worker") {
            for who in workers.iter().chain(&["Team total"]) {
                let Some(&r) = self.rows(h, &[who]).first() else {
                    continue;
                };
                for (col, table, measure) in [
                    ("new_referrals", "caseload", "new_referrals"),
                    ("open_at_end", "caseload", "open_at_end"),
                    ("waiting_at_end", "caseload", "waiting_at_end"),
                    ("took_place", "activity", "took_place"),
                    ("ons4_compared", "outcomes", "ons4_compared"),
                    ("pam_compared", "outcomes", "pam_compared"),
                ] {
                    let x = self.counts[&(h, r, self.col(h, col).unwrap())];
                    let y = self.count(table, &[who, measure], "value");
                    self.lp.eq(vec![(1.0, x), (-1.0, y)]);
                }
                let (took, dna) = (
                    self.count("activity", &[who, "took_place"], "value"),
                    self.count("activity", &[who, "did_not_attend"], "value"),
                );
                let den = self.lp.var(0.0, f64::INFINITY, true, "took + dna".into());
                self.lp.eq(vec![(1.0, den), (-1.0, took), (-1.0, dna)]);
                let n = self.share(
                    Some((h, r, self.col(h, "did_not_attend_pct").unwrap())),
                    den,
                );
                self.lp.eq(vec![(1.0, n), (-1.0, dna)]);
                let (sup, none) = (
                    self.count("outcomes", &[who, "episodes_supported"], "value"),
                    self.count("outcomes", &[who, "no_outcome_recorded"], "value"),
                );
                let n = self.share(
                    Some((h, r, self.col(h, "no_outcome_recorded_pct").unwrap())),
                    sup,
                );
                self.lp.eq(vec![(1.0, n), (-1.0, none)]);
            }
        }
    }

    /// Every hidden figure the stranger can pin to one value, in words.
    fn recovered(&self) -> Vec<String> {
        let mut out = vec![];
        for &(v, of) in &self.lp.targets {
            let Some(x) = self.lp.pinned(v) else { continue };
            // A mean is known only if the number it is divided by is too.
            if let Some(n) = of {
                let known_n = match n {
                    T::Known(_) => true,
                    T::Var(i) => self.lp.pinned(i).is_some(),
                };
                if !known_n {
                    continue;
                }
            }
            out.push(format!("{} = {x}", self.lp.vars[v].3));
        }
        out
    }
}

fn attack(tables: &[Table], workers: &[&str]) -> Vec<String> {
    let mut p = Published::new(tables);
    if workers.is_empty() {
        p.relations(&[]);
    } else {
        for w in workers.iter().chain(&["Team total"]) {
            p.relations(&[w]);
        }
        p.team(workers);
    }
    p.recovered()
}

#[test]
fn no_hidden_figure_can_be_worked_out_from_one_workers_tables() {
    let mut hidden = 0;
    let seeds: u64 = std::env::var("SEEDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(120);
    for seed in 0..seeds {
        let f = figures(seed, "Asha Patel");
        let tables = present::tables(&f, Suppression::On);
        hidden += tables
            .iter()
            .flat_map(|t| &t.rows)
            .flatten()
            .filter(|c| c.is_hidden())
            .count();
        let found = attack(&tables, &[]);
        assert!(found.is_empty(), "seed {seed}: {found:#?}");
    }
    assert!(
        hidden > 1000,
        "the caseloads must be small enough to hide things: {hidden}"
    );
}

#[test]
fn no_hidden_figure_can_be_worked_out_from_a_team_report() {
    let seeds: u64 = std::env::var("TEAM_SEEDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(30);
    for seed in 0..seeds {
        let names = ["Asha Patel", "Ben Okoro", "Cara Lee"];
        let n = 2 + (seed % 2) as usize;
        let inputs: Vec<(String, linkwork_report::Figures)> = (0..n)
            .map(|i| {
                (
                    format!("{i}.age"),
                    figures(1000 + seed * 7 + i as u64, names[i]),
                )
            })
            .collect();
        let (workers, total) = merge(inputs).unwrap();
        let team = present::team_report(&workers, &total, Suppression::On);
        let mut all = vec![team.headline.clone()];
        all.extend(team.tables.iter().cloned());
        let found = attack(&all, &names[..n]);
        assert!(found.is_empty(), "team seed {seed}: {found:#?}");
    }
}

/// The stranger is no rubber stamp: the review's case — phone contacts, 30 took place, two
/// cells "<5", total 32 — with only the small cells hidden, both are found to be 1.
#[test]
fn the_attack_recovers_what_hiding_small_cells_alone_leaves() {
    let f = figures(7, "Asha Patel");
    let mut tables = present::tables(&f, Suppression::Off);
    let contacts = tables.iter_mut().find(|t| t.name == "contacts").unwrap();
    let cols: Vec<String> = contacts.columns.iter().map(|c| c.name.clone()).collect();
    let at = |name: &str| cols.iter().position(|c| c == name).unwrap();
    contacts.rows = vec![{
        let mut row = vec![Cell::Text("phone".into()), Cell::Text("Phone".into())];
        row.extend((2..cols.len()).map(|_| Cell::Count(0)));
        row[at("took_place")] = Cell::Count(30);
        row[at("did_not_attend")] = Cell::Suppressed;
        row[at("left_message")] = Cell::Suppressed;
        row[at("total")] = Cell::Count(32);
        row
    }];
    // The activity figures as they would be published alongside.
    let activity = tables.iter_mut().find(|t| t.name == "activity").unwrap();
    for row in &mut activity.rows {
        if let Cell::Text(m) = &row[0] {
            row[2] = match m.as_str() {
                "contacts" => Cell::Count(32),
                "took_place" => Cell::Count(30),
                "did_not_attend" => Cell::Suppressed,
                "did_not_attend_pct" => Cell::TooFew,
                _ => row[2].clone(),
            };
        }
    }
    let found = attack(&tables, &[]);
    assert!(
        found
            .iter()
            .any(|f| f.contains("contacts row 0 left_message = 1")),
        "{found:#?}"
    );
}
