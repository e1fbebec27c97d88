//! Caseload handover: a link worker passes people — their episodes, contacts, plans, risks,
//! outcomes, onward referrals, consent history, GP coding marks and the directory entries those
//! use — to a colleague, in one age file encrypted to the colleague's handover key (the public key
//! of their vault's identity).
//!
//! The package is rows, table by table, as the sender's database holds them, so both vaults must
//! be at the same data version. Import is one transaction: people are matched by record id, then
//! by NHS number (merged into the record already here, never duplicated); directory entries by id,
//! then by Open Referral id; a row whose key is already here is kept as it is, so importing the
//! same package twice changes nothing. A preview is the same import, rolled back, so its counts are
//! what the import does. Conflicts (the same record id with a different NHS number, or a second
//! open episode for someone) stop the whole import.
//!
//! The sending vault signs the package (and the handover key it is for) with its signing key; the
//! signature is checked before the package is read, and rows are written only when the receiver
//! has accepted that key ([`crate::colleagues`]). age alone would not do: anyone with the public
//! handover key can encrypt to it.

use crate::{
    assets,
    audit::{AuditAction, Entity},
    episodes,
    error::StoreError,
    migrations,
    write::{Read, Tx},
    Result,
};
use chrono::{DateTime, NaiveDate, Utc};
use linkwork_core::{
    ids::{AssetId, EpisodeId, PersonId},
    vocab::{CloseReason, ConsentToShare},
};
use rusqlite::{types::Value as Sql, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::Value as Json;
use std::{
    collections::{BTreeMap, HashMap},
    io::Write,
};

pub const FORMAT: &str = "linkwork-handover";
pub const VERSION: u32 = 1;

pub(crate) type Row = serde_json::Map<String, Json>;

mod practices;
mod sealed;
mod tables;
pub use sealed::{open, seal, HandoverRecipient, Opened, Opener};
pub(crate) use tables::{selection, TABLES};
pub use tables::{tables, NOT_HANDED_OVER};

/// What travels, inside the age encryption.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Package {
    pub format: String,
    pub version: u32,
    /// The sender's data version; the receiver's must be the same.
    pub schema_version: u32,
    pub created_at: DateTime<Utc>,
    /// The sender's name, as set in their Settings.
    pub from: Option<String>,
    /// Rows per table.
    pub tables: BTreeMap<String, Vec<Row>>,
}

fn json_of(v: rusqlite::types::ValueRef<'_>) -> Json {
    use rusqlite::types::ValueRef::*;
    match v {
        Null => Json::Null,
        Integer(i) => Json::from(i),
        Real(f) => serde_json::Number::from_f64(f).map_or(Json::Null, Json::Number),
        Text(t) => Json::String(String::from_utf8_lossy(t).into_owned()),
        // No Linkwork table holds binary data.
        Blob(b) => Json::String(hex::encode(b)),
    }
}

