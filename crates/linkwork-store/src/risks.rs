//! The risk and safeguarding log: separate concerns, each raised, updated and closed on its own.
//!
//! Invariant: a person's flag is on while any concern is open and not entered in error. Dates are
//! history, never switches: a back-dated entry cannot close anything, only closing a concern does.

use crate::{
    audit::{AuditAction, Entity},
    error::StoreError,
    people::person_name,
    sql::{error_mark, new_id, scoped, slug, Scope},
    write::{Read, Tx},
    Result,
};
use chrono::NaiveDate;
use linkwork_core::{
    caseload::{ConcernView, OpenConcern, RiskEntryView},
    dates::format_date_gb,
    ids::{ConcernId, PersonId, RiskEntryId},
    vocab::{RiskEntryKind, RiskLevel},
    ValidationError,
};
use rusqlite::{params, OptionalExtension, Row};

/// SQL: is the person `{p}` (a column or parameter) flagged? Used by the caseload list too.
pub(crate) fn live_concern_sql(p: &str) -> String {
    format!(
        "EXISTS (SELECT 1 FROM risk_concern rc WHERE rc.person_id = {p}
                 AND rc.closed_on IS NULL AND rc.entered_in_error_at IS NULL)"
    )
}

#[derive(Debug, Clone)]
pub struct ConcernInput {
    pub raised_on: NaiveDate,
    pub raised_by: Option<String>,
    pub concern: String,
    pub level: RiskLevel,
    pub action_taken: Option<String>,
    /// When to look at it again.
    pub review_on: Option<NaiveDate>,
}

/// An update to, or the closing of, one concern.
#[derive(Debug, Clone)]
pub struct ConcernEntryInput {
    pub recorded_on: NaiveDate,
    pub note: String,
    pub action_taken: Option<String>,
    /// A new level (updates only).
    pub level: Option<RiskLevel>,
    /// A new review date (updates only; blank keeps the one set).
    pub review_on: Option<NaiveDate>,
}

struct NewEntry<'a> {
    kind: RiskEntryKind,
    on: NaiveDate,
    text: &'a str,
    action: Option<&'a str>,
    level: Option<RiskLevel>,
}

fn insert_entry(
    tx: &Tx<'_>,
    concern: &ConcernId,
    person: &PersonId,
    e: NewEntry<'_>,
) -> Result<RiskEntryId> {
    let id: RiskEntryId = new_id();
    tx.conn().execute(
        "INSERT INTO risk_entry (id, concern_id, person_id, recorded_on, kind, concern, action_taken, level, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![id.as_str(), concern.as_str(), person.as_str(), e.on, e.kind.slug(), e.text, e.action, e.level.map(|l| l.slug()), tx.now()],
    )?;
    tx.audit(AuditAction::Create, Entity::RiskEntry, Some(id.as_str()))?;
    Ok(id)
}

pub fn raise_concern(tx: &Tx<'_>, person: &PersonId, c: &ConcernInput) -> Result<ConcernId> {
    person_name(tx.read(), person)?;
    let id: ConcernId = new_id();
    tx.conn().execute(
        "INSERT INTO risk_concern (id, person_id, raised_on, raised_by, concern, level, review_on, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
        params![id.as_str(), person.as_str(), c.raised_on, c.raised_by, c.concern, c.level.slug(), c.review_on, tx.now()],
    )?;
    tx.audit(AuditAction::Create, Entity::RiskConcern, Some(id.as_str()))?;
    insert_entry(
        tx,
        &id,
        person,
        NewEntry {
            kind: RiskEntryKind::Raised,
            on: c.raised_on,
            text: &c.concern,
            action: c.action_taken.as_deref(),
            level: Some(c.level),
        },
    )?;
    Ok(id)
}

struct Open {
    person: PersonId,
    raised_on: NaiveDate,
}

