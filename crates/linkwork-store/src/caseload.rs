//! Caseload tables: people, episodes, contacts and drafts, plans, risks; and the caseload queries.
//!
//! Every function takes already-validated, typed input (the API layer parses and names fields) and
//! does its writes in one transaction with an audit row per record changed.

use crate::{audit, error::StoreError, Result};
use chrono::{Duration, NaiveDate, NaiveDateTime, Utc};
use linkwork_core::{
    caseload::*,
    dates::format_date_gb,
    vocab::{
        CloseReason, ConsentToShare, ContactOutcome, ContactType, EpisodeStatus, GoalStatus,
        GroupTag, NeedCategory, ReferralMethod, RiskEntryKind,
    },
    NhsNumber,
};
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};

const LOCAL_TIME: &str = "%Y-%m-%dT%H:%M";

fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

fn now() -> String {
    Utc::now().to_rfc3339()
}

fn slug<T>(s: String, from: fn(&str) -> Option<T>) -> rusqlite::Result<T> {
    from(&s).ok_or_else(|| {
        rusqlite::Error::InvalidColumnType(
            0,
            format!("unknown value {s}"),
            rusqlite::types::Type::Text,
        )
    })
}

fn nhs_display(stored: Option<String>) -> Option<String> {
    stored.map(|n| {
        NhsNumber::parse("nhs_number", &n)
            .map(|n| n.formatted())
            .unwrap_or(n)
    })
}

fn days(from: NaiveDate, to: NaiveDate) -> i32 {
    (to - from).num_days() as i32
}

/// Details of a person as typed on the referral or edit form.
#[derive(Debug, Clone)]
pub struct PersonInput {
    pub nhs_number: Option<NhsNumber>,
    pub given_name: String,
    pub family_name: String,
    pub preferred_name: Option<String>,
    pub date_of_birth: Option<NaiveDate>,
    pub pronouns: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
    pub postcode: Option<String>,
    pub gp_practice_name: Option<String>,
    pub gp_practice_ods: Option<String>,
    pub communication_needs: Option<String>,
    pub consent_to_share: ConsentToShare,
    pub consent_recorded_on: Option<NaiveDate>,
    pub notes: Option<String>,
    pub tags: Vec<GroupTag>,
}

#[derive(Debug, Clone)]
pub struct ReferralInput {
    pub received_on: NaiveDate,
    pub method: ReferralMethod,
    pub referrer_name: Option<String>,
    pub referrer_role: Option<String>,
    pub referrer_organisation: Option<String>,
    pub referrer_ods: Option<String>,
    pub reasons: Vec<NeedCategory>,
    pub notes: Option<String>,
}