/// The rows of `tables` (each with its selection rule, as in [`TABLES`]) about `people`.
pub(crate) fn rows_about(
    conn: &rusqlite::Connection,
    people: &[PersonId],
    tables: &[(&str, &str)],
) -> Result<BTreeMap<String, Vec<Row>>> {
    let ids = Json::from(people.iter().map(|p| p.as_str()).collect::<Vec<_>>()).to_string();
    let mut out = BTreeMap::new();
    for (table, rule) in tables {
        let mut stmt = conn.prepare(&format!(
            "SELECT * FROM {table} WHERE {} ORDER BY 1",
            selection(rule)
        ))?;
        let names: Vec<String> = stmt.column_names().iter().map(|s| s.to_string()).collect();
        let rows = stmt
            .query_map([&ids], |row| {
                let mut r = Row::new();
                for (i, n) in names.iter().enumerate() {
                    r.insert(n.clone(), json_of(row.get_ref(i)?));
                }
                Ok(r)
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        out.insert(table.to_string(), rows);
    }
    Ok(out)
}

/// Everyone with an open episode: what "hand over my whole caseload" means.
pub fn open_people(r: Read<'_>) -> Result<Vec<PersonId>> {
    let mut stmt = r.conn().prepare(
        "SELECT p.id FROM person p JOIN episode e ON e.person_id = p.id
         WHERE e.status <> 'closed' ORDER BY lower(p.family_name), lower(p.given_name), p.id",
    )?;
    let ids = stmt
        .query_map([], |row| row.get::<_, String>(0))?
        .map(|r| r.map(PersonId::new))
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

/// Records in the audit trail that these people's records were sealed for a colleague.
pub fn audit_export(tx: &Tx<'_>, people: &[PersonId]) -> Result<()> {
    for p in people {
        tx.audit(AuditAction::Export, Entity::Person, Some(p.as_str()))?;
    }
    Ok(())
}

/// Everything about `people` that a colleague needs to carry on, as rows.
pub fn package(
    r: Read<'_>,
    people: &[PersonId],
    from: Option<String>,
    now: DateTime<Utc>,
) -> Result<Package> {
    let conn = r.conn();
    for p in people {
        let name: Option<String> = conn
            .query_row(
                "SELECT given_name || ' ' || family_name FROM person WHERE id = ?1",
                [p.as_str()],
                |r| r.get(0),
            )
            .optional()?;
        let name = name.ok_or(StoreError::NotFound("person"))?;
        let draft: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM contact_draft d JOIN episode e ON e.id = d.episode_id WHERE e.person_id = ?1)",
            [p.as_str()],
            |r| r.get(0),
        )?;
        if draft {
            return Err(StoreError::HandoverDraftPending(name));
        }
    }
    let tables = rows_about(conn, people, TABLES)?;
    Ok(Package {
        format: FORMAT.into(),
        version: VERSION,
        schema_version: migrations::version_of(conn)?,
        created_at: now,
        from,
        tables,
    })
}

fn damaged(reason: &str) -> StoreError {
    StoreError::HandoverDamaged(reason.into())
}

/// How an incoming person was matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Matched {
    /// Not here yet: added.
    New,
    /// The same record (by id): a second handover, or one handed back.
    SameRecord,
    /// Someone here with the same NHS number: merged into their record.
    SameNhsNumber,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonOutcome {
    pub name: String,
    pub nhs_number: Option<String>,
    pub matched: Matched,
    /// Why this person stops the import, if they do.
    pub conflict: Option<String>,
    /// Episodes in the package for them.
    pub episodes: u32,
    /// They were erased from this vault (or removed after the retention period) before: the
    /// import leaves them out unless told to bring them back.
    pub erased: Option<crate::rights::ErasedHere>,
}

/// What an import does with people erased from this vault before.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ErasedChoice {
    /// Leave them, and everything about them, out (erased stays erased).
    #[default]
    LeaveOut,
    /// Bring them back, on purpose: their erasure record goes.
    BringBack,
}

/// The package without these people (by their id in the package) and every row about them, by
/// the same rules that chose the rows; directory entries stay.
fn without(p: &Package, people: &[String]) -> Package {
    let text_in =
        |row: &Row, col: &str, set: &[String]| text(row, col).is_some_and(|v| set.contains(&v));
    let none = Vec::new();
    let episodes: Vec<String> = p
        .tables
        .get("episode")
        .unwrap_or(&none)
        .iter()
        .filter(|e| text_in(e, "person_id", people))
        .filter_map(|e| text(e, "id"))
        .collect();
    let onward: Vec<String> = p
        .tables
        .get("onward_referral")
        .unwrap_or(&none)
        .iter()
        .filter(|o| text_in(o, "episode_id", &episodes))
        .filter_map(|o| text(o, "id"))
        .collect();
    let mut out = p.clone();
    for (table, rule) in TABLES {
        let Some((col, set)) = rule.split_once(" IN ") else {
            continue;
        };
        let set: &[String] = match set {
            "P" => people,
            "E" => &episodes,
            "O" => &onward,
            _ => continue,
        };
        if let Some(rows) = out.tables.get_mut(*table) {
            rows.retain(|r| !text_in(r, col, set));
        }
    }
    out
}

/// What an import did (or, in a preview, would do).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    pub from: Option<String>,
    pub created_at: DateTime<Utc>,
    pub people: Vec<PersonOutcome>,
    /// Rows added per table.
    pub added: BTreeMap<String, u64>,
    /// Rows already here (kept as they are) per table.
    pub already: BTreeMap<String, u64>,
}

impl Imported {
    pub fn conflicts(&self) -> Vec<&PersonOutcome> {
        self.people
            .iter()
            .filter(|p| p.conflict.is_some())
            .collect()
    }
}

fn text(row: &Row, col: &str) -> Option<String> {
    row.get(col).and_then(Json::as_str).map(str::to_owned)
}

