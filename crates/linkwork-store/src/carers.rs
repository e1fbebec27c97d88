//! Carers: who cares for whom (`carer_link`). Each side is a person here, or one side a name only.

use crate::{
    audit::{AuditAction, Entity},
    error::StoreError,
    sql::{new_id, scoped, Scope},
    write::{Read, Tx},
    Result,
};
use chrono::NaiveDate;
use linkwork_core::{
    carers::{CarerLinkView, CarerRole},
    ids::{CarerLinkId, PersonId},
    ValidationError,
};
use rusqlite::{params, OptionalExtension};

/// A new link, from `person`'s side: they care for, or are cared for by, someone here or a name.
#[derive(Debug, Clone)]
pub struct CarerLinkInput {
    pub person: PersonId,
    pub role: CarerRole,
    pub other_person: Option<PersonId>,
    pub other_name: Option<String>,
    pub relationship: Option<String>,
    pub since: NaiveDate,
}

fn touch(tx: &Tx<'_>, people: &[Option<&str>]) -> Result<()> {
    for p in people.iter().flatten() {
        tx.audit_fields(AuditAction::Update, Entity::Person, p, &["carers"])?;
    }
    Ok(())
}

pub fn add_link(tx: &Tx<'_>, l: &CarerLinkInput) -> Result<CarerLinkId> {
    crate::rights::person_name(tx.read(), &l.person)?;
    match (&l.other_person, &l.other_name) {
        (Some(o), _) if *o == l.person => {
            return Err(ValidationError::new(
                "other_person_id",
                "Choose someone else: a person cannot care for themselves.",
            )
            .into())
        }
        (Some(o), _) => {
            crate::rights::person_name(tx.read(), o)?;
        }
        (None, None) => {
            return Err(ValidationError::new(
                "other_name",
                "Enter their name, or choose them from the caseload.",
            )
            .into())
        }
        (None, Some(_)) => {}
    }
    let other_name = if l.other_person.is_some() {
        None
    } else {
        l.other_name.clone()
    };
    let (carer, cared_for) = match l.role {
        CarerRole::CaresFor => (Some(&l.person), l.other_person.as_ref()),
        CarerRole::CaredForBy => (l.other_person.as_ref(), Some(&l.person)),
    };
    let id: CarerLinkId = new_id();
    tx.conn().execute(
        "INSERT INTO carer_link (id, carer_person_id, cared_for_person_id, other_name, relationship, since, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
        params![
            id.as_str(),
            carer.map(PersonId::as_str),
            cared_for.map(PersonId::as_str),
            other_name,
            l.relationship,
            l.since,
            tx.now()
        ],
    )?;
    tx.audit(AuditAction::Create, Entity::CarerLink, Some(id.as_str()))?;
    touch(
        tx,
        &[carer.map(PersonId::as_str), cared_for.map(PersonId::as_str)],
    )?;
    Ok(id)
}

fn sides(r: Read<'_>, id: &CarerLinkId) -> Result<(Option<String>, Option<String>)> {
    r.conn()
        .query_row(
            "SELECT carer_person_id, cared_for_person_id FROM carer_link WHERE id = ?1",
            [id.as_str()],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?
        .ok_or(StoreError::NotFound("carer link"))
}

/// The caring ended on `on` (kept on both records, as ended).
pub fn end_link(tx: &Tx<'_>, id: &CarerLinkId, on: NaiveDate) -> Result<()> {
    let (a, b) = sides(tx.read(), id)?;
    tx.conn().execute(
        "UPDATE carer_link SET ended_on = ?2, updated_at = ?3 WHERE id = ?1",
        params![id.as_str(), on, tx.now()],
    )?;
    tx.audit(AuditAction::Update, Entity::CarerLink, Some(id.as_str()))?;
    touch(tx, &[a.as_deref(), b.as_deref()])
}

/// The side named only is now `person` (referred in their own right): the name goes.
pub fn link_person(tx: &Tx<'_>, id: &CarerLinkId, person: &PersonId) -> Result<()> {
    crate::rights::person_name(tx.read(), person)?;
    let (a, b) = sides(tx.read(), id)?;
    if a.as_deref() == Some(person.as_str()) || b.as_deref() == Some(person.as_str()) {
        return Ok(());
    }
    let col = match (&a, &b) {
        (None, Some(_)) => "carer_person_id",
        (Some(_), None) => "cared_for_person_id",
        _ => {
            return Err(ValidationError::new(
                "link_id",
                "Both people in this link are on the caseload already.",
            )
            .into())
        }
    };
    tx.conn().execute(
        &format!(
            "UPDATE carer_link SET {col} = ?2, other_name = NULL, updated_at = ?3 WHERE id = ?1"
        ),
        params![id.as_str(), person.as_str(), tx.now()],
    )?;
    tx.audit(AuditAction::Update, Entity::CarerLink, Some(id.as_str()))?;
    touch(tx, &[a.as_deref(), b.as_deref(), Some(person.as_str())])
}

/// Merging two records: links move to the kept one; a link between the two goes.
pub(crate) fn merge_links(tx: &Tx<'_>, keep: &PersonId, other: &PersonId) -> Result<usize> {
    let mut n = 0;
    for col in ["carer_person_id", "cared_for_person_id"] {
        n += tx.conn().execute(
            &format!("UPDATE carer_link SET {col} = ?1 WHERE {col} = ?2"),
            params![keep.as_str(), other.as_str()],
        )?;
    }
    tx.conn().execute(
        "DELETE FROM carer_link WHERE carer_person_id = cared_for_person_id",
        [],
    )?;
    Ok(n)
}

/// Every person's links (or one person's), from their side, current ones first.
pub(crate) fn link_rows(r: Read<'_>, scope: Scope<'_>) -> Result<Vec<(String, CarerLinkView)>> {
    let mut out = vec![];
    for (role, me, them) in [
        (
            CarerRole::CaresFor,
            "carer_person_id",
            "cared_for_person_id",
        ),
        (
            CarerRole::CaredForBy,
            "cared_for_person_id",
            "carer_person_id",
        ),
    ] {
        out.extend(scoped(
            r.conn(),
            &format!(
                "c.id, c.{them}, coalesce(o.given_name || ' ' || o.family_name, c.other_name), c.relationship, c.since, c.ended_on"
            ),
            &format!("carer_link c LEFT JOIN person o ON o.id = c.{them}"),
            &format!("c.{me}"),
            Some(&format!("c.{me} IS NOT NULL")),
            "c.since DESC, c.id",
            scope,
            |row| {
                Ok(CarerLinkView {
                    id: row.get::<_, String>(0)?.into(),
                    role,
                    other_person_id: row.get::<_, Option<String>>(1)?.map(PersonId::new),
                    other_name: row.get::<_, Option<String>>(2)?.unwrap_or_default(),
                    relationship: row.get(3)?,
                    since: row.get(4)?,
                    ended_on: row.get(5)?,
                })
            },
        )?);
    }
    // Stable: each person's links stay together, current ones first, newest first.
    out.sort_by(|(a, x), (b, y)| {
        (a, x.ended_on.is_some(), std::cmp::Reverse(x.since)).cmp(&(
            b,
            y.ended_on.is_some(),
            std::cmp::Reverse(y.since),
        ))
    });
    Ok(out)
}