/// Who a referral is for.
#[derive(Debug, Clone)]
pub enum Referred {
    /// Match on NHS number if given; otherwise a new person (refused if a likely duplicate exists
    /// and `allow_possible_duplicate` is false).
    Person {
        details: PersonInput,
        allow_possible_duplicate: bool,
    },
    /// A person the link worker picked from the duplicate warning.
    Existing(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReferralAdded {
    pub person_id: String,
    pub episode_id: String,
    pub new_person: bool,
}

fn full_name(given: &str, family: &str) -> String {
    format!("{given} {family}")
}

fn open_episode_of(tx: &Connection, person_id: &str) -> Result<Option<(String, NaiveDate)>> {
    Ok(tx
        .query_row(
            "SELECT id, referral_received_on FROM episode WHERE person_id = ?1 AND status <> 'closed'",
            [person_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

fn person_name(conn: &Connection, person_id: &str) -> Result<String> {
    conn.query_row(
        "SELECT given_name, family_name FROM person WHERE id = ?1",
        [person_id],
        |r| Ok(full_name(&r.get::<_, String>(0)?, &r.get::<_, String>(1)?)),
    )
    .optional()?
    .ok_or(StoreError::NotFound("person"))
}

fn person_by_nhs(conn: &Connection, nhs: &NhsNumber) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT id FROM person WHERE nhs_number = ?1",
            [nhs.as_str()],
            |r| r.get(0),
        )
        .optional()?)
}

/// People with the same family name and date of birth whose given name matches or shares an initial.
pub fn possible_duplicates(
    conn: &Connection,
    given: &str,
    family: &str,
    dob: Option<NaiveDate>,
) -> Result<Vec<PersonSummary>> {
    let Some(dob) = dob else { return Ok(vec![]) };
    let mut stmt = conn.prepare_cached(
        "SELECT p.id, p.given_name, p.family_name, p.date_of_birth, p.nhs_number, p.postcode,
                (SELECT e.id FROM episode e WHERE e.person_id = p.id AND e.status <> 'closed')
         FROM person p
         WHERE lower(p.family_name) = lower(?1) AND p.date_of_birth = ?2
           AND (lower(p.given_name) = lower(?3) OR substr(lower(p.given_name), 1, 1) = substr(lower(?3), 1, 1))
         ORDER BY p.given_name",
    )?;
    let rows = stmt.query_map(params![family.trim(), dob, given.trim()], summary_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn summary_row(r: &Row) -> rusqlite::Result<PersonSummary> {
    Ok(PersonSummary {
        id: r.get(0)?,
        name: full_name(&r.get::<_, String>(1)?, &r.get::<_, String>(2)?),
        date_of_birth: r.get(3)?,
        nhs_number: nhs_display(r.get(4)?),
        postcode: r.get(5)?,
        open_episode_id: r.get(6)?,
    })
}

/// A person found by NHS number, with their open episode if any (for the intake check).
pub fn find_by_nhs(conn: &Connection, nhs: &NhsNumber) -> Result<Option<PersonSummary>> {
    Ok(conn
        .query_row(
            "SELECT p.id, p.given_name, p.family_name, p.date_of_birth, p.nhs_number, p.postcode,
                    (SELECT e.id FROM episode e WHERE e.person_id = p.id AND e.status <> 'closed')
             FROM person p WHERE p.nhs_number = ?1",
            [nhs.as_str()],
            summary_row,
        )
        .optional()?)
}

/// Writes a person's details: a new row, or the existing one with `id` (created_at kept).
fn write_person(tx: &Transaction, id: &str, p: &PersonInput, stamp: &str) -> Result<()> {
    tx.execute(
        "INSERT INTO person (id, nhs_number, given_name, family_name, preferred_name, date_of_birth, pronouns, phone,
             address, postcode, gp_practice_name, gp_practice_ods, communication_needs, consent_to_share,
             consent_recorded_on, notes, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?17)
         ON CONFLICT (id) DO UPDATE SET
             nhs_number = excluded.nhs_number, given_name = excluded.given_name, family_name = excluded.family_name,
             preferred_name = excluded.preferred_name, date_of_birth = excluded.date_of_birth, pronouns = excluded.pronouns,
             phone = excluded.phone, address = excluded.address, postcode = excluded.postcode,
             gp_practice_name = excluded.gp_practice_name, gp_practice_ods = excluded.gp_practice_ods,
             communication_needs = excluded.communication_needs, consent_to_share = excluded.consent_to_share,
             consent_recorded_on = excluded.consent_recorded_on, notes = excluded.notes, updated_at = excluded.updated_at",
        params![
            id,
            p.nhs_number.as_ref().map(|n| n.as_str()),
            p.given_name,
            p.family_name,
            p.preferred_name,
            p.date_of_birth,
            p.pronouns,
            p.phone,
            p.address,
            p.postcode,
            p.gp_practice_name,
            p.gp_practice_ods,
            p.communication_needs,
            p.consent_to_share.slug(),
            p.consent_recorded_on,
            p.notes,
            stamp
        ],
    )?;
    write_tags(tx, id, &p.tags)
}

fn insert_person(tx: &Transaction, p: &PersonInput, stamp: &str) -> Result<String> {
    let id = new_id();
    write_person(tx, &id, p, stamp)?;
    audit::record(tx, "create", "person", Some(&id))?;
    Ok(id)
}

fn write_tags(tx: &Transaction, person_id: &str, tags: &[GroupTag]) -> Result<()> {
    tx.execute("DELETE FROM person_tag WHERE person_id = ?1", [person_id])?;
    for t in tags {
        tx.execute(
            "INSERT OR IGNORE INTO person_tag (person_id, tag) VALUES (?1, ?2)",
            params![person_id, t.slug()],
        )?;
    }
    Ok(())
}

fn write_needs(
    tx: &Transaction,
    episode_id: &str,
    source: &str,
    needs: &[NeedCategory],
) -> Result<()> {
    tx.execute(
        "DELETE FROM episode_need WHERE episode_id = ?1 AND source = ?2",
        params![episode_id, source],
    )?;
    for n in needs {
        tx.execute(
            "INSERT OR IGNORE INTO episode_need (episode_id, source, category) VALUES (?1, ?2, ?3)",
            params![episode_id, source, n.slug()],
        )?;
    }
    Ok(())
}

/// Records a referral: a new episode for a new or existing person. Never a second person for the
/// same NHS number, never a second open episode.
pub fn add_referral(
    conn: &mut Connection,
    who: Referred,
    r: &ReferralInput,
) -> Result<ReferralAdded> {
    let tx = conn.transaction()?;
    let stamp = now();
    let (person_id, new_person) = match who {
        Referred::Existing(id) => {
            person_name(&tx, &id)?;
            (id, false)
        }
        Referred::Person {
            details,
            allow_possible_duplicate,
        } => {
            let existing = match &details.nhs_number {
                Some(n) => person_by_nhs(&tx, n)?,
                None => None,
            };
            match existing {
                Some(id) => (id, false),
                None => {
                    if details.nhs_number.is_none() && !allow_possible_duplicate {
                        let dups = possible_duplicates(
                            &tx,
                            &details.given_name,
                            &details.family_name,
                            details.date_of_birth,
                        )?;
                        if !dups.is_empty() {
                            return Err(StoreError::PossibleDuplicate { count: dups.len() });
                        }
                    }
                    (insert_person(&tx, &details, &stamp)?, true)
                }
            }
        }
    };
    if let Some((_, since)) = open_episode_of(&tx, &person_id)? {
        return Err(StoreError::OpenEpisodeExists {
            name: person_name(&tx, &person_id)?,
            person_id,
            since: format_date_gb(since),
        });
    }
    let episode_id = new_id();
    tx.execute(
        "INSERT INTO episode (id, person_id, status, referral_received_on, referral_method, referrer_name, referrer_role,
             referrer_organisation, referrer_ods, referral_notes, created_at, updated_at)
         VALUES (?1, ?2, 'waiting', ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
        params![
            episode_id,
            person_id,
            r.received_on,
            r.method.slug(),
            r.referrer_name,
            r.referrer_role,
            r.referrer_organisation,
            r.referrer_ods,
            r.notes,
            stamp
        ],
    )?;
    write_needs(&tx, &episode_id, "referral", &r.reasons)?;
    audit::record(&tx, "create", "episode", Some(&episode_id))?;
    tx.commit()?;
    Ok(ReferralAdded {
        person_id,
        episode_id,
        new_person,
    })
}

/// Replaces a person's details (the edit form).
pub fn update_person(conn: &mut Connection, person_id: &str, p: &PersonInput) -> Result<()> {
    let tx = conn.transaction()?;
    if let Some(n) = &p.nhs_number {
        if let Some(other) = person_by_nhs(&tx, n)?.filter(|o| o != person_id) {
            return Err(StoreError::NhsNumberTaken(n.formatted(), other));
        }
    }
    person_name(&tx, person_id)?;
    write_person(&tx, person_id, p, &now())?;
    audit::record(&tx, "update", "person", Some(person_id))?;
    tx.commit()?;
    Ok(())
}

struct EpisodeHead {
    person_id: String,
    status: EpisodeStatus,
    received_on: NaiveDate,
    closed_on: Option<NaiveDate>,
}

fn episode_head(conn: &Connection, episode_id: &str) -> Result<EpisodeHead> {
    conn.query_row(
        "SELECT person_id, status, referral_received_on, closed_on FROM episode WHERE id = ?1",
        [episode_id],
        |r| {
            Ok(EpisodeHead {
                person_id: r.get(0)?,
                status: slug(r.get(1)?, EpisodeStatus::from_slug)?,
                received_on: r.get(2)?,
                closed_on: r.get(3)?,
            })
        },
    )
    .optional()?
    .ok_or(StoreError::NotFound("episode"))
}

fn open_episode(conn: &Connection, episode_id: &str) -> Result<EpisodeHead> {
    let head = episode_head(conn, episode_id)?;
    if head.status == EpisodeStatus::Closed {
        return Err(StoreError::EpisodeClosed(
            head.closed_on.map(format_date_gb).unwrap_or_default(),
        ));
    }
    Ok(head)
}

fn touch_episode(tx: &Transaction, episode_id: &str) -> Result<()> {
    tx.execute(
        "UPDATE episode SET updated_at = ?2 WHERE id = ?1",
        params![episode_id, now()],
    )?;
    Ok(())
}

#[derive(Debug, Clone)]
pub struct ContactInput {
    pub episode_id: String,
    pub occurred_at: NaiveDateTime,
    pub contact_type: ContactType,
    pub duration_minutes: Option<u32>,
    pub outcome: ContactOutcome,
    pub notes: Option<String>,
}

/// Records a contact. A contact that took place makes a waiting episode active; saving removes
/// the episode's draft in the same transaction.
pub fn add_contact(conn: &mut Connection, c: &ContactInput) -> Result<String> {
    let tx = conn.transaction()?;
    let head = open_episode(&tx, &c.episode_id)?;
    if c.occurred_at.date() < head.received_on {
        return Err(linkwork_core::ValidationError::new(
            "occurred_at",
            format!(
                "The contact cannot be before the referral was received ({}).",
                format_date_gb(head.received_on)
            ),
        )
        .into());
    }
    let id = new_id();
    let stamp = now();
    tx.execute(
        "INSERT INTO contact (id, episode_id, occurred_at, contact_type, duration_minutes, outcome, notes, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
        params![
            id,
            c.episode_id,
            c.occurred_at.format(LOCAL_TIME).to_string(),
            c.contact_type.slug(),
            c.duration_minutes,
            c.outcome.slug(),
            c.notes,
            stamp
        ],
    )?;
    audit::record(&tx, "create", "contact", Some(&id))?;
    if head.status == EpisodeStatus::Waiting && c.outcome == ContactOutcome::TookPlace {
        tx.execute(
            "UPDATE episode SET status = 'active', updated_at = ?2 WHERE id = ?1",
            params![c.episode_id, stamp],
        )?;
        audit::record(&tx, "update", "episode", Some(&c.episode_id))?;
    }
    if tx.execute(
        "DELETE FROM contact_draft WHERE episode_id = ?1",
        [&c.episode_id],
    )? > 0
    {
        audit::record(&tx, "delete", "contact_draft", Some(&c.episode_id))?;
    }
    tx.commit()?;
    Ok(id)
}

/// Saves the contact form being written (JSON from the UI). Called every few seconds, so only the
/// first save of a draft is audited.
pub fn save_draft(conn: &mut Connection, episode_id: &str, form: &str) -> Result<()> {
    let tx = conn.transaction()?;
    open_episode(&tx, episode_id)?;
    let existed: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM contact_draft WHERE episode_id = ?1)",
        [episode_id],
        |r| r.get(0),
    )?;
    tx.execute(
        "INSERT INTO contact_draft (episode_id, form, updated_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (episode_id) DO UPDATE SET form = excluded.form, updated_at = excluded.updated_at",
        params![episode_id, form, now()],
    )
    .map_err(|e| match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::ConstraintViolation) => {
            StoreError::Invalid(linkwork_core::ValidationError::new("draft", "The draft could not be read as a form."))
        }
        _ => e.into(),
    })?;
    if !existed {
        audit::record(&tx, "create", "contact_draft", Some(episode_id))?;
    }
    tx.commit()?;
    Ok(())
}

