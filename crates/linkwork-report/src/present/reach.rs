//! Who is reached: new referrals and people supported by age band, sex and broad ethnic group.
//! Every row of the vocabulary is shown, a zero included (a group not reached is the point), and
//! each column adds up to a figure published elsewhere, so `links.rs` ties them for protection.

use super::*;
use crate::figures::{Figures, ReachCounts};
use linkwork_core::reach::{AgeBand, BroadEthnicGroup, Sex};
use std::collections::BTreeMap;

fn reach_table<V: Vocabulary>(
    p: P,
    (name, title, key, key_about): (&str, &str, &str, &str),
    counts: &BTreeMap<String, ReachCounts>,
) -> Draft {
    let none = ReachCounts::default();
    let mut keys: Vec<&str> = V::ALL.iter().map(|v| v.slug()).collect();
    if counts
        .get("not_recorded")
        .is_some_and(|c| c.referrals + c.supported > 0)
    {
        keys.push("not_recorded");
    }
    let rows = keys
        .into_iter()
        .map(|k| {
            let c = counts.get(k).unwrap_or(&none);
            vec![
                text(k),
                text(label::<V>(k)),
                p.count(c.referrals),
                p.count(c.supported),
            ]
        })
        .collect();
    Draft {
        name: name.into(),
        section: SECTIONS[8].into(),
        title: title.into(),
        columns: vec![
            col(key, "Code", key_about),
            col("label", "Group", "In words"),
            col("referrals", "New referrals", "Received in the period"),
            col(
                "supported",
                "People supported",
                "Episodes with a contact that took place in the period",
            ),
        ],
        rows,
        chart: None,
        empty: "No referrals or people supported in the period.".into(),
    }
}

/// The tables, in the order a commissioner asks.
pub(super) fn reach_tables(p: P, f: &Figures) -> Vec<Draft> {
    vec![
        measures(
            "carers",
            SECTIONS[8],
            "Carers",
            vec![(
                "carers_supported",
                "Carers supported (people seen in the period who care for someone)",
                p.count(f.reach.carers_supported),
            )],
        ),
        reach_table::<AgeBand>(
            p,
            (
                "reach_by_age",
                "Who is reached: by age (on the period's last day)",
                "age_band",
                "The age band",
            ),
            &f.reach.by_age,
        ),
        reach_table::<Sex>(
            p,
            (
                "reach_by_sex",
                "Who is reached: by sex (as the person describes it)",
                "sex",
                "Sex as recorded",
            ),
            &f.reach.by_sex,
        ),
        reach_table::<BroadEthnicGroup>(
            p,
            (
                "reach_by_ethnic_group",
                "Who is reached: by ethnic group (broad groups)",
                "ethnic_group",
                "The broad ethnic group of the NHS Data Dictionary's categories",
            ),
            &f.reach.by_ethnic_group,
        ),
    ]
}

/// The tables' names, for the links that tie their columns to the totals.
pub(super) const REACH_TABLES: [&str; 3] =
    ["reach_by_age", "reach_by_sex", "reach_by_ethnic_group"];
