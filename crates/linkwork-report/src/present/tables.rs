//! The tables of one set of figures, in report order.

use super::protect::{self, Index};
use super::*;
use crate::figures::{self, Counts2, Figures};
use linkwork_core::{
    outcomes::Ons4Item,
    vocab::{
        Barrier, CloseReason, ContactOutcome, ContactType, GroupTag, NeedCategory, OnwardKind,
        OnwardOutcome, ReferralMethod, ReferralReason, ReferralSource,
    },
};

/// Every table of one set of figures, in report order, with small numbers protected.
pub fn tables(f: &Figures, s: Suppression) -> Vec<Table> {
    let d = drafts(f);
    let l = super::links::links(&Index::new(&d), &[]);
    protect::present(d, &l, s)
}

/// The tables of exact figures, before protection.
pub(crate) fn drafts(f: &Figures) -> Vec<Draft> {
    let p = P;
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
                (
                    "re_referrals",
                    "Of those, re-referrals (an episode closed in the 12 months before)",
                    p.count(c.re_referrals),
                ),
                ("closed", "Episodes closed", p.count(sum(&c.closed))),
                (
                    "waiting_at_end",
                    "Waiting for a first contact at the end",
                    p.count(c.waiting_at_end),
                ),
                (
                    "median_days_to_first_contact",
                    "Median days from referral to first contact (first contacts in the period)",
                    Fact::Median {
                        value: median,
                        n: n_waits,
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
                    Fact::Plain(c.safe_maximum),
                ),
            ],
        ),
        counted_by::<CloseReason>(
            p,
            (
                "closed_by_reason",
                SECTIONS[0],
                "Episodes closed, by reason",
                "No episodes closed in the period.",
            ),
            ("close_reason", "Reason", "Why the episode ended"),
            ("episodes", "Episodes"),
            &c.closed,
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
                    Fact::Decimal(a.minutes as f64 / 60.0),
                ),
                ("people_seen", "People seen", p.count(a.people_seen)),
            ],
        ),
        contacts_table(p, &a.contacts),
        measures(
            "groups",
            SECTIONS[1],
            "Group activities (from the registers)",
            vec![
                (
                    "groups_run",
                    "Groups with a session",
                    Fact::Plain(f.groups.groups_run),
                ),
                ("sessions", "Sessions", Fact::Plain(f.groups.sessions)),
                (
                    "attendances",
                    "Attendances (a person at a session)",
                    p.count(f.groups.attendances),
                ),
                (
                    "people_attending",
                    "People who came to a group",
                    p.count(f.groups.people_attending),
                ),
                (
                    "only_through_groups",
                    "Of those, reached only through groups",
                    p.count(f.groups.only_through_groups),
                ),
            ],
        ),
        counted_by::<ReferralSource>(
            p,
            (
                "referrals_by_source",
                SECTIONS[2],
                "Referrals in, by who referred",
                "No referrals in the period.",
            ),
            ("source", "Who referred", "Who referred, as a role"),
            ("referrals", "Referrals"),
            &f.referrals.by_source,
        ),
        counted_by::<ReferralMethod>(
            p,
            (
                "referrals_by_method",
                SECTIONS[2],
                "Referrals in, by how they arrived",
                "No referrals in the period.",
            ),
            ("method", "How it arrived", "How the referral arrived"),
            ("referrals", "Referrals"),
            &f.referrals.by_method,
        ),
        need_table(p, &f.referrals.by_need),
        counted_by::<GroupTag>(
            p,
            (
                "referrals_by_group",
                SECTIONS[2],
                "Groups supported (people referred in the period)",
                "No groups recorded for the people referred.",
            ),
            ("group", "Group", "A group the person belongs to"),
            ("people", "People"),
            &f.referrals.by_group,
        ),
        measures(
            "outreach",
            SECTIONS[2],
            "Proactive outreach (people on practice searches' lists, called in the period)",
            vec![
                (
                    "lists_worked",
                    "Lists worked",
                    Fact::Plain(f.outreach.lists_worked),
                ),
                (
                    "people_tried",
                    "People called",
                    p.count(f.outreach.people_tried),
                ),
                ("reached", "Of those, reached", p.count(f.outreach.reached)),
                (
                    "accepted",
                    "Of those, accepted (a referral made)",
                    p.count(f.outreach.accepted),
                ),
                (
                    "declined",
                    "Of those, declined",
                    p.count(f.outreach.declined),
                ),
            ],
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
                    Fact::Plain(f.gaps.stale_assets),
                ),
                (
                    "closed_assets",
                    "Services marked temporarily closed",
                    Fact::Plain(f.gaps.closed_assets),
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
                    "pam_within_year",
                    "PAM: of those, the follow-up within 12 months of the baseline",
                    p.count(pam.pairs_within_year),
                ),
                (
                    "pam_gained_3_pct",
                    "PAM: of those, gained 3 points or more (%)",
                    p.share(Share {
                        num: pam.gained_3_within_year,
                        den: pam.pairs_within_year,
                    }),
                ),
                (
                    "pam_mixed_versions",
                    "PAM: compared across PAM-13 and PAM-10",
                    p.count(pam.mixed_versions),
                ),
                (
                    "episodes_supported",
                    "People supported in the period (a contact that took place)",
                    p.count(o.episodes_supported),
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
                        den: o.episodes_supported,
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
                    Fact::Plain(f.coding.due),
                ),
                (
                    "entered",
                    "Of those, marked entered in the GP record",
                    Fact::Plain(f.coding.entered),
                ),
                (
                    "outstanding",
                    "Of those, still to enter",
                    Fact::Plain(f.coding.outstanding()),
                ),
                (
                    "outstanding_all",
                    "Still to enter, any month up to the period's end",
                    Fact::Plain(f.coding.outstanding_all),
                ),
                (
                    "corrections_waiting",
                    "Corrections waiting in the GP record",
                    Fact::Plain(f.coding.corrections_waiting),
                ),
            ],
        ),
        super::practices::practices_table(p, f),
    ]
    .into_iter()
    .chain(super::reach::reach_tables(p, f))
    .collect()
}