fn entity_of(table: &str) -> Option<Entity> {
    Some(match table {
        "person" => Entity::Person,
        "episode" => Entity::Episode,
        "contact" => Entity::Contact,
        "goal" => Entity::Goal,
        "plan_action" => Entity::PlanAction,
        "risk_entry" => Entity::RiskEntry,
        "risk_concern" => Entity::RiskConcern,
        "consent_decision" => Entity::ConsentDecision,
        "ons4_record" => Entity::Ons4Record,
        "pam_record" => Entity::PamRecord,
        "asset" => Entity::Asset,
        "practice" => Entity::Practice,
        "onward_referral" => Entity::OnwardReferral,
        _ => return None,
    })
}

fn sql_of(v: &Json) -> Result<Sql> {
    Ok(match v {
        Json::Null => Sql::Null,
        Json::Bool(b) => Sql::Integer(i64::from(*b)),
        Json::Number(n) => match n.as_i64() {
            Some(i) => Sql::Integer(i),
            None => Sql::Real(
                n.as_f64()
                    .ok_or_else(|| damaged("it holds a number out of range"))?,
            ),
        },
        Json::String(s) => Sql::Text(s.clone()),
        _ => return Err(damaged("it holds a value no table takes")),
    })
}

/// Column names, and the primary key's, of a table here.
fn columns(tx: &Tx<'_>, table: &str) -> Result<(Vec<String>, Vec<String>)> {
    let mut stmt = tx
        .conn()
        .prepare("SELECT name, pk FROM pragma_table_info(?1) ORDER BY pk, cid")?;
    let rows: Vec<(String, i64)> = stmt
        .query_map([table], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let pk = rows
        .iter()
        .filter(|(_, k)| *k > 0)
        .map(|(n, _)| n.clone())
        .collect();
    Ok((rows.into_iter().map(|(n, _)| n).collect(), pk))
}

/// Imports a package in `tx`. With conflicts nothing is written and the result lists them; the
/// caller refuses (an import) or shows them (a preview). People erased from this vault before
/// are flagged, and left out or brought back as `erased` says.
pub fn apply(tx: &Tx<'_>, p: &Package, erased: ErasedChoice) -> Result<Imported> {
    let mut flagged = HashMap::new();
    let none = Vec::new();
    for row in p.tables.get("person").unwrap_or(&none) {
        let id = text(row, "id").unwrap_or_default();
        let nhs = text(row, "nhs_number");
        if let Some(e) = crate::rights::erased_before(tx.conn(), &id, nhs.as_deref())? {
            flagged.insert(id, (nhs, e));
        }
    }
    let leave_out = erased == ErasedChoice::LeaveOut && !flagged.is_empty();
    // Copied only when someone is left out: a whole caseload's package is megabytes.
    let written = if leave_out {
        std::borrow::Cow::Owned(without(p, &flagged.keys().cloned().collect::<Vec<_>>()))
    } else {
        std::borrow::Cow::Borrowed(p)
    };
    let result = apply_rows(tx, p, &written, &flagged, leave_out)?;
    if erased == ErasedChoice::BringBack && result.conflicts().is_empty() {
        for (id, (nhs, _)) in &flagged {
            crate::rights::forget_erased(tx, id, nhs.as_deref())?;
        }
    }
    Ok(result)
}

type Flagged = HashMap<String, (Option<String>, crate::rights::ErasedHere)>;

/// Outcomes for everyone in `full`; rows written from `written` (the same package, or it without
/// the people left out).
fn apply_rows(
    tx: &Tx<'_>,
    full: &Package,
    written: &Package,
    flagged: &Flagged,
    leave_out: bool,
) -> Result<Imported> {
    let p = full;
    let conn = tx.conn();
    let none = Vec::new();
    let rows = |t: &str| p.tables.get(t).unwrap_or(&none);

    // People: by id, then by NHS number.
    let mut people_map: HashMap<String, String> = HashMap::new();
    let mut outcomes = Vec::new();
    for row in rows("person") {
        let id = text(row, "id").ok_or_else(|| damaged("a person has no id"))?;
        let nhs = text(row, "nhs_number");
        let name = format!(
            "{} {}",
            text(row, "given_name").unwrap_or_default(),
            text(row, "family_name").unwrap_or_default()
        );
        let by_id: Option<Option<String>> = conn
            .query_row("SELECT nhs_number FROM person WHERE id = ?1", [&id], |r| {
                r.get(0)
            })
            .optional()?;
        let by_nhs: Option<String> = match &nhs {
            Some(n) => conn
                .query_row("SELECT id FROM person WHERE nhs_number = ?1", [n], |r| {
                    r.get(0)
                })
                .optional()?,
            None => None,
        };
        let (matched, here, mut conflict) = match (by_id, by_nhs) {
            (Some(Some(here_nhs)), _) if nhs.as_ref().is_some_and(|n| *n != here_nhs) => (
                Matched::SameRecord,
                id.clone(),
                Some("this record is here already with a different NHS number".to_string()),
            ),
            (Some(_), _) => (Matched::SameRecord, id.clone(), None),
            (None, Some(local)) => (Matched::SameNhsNumber, local, None),
            (None, None) => (Matched::New, id.clone(), None),
        };
        // One open episode per person: a second one here would have to be closed first.
        for e in rows("episode")
            .iter()
            .filter(|e| text(e, "person_id").as_deref() == Some(id.as_str()))
        {
            if text(e, "status").as_deref() == Some("closed") {
                continue;
            }
            let open_here: Option<String> = conn
                .query_row(
                    "SELECT id FROM episode WHERE person_id = ?1 AND status <> 'closed'",
                    [&here],
                    |r| r.get(0),
                )
                .optional()?;
            if open_here.is_some_and(|o| Some(o) != text(e, "id")) && conflict.is_none() {
                conflict = Some(
                    "they have an open episode here already: close one of the two first".into(),
                );
            }
        }
        let episodes = rows("episode")
            .iter()
            .filter(|e| text(e, "person_id").as_deref() == Some(id.as_str()))
            .count() as u32;
        let erased = flagged.get(&id).map(|(_, e)| e.clone());
        if leave_out && erased.is_some() {
            // Left out: nothing of theirs is written, so nothing of theirs can conflict.
            conflict = None;
        }
        people_map.insert(id, here);
        outcomes.push(PersonOutcome {
            name,
            nhs_number: nhs,
            matched,
            conflict,
            episodes,
            erased,
        });
    }
    let mut result = Imported {
        from: p.from.clone(),
        created_at: p.created_at,
        people: outcomes,
        added: BTreeMap::new(),
        already: BTreeMap::new(),
    };
    if !result.conflicts().is_empty() {
        return Ok(result);
    }
    // From here on, only what is written.
    let rows = |t: &str| written.tables.get(t).unwrap_or(&none);

    let practice_map = practices::match_practices(conn, rows("practice"))?;

    // Directory entries: by id, then by Open Referral id.
    let mut asset_map: HashMap<String, String> = HashMap::new();
    for row in rows("asset") {
        let id = text(row, "id").ok_or_else(|| damaged("a directory entry has no id"))?;
        let here: Option<String> = conn
            .query_row("SELECT id FROM asset WHERE id = ?1", [&id], |r| r.get(0))
            .optional()?;
        let here = match (here, text(row, "oruk_id")) {
            (Some(h), _) => Some(h),
            (None, Some(o)) => conn
                .query_row("SELECT id FROM asset WHERE oruk_id = ?1", [&o], |r| {
                    r.get(0)
                })
                .optional()?,
            (None, None) => None,
        };
        asset_map.insert(id.clone(), here.unwrap_or(id));
    }

    let mut new_assets = Vec::new();
    let mut consent_added = std::collections::BTreeSet::new();
    for (table, _) in TABLES {
        let (cols_here, pk) = columns(tx, table)?;
        for row in rows(table) {
            // A directory entry matched to one here keeps its own categories and times.
            if matches!(*table, "asset_category" | "asset_slot") {
                let a = text(row, "asset_id").unwrap_or_default();
                if asset_map.get(&a).is_some_and(|to| *to != a) {
                    *result.already.entry(table.to_string()).or_default() += 1;
                    continue;
                }
            }
            let mut row = row.clone();
            for (col, map) in [
                ("person_id", &people_map),
                ("carer_person_id", &people_map),
                ("cared_for_person_id", &people_map),
                ("asset_id", &asset_map),
                ("practice_id", &practice_map),
            ] {
                if let Some(Json::String(v)) = row.get(col) {
                    if let Some(to) = map.get(v) {
                        row.insert(col.into(), Json::String(to.clone()));
                    }
                }
            }
            // A matched person, practice or directory entry keeps the record here; only its
            // children come.
            if matches!(*table, "person" | "asset" | "practice") {
                let id = text(&row, "id").unwrap_or_default();
                let map = match *table {
                    "person" => &people_map,
                    "practice" => &practice_map,
                    _ => &asset_map,
                };
                if map.get(&id).is_some_and(|to| *to != id) {
                    *result.already.entry(table.to_string()).or_default() += 1;
                    continue;
                }
            }
            if let Some(c) = row.keys().find(|c| !cols_here.contains(c)) {
                return Err(damaged(&format!(
                    "{table} has a column {c} this vault does not know"
                )));
            }
            let key: Vec<Sql> = pk
                .iter()
                .map(|c| sql_of(row.get(c).unwrap_or(&Json::Null)))
                .collect::<Result<_>>()?;
            let exists: bool = conn.query_row(
                &format!(
                    "SELECT EXISTS (SELECT 1 FROM {table} WHERE {})",
                    pk.iter()
                        .enumerate()
                        .map(|(i, c)| format!("\"{c}\" = ?{}", i + 1))
                        .collect::<Vec<_>>()
                        .join(" AND ")
                ),
                rusqlite::params_from_iter(key.iter()),
                |r| r.get(0),
            )?;
            if exists {
                *result.already.entry(table.to_string()).or_default() += 1;
                continue;
            }
            let names: Vec<&String> = row.keys().collect();
            let values: Vec<Sql> = row.values().map(sql_of).collect::<Result<_>>()?;
            conn.execute(
                &format!(
                    "INSERT INTO {table} ({}) VALUES ({})",
                    names
                        .iter()
                        .map(|n| format!("\"{n}\""))
                        .collect::<Vec<_>>()
                        .join(", "),
                    (1..=names.len())
                        .map(|i| format!("?{i}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                rusqlite::params_from_iter(values.iter()),
            )
            .map_err(|e| damaged(&format!("a row of {table} does not fit here ({e})")))?;
            *result.added.entry(table.to_string()).or_default() += 1;
            if *table == "consent_decision" {
                consent_added.extend(text(&row, "person_id"));
            }
            if let (Some(entity), Some(id)) = (entity_of(table), text(&row, "id")) {
                tx.audit(AuditAction::Import, entity, Some(&id))?;
            }
            if *table == "asset" {
                new_assets.push(AssetId::from(text(&row, "id").unwrap_or_default()));
            }
        }
    }
    for a in &new_assets {
        assets::reindex(tx, a)?;
    }
    practices::settle_registrations(tx, &people_map)?;
    // A person's recorded consent is always their newest decision, whichever worker took it.
    for person in consent_added {
        let newest: Option<(String, String)> = conn
            .query_row(
                "SELECT decision, decided_on FROM consent_decision WHERE person_id = ?1 AND purpose = 'share_with_gp'
                 ORDER BY decided_on DESC, created_at DESC LIMIT 1",
                [&person],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        if let Some((decision, on)) = newest {
            if ConsentToShare::from_slug(&decision).is_some() {
                let changed = conn.execute(
                    "UPDATE person SET consent_to_share = ?2, consent_recorded_on = ?3, updated_at = ?4
                     WHERE id = ?1 AND (consent_to_share IS NOT ?2 OR consent_recorded_on IS NOT ?3)",
                    rusqlite::params![person, decision, on, tx.now()],
                )?;
                if changed > 0 {
                    tx.audit_fields(
                        AuditAction::Update,
                        Entity::Person,
                        &person,
                        &["consent_to_share"],
                    )?;
                }
            }
        }
    }
    Ok(result)
}

/// After a handover: closes each of these people's open episodes as "handed over" on `on`.
/// Returns how many were closed.
pub fn close_handed_over(
    tx: &Tx<'_>,
    people: &[PersonId],
    on: NaiveDate,
    to: Option<&str>,
) -> Result<u32> {
    let note = match to {
        Some(name) => format!("Handed over to {name}."),
        None => "Handed over to another link worker.".to_string(),
    };
    let mut closed = 0;
    for p in people {
        let open: Option<String> = tx
            .conn()
            .query_row(
                "SELECT id FROM episode WHERE person_id = ?1 AND status <> 'closed'",
                [p.as_str()],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(e) = open {
            episodes::close_episode(
                tx,
                &EpisodeId::new(e),
                on,
                CloseReason::HandedOver,
                Some(&note),
            )?;
            closed += 1;
        }
    }
    Ok(closed)
}

/// Writes a sealed package through `out` (for [`crate::files::save`]).
pub fn write_to(bytes: &[u8]) -> impl FnOnce(&mut dyn Write) -> Result<()> + '_ {
    move |out| {
        out.write_all(bytes)
            .map_err(|e| StoreError::io("write", "the handover", e))
    }
}
