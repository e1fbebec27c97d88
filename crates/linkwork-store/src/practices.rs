//! The GP practices the link worker serves (Settings), each with its ODS code and GP system.
//! Each person is registered at one (`person.practice_id`), with a history of changes.
//! Invariant: an ODS code is stored only in its checked form, and only once; a person's newest
//! registration is always their current practice.

use crate::{
    audit::{AuditAction, Entity},
    error::StoreError,
    sql::new_id,
    write::{Read, Tx},
    Result,
};
use linkwork_core::{
    ids::PersonId,
    ids::PracticeId,
    practices::{is_ods_code, ods_code, practice_name, Practice, PracticeRegistration},
    vocab::GpSystem,
    ValidationError,
};
use rusqlite::{params, OptionalExtension, Row};

/// A practice as the Settings form sends it: no `id` adds one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PracticeInput {
    pub id: Option<PracticeId>,
    pub name: String,
    pub ods_code: Option<String>,
    pub gp_system: GpSystem,
}

const SELECT: &str = "
    SELECT p.id, p.name, p.ods_code, p.gp_system,
           (SELECT count(*) FROM person WHERE person.practice_id = p.id)
    FROM practice p";

fn practice(r: &Row<'_>) -> rusqlite::Result<Practice> {
    let system: String = r.get(3)?;
    Ok(Practice {
        id: PracticeId::new(r.get::<_, String>(0)?),
        name: r.get(1)?,
        ods_code: r.get(2)?,
        gp_system: GpSystem::from_slug(&system).unwrap_or(GpSystem::Other),
        people: r.get(4)?,
    })
}

/// Every practice, by name.
pub fn list(r: Read<'_>) -> Result<Vec<Practice>> {
    let mut stmt = r
        .conn()
        .prepare_cached(&format!("{SELECT} ORDER BY lower(p.name), p.ods_code"))?;
    let rows = stmt.query_map([], practice)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn get(r: Read<'_>, id: &PracticeId) -> Result<Practice> {
    r.conn()
        .prepare_cached(&format!("{SELECT} WHERE p.id = ?1"))?
        .query_row([id.as_str()], practice)
        .optional()?
        .ok_or(StoreError::NotFound("practice"))
}

/// Adds a practice, or changes one. Its ODS code must be a letter and five digits, and no other
/// practice's; without a code, its name must be no other's.
pub fn save(tx: &Tx<'_>, p: &PracticeInput) -> Result<Practice> {
    let name = practice_name(&p.name)?;
    let code = ods_code("ods_code", p.ods_code.as_deref())?;
    let conn = tx.conn();
    if let Some(code) = &code {
        let other: Option<String> = conn
            .query_row(
                "SELECT name FROM practice WHERE ods_code = ?1 AND id IS NOT ?2",
                params![code, p.id.as_ref().map(PracticeId::as_str)],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(other) = other {
            return Err(ValidationError::new(
                "ods_code",
                format!("{other} already has the ODS code {code}. Open that practice instead."),
            )
            .into());
        }
    } else {
        let taken: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM practice WHERE ods_code IS NULL AND lower(trim(name)) = lower(?1) AND id IS NOT ?2)",
            params![name, p.id.as_ref().map(PracticeId::as_str)],
            |r| r.get(0),
        )?;
        if taken {
            return Err(ValidationError::new(
                "name",
                format!("A practice called {name} is already listed. Give this one its ODS code, or open that one instead."),
            )
            .into());
        }
    }
    let now = tx.now();
    let id = match &p.id {
        Some(id) => {
            let changed = conn.execute(
                "UPDATE practice SET name = ?2, ods_code = ?3, gp_system = ?4, updated_at = ?5 WHERE id = ?1",
                params![id.as_str(), name, code, p.gp_system.slug(), now],
            )?;
            if changed == 0 {
                return Err(StoreError::NotFound("practice"));
            }
            tx.audit(AuditAction::Update, Entity::Practice, Some(id.as_str()))?;
            id.clone()
        }
        None => {
            let id: PracticeId = new_id();
            conn.execute(
                "INSERT INTO practice (id, name, ods_code, gp_system, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
                params![id.as_str(), name, code, p.gp_system.slug(), now],
            )?;
            tx.audit(AuditAction::Create, Entity::Practice, Some(id.as_str()))?;
            id
        }
    };
    get(tx.read(), &id)
}

