//! A person's rights over what is held about them: a copy of everything (subject access), erasure,
//! and the retention limit after which closed episodes are removed.
//!
//! Invariant: which rows are "about a person" is decided in one place, the handover's table list
//! (plus the drafts a handover leaves behind), so a table added for a person is copied, handed
//! over and erased alike; a schema test fails for a table in none of them.

use crate::{
    audit::{self, AuditAction, AuditEntry, Entity},
    error::StoreError,
    handover::{self, Row},
    write::{Read, Tx},
    Result,
};
use chrono::{DateTime, NaiveDate, Utc};
use linkwork_core::ids::{EpisodeId, PersonId};
use rusqlite::OptionalExtension;
use serde_json::Value as Json;
use std::collections::BTreeMap;

/// Tables shared by everyone: copied out for context (the services a person was referred to,
/// their practices, the groups they were booked on), never erased with a person.
const DIRECTORY: &[&str] = &[
    "asset",
    "asset_category",
    "asset_slot",
    "practice",
    "group_activity",
];

/// Every table about a person, in an order that is safe to delete from backwards.
fn person_tables() -> Vec<(&'static str, &'static str)> {
    // A carer link is about each person it names, whoever else it names.
    let mut t: Vec<_> = handover::TABLES
        .iter()
        .filter(|(table, _)| *table != "carer_link")
        .copied()
        .collect();
    t.push(("contact_draft", "episode_id IN E"));
    // Their rows on outreach lists, and the calls made to them.
    t.push(("outreach_entry", "person_id IN P"));
    t.push((
        "outreach_attempt",
        "entry_id IN (SELECT id FROM outreach_entry WHERE person_id IN P)",
    ));
    // Their bookings on groups, and their register rows (by contact, so that removing an
    // episode's contacts removes the rows that name them).
    t.push((
        "group_activity",
        "id IN (SELECT group_id FROM group_member WHERE person_id IN P)",
    ));
    t.push(("group_member", "person_id IN P"));
    t.push(("case_study", "person_id IN P"));
    // Every link naming them (the handover carries only those naming no one else here).
    t.push((
        "carer_link",
        "carer_person_id IN P OR cared_for_person_id IN P",
    ));
    t.push((
        "group_attendance",
        "contact_id IN (SELECT id FROM contact WHERE episode_id IN E)",
    ));
    t
}

/// Everything held about one person.
#[derive(Debug, Clone)]
pub struct SubjectAccess {
    pub person_id: PersonId,
    pub name: String,
    pub generated_at: DateTime<Utc>,
    /// Rows per table (the directory entries they were referred to included).
    pub tables: BTreeMap<String, Vec<Row>>,
    /// What was done to their records, and when (no content: the audit trail never holds any).
    pub audit: Vec<AuditEntry>,
}

pub fn person_name(r: Read<'_>, person: &PersonId) -> Result<String> {
    r.conn()
        .query_row(
            "SELECT given_name || ' ' || family_name FROM person WHERE id = ?1",
            [person.as_str()],
            |row| row.get(0),
        )
        .optional()?
        .ok_or(StoreError::NotFound("person"))
}

/// A copy of every row about `person`, and the audit events about any of those rows.
pub fn subject_access(r: Read<'_>, person: &PersonId, now: DateTime<Utc>) -> Result<SubjectAccess> {
    let name = person_name(r, person)?;
    let tables = handover::rows_about(r.conn(), std::slice::from_ref(person), &person_tables())?;
    let mut ids = vec![person.as_str().to_owned()];
    for (table, rows) in &tables {
        if DIRECTORY.contains(&table.as_str()) {
            continue;
        }
        ids.extend(
            rows.iter()
                .filter_map(|row| row.get("id").and_then(Json::as_str).map(str::to_owned)),
        );
    }
    ids.sort();
    ids.dedup();
    Ok(SubjectAccess {
        person_id: person.clone(),
        name,
        generated_at: now,
        tables,
        audit: audit::about(r, &ids)?,
    })
}

/// Records in the audit trail that a subject access copy was made.
pub fn audit_subject_access(tx: &Tx<'_>, person: &PersonId) -> Result<()> {
    tx.audit(
        AuditAction::SubjectAccess,
        Entity::Person,
        Some(person.as_str()),
    )
}

/// How many rows an erasure or purge removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Removed {
    pub rows: u64,
    pub episodes: u64,
    pub people: u64,
}

