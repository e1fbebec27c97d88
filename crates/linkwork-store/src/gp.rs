//! GP coding state: the practice's local codes, and which lines were entered in the GP record (and
//! which corrections were done). The rules that make the lines live in `linkwork_core::coding`.

use crate::{
    audit::{AuditAction, Entity},
    write::{Read, Tx},
    Result,
};
use chrono::NaiveDate;
use linkwork_core::{
    caseload::PersonRecord,
    coding::{concept_id_problem, CodeMap, CodeUse, CodedLine, EnteredMark, MapEntry},
    ids::PersonId,
    ValidationError,
};
use rusqlite::{params, OptionalExtension};

/// The practice's own codes, by event.
pub fn local_codes(r: Read<'_>) -> Result<Vec<MapEntry>> {
    let mut stmt = r
        .conn()
        .prepare_cached("SELECT code_use, concept_id, term FROM gp_local_code ORDER BY code_use")?;
    let rows = stmt.query_map([], |row| {
        Ok((
            row.get::<_, String>(0)?,
            row.get::<_, String>(1)?,
            row.get::<_, String>(2)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (u, concept_id, term) = row?;
        // The CHECK list is the vocabulary: an unknown word cannot be stored.
        if let Some(code_use) = CodeUse::from_slug(&u) {
            out.push(MapEntry {
                code_use,
                concept_id,
                term,
                rule: "The practice's own code for this event.".into(),
                source: "Added by the practice".into(),
                local: true,
            });
        }
    }
    Ok(out)
}

/// The map in use: local codes first, then the shipped ones, and the events the practice's
/// referrers code themselves.
pub fn code_map(r: Read<'_>) -> Result<CodeMap> {
    Ok(CodeMap::new(local_codes(r)?).with_referrer_codes(&crate::settings::referrer_codes(r)?))
}

/// Adds (or replaces) the practice's code for one event. Only a SNOMED CT concept id that passes
/// the Verhoeff check gets in.
pub fn set_local_code(tx: &Tx<'_>, u: CodeUse, concept_id: &str, term: &str) -> Result<()> {
    let concept_id = concept_id.trim();
    if let Some(p) = concept_id_problem(concept_id) {
        return Err(ValidationError::new("concept_id", p).into());
    }
    let term = term.trim();
    if term.is_empty() {
        return Err(ValidationError::new(
            "term",
            "Enter the code's term, as the practice's template shows it.",
        )
        .into());
    }
    tx.conn().execute(
        "INSERT INTO gp_local_code (code_use, concept_id, term, created_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (code_use) DO UPDATE SET concept_id = excluded.concept_id, term = excluded.term",
        params![u.slug(), concept_id, term, tx.now()],
    )?;
    tx.audit(AuditAction::Update, Entity::GpLocalCode, Some(u.slug()))
}

pub fn remove_local_code(tx: &Tx<'_>, u: CodeUse) -> Result<()> {
    if tx
        .conn()
        .execute("DELETE FROM gp_local_code WHERE code_use = ?1", [u.slug()])?
        > 0
    {
        tx.audit(AuditAction::Delete, Entity::GpLocalCode, Some(u.slug()))?;
    }
    Ok(())
}

/// Every mark made so far, oldest line first.
pub fn marks(r: Read<'_>) -> Result<Vec<EnteredMark>> {
    // Sorted here: SQLite's sorter, with SQLCipher's memory security on, took longer than the
    // scan (see `sql::scoped_all`).
    let mut stmt = r.conn().prepare_cached(
        "SELECT line_key, person_id, episode_id, line_on, concept_id, term, entered_at, corrected_at,
                line_value, value_known
         FROM gp_line_entered",
    )?;
    let rows = stmt.query_map([], |row| {
        Ok(EnteredMark {
            key: row.get(0)?,
            person_id: row.get::<_, String>(1)?.into(),
            episode_id: row.get::<_, String>(2)?.into(),
            on: row.get(3)?,
            concept_id: row.get(4)?,
            term: row.get(5)?,
            value: row.get(8)?,
            value_known: row.get(9)?,
            entered_at: row.get(6)?,
            corrected_at: row.get(7)?,
        })
    })?;
    let mut marks: Vec<EnteredMark> = rows.collect::<rusqlite::Result<_>>()?;
    marks.sort_by(|a, b| (a.on, &a.key).cmp(&(b.on, &b.key)));
    Ok(marks)
}

/// When each of `keys` was entered in the GP record, for those entered and not since corrected.
pub fn entered_at(r: Read<'_>, keys: &[&str]) -> Result<Vec<(String, String)>> {
    let mut stmt = r.conn().prepare_cached(
        "SELECT entered_at FROM gp_line_entered WHERE line_key = ?1 AND corrected_at IS NULL",
    )?;
    let mut out = Vec::new();
    for k in keys {
        if let Some(at) = stmt
            .query_row([k], |row| row.get::<_, String>(0))
            .optional()?
        {
            out.push((k.to_string(), at));
        }
    }
    Ok(out)
}

/// Marks lines as entered in the GP record (a line already marked keeps its first mark).
pub fn mark_entered(tx: &Tx<'_>, person: &PersonId, lines: &[CodedLine]) -> Result<u32> {
    let mut n = 0;
    for l in lines {
        n += tx.conn().execute(
            "INSERT INTO gp_line_entered (line_key, person_id, episode_id, line_on, concept_id, term, line_value, value_known, entered_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 1, ?8) ON CONFLICT (line_key) DO NOTHING",
            params![l.key, person.as_str(), l.episode_id.as_str(), l.on, l.concept_id, l.term, l.value, tx.now()],
        )? as u32;
    }
    if n > 0 {
        tx.audit(AuditAction::Update, Entity::GpLine, Some(person.as_str()))?;
    }
    Ok(n)
}

/// Takes back marks made by mistake (the "Undo" after marking): the lines are due again. A mark
/// whose correction was recorded stays, as the GP record was changed twice.
pub fn unmark_entered(tx: &Tx<'_>, keys: &[String]) -> Result<u32> {
    let mut n = 0;
    for k in keys {
        n += tx.conn().execute(
            "DELETE FROM gp_line_entered WHERE line_key = ?1 AND corrected_at IS NULL",
            params![k],
        )? as u32;
    }
    if n > 0 {
        tx.audit(AuditAction::Delete, Entity::GpLine, None)?;
    }
    Ok(n)
}

/// The GP record now holds the line as it is today (a changed line was corrected there): the mark
/// takes the line's new date, code and value, so a later change comes back again.
pub fn remark_corrected(tx: &Tx<'_>, person: &PersonId, l: &CodedLine) -> Result<u32> {
    let n = tx.conn().execute(
        "UPDATE gp_line_entered SET person_id = ?2, episode_id = ?3, line_on = ?4, concept_id = ?5, term = ?6,
                line_value = ?7, value_known = 1, entered_at = ?8
         WHERE line_key = ?1 AND corrected_at IS NULL",
        params![l.key, person.as_str(), l.episode_id.as_str(), l.on, l.concept_id, l.term, l.value, tx.now()],
    )? as u32;
    if n > 0 {
        tx.audit(AuditAction::Update, Entity::GpLine, Some(person.as_str()))?;
    }
    Ok(n)
}

/// Marks the GP record corrected for lines whose record has gone (or that no longer carry a code).
pub fn mark_corrected(tx: &Tx<'_>, keys: &[String]) -> Result<u32> {
    let mut n = 0;
    for k in keys {
        n += tx.conn().execute(
            "UPDATE gp_line_entered SET corrected_at = ?2 WHERE line_key = ?1 AND corrected_at IS NULL",
            params![k, tx.now()],
        )? as u32;
    }
    if n > 0 {
        tx.audit(AuditAction::Update, Entity::GpLine, None)?;
    }
    Ok(n)
}

/// Everyone's records as the checklist and the monthly report need them (see
/// [`Detail::Figures`](crate::person_record::Detail::Figures) for what is left out).
pub fn all_records(r: Read<'_>, today: NaiveDate) -> Result<Vec<PersonRecord>> {
    use crate::person_record::{all_person_records, Detail};
    all_person_records(r, today, Detail::Figures)
}
