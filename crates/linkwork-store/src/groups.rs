//! Group activities, who is booked on them, their sessions and the registers (see
//! `linkwork_core::groups`).
//!
//! Invariant: a register row and its contact are written together. A row that changes marks its
//! old contact entered in error ("register corrected") and makes a new one; nothing is edited in
//! place, so the GP lines and the audit follow the rules every contact has.

use crate::{
    audit::{AuditAction, Entity},
    contacts::{insert_contact, ContactInput},
    corrections::mark_entered_in_error,
    error::StoreError,
    sql::{full_name, new_id, nhs_display, slug, LOCAL_TIME},
    write::{Read, Tx},
    Result,
};
use chrono::{NaiveDate, NaiveDateTime};
use linkwork_core::{
    caseload::Correctable,
    groups::{
        why_not_on_register, Attendance, GroupMemberView, GroupSessionSummary, GroupSessionView,
        GroupSummary, GroupView, PersonGroup, RegisterLine, RegisterRow,
    },
    ids::{AssetId, ContactId, EpisodeId, GroupId, GroupSessionId, PersonId},
    ValidationError,
};
use rusqlite::{params, OptionalExtension};
use std::collections::HashMap;

#[derive(Debug, Clone)]
pub struct GroupInput {
    pub name: String,
    pub asset_id: Option<AssetId>,
    pub place: Option<String>,
}

fn check_asset(r: Read<'_>, asset: &Option<AssetId>) -> Result<()> {
    if let Some(a) = asset {
        let known: bool = r.conn().query_row(
            "SELECT EXISTS (SELECT 1 FROM asset WHERE id = ?1)",
            [a.as_str()],
            |row| row.get(0),
        )?;
        if !known {
            return Err(StoreError::NotFound("directory entry"));
        }
    }
    Ok(())
}

pub fn add_group(tx: &Tx<'_>, g: &GroupInput) -> Result<GroupId> {
    check_asset(tx.read(), &g.asset_id)?;
    let id: GroupId = new_id();
    tx.conn().execute(
        "INSERT INTO group_activity (id, name, asset_id, place, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
        params![
            id.as_str(),
            g.name,
            g.asset_id.as_ref().map(AssetId::as_str),
            g.place,
            tx.now()
        ],
    )?;
    tx.audit(AuditAction::Create, Entity::Group, Some(id.as_str()))?;
    Ok(id)
}

/// Changes a group's name, place or directory entry, and closes (`closed_on`) or reopens it.
pub fn update_group(
    tx: &Tx<'_>,
    id: &GroupId,
    g: &GroupInput,
    closed_on: Option<NaiveDate>,
) -> Result<()> {
    check_asset(tx.read(), &g.asset_id)?;
    let n = tx.conn().execute(
        "UPDATE group_activity SET name = ?2, asset_id = ?3, place = ?4, closed_on = ?5, updated_at = ?6 WHERE id = ?1",
        params![
            id.as_str(),
            g.name,
            g.asset_id.as_ref().map(AssetId::as_str),
            g.place,
            closed_on,
            tx.now()
        ],
    )?;
    if n == 0 {
        return Err(StoreError::NotFound("group"));
    }
    tx.audit(AuditAction::Update, Entity::Group, Some(id.as_str()))
}

/// Books someone on a group from `on` (again, if they had left).
pub fn join(tx: &Tx<'_>, group: &GroupId, person: &PersonId, on: NaiveDate) -> Result<()> {
    group_name(tx.read(), group)?;
    crate::rights::person_name(tx.read(), person)?;
    tx.conn().execute(
        "INSERT INTO group_member (group_id, person_id, joined_on, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?4)
         ON CONFLICT (group_id, person_id) DO UPDATE SET left_on = NULL, updated_at = excluded.updated_at",
        params![group.as_str(), person.as_str(), on, tx.now()],
    )?;
    tx.audit_fields(
        AuditAction::Update,
        Entity::Person,
        person.as_str(),
        &["groups"],
    )
}