/// Deletes every row about `person` (including drafts and records entered in error). The audit
/// trail keeps only "erased" with the record id. The caller checkpoints afterwards
/// ([`crate::Vault::checkpoint`]), so with `secure_delete` no page in any file keeps the text.
pub fn erase_person(tx: &Tx<'_>, person: &PersonId) -> Result<Removed> {
    person_name(tx.read(), person)?;
    let nhs = nhs_of(tx, person)?;
    let mut removed = delete_rows(tx, person, &person_tables())?;
    removed.people = 1;
    tx.audit(AuditAction::Erase, Entity::Person, Some(person.as_str()))?;
    remember_erased(tx, person.as_str(), nhs.as_deref(), ErasureReason::Erasure)?;
    Ok(removed)
}

fn nhs_of(tx: &Tx<'_>, person: &PersonId) -> Result<Option<String>> {
    Ok(tx
        .conn()
        .query_row(
            "SELECT nhs_number FROM person WHERE id = ?1",
            [person.as_str()],
            |r| r.get(0),
        )
        .optional()?
        .flatten())
}

/// Why a person's record was removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErasureReason {
    /// At their request (the right to erasure).
    Erasure,
    /// Their last episode passed the retention period.
    Retention,
}

impl ErasureReason {
    pub const ALL: &'static [ErasureReason] = &[ErasureReason::Erasure, ErasureReason::Retention];

    /// The stored word (`erasure_record.reason`).
    pub fn slug(self) -> &'static str {
        match self {
            ErasureReason::Erasure => "erasure",
            ErasureReason::Retention => "retention",
        }
    }
}

/// A person removed from this vault before, as an incoming record matches them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErasedHere {
    pub on: NaiveDate,
    pub reason: ErasureReason,
}

fn erasure_keys(
    conn: &rusqlite::Connection,
    person: &str,
    nhs: Option<&str>,
) -> Result<Vec<String>> {
    let mut keys = vec![audit::keyed_hash(conn, "erased record", person)?];
    if let Some(n) = nhs.filter(|n| !n.is_empty()) {
        keys.push(audit::keyed_hash(conn, "erased nhs", n)?);
    }
    Ok(keys)
}

/// Keeps a keyed hash of the person's record id and NHS number (nothing readable), so a later
/// handover that would bring them back says so first.
fn remember_erased(
    tx: &Tx<'_>,
    person: &str,
    nhs: Option<&str>,
    reason: ErasureReason,
) -> Result<()> {
    for key in erasure_keys(tx.conn(), person, nhs)? {
        tx.conn().execute(
            "INSERT OR REPLACE INTO erasure_record (key_hash, erased_on, reason) VALUES (?1, ?2, ?3)",
            rusqlite::params![key, tx.today(), reason.slug()],
        )?;
    }
    Ok(())
}

/// Whether a person with this record id or NHS number was erased (or removed after the retention
/// period) from this vault, and when.
pub fn erased_before(
    conn: &rusqlite::Connection,
    person: &str,
    nhs: Option<&str>,
) -> Result<Option<ErasedHere>> {
    for key in erasure_keys(conn, person, nhs)? {
        let found: Option<(NaiveDate, String)> = conn
            .query_row(
                "SELECT erased_on, reason FROM erasure_record WHERE key_hash = ?1",
                [&key],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        if let Some((on, reason)) = found {
            return Ok(Some(ErasedHere {
                on,
                reason: if reason == "retention" {
                    ErasureReason::Retention
                } else {
                    ErasureReason::Erasure
                },
            }));
        }
    }
    Ok(None)
}

/// One erasure record, as kept beside the database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErasureLine {
    pub key_hash: String,
    pub erased_on: NaiveDate,
    pub reason: String,
}

