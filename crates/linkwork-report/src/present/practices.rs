//! The report's table by GP practice: each column adds up to a figure published elsewhere, so
//! `links.rs` ties them for protection.

use super::*;
use crate::figures::{self, Figures};

/// The figures by GP practice: each column adds up to a figure published elsewhere, so it is
/// protected with them. Practices with nothing in the period are left out.
pub(super) fn practices_table(p: P, f: &Figures) -> Draft {
    let mut rows: Vec<(&String, &figures::PracticeFigures)> = f
        .practices
        .iter()
        .filter(|(_, x)| {
            x.new_referrals
                + x.episodes_supported
                + x.contacts_took_place
                + x.life_satisfaction_compared
                > 0
                || !x.days_to_first_contact.is_empty()
        })
        .collect();
    rows.sort_by_key(|(k, x)| (k.as_str() == "not_recorded", x.name.to_lowercase()));
    let rows = rows
        .into_iter()
        .map(|(key, x)| {
            vec![
                text(key.as_str()),
                text(x.name.as_str()),
                p.count(x.new_referrals),
                p.count(x.episodes_supported),
                p.count(x.contacts_took_place),
                Fact::Median {
                    value: figures::median(&x.days_to_first_contact),
                    n: x.days_to_first_contact.values().sum(),
                },
                p.count(x.life_satisfaction_compared),
                p.share(Share {
                    num: x.life_satisfaction_improved,
                    den: x.life_satisfaction_compared,
                }),
            ]
        })
        .collect();
    Draft {
        name: "practices".into(),
        section: SECTIONS[7].into(),
        title: "By GP practice (where each person was registered at the period's end)".into(),
        columns: vec![
            col(
                "practice",
                "Code",
                "The practice's ODS code (its name in lower case when it has none)",
            ),
            col("label", "Practice", "The practice's name"),
            col("new_referrals", "New referrals", "Received in the period"),
            col(
                "episodes_supported",
                "People supported",
                "Episodes with a contact that took place in the period",
            ),
            col(
                "contacts_took_place",
                "Contacts",
                "Contacts that took place in the period",
            ),
            col(
                "median_days_to_first_contact",
                "Median days to first contact",
                "First contacts in the period",
            ),
            col(
                "life_satisfaction_compared",
                "Compared on ONS4 life satisfaction",
                "Baseline and a final or latest record dated in the period",
            ),
            col(
                "life_satisfaction_improved_pct",
                "Life satisfaction improved (%)",
                "Of those compared",
            ),
        ],
        rows,
        chart: None,
        empty: "No referrals, contacts or outcomes in the period.".into(),
    }
}
