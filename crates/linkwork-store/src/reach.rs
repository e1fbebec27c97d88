//! Who the service reaches: a person's optional details (sex, ethnic group, first language and
//! interpreter, disability, deprivation decile), kept on the person's row and changed only here.

use crate::{
    audit::{AuditAction, Entity},
    error::StoreError,
    sql::{scoped, slug, Scope},
    write::{Read, Tx},
    Result,
};
use linkwork_core::{
    ids::PersonId,
    reach::{Disability, EthnicGroup, PersonProfile, Sex},
};
use rusqlite::params;

const COLUMNS: &str =
    "sex, ethnic_group, first_language, interpreter_needed, disability, imd_decile";

fn optional<T>(s: Option<String>, from: fn(&str) -> Option<T>) -> rusqlite::Result<Option<T>> {
    s.map(|s| slug(s, from)).transpose()
}

/// Everyone's (or one person's) details, for people with any recorded.
pub(crate) fn profile_rows(r: Read<'_>, scope: Scope<'_>) -> Result<Vec<(String, PersonProfile)>> {
    scoped(
        r.conn(),
        COLUMNS,
        "person",
        "id",
        Some("coalesce(sex, ethnic_group, first_language, interpreter_needed, disability, imd_decile) IS NOT NULL"),
        "id",
        scope,
        |row| {
            Ok(PersonProfile {
                sex: optional(row.get(0)?, Sex::from_slug)?,
                ethnic_group: optional(row.get(1)?, EthnicGroup::from_slug)?,
                first_language: row.get(2)?,
                interpreter_needed: row.get(3)?,
                disability: optional(row.get(4)?, Disability::from_slug)?,
                imd_decile: row.get(5)?,
            })
        },
    )
}

/// Replaces the person's details with `p` (a field left out is no longer recorded).
pub fn set_profile(tx: &Tx<'_>, person: &PersonId, p: &PersonProfile) -> Result<()> {
    let n = tx.conn().execute(
        "UPDATE person SET sex = ?2, ethnic_group = ?3, first_language = ?4, interpreter_needed = ?5,
                disability = ?6, imd_decile = ?7, updated_at = ?8 WHERE id = ?1",
        params![
            person.as_str(),
            p.sex.map(Sex::slug),
            p.ethnic_group.map(EthnicGroup::slug),
            p.first_language,
            p.interpreter_needed,
            p.disability.map(Disability::slug),
            p.imd_decile,
            tx.now()
        ],
    )?;
    if n == 0 {
        return Err(StoreError::NotFound("person"));
    }
    tx.audit_fields(
        AuditAction::Update,
        Entity::Person,
        person.as_str(),
        &["profile"],
    )
}

/// Merging two records: each detail `keep` lacks is taken from `other` (none is ever lost).
pub(crate) fn merge_profile(tx: &Tx<'_>, keep: &PersonId, other: &PersonId) -> Result<()> {
    let set: Vec<String> = COLUMNS
        .split(", ")
        .map(|c| format!("{c} = coalesce({c}, (SELECT {c} FROM person WHERE id = ?2))"))
        .collect();
    tx.conn().execute(
        &format!("UPDATE person SET {} WHERE id = ?1", set.join(", ")),
        params![keep.as_str(), other.as_str()],
    )?;
    Ok(())
}