fn erasure_lines(conn: &rusqlite::Connection) -> Result<Vec<ErasureLine>> {
    let mut stmt =
        conn.prepare("SELECT key_hash, erased_on, reason FROM erasure_record ORDER BY key_hash")?;
    let rows = stmt.query_map([], |r| {
        Ok(ErasureLine {
            key_hash: r.get(0)?,
            erased_on: r.get(1)?,
            reason: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Writes the vault's erasure records to `file` (owner-only), or removes it when there are none.
pub(crate) fn write_erasures_file(
    conn: &rusqlite::Connection,
    file: &std::path::Path,
) -> Result<()> {
    let lines = erasure_lines(conn)?;
    if lines.is_empty() {
        return match std::fs::remove_file(file) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                Err(StoreError::io("remove", file, e))
            }
            _ => Ok(()),
        };
    }
    let text: String = lines
        .iter()
        .map(|l| format!("{} {} {}\n", l.key_hash, l.erased_on, l.reason))
        .collect();
    crate::files::write_vault_file(file, text.as_bytes())
}

/// Keeps the erasure records beside the database too; after every erasure, purge or bringing back.
pub fn save_erasures(v: &crate::Vault) -> Result<()> {
    write_erasures_file(
        v.read().conn(),
        &crate::paths::VaultPaths::new(v.dir()).erasures(),
    )
}

/// The records in an erasures file; a missing or unreadable file holds none.
pub(crate) fn read_erasures_file(file: &std::path::Path) -> Vec<ErasureLine> {
    let Ok(text) = std::fs::read_to_string(file) else {
        return vec![];
    };
    text.lines()
        .filter_map(|l| {
            let mut parts = l.split_whitespace();
            let key_hash = parts.next()?.to_string();
            let erased_on = parts.next()?.parse().ok()?;
            let reason = parts.next()?.to_string();
            (key_hash.len() == 64 && ErasureReason::ALL.iter().any(|r| r.slug() == reason))
                .then_some(ErasureLine {
                    key_hash,
                    erased_on,
                    reason,
                })
        })
        .collect()
}

/// Someone in a database being restored who was erased from the vault it replaces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErasedInBackup {
    pub person: PersonId,
    pub name: String,
    pub erased: ErasedHere,
    pub keys: Vec<String>,
}

/// The people in `conn` (a database being restored, at the current data version) whom `kept`
/// (the replaced vault's erasure records) says were erased.
pub(crate) fn erased_in(
    conn: &rusqlite::Connection,
    kept: &[ErasureLine],
) -> Result<Vec<ErasedInBackup>> {
    let mut stmt =
        conn.prepare("SELECT id, nhs_number, given_name || ' ' || family_name FROM person")?;
    let people: Vec<(String, Option<String>, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = vec![];
    for (id, nhs, name) in people {
        let keys = erasure_keys(conn, &id, nhs.as_deref())?;
        if let Some(line) = kept.iter().find(|l| keys.contains(&l.key_hash)) {
            out.push(ErasedInBackup {
                person: PersonId::new(id),
                name,
                erased: ErasedHere {
                    on: line.erased_on,
                    reason: if line.reason == "retention" {
                        ErasureReason::Retention
                    } else {
                        ErasureReason::Erasure
                    },
                },
                keys,
            });
        }
    }
    Ok(out)
}

/// Records `kept` in this database's own erasure records (a restore keeps the replaced vault's).
pub(crate) fn remember_lines(tx: &Tx<'_>, kept: &[ErasureLine]) -> Result<()> {
    for l in kept {
        tx.conn().execute(
            "INSERT OR IGNORE INTO erasure_record (key_hash, erased_on, reason) VALUES (?1, ?2, ?3)",
            rusqlite::params![l.key_hash, l.erased_on, l.reason],
        )?;
    }
    Ok(())
}

/// A person brought back on purpose (by a handover the link worker chose to import whole): their
/// erasure record goes, audited.
pub(crate) fn forget_erased(tx: &Tx<'_>, person: &str, nhs: Option<&str>) -> Result<()> {
    let mut gone = 0;
    for key in erasure_keys(tx.conn(), person, nhs)? {
        gone += tx
            .conn()
            .execute("DELETE FROM erasure_record WHERE key_hash = ?1", [&key])?;
    }
    if gone > 0 {
        tx.audit(AuditAction::Import, Entity::Person, Some(person))?;
    }
    Ok(())
}

/// Deletes the rows the rules select, last table first; links are checked at commit, when the
/// rows that pointed at each other are all gone.
fn delete_rows(tx: &Tx<'_>, person: &PersonId, tables: &[(&str, &str)]) -> Result<Removed> {
    let conn = tx.conn();
    conn.execute_batch("PRAGMA defer_foreign_keys = ON")?;
    let ids = serde_json::to_string(&[person.as_str()]).expect("ids serialise");
    let mut removed = Removed::default();
    for (table, rule) in tables.iter().rev() {
        if DIRECTORY.contains(table) {
            continue;
        }
        let n = conn.execute(
            &format!("DELETE FROM {table} WHERE {}", handover::selection(rule)),
            [&ids],
        )? as u64;
        removed.rows += n;
        if *table == "episode" {
            removed.episodes = n;
        }
    }
    Ok(removed)
}

/// The retention period: closed episodes are kept this many years after closing.
pub const DEFAULT_RETENTION_YEARS: u32 = 8;

/// A closed episode past the retention period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetentionDue {
    pub person_id: PersonId,
    pub name: String,
    pub episode_id: EpisodeId,
    pub received_on: NaiveDate,
    pub closed_on: NaiveDate,
    /// The person has no other episode, so their whole record goes.
    pub whole_record: bool,
}

/// The first day an episode closed before is past the retention period on `today`.
pub fn retention_cutoff(today: NaiveDate, years: u32) -> NaiveDate {
    today
        .checked_sub_months(chrono::Months::new(12 * years))
        .unwrap_or(NaiveDate::MIN)
}

/// Closed episodes that closed more than `years` years before `today`, oldest first.
pub fn retention_due(r: Read<'_>, years: u32, today: NaiveDate) -> Result<Vec<RetentionDue>> {
    let cutoff = retention_cutoff(today, years);
    let mut stmt = r.conn().prepare(
        "SELECT e.id, p.id, p.given_name || ' ' || p.family_name, e.referral_received_on, e.closed_on,
                (SELECT count(*) FROM episode o WHERE o.person_id = p.id AND o.id <> e.id
                 AND NOT (o.status = 'closed' AND o.closed_on < ?1)) = 0
         FROM episode e JOIN person p ON p.id = e.person_id
         WHERE e.status = 'closed' AND e.closed_on < ?1
         ORDER BY e.closed_on, lower(p.family_name), lower(p.given_name), e.id",
    )?;
    let rows = stmt.query_map([cutoff.format("%Y-%m-%d").to_string()], |row| {
        Ok(RetentionDue {
            episode_id: EpisodeId::new(row.get::<_, String>(0)?),
            person_id: PersonId::new(row.get::<_, String>(1)?),
            name: row.get(2)?,
            received_on: row.get(3)?,
            closed_on: row.get(4)?,
            whole_record: row.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Removes the closed episodes past the retention period (as listed by [`retention_due`] for the
/// same day and years, so nothing listed after the confirmation is removed unseen), and the whole
/// record of anyone left with no episode. Returns what went.
pub fn purge(
    tx: &Tx<'_>,
    years: u32,
    today: NaiveDate,
    confirmed: &[EpisodeId],
) -> Result<Removed> {
    let due = retention_due(tx.read(), years, today)?;
    let mut removed = Removed::default();
    let mut people = vec![];
    for d in due.iter().filter(|d| confirmed.contains(&d.episode_id)) {
        let n = delete_episode(tx, &d.episode_id)?;
        removed.rows += n;
        removed.episodes += 1;
        tx.audit(
            AuditAction::Purge,
            Entity::Episode,
            Some(d.episode_id.as_str()),
        )?;
        if d.whole_record && !people.contains(&d.person_id) {
            people.push(d.person_id.clone());
        }
    }
    for p in &people {
        let left: i64 = tx.conn().query_row(
            "SELECT count(*) FROM episode WHERE person_id = ?1",
            [p.as_str()],
            |r| r.get(0),
        )?;
        if left == 0 {
            let nhs = nhs_of(tx, p)?;
            removed.rows += delete_rows(tx, p, &person_tables())?.rows;
            removed.people += 1;
            tx.audit(AuditAction::Purge, Entity::Person, Some(p.as_str()))?;
            remember_erased(tx, p.as_str(), nhs.as_deref(), ErasureReason::Retention)?;
        }
    }
    Ok(removed)
}

/// Deletes one episode's rows: the episode-level rules with `E` that episode alone and `O` its
/// onward referrals, and the GP lines placed in it; the episode itself goes last.
fn delete_episode(tx: &Tx<'_>, episode: &EpisodeId) -> Result<u64> {
    let conn = tx.conn();
    conn.execute_batch("PRAGMA defer_foreign_keys = ON")?;
    // An outreach row that became this referral stays (it is the list's), without the link.
    conn.execute(
        "UPDATE outreach_entry SET episode_id = NULL WHERE episode_id = ?1",
        [episode.as_str()],
    )?;
    // A case study stays with the person (it was written from the whole record).
    conn.execute(
        "UPDATE case_study SET episode_id = NULL WHERE episode_id = ?1",
        [episode.as_str()],
    )?;
    let rules = [
        ("episode", "id IN E"),
        ("gp_line_entered", "episode_id IN E"),
    ]
    .into_iter()
    .chain(
        person_tables()
            .into_iter()
            .filter(|(_, rule)| rule.contains("IN E") || rule.contains("IN O")),
    );
    let mut n = 0;
    for (table, rule) in rules.collect::<Vec<_>>().iter().rev() {
        if DIRECTORY.contains(table) {
            continue;
        }
        let sql = rule
            .replace(
                "IN O",
                "IN (SELECT id FROM onward_referral WHERE episode_id = ?1)",
            )
            .replace("IN E", "IN (SELECT ?1)");
        n += conn.execute(
            &format!("DELETE FROM {table} WHERE {sql}"),
            [episode.as_str()],
        )? as u64;
    }
    Ok(n)
}
