//! Merging two records of one person: everything of `other` moves to `keep`, in one transaction,
//! and `other` is removed. Nothing is lost: a detail `keep` lacks is taken from `other`, and one that
//! differs is written into `keep`'s notes.

use crate::{
    audit::{AuditAction, Entity},
    error::StoreError,
    people::{person_input, take_detail, take_details, PersonInput},
    write::Tx,
    Result,
};
use linkwork_core::{ids::PersonId, vocab::ConsentToShare};
use rusqlite::{params, OptionalExtension};

/// Tables that hang off a person directly; episodes carry contacts, plans, outcomes and onward referrals.
const PERSON_TABLES: &[&str] = &[
    "episode",
    "risk_concern",
    "risk_entry",
    "consent_decision",
    "practice_registration",
    "outreach_entry",
    "case_study",
];

/// How many rows moved from each table (episodes' children move with them and are not listed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merged {
    pub moved: Vec<(&'static str, usize)>,
}

fn name(p: &PersonInput) -> String {
    crate::sql::full_name(&p.given_name, &p.family_name)
}

pub fn merge_people(tx: &Tx<'_>, keep: &PersonId, other: &PersonId) -> Result<Merged> {
    if keep == other {
        return Err(StoreError::MergeRefused(
            "Choose two different records to merge.".into(),
        ));
    }
    let mut k = person_input(tx.read(), keep)?;
    let o = person_input(tx.read(), other)?;
    if let (Some(a), Some(b)) = (&k.nhs_number, &o.nhs_number) {
        if a != b {
            return Err(StoreError::MergeRefused(format!(
                "These records have different NHS numbers ({} and {}), so they are not the same person. Correct the wrong number first if they are.",
                a.formatted(),
                b.formatted()
            )));
        }
    }
    for (id, p) in [(keep, &k), (other, &o)] {
        let draft: Option<i64> = tx
            .conn()
            .query_row(
                "SELECT 1 FROM contact_draft d JOIN episode e ON e.id = d.episode_id WHERE e.person_id = ?1 LIMIT 1",
                [id.as_str()],
                |r| r.get(0),
            )
            .optional()?;
        if draft.is_some() {
            return Err(StoreError::MergeDraftPending(name(p)));
        }
    }
    let open: i64 = tx.conn().query_row(
        "SELECT count(*) FROM episode WHERE person_id IN (?1, ?2) AND status <> 'closed'",
        params![keep.as_str(), other.as_str()],
        |r| r.get(0),
    )?;
    if open > 1 {
        return Err(StoreError::MergeRefused(
            "Both records have an open episode of care. Close one of them first (for example as referred elsewhere, noting the merge), then merge.".into(),
        ));
    }

    let mut moved = vec![];
    for table in PERSON_TABLES {
        let n = tx.conn().execute(
            &format!("UPDATE {table} SET person_id = ?1 WHERE person_id = ?2"),
            params![keep.as_str(), other.as_str()],
        )?;
        moved.push((*table, n));
    }
    crate::reach::merge_profile(tx, keep, other)?;
    let links = crate::carers::merge_links(tx, keep, other)?;
    moved.push(("carer_link", links));
    // Booked on the same group, or on the same session's register, under both records: `keep`'s
    // booking and row stay (the other row's contact stays in its episode, now `keep`'s).
    for table in ["group_member", "group_attendance"] {
        let n = tx.conn().execute(
            &format!("UPDATE OR IGNORE {table} SET person_id = ?1 WHERE person_id = ?2"),
            params![keep.as_str(), other.as_str()],
        )?;
        tx.conn().execute(
            &format!("DELETE FROM {table} WHERE person_id = ?1"),
            [other.as_str()],
        )?;
        moved.push((table, n));
    }
    let tags = tx.conn().execute(
        "INSERT OR IGNORE INTO person_tag (person_id, tag) SELECT ?1, tag FROM person_tag WHERE person_id = ?2",
        params![keep.as_str(), other.as_str()],
    )?;
    moved.push(("person_tag", tags));

    // Details: fill what `keep` lacks; keep a note of anything that differs.
    let mut taken = take_details(&mut k, &o, false);
    k.preferred_contact = k.preferred_contact.or(o.preferred_contact);
    take_detail("notes", &mut k.notes, &o.notes, false, &mut taken);
    let mut differing: Vec<String> = taken
        .into_iter()
        .map(|(label, value)| format!("{label}: {value}"))
        .collect();
    if o.given_name != k.given_name || o.family_name != k.family_name {
        differing.push(format!("name: {}", name(&o)));
    }
    match (k.date_of_birth, o.date_of_birth) {
        (None, Some(d)) => k.date_of_birth = Some(d),
        (Some(a), Some(b)) if a != b => differing.push(format!(
            "date of birth: {}",
            linkwork_core::dates::format_date_gb(b)
        )),
        _ => {}
    }
    if !differing.is_empty() {
        let note = format!("From a merged record: {}.", differing.join("; "));
        k.notes = Some(match k.notes.take() {
            Some(n) => format!("{n}\n{note}"),
            None => note,
        });
    }
    let nhs = k.nhs_number.clone().or(o.nhs_number.clone());
    // The number moves with the person: free it on `other` first (it is UNIQUE).
    tx.conn().execute(
        "UPDATE person SET nhs_number = NULL WHERE id = ?1",
        [other.as_str()],
    )?;
    k.nhs_number = nhs;
    // Consent is whatever the newest decision of either record says.
    let newest: Option<(String, chrono::NaiveDate)> = tx
        .conn()
        .query_row(
            "SELECT decision, decided_on FROM consent_decision WHERE person_id = ?1 AND purpose = 'share_with_gp'
             ORDER BY decided_on DESC, created_at DESC LIMIT 1",
            [keep.as_str()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    if let Some((decision, on)) = newest {
        k.consent_to_share = ConsentToShare::from_slug(&decision).unwrap_or(k.consent_to_share);
        k.consent_recorded_on = Some(on);
    }
    k.tags = crate::people::tags(tx.read(), keep)?;
    crate::people::write_person(tx, keep, &k)?;
    tx.conn()
        .execute("DELETE FROM person WHERE id = ?1", [other.as_str()])?;
    tx.audit(AuditAction::Merge, Entity::Person, Some(other.as_str()))?;
    tx.audit_fields(
        AuditAction::Update,
        Entity::Person,
        keep.as_str(),
        &["merged_record"],
    )?;
    Ok(Merged { moved })
}