/// The concern, if it can still change: open and not entered in error.
fn open_concern(r: Read<'_>, id: &ConcernId) -> Result<Open> {
    let (person, raised_on, closed_on, error_on): (String, NaiveDate, Option<NaiveDate>, Option<String>) = r
        .conn()
        .query_row(
            "SELECT person_id, raised_on, closed_on, substr(entered_in_error_at, 1, 10) FROM risk_concern WHERE id = ?1",
            [id.as_str()],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?
        .ok_or(StoreError::NotFound("concern"))?;
    if let Some(on) = error_on {
        return Err(StoreError::EnteredInError("concern", on));
    }
    if let Some(on) = closed_on {
        return Err(StoreError::ConcernClosed(format_date_gb(on)));
    }
    Ok(Open {
        person: person.into(),
        raised_on,
    })
}

fn not_before_raised(field: &str, on: NaiveDate, raised_on: NaiveDate) -> Result<()> {
    if on < raised_on {
        return Err(ValidationError::new(
            field,
            format!(
                "This concern was raised on {}. Date the entry on or after that day.",
                format_date_gb(raised_on)
            ),
        )
        .into());
    }
    Ok(())
}

/// Adds an update (and optionally a new level) to an open concern.
pub fn update_concern(tx: &Tx<'_>, id: &ConcernId, u: &ConcernEntryInput) -> Result<PersonId> {
    let c = open_concern(tx.read(), id)?;
    not_before_raised("risk_on", u.recorded_on, c.raised_on)?;
    insert_entry(
        tx,
        id,
        &c.person,
        NewEntry {
            kind: RiskEntryKind::Update,
            on: u.recorded_on,
            text: &u.note,
            action: u.action_taken.as_deref(),
            level: u.level,
        },
    )?;
    if let Some(level) = u.level {
        tx.conn().execute(
            "UPDATE risk_concern SET level = ?2, updated_at = ?3 WHERE id = ?1",
            params![id.as_str(), level.slug(), tx.now()],
        )?;
        tx.audit_fields(
            AuditAction::Update,
            Entity::RiskConcern,
            id.as_str(),
            &["level"],
        )?;
    }
    if let Some(review) = u.review_on {
        tx.conn().execute(
            "UPDATE risk_concern SET review_on = ?2, updated_at = ?3 WHERE id = ?1",
            params![id.as_str(), review, tx.now()],
        )?;
        tx.audit_fields(
            AuditAction::Update,
            Entity::RiskConcern,
            id.as_str(),
            &["review_on"],
        )?;
    }
    Ok(c.person)
}

/// Closes one concern; the person's other concerns stay as they are.
pub fn close_concern(tx: &Tx<'_>, id: &ConcernId, u: &ConcernEntryInput) -> Result<PersonId> {
    let c = open_concern(tx.read(), id)?;
    not_before_raised("risk_on", u.recorded_on, c.raised_on)?;
    insert_entry(
        tx,
        id,
        &c.person,
        NewEntry {
            kind: RiskEntryKind::Cleared,
            on: u.recorded_on,
            text: &u.note,
            action: u.action_taken.as_deref(),
            level: None,
        },
    )?;
    tx.conn().execute(
        "UPDATE risk_concern SET closed_on = ?2, updated_at = ?3 WHERE id = ?1",
        params![id.as_str(), u.recorded_on, tx.now()],
    )?;
    tx.audit(AuditAction::Close, Entity::RiskConcern, Some(id.as_str()))?;
    Ok(c.person)
}

/// Every open concern, anyone's (closed episodes and people who died included): reviews overdue
/// first, then high level first, then the oldest.
pub fn open_concerns(r: Read<'_>, today: NaiveDate) -> Result<Vec<OpenConcern>> {
    let mut stmt = r.conn().prepare_cached(
        "SELECT rc.id, p.id, p.given_name, p.family_name, p.nhs_number, rc.concern, rc.level, rc.raised_on,
                rc.review_on, EXISTS (SELECT 1 FROM episode e WHERE e.person_id = p.id AND e.status <> 'closed'),
                p.date_of_death
         FROM risk_concern rc JOIN person p ON p.id = rc.person_id
         WHERE rc.closed_on IS NULL AND rc.entered_in_error_at IS NULL",
    )?;
    let rows = stmt.query_map([], |r| {
        let review_on: Option<NaiveDate> = r.get(8)?;
        Ok(OpenConcern {
            concern_id: r.get::<_, String>(0)?.into(),
            person_id: r.get::<_, String>(1)?.into(),
            name: crate::sql::full_name(&r.get::<_, String>(2)?, &r.get::<_, String>(3)?),
            nhs_number: crate::sql::nhs_display(r.get(4)?),
            concern: r.get(5)?,
            level: r
                .get::<_, Option<String>>(6)?
                .map(|l| slug(l, RiskLevel::from_slug))
                .transpose()?,
            raised_on: r.get(7)?,
            review_overdue: review_on.is_some_and(|d| d < today),
            review_on,
            episode_open: r.get(9)?,
            date_of_death: r.get(10)?,
        })
    })?;
    let mut out: Vec<OpenConcern> = rows.collect::<rusqlite::Result<_>>()?;
    let rank = |l: Option<RiskLevel>| match l {
        Some(RiskLevel::High) => 0,
        Some(RiskLevel::Medium) => 1,
        None => 2,
        Some(RiskLevel::Low) => 3,
    };
    out.sort_by(|a, b| {
        (!a.review_overdue, rank(a.level), a.raised_on, &a.name).cmp(&(
            !b.review_overdue,
            rank(b.level),
            b.raised_on,
            &b.name,
        ))
    });
    Ok(out)
}

fn entry_row(r: &Row) -> rusqlite::Result<(ConcernId, RiskEntryView)> {
    Ok((
        r.get::<_, String>(0)?.into(),
        RiskEntryView {
            id: r.get::<_, String>(1)?.into(),
            recorded_on: r.get(2)?,
            kind: slug(r.get(3)?, RiskEntryKind::from_slug)?,
            concern: r.get(4)?,
            action_taken: r.get(5)?,
            level: r
                .get::<_, Option<String>>(6)?
                .map(|l| slug(l, RiskLevel::from_slug))
                .transpose()?,
            entered_in_error: error_mark(r.get(7)?, r.get(8)?),
        },
    ))
}

/// A person's concerns: open ones first (newest raised first), then closed, then entered in error.
/// Concerns by person (open first, newest first), each with its entries oldest first.
pub(crate) fn concern_rows(r: Read<'_>, scope: Scope<'_>) -> Result<Vec<(String, ConcernView)>> {
    let mut out = scoped(
        r.conn(),
        "id, raised_on, raised_by, concern, level, closed_on, substr(entered_in_error_at, 1, 10), error_reason, review_on",
        "risk_concern",
        "person_id",
        None,
        "entered_in_error_at IS NOT NULL, closed_on IS NOT NULL, raised_on DESC, created_at DESC, rowid DESC",
        scope,
        |r| {
            Ok(ConcernView {
                id: r.get::<_, String>(0)?.into(),
                raised_on: r.get(1)?,
                raised_by: r.get(2)?,
                concern: r.get(3)?,
                level: r
                    .get::<_, Option<String>>(4)?
                    .map(|l| slug(l, RiskLevel::from_slug))
                    .transpose()?,
                closed_on: r.get(5)?,
                review_on: r.get(8)?,
                review_overdue: false,
                live: false,
                entered_in_error: error_mark(r.get(6)?, r.get(7)?),
                entries: vec![],
            })
        },
    )?;
    let at: std::collections::HashMap<String, usize> = out
        .iter()
        .enumerate()
        .map(|(i, (_, c))| (c.id.as_str().to_owned(), i))
        .collect();
    let entries = scoped(
        r.conn(),
        "concern_id, id, recorded_on, kind, concern, action_taken, level, substr(entered_in_error_at, 1, 10), error_reason",
        "risk_entry",
        "person_id",
        None,
        "recorded_on, created_at, rowid",
        scope,
        entry_row,
    )?;
    for (_, (concern, entry)) in entries {
        if let Some(&i) = at.get(concern.as_str()) {
            out[i].1.entries.push(entry);
        }
    }
    Ok(out)
}
