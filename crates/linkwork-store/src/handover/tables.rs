//! Which tables a handover carries, and which rows of each belong to the people chosen.

/// The tables a handover carries, in the order they are written, and which of their rows belong
/// to the people chosen: `P` people, `E` their episodes, `O` their onward referrals, `A` the
/// directory entries those referrals use, `R` the practices they are or were registered at.
/// Contact drafts never travel (a handover waits for them).
pub(crate) const TABLES: &[(&str, &str)] = &[
    ("practice", "id IN R"),
    ("person", "id IN P"),
    ("practice_registration", "person_id IN P"),
    ("person_tag", "person_id IN P"),
    ("consent_decision", "person_id IN P"),
    ("risk_concern", "person_id IN P"),
    ("risk_entry", "person_id IN P"),
    ("episode", "person_id IN P"),
    ("episode_need", "episode_id IN E"),
    ("episode_reason", "episode_id IN E"),
    ("contact", "episode_id IN E"),
    ("goal", "episode_id IN E"),
    ("plan_action", "episode_id IN E"),
    ("ons4_record", "episode_id IN E"),
    ("pam_record", "episode_id IN E"),
    ("asset", "id IN A"),
    ("asset_category", "asset_id IN A"),
    ("asset_slot", "asset_id IN A"),
    ("onward_referral", "episode_id IN E"),
    ("onward_referral_barrier", "onward_referral_id IN O"),
    ("gp_line_entered", "person_id IN P"),
    // A carer link travels when everyone it names is handed over.
    (
        "carer_link",
        "(carer_person_id IN P OR cared_for_person_id IN P) AND (carer_person_id IS NULL OR carer_person_id IN P) AND (cared_for_person_id IS NULL OR cared_for_person_id IN P)",
    ),
];

/// Tables with a person or episode that a handover leaves behind, on purpose.
/// A person's place on an outreach list stays with the list, which is the practice's search; a
/// group and its registers stay with the link worker who runs it (the contacts they made travel).
pub const NOT_HANDED_OVER: &[&str] = &[
    "contact_draft",
    "outreach_entry",
    "group_activity",
    "group_member",
    "group_attendance",
    // A case study stays with the link worker who wrote it (for their report).
    "case_study",
];

/// Every table a handover carries (for the schema test that no person's table is forgotten).
pub fn tables() -> impl Iterator<Item = &'static str> {
    TABLES.iter().map(|(t, _)| *t)
}

pub(crate) fn selection(rule: &str) -> String {
    const P: &str = "(SELECT value FROM json_each(?1))";
    let e = format!("(SELECT id FROM episode WHERE person_id IN {P})");
    rule.replace(
        "IN O",
        &format!("IN (SELECT id FROM onward_referral WHERE episode_id IN {e})"),
    )
    .replace(
        "IN A",
        &format!("IN (SELECT asset_id FROM onward_referral WHERE episode_id IN {e})"),
    )
    .replace(
        "IN R",
        &format!("IN (SELECT practice_id FROM person WHERE id IN {P} UNION SELECT practice_id FROM practice_registration WHERE person_id IN {P})"),
    )
    .replace("IN E", &format!("IN {e}"))
    .replace("IN P", &format!("IN {P}"))
}