fn contacts_table(p: P, c: &Counts2) -> Draft {
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
    Draft {
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

/// Most given first: the needs are many and their order is the point.
fn need_table(p: P, c: &Counts) -> Draft {
    let mut rows: Vec<(&str, String, u64)> = c
        .iter()
        .filter(|(_, n)| **n > 0)
        .map(|(k, n)| (k.as_str(), need_label(k), *n))
        .collect();
    rows.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(b.0)));
    counted(
        p,
        (
            "referrals_by_need",
            SECTIONS[2],
            "Referrals in, by need",
            "No referrals in the period.",
        ),
        (
            "need",
            "Need",
            "A need or concern given on the referral (one referral may give several)",
        ),
        ("referrals", "Referrals", "Referrals giving this need"),
        rows,
    )
}

/// The categories any of `maps` has, in the vocabulary's order.
fn categories_in<'a, M>(maps: &[&'a std::collections::BTreeMap<String, M>]) -> Vec<&'a str> {
    in_vocab_order::<NeedCategory>(maps.iter().flat_map(|m| m.keys().map(String::as_str)))
}

fn onward_table(p: P, f: &Figures) -> Draft {
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
    Draft {
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

fn barriers_table(p: P, c: &Counts2) -> Draft {
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
    Draft {
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

fn gaps_table(p: P, f: &Figures) -> Draft {
    let g = &f.gaps;
    let cats = categories_in(&[&g.needs_without_onward, &g.no_provision, &g.service_full]);
    Draft {
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

fn full_assets_table(p: P, c: &Counts) -> Draft {
    let mut rows: Vec<(&String, &u64)> = c.iter().collect();
    rows.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    Draft {
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

fn ons4_table(p: P, f: &Figures) -> Draft {
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
    Draft {
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
