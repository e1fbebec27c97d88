//! A handover's practices: matched to the receiver's own, and each person's registration kept
//! true to their practice here after their history arrives.

use super::{damaged, text, Row};
use crate::{write::Tx, Result};
use linkwork_core::ids::{PersonId, PracticeId};
use rusqlite::{Connection, OptionalExtension};
use std::collections::HashMap;

/// Each incoming practice's id here: by id, then by ODS code, then by name (one without a code);
/// a practice not found keeps its own id and is added.
pub(super) fn match_practices(conn: &Connection, rows: &[Row]) -> Result<HashMap<String, String>> {
    let one = |sql: &str, arg: &str| -> Result<Option<String>> {
        Ok(conn.query_row(sql, [arg], |r| r.get(0)).optional()?)
    };
    let mut map = HashMap::new();
    for row in rows {
        let id = text(row, "id").ok_or_else(|| damaged("a practice has no id"))?;
        let here = match (
            one("SELECT id FROM practice WHERE id = ?1", &id)?,
            text(row, "ods_code"),
        ) {
            (Some(h), _) => Some(h),
            (None, Some(code)) => one("SELECT id FROM practice WHERE ods_code = ?1", &code)?,
            (None, None) => one(
                "SELECT id FROM practice WHERE ods_code IS NULL AND lower(trim(name)) = lower(trim(?1))",
                &text(row, "name").unwrap_or_default(),
            )?,
        };
        map.insert(id.clone(), here.unwrap_or(id));
    }
    Ok(map)
}

/// Everyone the handover reached: their newest registration is their practice here, whatever
/// history came with them; a record here with no practice takes the one the history names (a
/// blank filled, nothing overwritten).
pub(super) fn settle_registrations(tx: &Tx<'_>, people: &HashMap<String, String>) -> Result<()> {
    let conn = tx.conn();
    let here: std::collections::BTreeSet<&String> = people.values().collect();
    for person in here {
        let person_id = PersonId::from(person.clone());
        let practice: Option<Option<String>> = conn
            .query_row(
                "SELECT practice_id FROM person WHERE id = ?1",
                [person],
                |r| r.get(0),
            )
            .optional()?;
        let Some(mut practice) = practice else {
            continue;
        };
        if practice.is_none() {
            practice = crate::practices::newest_registration(tx.read(), &person_id)?.flatten();
            if practice.is_some() {
                conn.execute(
                    "UPDATE person SET practice_id = ?2, gp_practice_name = NULL, gp_practice_ods = NULL WHERE id = ?1",
                    rusqlite::params![person, practice],
                )?;
            }
        }
        crate::practices::note_registration(
            tx,
            &person_id,
            practice.map(PracticeId::new).as_ref(),
        )?;
    }
    Ok(())
}