/// They are no longer booked from `on`: kept on the registers already saved.
pub fn leave(tx: &Tx<'_>, group: &GroupId, person: &PersonId, on: NaiveDate) -> Result<()> {
    let n = tx.conn().execute(
        "UPDATE group_member SET left_on = ?3, updated_at = ?4
         WHERE group_id = ?1 AND person_id = ?2 AND left_on IS NULL",
        params![group.as_str(), person.as_str(), on, tx.now()],
    )?;
    if n == 0 {
        return Err(StoreError::NotFound("booking on this group"));
    }
    tx.audit_fields(
        AuditAction::Update,
        Entity::Person,
        person.as_str(),
        &["groups"],
    )
}

#[derive(Debug, Clone)]
pub struct SessionInput {
    pub starts_at: NaiveDateTime,
    pub duration_minutes: u32,
    pub place: Option<String>,
}

/// Adds a session; a closed group takes none.
pub fn add_session(tx: &Tx<'_>, group: &GroupId, s: &SessionInput) -> Result<GroupSessionId> {
    let closed: Option<NaiveDate> = tx
        .conn()
        .query_row(
            "SELECT closed_on FROM group_activity WHERE id = ?1",
            [group.as_str()],
            |row| row.get(0),
        )
        .optional()?
        .ok_or(StoreError::NotFound("group"))?;
    if closed.is_some() {
        return Err(ValidationError::new(
            "date",
            "This group is closed: reopen it to add a session.",
        )
        .into());
    }
    let id: GroupSessionId = new_id();
    tx.conn().execute(
        "INSERT INTO group_session (id, group_id, starts_at, duration_minutes, place, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
        params![
            id.as_str(),
            group.as_str(),
            s.starts_at.format(LOCAL_TIME).to_string(),
            s.duration_minutes,
            s.place,
            tx.now()
        ],
    )?;
    tx.audit(AuditAction::Create, Entity::GroupSession, Some(id.as_str()))?;
    Ok(id)
}

fn group_name(r: Read<'_>, group: &GroupId) -> Result<String> {
    r.conn()
        .query_row(
            "SELECT name FROM group_activity WHERE id = ?1",
            [group.as_str()],
            |row| row.get(0),
        )
        .optional()?
        .ok_or(StoreError::NotFound("group"))
}

/// When a session starts (without working out its register).
pub fn session_starts(r: Read<'_>, id: &GroupSessionId) -> Result<NaiveDateTime> {
    Ok(session_head(r, id)?.starts_at)
}

fn time(s: String) -> rusqlite::Result<NaiveDateTime> {
    NaiveDateTime::parse_from_str(&s, LOCAL_TIME).map_err(|_| crate::sql::bad_column(0, &s))
}