pub fn discard_draft(conn: &mut Connection, episode_id: &str) -> Result<()> {
    let tx = conn.transaction()?;
    if tx.execute(
        "DELETE FROM contact_draft WHERE episode_id = ?1",
        [episode_id],
    )? > 0
    {
        audit::record(&tx, "delete", "contact_draft", Some(episode_id))?;
    }
    tx.commit()?;
    Ok(())
}

#[derive(Debug, Clone)]
pub struct PlanInput {
    pub what_matters: Option<String>,
    pub needs: Vec<NeedCategory>,
    pub next_review_on: Option<NaiveDate>,
}

pub fn update_plan(conn: &mut Connection, episode_id: &str, p: &PlanInput) -> Result<()> {
    let tx = conn.transaction()?;
    open_episode(&tx, episode_id)?;
    tx.execute(
        "UPDATE episode SET what_matters = ?2, next_review_on = ?3, updated_at = ?4 WHERE id = ?1",
        params![episode_id, p.what_matters, p.next_review_on, now()],
    )?;
    write_needs(&tx, episode_id, "plan", &p.needs)?;
    audit::record(&tx, "update", "episode", Some(episode_id))?;
    tx.commit()?;
    Ok(())
}

/// Offered / accepted / declined dates (as the referrer or person reported them).
pub fn update_offer(
    conn: &mut Connection,
    episode_id: &str,
    offered: Option<NaiveDate>,
    accepted: Option<NaiveDate>,
    declined: Option<NaiveDate>,
) -> Result<()> {
    let tx = conn.transaction()?;
    episode_head(&tx, episode_id)?;
    tx.execute(
        "UPDATE episode SET offered_on = ?2, accepted_on = ?3, declined_on = ?4, updated_at = ?5 WHERE id = ?1",
        params![episode_id, offered, accepted, declined, now()],
    )?;
    audit::record(&tx, "update", "episode", Some(episode_id))?;
    tx.commit()?;
    Ok(())
}

