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
    coding::{concept_id_problem, CodeMap, CodeMaps, CodeUse, CodedLine, EnteredMark, MapEntry},
    ids::{PersonId, PracticeId},
    ValidationError,
};
use rusqlite::{params, OptionalExtension};

/// Local codes (from a practice's own template) set for one practice, or for every practice
/// (`None`), by event.
pub fn local_codes(r: Read<'_>, practice: Option<&PracticeId>) -> Result<Vec<MapEntry>> {
    Ok(all_local_codes(r)?
        .into_iter()
        .filter(|(p, _)| p.as_ref() == practice)
        .map(|(_, e)| e)
        .collect())
}

/// Every local code, with the practice it is for (none: every practice), by event.
fn all_local_codes(r: Read<'_>) -> Result<Vec<(Option<PracticeId>, MapEntry)>> {
    let mut stmt = r.conn().prepare_cached(
        "SELECT l.practice_id, p.name, l.code_use, l.concept_id, l.term
         FROM gp_local_code l LEFT JOIN practice p ON p.id = l.practice_id ORDER BY l.code_use",
    )?;
    let rows = stmt.query_map([], |row| {
        Ok((
            row.get::<_, Option<String>>(0)?,
            row.get::<_, Option<String>>(1)?,
            row.get::<_, String>(2)?,
            row.get::<_, String>(3)?,
            row.get::<_, String>(4)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (practice, name, u, concept_id, term) = row?;
        // The CHECK list is the vocabulary: an unknown word cannot be stored.
        if let Some(code_use) = CodeUse::from_slug(&u) {
            let practice = practice.map(PracticeId::new);
            out.push((
                practice.clone(),
                MapEntry {
                    code_use,
                    concept_id,
                    term,
                    rule: "The practice's own code for this event.".into(),
                    source: match name {
                        Some(n) => format!("Added for {n}"),
                        None => "Added for every practice".into(),
                    },
                    local: true,
                    practice_id: practice,
                },
            ));
        }
    }
    Ok(out)
}

/// The events one practice's referrers code: its own list, or `None` when it follows the setting
/// for every practice.
pub fn practice_referrer_codes(r: Read<'_>, practice: &PracticeId) -> Result<Option<Vec<CodeUse>>> {
    let json: Option<Option<String>> = r
        .conn()
        .query_row(
            "SELECT referrer_codes FROM practice WHERE id = ?1",
            [practice.as_str()],
            |r| r.get(0),
        )
        .optional()?;
    let json = json.ok_or(crate::StoreError::NotFound("practice"))?;
    Ok(json.map(|j| serde_json::from_str(&j).unwrap_or_default()))
}

/// Sets the events one practice's referrers code (`None`: as for every practice).
pub fn set_practice_referrer_codes(
    tx: &Tx<'_>,
    practice: &PracticeId,
    uses: Option<&[CodeUse]>,
) -> Result<()> {
    let json = uses.map(|u| serde_json::to_string(u).expect("code uses serialise"));
    if tx.conn().execute(
        "UPDATE practice SET referrer_codes = ?2, updated_at = ?3 WHERE id = ?1",
        params![practice.as_str(), json, tx.now()],
    )? == 0
    {
        return Err(crate::StoreError::NotFound("practice"));
    }
    tx.audit_fields(
        AuditAction::Update,
        Entity::Practice,
        practice.as_str(),
        &["referrer_codes"],
    )
}

/// The maps in use: for every practice, and for each practice with codes or referrer habits of
/// its own. A practice's own code for an event comes before the one for every practice.
pub fn code_maps(r: Read<'_>) -> Result<CodeMaps> {
    let local = all_local_codes(r)?;
    let every: Vec<MapEntry> = local
        .iter()
        .filter(|(p, _)| p.is_none())
        .map(|(_, e)| e.clone())
        .collect();
    let all_referrer = crate::settings::referrer_codes(r)?;
    let mut maps = CodeMaps::single(CodeMap::new(every.clone()).with_referrer_codes(&all_referrer));
    let mut stmt = r
        .conn()
        .prepare_cached("SELECT id, referrer_codes FROM practice")?;
    let practices: Vec<(String, Option<String>)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, referrer) in practices {
        let id = PracticeId::new(id);
        let own: Vec<MapEntry> = local
            .iter()
            .filter(|(p, _)| p.as_ref() == Some(&id))
            .map(|(_, e)| e.clone())
            .collect();
        if own.is_empty() && referrer.is_none() {
            continue;
        }
        let referrer: Vec<CodeUse> = match referrer {
            Some(j) => serde_json::from_str(&j).unwrap_or_default(),
            None => all_referrer.clone(),
        };
        let mut entries = own;
        entries.extend(every.iter().cloned());
        maps.by_practice
            .insert(id, CodeMap::new(entries).with_referrer_codes(&referrer));
    }
    Ok(maps)
}

/// The map one practice's people are coded with (`None`: people with no practice).
pub fn code_map(r: Read<'_>, practice: Option<&PracticeId>) -> Result<CodeMap> {
    Ok(code_maps(r)?.for_practice(practice).clone())
}

fn local_code_key(practice: Option<&PracticeId>, u: CodeUse) -> String {
    match practice {
        Some(p) => format!("{}/{}", p.as_str(), u.slug()),
        None => u.slug().to_string(),
    }
}

/// Adds (or replaces) the local code for one event, for one practice or every practice. Only a
/// SNOMED CT concept id that passes the Verhoeff check gets in.
pub fn set_local_code(
    tx: &Tx<'_>,
    practice: Option<&PracticeId>,
    u: CodeUse,
    concept_id: &str,
    term: &str,
) -> Result<()> {
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
    if let Some(p) = practice {
        crate::practices::get(tx.read(), p)?;
    }
    let key = local_code_key(practice, u);
    tx.conn().execute(
        "INSERT INTO gp_local_code (id, practice_id, code_use, concept_id, term, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (id) DO UPDATE SET concept_id = excluded.concept_id, term = excluded.term",
        params![
            key,
            practice.map(PracticeId::as_str),
            u.slug(),
            concept_id,
            term,
            tx.now()
        ],
    )?;
    tx.audit(AuditAction::Update, Entity::GpLocalCode, Some(&key))
}

pub fn remove_local_code(tx: &Tx<'_>, practice: Option<&PracticeId>, u: CodeUse) -> Result<()> {
    let key = local_code_key(practice, u);
    if tx
        .conn()
        .execute("DELETE FROM gp_local_code WHERE id = ?1", [&key])?
        > 0
    {
        tx.audit(AuditAction::Delete, Entity::GpLocalCode, Some(&key))?;
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
