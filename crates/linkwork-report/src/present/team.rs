//! The team report's tables: each worker's and the team's, and one row per worker up front.

use super::*;
use crate::figures::Figures;

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