pub fn add_goal(
    conn: &mut Connection,
    episode_id: &str,
    text: &str,
    importance: u8,
    status: GoalStatus,
) -> Result<String> {
    let tx = conn.transaction()?;
    open_episode(&tx, episode_id)?;
    let id = new_id();
    let stamp = now();
    tx.execute(
        "INSERT INTO goal (id, episode_id, text, importance, status, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
        params![id, episode_id, text, importance, status.slug(), stamp],
    )?;
    audit::record(&tx, "create", "goal", Some(&id))?;
    touch_episode(&tx, episode_id)?;
    tx.commit()?;
    Ok(id)
}

pub fn update_goal(
    conn: &mut Connection,
    goal_id: &str,
    text: &str,
    importance: u8,
    status: GoalStatus,
) -> Result<()> {
    let tx = conn.transaction()?;
    let episode_id: String = tx
        .query_row(
            "SELECT episode_id FROM goal WHERE id = ?1",
            [goal_id],
            |r| r.get(0),
        )
        .optional()?
        .ok_or(StoreError::NotFound("goal"))?;
    open_episode(&tx, &episode_id)?;
    tx.execute(
        "UPDATE goal SET text = ?2, importance = ?3, status = ?4, updated_at = ?5 WHERE id = ?1",
        params![goal_id, text, importance, status.slug(), now()],
    )?;
    audit::record(&tx, "update", "goal", Some(goal_id))?;
    tx.commit()?;
    Ok(())
}

pub fn add_action(
    conn: &mut Connection,
    episode_id: &str,
    who: &str,
    what: &str,
    due_on: Option<NaiveDate>,
) -> Result<String> {
    let tx = conn.transaction()?;
    open_episode(&tx, episode_id)?;
    let id = new_id();
    let stamp = now();
    tx.execute(
        "INSERT INTO plan_action (id, episode_id, who, what, due_on, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
        params![id, episode_id, who, what, due_on, stamp],
    )?;
    audit::record(&tx, "create", "plan_action", Some(&id))?;
    touch_episode(&tx, episode_id)?;
    tx.commit()?;
    Ok(id)
}

/// Marks an action done on `done_on`, or not done with `None`.
pub fn set_action_done(
    conn: &mut Connection,
    action_id: &str,
    done_on: Option<NaiveDate>,
) -> Result<()> {
    let tx = conn.transaction()?;
    let changed = tx.execute(
        "UPDATE plan_action SET done_on = ?2, updated_at = ?3 WHERE id = ?1",
        params![action_id, done_on, now()],
    )?;
    if changed == 0 {
        return Err(StoreError::NotFound("action"));
    }
    audit::record(&tx, "update", "plan_action", Some(action_id))?;
    tx.commit()?;
    Ok(())
}

