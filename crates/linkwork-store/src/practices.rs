//! The GP practices the link worker serves (Settings), each with its ODS code and GP system.
//! People's records still name their practice as typed; a practice counts the records that name
//! it (by code, or by name where a record has no well-formed code).
//! Invariant: an ODS code is stored only in its checked form, and only once.

use crate::{
    audit::{AuditAction, Entity},
    error::StoreError,
    sql::new_id,
    write::{Read, Tx},
    Result,
};
use linkwork_core::{
    ids::PracticeId,
    practices::{ods_code, practice_name, Practice},
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

// Which practice a record names: the one with its code, when the record's code is well formed;
// otherwise the practice of its name without a code, or else the one practice of that name with
// a code. Records naming neither are counted nowhere.
const SELECT: &str = "
    WITH named AS (
        SELECT CASE WHEN upper(replace(trim(gp_practice_ods), ' ', '')) GLOB '[A-Z][0-9][0-9][0-9][0-9][0-9]'
                    THEN upper(replace(trim(gp_practice_ods), ' ', '')) END AS code,
               lower(trim(gp_practice_name)) AS name
        FROM person
    )
    SELECT p.id, p.name, p.ods_code, p.gp_system,
           (SELECT count(*) FROM named n WHERE
               CASE WHEN n.code IS NOT NULL THEN n.code = p.ods_code
                    WHEN n.name IS NULL OR n.name <> lower(trim(p.name)) THEN 0
                    WHEN p.ods_code IS NULL THEN 1
                    ELSE NOT EXISTS (SELECT 1 FROM practice q WHERE q.id <> p.id
                                       AND lower(trim(q.name)) = n.name) END)
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