/// The practice a typed name and code name, by the rule version 17 linked records with: a
/// well-formed code finds the practice with it; otherwise the name finds the practice of that
/// name without a code, or else the one practice of that name. Not found, a name or a well-formed
/// code adds a practice (GP system "other", to be set in Settings). Nothing to go on, only a code
/// that is not well formed, or a name two coded practices share: none.
pub(crate) fn find_or_add(
    tx: &Tx<'_>,
    name: Option<&str>,
    code: Option<&str>,
) -> Result<Option<PracticeId>> {
    let name = name.map(str::trim).filter(|n| !n.is_empty());
    let code = code
        .map(|c| c.split_whitespace().collect::<String>().to_uppercase())
        .filter(|c| is_ods_code(c));
    let conn = tx.conn();
    let found: Option<String> = match (&code, name) {
        (Some(c), _) => conn
            .query_row("SELECT id FROM practice WHERE ods_code = ?1", [c], |r| {
                r.get(0)
            })
            .optional()?,
        (None, Some(n)) => {
            let mut stmt = conn.prepare_cached(
                "SELECT id, ods_code IS NULL FROM practice WHERE lower(trim(name)) = lower(?1)",
            )?;
            let named: Vec<(String, bool)> = stmt
                .query_map([n], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            // The one without a code, or else the only one; two with codes: the name cannot say.
            // Ambiguous: the typed name stays on the record, linked to neither.
            match named.iter().find(|(_, no_code)| *no_code) {
                Some((id, _)) => Some(id.clone()),
                None if named.len() == 1 => Some(named[0].0.clone()),
                None if named.is_empty() => None,
                None => return Ok(None),
            }
        }
        (None, None) => None,
    };
    if let Some(id) = found {
        return Ok(Some(PracticeId::new(id)));
    }
    let Some(name) = name.map(str::to_owned).or_else(|| code.clone()) else {
        return Ok(None);
    };
    let added = save(
        tx,
        &PracticeInput {
            id: None,
            name,
            ods_code: code,
            gp_system: GpSystem::Other,
        },
    )?;
    Ok(Some(added.id))
}

/// The practice of `person`'s newest registration (`Some(None)`: recorded as not known), or
/// `None` when they have no history.
pub(crate) fn newest_registration(
    r: Read<'_>,
    person: &PersonId,
) -> Result<Option<Option<String>>> {
    Ok(r.conn()
        .query_row(
            "SELECT practice_id FROM practice_registration WHERE person_id = ?1
             ORDER BY since DESC, recorded_at DESC, seq DESC LIMIT 1",
            [person.as_str()],
            |r| r.get(0),
        )
        .optional()?)
}

/// Adds to `person`'s history when their practice is not the one their newest entry names.
pub(crate) fn note_registration(
    tx: &Tx<'_>,
    person: &PersonId,
    practice: Option<&PracticeId>,
) -> Result<()> {
    let conn = tx.conn();
    let newest = newest_registration(tx.read(), person)?;
    let now = practice.map(PracticeId::as_str);
    let changed = match &newest {
        Some(was) => was.as_deref() != now,
        // A first entry only once a practice is known.
        None => now.is_some(),
    };
    if changed {
        conn.execute(
            "INSERT INTO practice_registration (id, person_id, practice_id, since, recorded_at, seq)
             VALUES (?1, ?2, ?3, ?4, ?5,
                     1 + (SELECT ifnull(max(seq), 0) FROM practice_registration WHERE person_id = ?2))",
            params![
                new_id::<String>(),
                person.as_str(),
                now,
                tx.today(),
                tx.now()
            ],
        )?;
    }
    Ok(())
}

/// People's practice histories, newest first.
pub(crate) fn registration_rows(
    r: Read<'_>,
    scope: crate::sql::Scope<'_>,
) -> Result<Vec<(String, PracticeRegistration)>> {
    crate::sql::scoped(
        r.conn(),
        "practice_id, (SELECT name FROM practice WHERE practice.id = practice_registration.practice_id),
                (SELECT ods_code FROM practice WHERE practice.id = practice_registration.practice_id), since",
        "practice_registration",
        "person_id",
        None,
        "since DESC, recorded_at DESC, seq DESC",
        scope,
        |r| {
            Ok(PracticeRegistration {
                practice_id: r.get::<_, Option<String>>(0)?.map(PracticeId::new),
                name: r.get(1)?,
                ods_code: r.get(2)?,
                since: r.get(3)?,
            })
        },
    )
}