pub fn add_risk_entry(
    conn: &mut Connection,
    person_id: &str,
    kind: RiskEntryKind,
    recorded_on: NaiveDate,
    concern: &str,
    action_taken: Option<&str>,
) -> Result<String> {
    let tx = conn.transaction()?;
    person_name(&tx, person_id)?;
    let id = new_id();
    tx.execute(
        "INSERT INTO risk_entry (id, person_id, recorded_on, kind, concern, action_taken, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![id, person_id, recorded_on, kind.slug(), concern, action_taken, now()],
    )?;
    audit::record(&tx, "create", "risk_entry", Some(&id))?;
    tx.commit()?;
    Ok(id)
}

/// Closes an episode. Refused while a contact note is unsaved, so no note is lost by closing.
pub fn close_episode(
    conn: &mut Connection,
    episode_id: &str,
    closed_on: NaiveDate,
    reason: CloseReason,
    note: Option<&str>,
) -> Result<()> {
    let tx = conn.transaction()?;
    let head = open_episode(&tx, episode_id)?;
    if closed_on < head.received_on {
        return Err(linkwork_core::ValidationError::new(
            "closed_on",
            format!(
                "The closing date cannot be before the referral was received ({}).",
                format_date_gb(head.received_on)
            ),
        )
        .into());
    }
    let draft: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM contact_draft WHERE episode_id = ?1)",
        [episode_id],
        |r| r.get(0),
    )?;
    if draft {
        return Err(StoreError::DraftPending);
    }
    tx.execute(
        "UPDATE episode SET status = 'closed', closed_on = ?2, close_reason = ?3, close_note = ?4, updated_at = ?5 WHERE id = ?1",
        params![episode_id, closed_on, reason.slug(), note, now()],
    )?;
    audit::record(&tx, "update", "episode", Some(episode_id))?;
    tx.commit()?;
    Ok(())
}

/// How the caseload list is filtered and sorted.
#[derive(Debug, Clone, Default)]
pub struct CaseloadQuery {
    pub search: Option<String>,
    /// `None`: every open episode (waiting and active).
    pub status: Option<EpisodeStatus>,
    pub sort: CaseloadSort,
    pub descending: bool,
    /// Only episodes with an outcome follow-up due or overdue.
    pub follow_up_due: bool,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum CaseloadSort {
    #[default]
    Name,
    NhsNumber,
    Status,
    Waiting,
    LastContact,
    NextReview,
    Risk,
    FollowUp,
}

/// Latest ONS4 and PAM dates of episode `e`.
const LAST_OUTCOMES_SQL: &str =
    "(SELECT max(o.recorded_on) FROM ons4_record o WHERE o.episode_id = e.id),
                (SELECT max(m.recorded_on) FROM pam_record m WHERE m.episode_id = e.id)";

fn risk_flag_sql(person: &str) -> String {
    format!(
        "coalesce((SELECT r.kind <> 'cleared' FROM risk_entry r WHERE r.person_id = {person}
                   ORDER BY r.recorded_on DESC, r.created_at DESC LIMIT 1), 0)"
    )
}

/// Open episodes, searched by name (any part) or NHS number (digits, any spacing), filtered, sorted.
pub fn caseload(
    conn: &Connection,
    today: NaiveDate,
    q: &CaseloadQuery,
) -> Result<Vec<CaseloadRow>> {
    let weeks = crate::settings::load(conn)?.follow_up_weeks;
    let search = q.search.as_deref().map(str::trim).filter(|s| !s.is_empty());
    let digits: Option<String> = search
        .map(|s| {
            s.chars()
                .filter(|c| !c.is_whitespace() && *c != '-')
                .collect::<String>()
        })
        .filter(|d| d.chars().all(|c| c.is_ascii_digit()));
    let name = search
        .filter(|_| digits.is_none())
        .map(|s| format!("%{}%", s.to_lowercase()));
    let sql = format!(
        "SELECT e.id, p.id, p.given_name, p.family_name, p.preferred_name, p.nhs_number, e.status, e.referral_received_on,
                e.next_review_on,
                (SELECT max(substr(c.occurred_at, 1, 10)) FROM contact c WHERE c.episode_id = e.id AND c.outcome = 'took_place'),
                (SELECT min(a.due_on) FROM plan_action a WHERE a.episode_id = e.id AND a.done_on IS NULL),
                {risk},
                EXISTS (SELECT 1 FROM contact_draft d WHERE d.episode_id = e.id),
                {last_outcomes}
         FROM episode e JOIN person p ON p.id = e.person_id
         WHERE e.status <> 'closed'
           AND (?1 IS NULL OR e.status = ?1)
           AND (?2 IS NULL OR p.nhs_number LIKE ?2 || '%')
           AND (?3 IS NULL OR lower(p.given_name || ' ' || p.family_name) LIKE ?3 OR lower(coalesce(p.preferred_name, '')) LIKE ?3)",
        risk = risk_flag_sql("p.id"),
        last_outcomes = LAST_OUTCOMES_SQL,
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![q.status.map(|s| s.slug()), digits, name], |r| {
        let status = slug(r.get(6)?, EpisodeStatus::from_slug)?;
        let received: NaiveDate = r.get(7)?;
        let last: Option<String> = r.get(9)?;
        let last = last.and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok());
        Ok(CaseloadRow {
            episode_id: r.get(0)?,
            person_id: r.get(1)?,
            name: full_name(&r.get::<_, String>(2)?, &r.get::<_, String>(3)?),
            preferred_name: r.get(4)?,
            nhs_number: nhs_display(r.get(5)?),
            status,
            referral_received_on: received,
            days_waiting: (status == EpisodeStatus::Waiting).then(|| days(received, today)),
            days_since_contact: last.map(|d| days(d, today)),
            next_review_on: r.get(8)?,
            next_action_due: r.get(10)?,
            risk: r.get(11)?,
            draft: r.get(12)?,
            follow_up: linkwork_core::outcomes::urgent_reminder(
                status,
                r.get(13)?,
                r.get(14)?,
                weeks,
                today,
            ),
        })
    })?;
    let mut out: Vec<CaseloadRow> = rows.collect::<Result<_, _>>()?;
    if q.follow_up_due {
        out.retain(|r| r.follow_up.is_some());
    }
    Ok(sort_rows(out, q.sort, q.descending))
}