/// Every group, open ones first, by name.
pub fn groups(r: Read<'_>, now: NaiveDateTime) -> Result<Vec<GroupSummary>> {
    let at = now.format(LOCAL_TIME).to_string();
    let mut q = r.conn().prepare(
        "SELECT g.id, g.name, g.asset_id, a.name, g.place, g.closed_on,
                (SELECT count(*) FROM group_member m WHERE m.group_id = g.id AND m.left_on IS NULL),
                coalesce((SELECT min(starts_at) FROM group_session s WHERE s.group_id = g.id AND s.starts_at >= ?1),
                         (SELECT max(starts_at) FROM group_session s WHERE s.group_id = g.id)),
                (SELECT count(*) FROM group_session s WHERE s.group_id = g.id AND s.starts_at <= ?1 AND s.register_at IS NULL)
         FROM group_activity g LEFT JOIN asset a ON a.id = g.asset_id
         ORDER BY g.closed_on IS NOT NULL, lower(g.name)",
    )?;
    let rows = q.query_map([at], |row| {
        Ok(GroupSummary {
            id: row.get::<_, String>(0)?.into(),
            name: row.get(1)?,
            asset_id: row.get::<_, Option<String>>(2)?.map(AssetId::new),
            asset_name: row.get(3)?,
            place: row.get(4)?,
            closed_on: row.get(5)?,
            members: row.get(6)?,
            next_session: row.get::<_, Option<String>>(7)?.map(time).transpose()?,
            registers_due: row.get(8)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One group with who is booked (and who has left) and its sessions, newest first.
pub fn group(r: Read<'_>, id: &GroupId) -> Result<GroupView> {
    let (name, asset_id, asset_name, place, closed_on) = r
        .conn()
        .query_row(
            "SELECT g.name, g.asset_id, a.name, g.place, g.closed_on
             FROM group_activity g LEFT JOIN asset a ON a.id = g.asset_id WHERE g.id = ?1",
            [id.as_str()],
            |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, Option<String>>(1)?.map(AssetId::new),
                    row.get(2)?,
                    row.get(3)?,
                    row.get(4)?,
                ))
            },
        )
        .optional()?
        .ok_or(StoreError::NotFound("group"))?;
    let members = r
        .conn()
        .prepare(
            "SELECT p.id, p.given_name, p.family_name, p.nhs_number, m.joined_on, m.left_on,
                    EXISTS (SELECT 1 FROM episode e WHERE e.person_id = p.id AND e.status <> 'closed')
             FROM group_member m JOIN person p ON p.id = m.person_id WHERE m.group_id = ?1
             ORDER BY m.left_on IS NOT NULL, lower(p.family_name), lower(p.given_name)",
        )?
        .query_map([id.as_str()], |row| {
            Ok(GroupMemberView {
                person_id: row.get::<_, String>(0)?.into(),
                name: full_name(&row.get::<_, String>(1)?, &row.get::<_, String>(2)?),
                nhs_number: nhs_display(row.get(3)?),
                joined_on: row.get(4)?,
                left_on: row.get(5)?,
                on_caseload: row.get(6)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let sessions = r
        .conn()
        .prepare(
            "SELECT s.id, s.starts_at, s.duration_minutes, s.place, s.register_at IS NOT NULL,
                    (SELECT count(*) FROM group_attendance a WHERE a.session_id = s.id AND a.attendance = 'attended'),
                    (SELECT count(*) FROM group_attendance a WHERE a.session_id = s.id AND a.attendance <> 'attended')
             FROM group_session s WHERE s.group_id = ?1 ORDER BY s.starts_at DESC",
        )?
        .query_map([id.as_str()], |row| {
            Ok(GroupSessionSummary {
                id: row.get::<_, String>(0)?.into(),
                starts_at: time(row.get(1)?)?,
                duration_minutes: row.get(2)?,
                place: row.get(3)?,
                register_saved: row.get(4)?,
                attended: row.get(5)?,
                did_not_attend: row.get(6)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(GroupView {
        id: id.clone(),
        name,
        asset_id,
        asset_name,
        place,
        closed_on,
        members,
        sessions,
    })
}

struct SessionHead {
    group_id: GroupId,
    group_name: String,
    starts_at: NaiveDateTime,
    duration_minutes: u32,
    place: Option<String>,
    register_saved: bool,
}

fn session_head(r: Read<'_>, id: &GroupSessionId) -> Result<SessionHead> {
    r.conn()
        .query_row(
            "SELECT s.group_id, g.name, s.starts_at, s.duration_minutes, s.place, s.register_at IS NOT NULL
             FROM group_session s JOIN group_activity g ON g.id = s.group_id WHERE s.id = ?1",
            [id.as_str()],
            |row| {
                Ok(SessionHead {
                    group_id: row.get::<_, String>(0)?.into(),
                    group_name: row.get(1)?,
                    starts_at: time(row.get(2)?)?,
                    duration_minutes: row.get(3)?,
                    place: row.get(4)?,
                    register_saved: row.get(5)?,
                })
            },
        )
        .optional()?
        .ok_or(StoreError::NotFound("group session"))
}

/// One row of a register as the store works it out: who, what is saved, and the open episode a
/// new contact would go in.
struct Row {
    view: RegisterRow,
    open_episode: Option<EpisodeId>,
    saved_contact: Option<ContactId>,
    /// Their booking ended before this session.
    left_before: bool,
}

fn register_rows(r: Read<'_>, id: &GroupSessionId, head: &SessionHead) -> Result<Vec<Row>> {
    let on = head.starts_at.date();
    // Everyone booked on the group, and anyone with a saved row (who may have left since).
    let mut q = r.conn().prepare(
        "SELECT p.id, p.given_name, p.family_name, p.nhs_number, m.joined_on, m.left_on,
                e.id, e.referral_received_on, a.attendance, a.contact_id,
                c.entered_in_error_at IS NOT NULL
         FROM person p
         LEFT JOIN group_member m ON m.person_id = p.id AND m.group_id = ?2
         LEFT JOIN group_attendance a ON a.person_id = p.id AND a.session_id = ?1
         LEFT JOIN contact c ON c.id = a.contact_id
         LEFT JOIN episode e ON e.person_id = p.id AND e.status <> 'closed'
         WHERE m.person_id IS NOT NULL OR a.person_id IS NOT NULL
         ORDER BY lower(p.family_name), lower(p.given_name), p.id",
    )?;
    let rows = q.query_map(params![id.as_str(), head.group_id.as_str()], |row| {
        let joined: Option<NaiveDate> = row.get(4)?;
        let left: Option<NaiveDate> = row.get(5)?;
        let left_before = left.is_some_and(|l| l < on);
        let received: Option<NaiveDate> = row.get(7)?;
        let why_not = match joined {
            Some(j) => why_not_on_register(on, received, j, left),
            None => Some("No longer booked on this group."),
        };
        Ok(Row {
            view: RegisterRow {
                person_id: row.get::<_, String>(0)?.into(),
                name: full_name(&row.get::<_, String>(1)?, &row.get::<_, String>(2)?),
                nhs_number: nhs_display(row.get(3)?),
                attendance: row
                    .get::<_, Option<String>>(8)?
                    .map(|s| slug(s, Attendance::from_slug))
                    .transpose()?,
                why_not: why_not.map(str::to_owned),
                contact_in_error: row.get::<_, Option<bool>>(10)?.unwrap_or(false),
            },
            open_episode: row.get::<_, Option<String>>(6)?.map(EpisodeId::new),
            saved_contact: row.get::<_, Option<String>>(9)?.map(ContactId::new),
            left_before,
        })
    })?;
    let all: Vec<Row> = rows.collect::<rusqlite::Result<_>>()?;
    // Left the group before this session and never on its register: not shown.
    Ok(all
        .into_iter()
        .filter(|r| r.view.attendance.is_some() || !r.left_before)
        .collect())
}

pub fn session(r: Read<'_>, id: &GroupSessionId) -> Result<GroupSessionView> {
    let head = session_head(r, id)?;
    let rows = register_rows(r, id, &head)?;
    Ok(GroupSessionView {
        id: id.clone(),
        group_id: head.group_id,
        group_name: head.group_name,
        starts_at: head.starts_at,
        duration_minutes: head.duration_minutes,
        place: head.place,
        register_saved: head.register_saved,
        rows: rows.into_iter().map(|r| r.view).collect(),
    })
}

/// What saving a register did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RegisterSaved {
    /// Contacts made for rows saved for the first time.
    pub recorded: u32,
    /// Rows changed: the old contact marked entered in error, a new one made.
    pub corrected: u32,
}

/// Saves a session's register: `came` and `apologies` as given, everyone else who can be on it
/// "did not come". A row that already says the same is left alone.
pub fn save_register(
    tx: &Tx<'_>,
    id: &GroupSessionId,
    came: &[PersonId],
    apologies: &[PersonId],
) -> Result<RegisterSaved> {
    let head = session_head(tx.read(), id)?;
    let rows = register_rows(tx.read(), id, &head)?;
    let mut asked: HashMap<&PersonId, Attendance> = HashMap::new();
    for p in came {
        asked.insert(p, Attendance::Attended);
    }
    for p in apologies {
        if asked.insert(p, Attendance::Apologies).is_some() {
            return Err(ValidationError::new(
                "apologies",
                "Someone is marked both as coming and as sending apologies: choose one.",
            )
            .into());
        }
    }
    for p in asked.keys() {
        if !rows.iter().any(|r| r.view.person_id == **p) {
            return Err(ValidationError::new(
                "came",
                "Someone on this register is not booked on the group: add them to the group first.",
            )
            .into());
        }
    }
    let mut done = RegisterSaved::default();
    for row in &rows {
        let want = asked
            .get(&row.view.person_id)
            .copied()
            .unwrap_or(Attendance::DidNotAttend);
        if row.view.attendance == Some(want) {
            continue;
        }
        let episode = match (&row.view.why_not, &row.open_episode) {
            (None, Some(e)) => e.clone(),
            (Some(why), _)
                if row.view.attendance.is_some() || asked.contains_key(&row.view.person_id) =>
            {
                return Err(ValidationError::new(
                    "came",
                    format!(
                        "{} cannot be on this register: {} Correct their contact on their record instead.",
                        row.view.name,
                        why.trim_end_matches('.').to_lowercase() + "."
                    ),
                )
                .into());
            }
            // Cannot be on it and nothing asked or saved: left off.
            _ => continue,
        };
        if let Some(old) = &row.saved_contact {
            if !row.view.contact_in_error {
                mark_entered_in_error(
                    tx,
                    &Correctable::Contact(old.clone()),
                    &format!("Register corrected: {} now", want.label().to_lowercase()),
                )?;
            }
            done.corrected += 1;
        } else {
            done.recorded += 1;
        }
        let (contact_type, outcome) = want.contact();
        let contact = insert_contact(
            tx,
            &ContactInput {
                episode_id: episode,
                occurred_at: head.starts_at,
                contact_type,
                duration_minutes: (want == Attendance::Attended).then_some(head.duration_minutes),
                outcome,
                notes: Some(want.note(&head.group_name)),
            },
        )?;
        tx.conn().execute(
            "INSERT INTO group_attendance (session_id, person_id, attendance, contact_id, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?5)
             ON CONFLICT (session_id, person_id) DO UPDATE SET attendance = excluded.attendance,
                contact_id = excluded.contact_id, updated_at = excluded.updated_at",
            params![id.as_str(), row.view.person_id.as_str(), want.slug(), contact.as_str(), tx.now()],
        )?;
    }
    tx.conn().execute(
        "UPDATE group_session SET register_at = coalesce(register_at, ?2), updated_at = ?2 WHERE id = ?1",
        params![id.as_str(), tx.now()],
    )?;
    tx.audit_fields(
        AuditAction::Update,
        Entity::GroupSession,
        id.as_str(),
        &["register"],
    )?;
    Ok(done)
}

/// The groups a person is or was booked on, with how often they came.
pub fn person_groups(r: Read<'_>, person: &PersonId) -> Result<Vec<PersonGroup>> {
    let mut q = r.conn().prepare(
        "SELECT g.id, g.name, m.joined_on, m.left_on,
                (SELECT count(*) FROM group_attendance a JOIN group_session s ON s.id = a.session_id
                 WHERE s.group_id = g.id AND a.person_id = m.person_id AND a.attendance = 'attended'),
                (SELECT count(*) FROM group_attendance a JOIN group_session s ON s.id = a.session_id
                 WHERE s.group_id = g.id AND a.person_id = m.person_id AND a.attendance <> 'attended')
         FROM group_member m JOIN group_activity g ON g.id = m.group_id WHERE m.person_id = ?1
         ORDER BY m.left_on IS NOT NULL, lower(g.name)",
    )?;
    let rows = q.query_map([person.as_str()], |row| {
        Ok(PersonGroup {
            group_id: row.get::<_, String>(0)?.into(),
            name: row.get(1)?,
            joined_on: row.get(2)?,
            left_on: row.get(3)?,
            attended: row.get(4)?,
            missed: row.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every register row whose contact stands (not entered in error), for the report.
pub fn register_lines(r: Read<'_>, from: NaiveDate, to: NaiveDate) -> Result<Vec<RegisterLine>> {
    let mut q = r.conn().prepare(
        "SELECT s.group_id, s.id, substr(s.starts_at, 1, 10), a.person_id, a.attendance, a.contact_id
         FROM group_attendance a JOIN group_session s ON s.id = a.session_id
         JOIN contact c ON c.id = a.contact_id
         WHERE c.entered_in_error_at IS NULL AND substr(s.starts_at, 1, 10) BETWEEN ?1 AND ?2",
    )?;
    let rows = q.query_map(params![from, to], |row| {
        Ok(RegisterLine {
            group: row.get::<_, String>(0)?.into(),
            session: row.get::<_, String>(1)?.into(),
            on: row.get(2)?,
            person: row.get::<_, String>(3)?.into(),
            attendance: slug(row.get(4)?, Attendance::from_slug)?,
            contact: row.get::<_, String>(5)?.into(),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
