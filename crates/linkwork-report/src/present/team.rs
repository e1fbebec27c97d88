//! The team report's tables: each worker's and the team's, and one row per worker up front. They
//! are protected together: a worker's hidden figure must not be the team total less the others'.

use super::links::links;
use super::protect::{self, needs, same, Index, Link};
use super::tables::drafts;
use super::*;
use crate::figures::Figures;

/// The team's tables, protected as one publication.
pub struct TeamReport {
    /// One row per link worker (and the team) of the figures a supervisor looks at first.
    pub headline: Table,
    /// Every table once per link worker and once for the team, with a leading `worker` column
    /// (tidy: one row per worker and thing counted): the CSV set and the workbook.
    pub tables: Vec<Table>,
    /// The team total's own tables, hidden exactly as its rows in `tables` (the HTML report).
    pub total: Vec<Table>,
}

pub const TEAM_TOTAL: &str = "Team total";

pub fn team_report(workers: &[Figures], total: &Figures, s: Suppression) -> TeamReport {
    let names: Vec<String> = workers
        .iter()
        .map(|f| f.worker.clone())
        .chain([TEAM_TOTAL.to_string()])
        .collect();
    let sets: Vec<Vec<Draft>> = workers.iter().chain([total]).map(drafts).collect();
    let mut team: Vec<Draft> = sets[0].clone();
    for t in &mut team {
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
    for (who, set) in names.iter().zip(&sets) {
        for (t, mine) in team.iter_mut().zip(set) {
            t.rows.extend(mine.rows.iter().cloned().map(|mut r| {
                r.insert(0, text(who.as_str()));
                r
            }));
        }
    }
    let mut all = vec![headline(workers, total)];
    all.extend(team);
    let l = {
        let ix = Index::new(&all);
        let mut l: Vec<Link> = vec![];
        for who in &names {
            l.extend(links(&ix, &[who]));
            l.extend(headline_links(&ix, who));
        }
        l.extend(team_sums(&ix, &names));
        l
    };
    let hidden = protect::hide(&all, &l, s);
    let mut tables: Vec<Table> = all
        .iter()
        .cloned()
        .enumerate()
        .map(|(t, d)| d.shown(|r, c| hidden.get(&(t, r, c)).cloned()))
        .collect();
    let headline = tables.remove(0);
    // The team total's rows, as the HTML shows them: the same cells, less the worker column.
    let total = tables
        .iter()
        .zip(&sets[sets.len() - 1])
        .map(|(t, d)| Table {
            rows: t
                .rows
                .iter()
                .filter(|r| r[0] == Cell::Text(TEAM_TOTAL.into()))
                .map(|r| r[1..].to_vec())
                .collect(),
            columns: d.columns.clone(),
            chart: d.chart.clone(),
            ..t.clone()
        })
        .collect();
    TeamReport {
        headline,
        tables,
        total,
    }
}

/// The team total is the sum of the workers, figure by figure (a share by its numerator, a mean
/// by its sum).
fn team_sums(ix: &Index, names: &[String]) -> Vec<Link> {
    let (workers, total) = names.split_at(names.len() - 1);
    let mut out = vec![];
    for t in ix.tables() {
        for r in ix.rows(t) {
            let key = ix.key(t, r);
            if key.first() != Some(&total[0].as_str()) {
                continue;
            }
            for c in 0..ix.width(t) {
                if !ix.is_figure((t, r, c)) {
                    continue;
                }
                let mut terms = vec![(-1.0, (t, r, c))];
                for w in workers {
                    let mut k = key.clone();
                    k[0] = w.as_str();
                    if let Some(rw) = ix.rows(t).find(|&rw| ix.key(t, rw) == k) {
                        terms.push((1.0, (t, rw, c)));
                    }
                }
                out.push(Link::Linear(terms));
            }
        }
    }
    out
}

/// The headline row repeats figures from the worker's own tables.
fn headline_links(ix: &Index, who: &str) -> Vec<Link> {
    let h = |c: &str| ix.find("by_worker", &[who], c);
    let m = |table: &str, measure: &str| ix.find(table, &[who, measure], "value");
    [
        same(h("new_referrals"), m("caseload", "new_referrals")),
        same(h("open_at_end"), m("caseload", "open_at_end")),
        same(h("waiting_at_end"), m("caseload", "waiting_at_end")),
        same(h("took_place"), m("activity", "took_place")),
        same(h("did_not_attend_pct"), m("activity", "did_not_attend_pct")),
        needs(
            h("did_not_attend_pct"),
            &[m("activity", "took_place"), m("activity", "did_not_attend")],
        ),
        same(h("ons4_compared"), m("outcomes", "ons4_compared")),
        same(h("pam_compared"), m("outcomes", "pam_compared")),
        same(
            h("no_outcome_recorded_pct"),
            m("outcomes", "no_outcome_recorded_pct"),
        ),
        needs(
            h("no_outcome_recorded_pct"),
            &[
                m("outcomes", "episodes_supported"),
                m("outcomes", "no_outcome_recorded"),
            ],
        ),
    ]
    .into_iter()
    .flatten()
    .collect()
}

fn headline(workers: &[Figures], total: &Figures) -> Draft {
    let p = P;
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
                den: f.outcomes.episodes_supported,
            }),
            Fact::Plain(f.coding.outstanding()),
        ]
    };
    let mut rows: Vec<Vec<Fact>> = workers.iter().map(|f| row(f, &f.worker)).collect();
    rows.push(row(total, TEAM_TOTAL));
    Draft {
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