fn sort_rows(rows: Vec<CaseloadRow>, sort: CaseloadSort, descending: bool) -> Vec<CaseloadRow> {
    use std::cmp::Ordering;
    // Missing values sort last whichever the direction: a blank is never "most urgent".
    fn opt<T: Ord>(a: &Option<T>, b: &Option<T>, desc: bool) -> Ordering {
        match (a, b) {
            (Some(a), Some(b)) => {
                if desc {
                    b.cmp(a)
                } else {
                    a.cmp(b)
                }
            }
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        }
    }
    let dir = |o: Ordering| if descending { o.reverse() } else { o };
    // Name keys are worked out once, not in every comparison: family name, then full name.
    let mut keyed: Vec<(String, CaseloadRow)> = rows
        .into_iter()
        .map(|r| {
            (
                format!("{}\u{0}{}", r.name.rsplit(' ').next().unwrap_or(""), r.name)
                    .to_lowercase(),
                r,
            )
        })
        .collect();
    keyed.sort_by(|(ka, a), (kb, b)| {
        let primary = match sort {
            CaseloadSort::Name => dir(ka.cmp(kb)),
            CaseloadSort::NhsNumber => opt(&a.nhs_number, &b.nhs_number, descending),
            CaseloadSort::Status => dir(a.status.cmp(&b.status)),
            CaseloadSort::Waiting => opt(&a.days_waiting, &b.days_waiting, descending),
            CaseloadSort::LastContact => {
                opt(&a.days_since_contact, &b.days_since_contact, descending)
            }
            CaseloadSort::NextReview => opt(&a.next_review_on, &b.next_review_on, descending),
            CaseloadSort::Risk => dir(b.risk.cmp(&a.risk)),
            // Overdue first, then due; the earliest due date first within each.
            CaseloadSort::FollowUp => {
                let key = |r: &CaseloadRow| {
                    r.follow_up.as_ref().map(|f| {
                        (
                            f.state != linkwork_core::outcomes::ReminderState::Overdue,
                            f.due_on.is_none(),
                            f.due_on,
                        )
                    })
                };
                opt(&key(a), &key(b), descending)
            }
        };
        // Same name: NHS number keeps the order stable from one keystroke to the next.
        primary
            .then_with(|| ka.cmp(kb))
            .then_with(|| a.nhs_number.cmp(&b.nhs_number))
            .then_with(|| a.episode_id.cmp(&b.episode_id))
    });
    keyed.into_iter().map(|(_, r)| r).collect()
}

/// The counters above the caseload list.
pub fn counters(conn: &Connection, today: NaiveDate) -> Result<CaseloadCounters> {
    let (open, waiting): (u32, u32) = conn.query_row(
        "SELECT count(*), coalesce(sum(status = 'waiting'), 0) FROM episode WHERE status <> 'closed'",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let mut stmt =
        conn.prepare_cached("SELECT referral_received_on FROM episode WHERE status = 'waiting'")?;
    let waits: Vec<i32> = stmt
        .query_map([], |r| r.get::<_, NaiveDate>(0))?
        .map(|d| d.map(|d| days(d, today)))
        .collect::<Result<_, _>>()?;
    let year_ago = today - Duration::days(365);
    let mut stmt = conn.prepare_cached(
        "SELECT e.referral_received_on, min(substr(c.occurred_at, 1, 10)) AS first
         FROM episode e JOIN contact c ON c.episode_id = e.id AND c.outcome = 'took_place'
         GROUP BY e.id HAVING first >= ?1",
    )?;
    let to_first: Vec<i32> = stmt
        .query_map([year_ago], |r| {
            let received: NaiveDate = r.get(0)?;
            let first: String = r.get(1)?;
            Ok(NaiveDate::parse_from_str(&first, "%Y-%m-%d")
                .map(|f| days(received, f))
                .unwrap_or(0))
        })?
        .collect::<Result<_, _>>()?;
    let supported: u32 = conn.query_row(
        "SELECT count(DISTINCT e.person_id) FROM contact c JOIN episode e ON e.id = c.episode_id
         WHERE c.outcome = 'took_place' AND substr(c.occurred_at, 1, 10) >= ?1",
        [year_ago],
        |r| r.get(0),
    )?;
    let weeks = crate::settings::load(conn)?.follow_up_weeks;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT e.status, {LAST_OUTCOMES_SQL} FROM episode e WHERE e.status <> 'closed'"
    ))?;
    let (mut follow_ups_due, mut follow_ups_overdue) = (0, 0);
    for row in stmt.query_map([], |r| {
        Ok((
            slug(r.get(0)?, EpisodeStatus::from_slug)?,
            r.get(1)?,
            r.get(2)?,
        ))
    })? {
        let (status, ons4, pam) = row?;
        match linkwork_core::outcomes::urgent_reminder(status, ons4, pam, weeks, today)
            .map(|r| r.state)
        {
            Some(linkwork_core::outcomes::ReminderState::Overdue) => follow_ups_overdue += 1,
            Some(_) => follow_ups_due += 1,
            None => {}
        }
    }
    Ok(CaseloadCounters {
        follow_ups_due,
        follow_ups_overdue,
        open,
        waiting,
        median_days_waiting: median(waits),
        median_days_to_first_contact: median(to_first),
        supported_last_12_months: supported,
        safe_max: SAFE_CASELOAD_MAX,
        amber_over: SAFE_CASELOAD_AMBER,
        level: caseload_level(supported),
    })
}

