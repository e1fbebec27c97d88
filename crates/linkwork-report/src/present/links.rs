//! How one set of figures ties together, declared for small-number protection: every total and
//! its parts, every figure published twice, every share's numerator and denominator.

use super::protect::{at_most, needs, same, total_of, Index, Link, Place};
use linkwork_core::vocab::{Barrier, ContactOutcome, ReferralSource};

/// How one set of figures ties together, for protection: every total and its parts, every figure
/// published twice, every share's numerator and denominator. `who` prefixes the row codes (a
/// worker's name in the team's tables).
pub(super) fn links(ix: &Index, who: &[&str]) -> Vec<Link> {
    let key = |k: &[&str]| -> Vec<String> { who.iter().chain(k).map(|s| s.to_string()).collect() };
    let m = |table: &str, measure: &str| ix.find(table, &key(&[measure]), "value");
    let row_of = |p: Place, column: &str| ix.column(p.0, column).map(|c| (p.0, p.1, c));
    let lin = |terms: &[(f64, Option<Place>)]| -> Option<Link> {
        terms
            .iter()
            .map(|(k, p)| p.map(|p| (*k, p)))
            .collect::<Option<Vec<_>>>()
            .map(Link::Linear)
    };
    let mut out: Vec<Option<Link>> = vec![
        // Open at the end = open at the start + new referrals − closed.
        lin(&[
            (1.0, m("caseload", "open_at_start")),
            (1.0, m("caseload", "new_referrals")),
            (-1.0, m("caseload", "closed")),
            (-1.0, m("caseload", "open_at_end")),
        ]),
        total_of(
            ix.all("closed_by_reason", who, "episodes"),
            m("caseload", "closed"),
        ),
        total_of(
            ix.all("referrals_by_source", who, "referrals"),
            m("caseload", "new_referrals"),
        ),
        total_of(
            ix.all("referrals_by_method", who, "referrals"),
            m("caseload", "new_referrals"),
        ),
        // The contacts table's columns add up to the activity figures.
        total_of(ix.all("contacts", who, "total"), m("activity", "contacts")),
        same(
            m("activity", "did_not_attend_pct"),
            m("activity", "did_not_attend"),
        ),
        needs(
            m("activity", "did_not_attend_pct"),
            &[m("activity", "took_place"), m("activity", "did_not_attend")],
        ),
        needs(
            m("outcomes", "pam_mean_change"),
            &[m("outcomes", "pam_compared")],
        ),
        needs(
            m("outcomes", "pam_gained_3_pct"),
            &[m("outcomes", "pam_within_year")],
        ),
        same(
            m("outcomes", "no_outcome_recorded_pct"),
            m("outcomes", "no_outcome_recorded"),
        ),
        needs(
            m("outcomes", "no_outcome_recorded_pct"),
            &[
                m("outcomes", "episodes_supported"),
                m("outcomes", "no_outcome_recorded"),
            ],
        ),
    ];
    // Outreach: who said yes or no was reached, who was reached was called, and every yes is a
    // referral by proactive search.
    out.push(at_most(
        m("outreach", "reached"),
        &[m("outreach", "people_tried")],
    ));
    out.push(at_most(
        m("outreach", "accepted"),
        &[ix.find(
            "referrals_by_source",
            &key(&[ReferralSource::ProactiveSearch.slug()]),
            "referrals",
        )],
    ));
    if let (Some(a), Some(d), Some(r)) = (
        m("outreach", "accepted"),
        m("outreach", "declined"),
        m("outreach", "reached"),
    ) {
        out.push(Some(Link::AtMost(vec![(1.0, a), (1.0, d), (-1.0, r)])));
    }
    // Groups: who came is counted in their attendances and among people seen; their group
    // contacts are contacts that took place.
    out.extend([
        at_most(
            m("groups", "people_attending"),
            &[m("groups", "attendances")],
        ),
        at_most(
            m("groups", "only_through_groups"),
            &[m("groups", "people_attending")],
        ),
        at_most(
            m("groups", "people_attending"),
            &[m("activity", "people_seen")],
        ),
        at_most(m("groups", "attendances"), &[m("activity", "took_place")]),
    ]);
    // Parts never more than their whole.
    out.extend([
        at_most(
            m("caseload", "re_referrals"),
            &[m("caseload", "new_referrals")],
        ),
        at_most(
            m("caseload", "waiting_at_end"),
            &[m("caseload", "open_at_end")],
        ),
        at_most(m("activity", "people_seen"), &[m("activity", "took_place")]),
        at_most(
            m("outcomes", "pam_within_year"),
            &[m("outcomes", "pam_compared")],
        ),
        at_most(
            m("outcomes", "no_outcome_recorded"),
            &[m("outcomes", "episodes_supported")],
        ),
    ]);
    for o in [ContactOutcome::TookPlace, ContactOutcome::DidNotAttend] {
        out.push(total_of(
            ix.all("contacts", who, o.slug()),
            m("activity", o.slug()),
        ));
    }
    for total in ix.all("contacts", who, "total") {
        let parts = ContactOutcome::ALL
            .iter()
            .filter_map(|o| row_of(total, o.slug()))
            .collect();
        out.push(total_of(parts, Some(total)));
    }
    // Each category's signposts and referrals are its outcomes, counted the other way.
    for s in ix.all("onward_by_category", who, "signposts") {
        let c = |name: &str| row_of(s, name);
        out.push(lin(&[
            (1.0, Some(s)),
            (1.0, c("referrals")),
            (-1.0, c("attended")),
            (-1.0, c("not_attended")),
            (-1.0, c("pending")),
        ]));
        out.push(same(c("attendance_pct"), c("attended")));
        // A barrier is on referrals of its category: never more of them than referrals made.
        let cat = ix.key(s.0, s.1)[who.len()];
        for b in ix.all("onward_barriers", &key(&[cat]), "onward_referrals") {
            out.push(at_most(Some(b), &[Some(s), c("referrals")]));
        }
        out.push(needs(
            c("attendance_pct"),
            &[c("attended"), c("not_attended")],
        ));
    }
    // "Lack of provision" by category is published twice; service full adds up to the assets'.
    for g in ix.all("gaps_by_category", who, "no_provision") {
        let cat = ix.key(g.0, g.1)[who.len()];
        out.push(same(
            Some(g),
            ix.find(
                "onward_barriers",
                &key(&[cat, Barrier::NoProvision.slug()]),
                "onward_referrals",
            ),
        ));
    }
    let mut full: Vec<(f64, Place)> = ix
        .all("gaps_by_category", who, "service_full")
        .into_iter()
        .map(|p| (1.0, p))
        .collect();
    full.extend(
        ix.all("gaps_full_assets", who, "times_full")
            .into_iter()
            .map(|p| (-1.0, p)),
    );
    if !full.is_empty() {
        out.push(Some(Link::Linear(full)));
    }
    // Each practice's column adds up to the figure for everyone; its share needs its base, and
    // its improved (a numerator) adds up to the life-satisfaction row's.
    for (column, total) in [
        ("new_referrals", m("caseload", "new_referrals")),
        ("episodes_supported", m("outcomes", "episodes_supported")),
        (
            "contacts_took_place",
            m("activity", ContactOutcome::TookPlace.slug()),
        ),
        // (An ONS4 row's codes are its item and its band of concern: found by the item.)
        (
            "life_satisfaction_compared",
            ix.all("ons4", &key(&["life_satisfaction"]), "compared")
                .first()
                .copied(),
        ),
        (
            "life_satisfaction_improved_pct",
            ix.all("ons4", &key(&["life_satisfaction"]), "improved_pct")
                .first()
                .copied(),
        ),
    ] {
        out.push(total_of(ix.all("practices", who, column), total));
    }
    out.push(at_most(
        m("carers", "carers_supported"),
        &[m("activity", "people_seen")],
    ));
    // Who is reached: each table's columns add up to the referrals and people supported.
    for table in super::reach::REACH_TABLES {
        out.push(total_of(
            ix.all(table, who, "referrals"),
            m("caseload", "new_referrals"),
        ));
        out.push(total_of(
            ix.all(table, who, "supported"),
            m("outcomes", "episodes_supported"),
        ));
    }
    for n in ix.all("practices", who, "life_satisfaction_compared") {
        out.push(needs(
            row_of(n, "life_satisfaction_improved_pct"),
            &[Some(n)],
        ));
    }
    // ONS4: improved, same and worse are the people compared; each share needs its base.
    for n in ix.all("ons4", who, "compared") {
        let c = |name: &str| row_of(n, name);
        out.push(lin(&[
            (1.0, c("improved_pct")),
            (1.0, c("same_pct")),
            (1.0, c("worse_pct")),
            (-1.0, Some(n)),
        ]));
        for share in ["improved_pct", "same_pct", "worse_pct", "mean_change"] {
            out.push(needs(c(share), &[Some(n)]));
        }
        out.push(needs(
            c("left_concern_band_pct"),
            &[c("started_in_concern_band")],
        ));
    }
    out.into_iter().flatten().collect()
}