/// Everyone, or those matching `search` (name or NHS number), for the CLI and pickers.
pub fn list_people(conn: &Connection, search: Option<&str>) -> Result<Vec<PersonSummary>> {
    let s = search
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| s.to_lowercase());
    let digits = s
        .as_ref()
        .map(|s| s.replace([' ', '-'], ""))
        .filter(|d| !d.is_empty() && d.chars().all(|c| c.is_ascii_digit()));
    let like = s.filter(|_| digits.is_none()).map(|s| format!("%{s}%"));
    let mut stmt = conn.prepare_cached(
        "SELECT p.id, p.given_name, p.family_name, p.date_of_birth, p.nhs_number, p.postcode,
                (SELECT e.id FROM episode e WHERE e.person_id = p.id AND e.status <> 'closed')
         FROM person p
         WHERE (?1 IS NULL OR p.nhs_number LIKE ?1 || '%')
           AND (?2 IS NULL OR lower(p.given_name || ' ' || p.family_name) LIKE ?2)
         ORDER BY lower(p.family_name), lower(p.given_name)",
    )?;
    let rows = stmt.query_map(params![digits, like], summary_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Everything about one person, newest episode first.
pub fn person_record(conn: &Connection, person_id: &str, today: NaiveDate) -> Result<PersonRecord> {
    let person = conn
        .query_row(
            "SELECT id, nhs_number, given_name, family_name, preferred_name, date_of_birth, pronouns, phone, address, postcode,
                    gp_practice_name, gp_practice_ods, communication_needs, consent_to_share, consent_recorded_on, notes
             FROM person WHERE id = ?1",
            [person_id],
            |r| {
                Ok(PersonDetails {
                    id: r.get(0)?,
                    nhs_number: nhs_display(r.get(1)?),
                    given_name: r.get(2)?,
                    family_name: r.get(3)?,
                    preferred_name: r.get(4)?,
                    date_of_birth: r.get(5)?,
                    pronouns: r.get(6)?,
                    phone: r.get(7)?,
                    address: r.get(8)?,
                    postcode: r.get(9)?,
                    gp_practice_name: r.get(10)?,
                    gp_practice_ods: r.get(11)?,
                    communication_needs: r.get(12)?,
                    consent_to_share: slug(r.get(13)?, ConsentToShare::from_slug)?,
                    consent_recorded_on: r.get(14)?,
                    notes: r.get(15)?,
                    tags: vec![],
                })
            },
        )
        .optional()?
        .ok_or(StoreError::NotFound("person"))?;
    let mut person = person;
    let mut stmt =
        conn.prepare_cached("SELECT tag FROM person_tag WHERE person_id = ?1 ORDER BY tag")?;
    person.tags = stmt
        .query_map([person_id], |r| r.get::<_, String>(0))?
        .filter_map(|t| t.ok().and_then(|t| GroupTag::from_slug(&t)))
        .collect();

    let mut stmt = conn.prepare_cached(
        "SELECT id, recorded_on, kind, concern, action_taken FROM risk_entry WHERE person_id = ?1
         ORDER BY recorded_on DESC, created_at DESC",
    )?;
    let risk_log: Vec<RiskEntryView> = stmt
        .query_map([person_id], |r| {
            Ok(RiskEntryView {
                id: r.get(0)?,
                recorded_on: r.get(1)?,
                kind: slug(r.get(2)?, RiskEntryKind::from_slug)?,
                concern: r.get(3)?,
                action_taken: r.get(4)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    let risk = risk_log
        .first()
        .is_some_and(|e| e.kind != RiskEntryKind::Cleared);

    let mut stmt = conn.prepare_cached(
        "SELECT id, status, referral_received_on, referral_method, referrer_name, referrer_role, referrer_organisation,
                referrer_ods, referral_notes, offered_on, accepted_on, declined_on, what_matters, next_review_on, closed_on,
                close_reason, close_note, (SELECT form FROM contact_draft d WHERE d.episode_id = episode.id)
         FROM episode WHERE person_id = ?1 ORDER BY referral_received_on DESC, created_at DESC",
    )?;
    let mut episodes: Vec<EpisodeView> = stmt
        .query_map([person_id], |r| {
            Ok(EpisodeView {
                id: r.get(0)?,
                status: slug(r.get(1)?, EpisodeStatus::from_slug)?,
                referral_received_on: r.get(2)?,
                referral_method: slug(r.get(3)?, ReferralMethod::from_slug)?,
                referrer_name: r.get(4)?,
                referrer_role: r.get(5)?,
                referrer_organisation: r.get(6)?,
                referrer_ods: r.get(7)?,
                referral_notes: r.get(8)?,
                referral_reasons: vec![],
                offered_on: r.get(9)?,
                accepted_on: r.get(10)?,
                declined_on: r.get(11)?,
                days_to_first_contact: None,
                what_matters: r.get(12)?,
                plan_needs: vec![],
                next_review_on: r.get(13)?,
                closed_on: r.get(14)?,
                close_reason: r
                    .get::<_, Option<String>>(15)?
                    .and_then(|s| CloseReason::from_slug(&s)),
                close_note: r.get(16)?,
                contacts: vec![],
                goals: vec![],
                actions: vec![],
                draft: r.get(17)?,
                outcomes: Default::default(),
                onward: vec![],
            })
        })?
        .collect::<Result<_, _>>()?;
    let settings = crate::settings::load(conn)?;
    for e in &mut episodes {
        fill_episode(conn, e)?;
        e.outcomes = crate::outcomes::episode_outcomes(
            conn,
            &e.id,
            e.status,
            e.closed_on,
            &settings,
            today,
        )?;
        e.onward = crate::assets::onward_for_episode(conn, &e.id)?;
    }
    Ok(PersonRecord {
        person,
        risk,
        risk_log,
        episodes,
    })
}

fn fill_episode(conn: &Connection, e: &mut EpisodeView) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "SELECT source, category FROM episode_need WHERE episode_id = ?1 ORDER BY category",
    )?;
    for row in stmt.query_map([&e.id], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
    })? {
        let (source, cat) = row?;
        if let Some(c) = NeedCategory::from_slug(&cat) {
            if source == "referral" {
                e.referral_reasons.push(c)
            } else {
                e.plan_needs.push(c)
            }
        }
    }
    let mut stmt = conn.prepare_cached(
        "SELECT id, occurred_at, contact_type, duration_minutes, outcome, notes FROM contact WHERE episode_id = ?1
         ORDER BY occurred_at DESC, created_at DESC",
    )?;
    e.contacts = stmt
        .query_map([&e.id], |r| {
            let at: String = r.get(1)?;
            Ok(ContactView {
                id: r.get(0)?,
                occurred_at: NaiveDateTime::parse_from_str(&at, LOCAL_TIME).map_err(|_| {
                    rusqlite::Error::InvalidColumnType(1, at.clone(), rusqlite::types::Type::Text)
                })?,
                contact_type: slug(r.get(2)?, ContactType::from_slug)?,
                duration_minutes: r.get(3)?,
                outcome: slug(r.get(4)?, ContactOutcome::from_slug)?,
                notes: r.get(5)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    e.days_to_first_contact = e
        .contacts
        .iter()
        .filter(|c| c.outcome == ContactOutcome::TookPlace)
        .map(|c| c.occurred_at.date())
        .min()
        .map(|first| days(e.referral_received_on, first));
    let mut stmt = conn.prepare_cached("SELECT id, text, importance, status FROM goal WHERE episode_id = ?1 ORDER BY importance DESC, created_at")?;
    e.goals = stmt
        .query_map([&e.id], |r| {
            Ok(GoalView {
                id: r.get(0)?,
                text: r.get(1)?,
                importance: r.get(2)?,
                status: slug(r.get(3)?, GoalStatus::from_slug)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT id, who, what, due_on, done_on FROM plan_action WHERE episode_id = ?1
         ORDER BY done_on IS NOT NULL, due_on IS NULL, due_on, created_at",
    )?;
    e.actions = stmt
        .query_map([&e.id], |r| {
            Ok(ActionView {
                id: r.get(0)?,
                who: r.get(1)?,
                what: r.get(2)?,
                due_on: r.get(3)?,
                done_on: r.get(4)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(())
}

/// The person an episode belongs to.
pub fn person_of_episode(conn: &Connection, episode_id: &str) -> Result<String> {
    Ok(episode_head(conn, episode_id)?.person_id)
}

/// The person a goal or an action belongs to (through its episode).
pub fn person_of_plan_item(conn: &Connection, item: PlanItem, id: &str) -> Result<String> {
    let (sql, what) = match item {
        PlanItem::Goal => ("SELECT e.person_id FROM goal g JOIN episode e ON e.id = g.episode_id WHERE g.id = ?1", "goal"),
        PlanItem::Action => ("SELECT e.person_id FROM plan_action a JOIN episode e ON e.id = a.episode_id WHERE a.id = ?1", "action"),
    };
    conn.query_row(sql, [id], |r| r.get(0))
        .optional()?
        .ok_or(StoreError::NotFound(what))
}

#[derive(Debug, Clone, Copy)]
pub enum PlanItem {
    Goal,
    Action,
}

/// Whether the caseload has any people at all (demo data only fills an empty vault).
pub fn is_empty(conn: &Connection) -> Result<bool> {
    Ok(
        !conn.query_row("SELECT EXISTS (SELECT 1 FROM person)", [], |r| {
            r.get::<_, bool>(0)
        })?,
    )
}
