//! Proactive outreach lists: a practice search's people, imported whole, worked through by call,
//! and turned into referrals when someone accepts.
//! Invariants: an import writes every row or none; a person's state is what their newest try
//! says; a referral is made only by [`accept`], in the same transaction that marks them accepted;
//! rows of a closed list that never became referrals are deleted by [`expire`] once the time kept
//! has passed, leaving only how many.

use crate::{
    audit::{AuditAction, Entity},
    error::StoreError,
    people::PersonInput,
    sql::{new_id, slug, LOCAL_TIME},
    write::{Read, Tx},
    Result,
};
use chrono::{NaiveDate, NaiveDateTime};
use linkwork_core::{
    caseload::PersonSummary,
    ids::{EpisodeId, OutreachEntryId, OutreachListId, PersonId, PracticeId},
    nhs::NhsNumber,
    outreach::{
        removal_due, same_person, AlsoOn, KnownPerson, ListRow, OutreachAttemptView,
        OutreachEntryView, OutreachListSummary, OutreachListView, OutreachOutcome, OutreachState,
        PreviewRow,
    },
    settings::OutreachKeepMonths,
    vocab::{ConsentToShare, Priority, ReferralMethod, ReferralSource},
    ValidationError,
};
use rusqlite::{params, OptionalExtension};

/// Someone already known for `row`: by NHS number, else by the same name and date of birth.
fn known(r: Read<'_>, row: &ListRow) -> Result<Option<(PersonSummary, &'static str)>> {
    if let Some(n) = &row.nhs_number {
        if let Some(p) = crate::people::find_by_nhs(r, n)? {
            return Ok(Some((p, "NHS number")));
        }
    }
    let Some(dob) = row.date_of_birth else {
        return Ok(None);
    };
    let found =
        crate::people::possible_duplicates(r, &row.given_name, &row.family_name, Some(dob))?
            .into_iter()
            .find(|p| {
                p.name.to_lowercase()
                    == format!("{} {}", row.given_name, row.family_name).to_lowercase()
                    && (row.nhs_number.is_none() || p.nhs_number.is_none())
            });
    Ok(found.map(|p| (p, "name and date of birth")))
}

/// The other open lists' entries for the same person (by NHS number, else name and date of birth).
fn also_on(r: Read<'_>, row: &ListRow, not_list: Option<&OutreachListId>) -> Result<Vec<AlsoOn>> {
    let mut stmt = r.conn().prepare_cached(
        "SELECT l.id, l.name, e.state,
                (SELECT max(substr(a.at, 1, 10)) FROM outreach_attempt a WHERE a.entry_id = e.id)
         FROM outreach_entry e JOIN outreach_list l ON l.id = e.list_id
         WHERE l.id IS NOT ?1
           AND ((?2 IS NOT NULL AND e.nhs_number = ?2)
                OR (e.date_of_birth = ?3 AND lower(e.given_name) = lower(?4) AND lower(e.family_name) = lower(?5)
                    AND (?2 IS NULL OR e.nhs_number IS NULL)))
         ORDER BY l.searched_on, l.id",
    )?;
    let rows = stmt.query_map(
        params![
            not_list.map(OutreachListId::as_str),
            row.nhs_number.as_ref().map(NhsNumber::as_str),
            row.date_of_birth,
            row.given_name,
            row.family_name
        ],
        |x| {
            Ok((
                x.get::<_, String>(0)?,
                x.get::<_, String>(1)?,
                x.get::<_, String>(2)?,
                x.get::<_, Option<NaiveDate>>(3)?,
            ))
        },
    )?;
    let mut out = vec![];
    for row in rows {
        let (id, list, state, last) = row?;
        out.push(AlsoOn {
            list_id: OutreachListId::new(id),
            list,
            state: slug(state, OutreachState::from_slug)?,
            last_tried_on: last,
        });
    }
    Ok(out)
}

/// What importing `rows` would do, row by row: who is known, repeated in the file, or on another
/// list already.
pub fn preview(r: Read<'_>, rows: &[ListRow]) -> Result<Vec<PreviewRow>> {
    let mut out = Vec::with_capacity(rows.len());
    for (i, row) in rows.iter().enumerate() {
        let same_as_line = rows[..i]
            .iter()
            .find(|earlier| same_person(earlier, row))
            .map(|e| e.line);
        let known = known(r, row)?.map(|(p, by)| KnownPerson {
            person_id: p.id,
            name: p.name,
            matched_by: by.into(),
            open_episode_id: p.open_episode_id,
        });
        out.push(PreviewRow {
            line: row.line,
            name: format!("{} {}", row.given_name, row.family_name),
            nhs_number: row.nhs_number.as_ref().map(NhsNumber::formatted),
            date_of_birth: row.date_of_birth,
            known,
            same_as_line,
            also_on: also_on(r, row, None)?,
        });
    }
    Ok(out)
}

/// A list to import: from whose search, called what, run when.
#[derive(Debug, Clone)]
pub struct ImportInput {
    pub practice_id: PracticeId,
    pub name: String,
    pub searched_on: NaiveDate,
    pub rows: Vec<ListRow>,
}

/// Writes the list and every row (a row repeating an earlier one in the file is left out).
pub fn import(tx: &Tx<'_>, input: &ImportInput) -> Result<OutreachListId> {
    let name = input.name.trim();
    if name.is_empty() {
        return Err(ValidationError::new(
            "name",
            "Enter the list's name (the search it came from, like \u{201c}Frailty register\u{201d}).",
        )
        .into());
    }
    if input.searched_on > tx.today() {
        return Err(ValidationError::new(
            "searched_on",
            "The day the search was run cannot be in the future.",
        )
        .into());
    }
    crate::practices::get(tx.read(), &input.practice_id)?;
    let id: OutreachListId = new_id();
    let now = tx.now();
    let conn = tx.conn();
    conn.execute(
        "INSERT INTO outreach_list (id, practice_id, name, searched_on, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
        params![
            id.as_str(),
            input.practice_id.as_str(),
            name,
            input.searched_on,
            now
        ],
    )?;
    tx.audit(AuditAction::Create, Entity::OutreachList, Some(id.as_str()))?;
    let mut stmt = conn.prepare_cached(
        "INSERT INTO outreach_entry (id, list_id, line, nhs_number, given_name, family_name, date_of_birth,
             phone, postcode, reason, person_id, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)",
    )?;
    for (i, row) in input.rows.iter().enumerate() {
        if input.rows[..i].iter().any(|e| same_person(e, row)) {
            continue;
        }
        let person = known(tx.read(), row)?.map(|(p, _)| p.id);
        stmt.execute(params![
            new_id::<String>(),
            id.as_str(),
            row.line,
            row.nhs_number.as_ref().map(NhsNumber::as_str),
            row.given_name,
            row.family_name,
            row.date_of_birth,
            row.phone,
            row.postcode,
            row.reason,
            person.as_ref().map(PersonId::as_str),
            now
        ])?;
    }
    Ok(id)
}

const SUMMARY: &str = "
    SELECT l.id, l.name, l.practice_id, p.name, l.searched_on, l.closed_on, l.removed,
           (SELECT count(*) FROM outreach_entry e WHERE e.list_id = l.id),
           (SELECT count(*) FROM outreach_entry e WHERE e.list_id = l.id AND e.state IN ('not_tried', 'tried', 'reached')),
           (SELECT count(*) FROM outreach_entry e WHERE e.list_id = l.id AND e.state IN ('reached', 'accepted', 'declined', 'not_suitable')),
           (SELECT count(*) FROM outreach_entry e WHERE e.list_id = l.id AND e.state = 'accepted')
    FROM outreach_list l JOIN practice p ON p.id = l.practice_id";

fn summary(
    keep: OutreachKeepMonths,
) -> impl Fn(&rusqlite::Row<'_>) -> rusqlite::Result<OutreachListSummary> {
    move |r| {
        let closed_on: Option<NaiveDate> = r.get(5)?;
        Ok(OutreachListSummary {
            id: OutreachListId::new(r.get::<_, String>(0)?),
            name: r.get(1)?,
            practice_id: PracticeId::new(r.get::<_, String>(2)?),
            practice: r.get(3)?,
            searched_on: r.get(4)?,
            closed_on,
            removal_due_on: closed_on.map(|c| removal_due(c, keep.get())),
            removed: r.get(6)?,
            people: r.get(7)?,
            open: r.get(8)?,
            reached: r.get(9)?,
            accepted: r.get(10)?,
        })
    }
}

/// Every list, open ones first, newest search first.
pub fn lists(r: Read<'_>, keep: OutreachKeepMonths) -> Result<Vec<OutreachListSummary>> {
    let mut stmt = r.conn().prepare_cached(&format!(
        "{SUMMARY} ORDER BY l.closed_on IS NOT NULL, l.searched_on DESC, l.created_at DESC"
    ))?;
    let rows = stmt.query_map([], summary(keep))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn list_summary(
    r: Read<'_>,
    id: &OutreachListId,
    keep: OutreachKeepMonths,
) -> Result<OutreachListSummary> {
    r.conn()
        .prepare_cached(&format!("{SUMMARY} WHERE l.id = ?1"))?
        .query_row([id.as_str()], summary(keep))
        .optional()?
        .ok_or(StoreError::NotFound("outreach list"))
}

/// A list with everyone on it, in calling order: not tried, then tried (fewest tries, the
/// longest ago first), then reached and deciding; people decided come last.
pub fn list(
    r: Read<'_>,
    id: &OutreachListId,
    keep: OutreachKeepMonths,
) -> Result<OutreachListView> {
    let list = list_summary(r, id, keep)?;
    let conn = r.conn();
    let mut attempts: std::collections::HashMap<String, Vec<OutreachAttemptView>> =
        Default::default();
    let mut stmt = conn.prepare_cached(
        "SELECT a.entry_id, a.at, a.outcome FROM outreach_attempt a JOIN outreach_entry e ON e.id = a.entry_id
         WHERE e.list_id = ?1 ORDER BY a.at DESC, a.created_at DESC",
    )?;
    let rows = stmt.query_map([id.as_str()], |x| {
        Ok((
            x.get::<_, String>(0)?,
            x.get::<_, String>(1)?,
            x.get::<_, String>(2)?,
        ))
    })?;
    for row in rows {
        let (entry, at, outcome) = row?;
        let at = NaiveDateTime::parse_from_str(&at, LOCAL_TIME)
            .map_err(|_| crate::sql::bad_column(1, &at))?;
        attempts
            .entry(entry)
            .or_default()
            .push(OutreachAttemptView {
                at,
                outcome: slug(outcome, OutreachOutcome::from_slug)?,
            });
    }
    let mut stmt = conn.prepare_cached(
        "SELECT e.id, e.line, e.given_name, e.family_name, e.nhs_number, e.date_of_birth, e.phone, e.postcode,
                e.reason, e.state, e.person_id, e.episode_id,
                (SELECT x.id FROM episode x WHERE x.person_id = e.person_id AND x.status <> 'closed')
         FROM outreach_entry e WHERE e.list_id = ?1",
    )?;
    let rows = stmt.query_map([id.as_str()], |x| {
        Ok((
            x.get::<_, String>(0)?,
            x.get::<_, u32>(1)?,
            x.get::<_, String>(2)?,
            x.get::<_, String>(3)?,
            x.get::<_, Option<String>>(4)?,
            x.get::<_, Option<NaiveDate>>(5)?,
            x.get::<_, Option<String>>(6)?,
            x.get::<_, Option<String>>(7)?,
            x.get::<_, Option<String>>(8)?,
            x.get::<_, String>(9)?,
            x.get::<_, Option<String>>(10)?,
            x.get::<_, Option<String>>(11)?,
            x.get::<_, Option<String>>(12)?,
        ))
    })?;
    let mut entries = vec![];
    for row in rows {
        let (
            eid,
            line,
            given,
            family,
            nhs,
            dob,
            phone,
            postcode,
            reason,
            state,
            person,
            episode,
            open,
        ) = row?;
        // A stored number that fails its check is a damaged row, never silently dropped.
        let nhs = match nhs {
            Some(n) => Some(
                NhsNumber::parse("nhs_number", &n).map_err(|_| crate::sql::bad_column(4, &n))?,
            ),
            None => None,
        };
        let as_row = ListRow {
            line,
            nhs_number: nhs.clone(),
            given_name: given.clone(),
            family_name: family.clone(),
            date_of_birth: dob,
            phone: None,
            postcode: None,
            reason: None,
        };
        entries.push(OutreachEntryView {
            attempts: attempts.remove(&eid).unwrap_or_default(),
            id: OutreachEntryId::new(eid),
            line,
            given_name: given,
            family_name: family,
            nhs_number: nhs.as_ref().map(NhsNumber::formatted),
            date_of_birth: dob,
            phone,
            postcode,
            reason,
            state: slug(state, OutreachState::from_slug)?,
            person_id: person.map(PersonId::from),
            open_episode_id: open.map(EpisodeId::from),
            episode_id: episode.map(EpisodeId::from),
            also_on: also_on(r, &as_row, Some(id))?,
        });
    }
    entries.sort_by_key(calling_order);
    Ok(OutreachListView { list, entries })
}

/// The order to call in: state group, tries so far, the last try (none first), then the file's order.
fn calling_order(e: &OutreachEntryView) -> (u8, usize, Option<NaiveDateTime>, u32) {
    let group = match e.state {
        OutreachState::NotTried => 0,
        OutreachState::Tried => 1,
        OutreachState::Reached => 2,
        _ => 3,
    };
    (
        group,
        e.attempts.len(),
        e.attempts.first().map(|a| a.at),
        e.line,
    )
}

/// The list an entry is on.
pub fn list_of_entry(r: Read<'_>, entry: &OutreachEntryId) -> Result<OutreachListId> {
    Ok(entry_list(r, entry)?.0)
}

/// The list an entry is on, and whether it is closed.
fn entry_list(r: Read<'_>, entry: &OutreachEntryId) -> Result<(OutreachListId, bool, String)> {
    r.conn()
        .query_row(
            "SELECT l.id, l.closed_on IS NOT NULL, e.state FROM outreach_entry e JOIN outreach_list l ON l.id = e.list_id
             WHERE e.id = ?1",
            [entry.as_str()],
            |x| Ok((OutreachListId::new(x.get::<_, String>(0)?), x.get(1)?, x.get(2)?)),
        )
        .optional()?
        .ok_or(StoreError::NotFound("person on the outreach list"))
}

/// The list an entry is on and the entry's state, when the list is open to calls.
fn workable(r: Read<'_>, entry: &OutreachEntryId) -> Result<(OutreachListId, String)> {
    let (list, closed, state) = entry_list(r, entry)?;
    if closed {
        return Err(ValidationError::new(
            "outcome",
            "This list is closed. Reopen it to record more calls.",
        )
        .into());
    }
    Ok((list, state))
}

fn add_attempt(
    tx: &Tx<'_>,
    entry: &OutreachEntryId,
    outcome: OutreachOutcome,
    at: NaiveDateTime,
) -> Result<()> {
    let conn = tx.conn();
    conn.execute(
        "INSERT INTO outreach_attempt (id, entry_id, at, outcome, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            new_id::<String>(),
            entry.as_str(),
            at.format(LOCAL_TIME).to_string(),
            outcome.slug(),
            tx.now()
        ],
    )?;
    conn.execute(
        "UPDATE outreach_entry SET state = ?2, updated_at = ?3 WHERE id = ?1",
        params![entry.as_str(), outcome.state().slug(), tx.now()],
    )?;
    tx.audit_fields(
        AuditAction::Update,
        Entity::OutreachEntry,
        entry.as_str(),
        &["state"],
    )
}

/// Logs one try (or a decision other than accepting, which [`accept`] makes). A closed list is
/// not worked; someone accepted already has their referral.
pub fn log(
    tx: &Tx<'_>,
    entry: &OutreachEntryId,
    outcome: OutreachOutcome,
    at: NaiveDateTime,
) -> Result<OutreachListId> {
    let (list, state) = workable(tx.read(), entry)?;
    if outcome == OutreachOutcome::Accepted {
        return Err(ValidationError::new(
            "outcome",
            "Accepting makes a referral: use \u{201c}Accepted: make a referral\u{201d}.",
        )
        .into());
    }
    if state == OutreachState::Accepted.slug() {
        return Err(ValidationError::new(
            "outcome",
            "They accepted and their referral is made: record what happens next on their record.",
        )
        .into());
    }
    add_attempt(tx, entry, outcome, at)?;
    Ok(list)
}

/// An entry's row as read from its list, and the person it is known to be.
fn entry_row(r: Read<'_>, entry: &OutreachEntryId) -> Result<(ListRow, Option<PersonId>)> {
    let (row, person, nhs) = r.conn().query_row(
        "SELECT line, nhs_number, given_name, family_name, date_of_birth, phone, postcode, reason, person_id
         FROM outreach_entry WHERE id = ?1",
        [entry.as_str()],
        |x| {
            Ok((
                ListRow {
                    line: x.get(0)?,
                    nhs_number: None,
                    given_name: x.get(2)?,
                    family_name: x.get(3)?,
                    date_of_birth: x.get(4)?,
                    phone: x.get(5)?,
                    postcode: x.get(6)?,
                    reason: x.get(7)?,
                },
                x.get::<_, Option<String>>(8)?.map(PersonId::from),
                x.get::<_, Option<String>>(1)?,
            ))
        },
    )?;
    let nhs_number = match nhs {
        Some(n) => {
            Some(NhsNumber::parse("nhs_number", &n).map_err(|_| crate::sql::bad_column(1, &n))?)
        }
        None => None,
    };
    Ok((ListRow { nhs_number, ..row }, person))
}

/// They accepted: a referral (source "proactive search", by phone, received the day they said
/// yes, registered at the list's practice), and their state, in one step. Someone on the caseload
/// already (an open episode) is refused: their episode is the place to record it.
pub fn accept(tx: &Tx<'_>, entry: &OutreachEntryId, at: NaiveDateTime) -> Result<EpisodeId> {
    let (list, state) = workable(tx.read(), entry)?;
    if state == OutreachState::Accepted.slug() {
        return Err(ValidationError::new("outcome", "Their referral is made already.").into());
    }
    let conn = tx.conn();
    let (row, person) = entry_row(tx.read(), entry)?;
    let (list_name, practice_id, practice_name): (String, String, String) = conn.query_row(
        "SELECT l.name, l.practice_id, p.name FROM outreach_list l JOIN practice p ON p.id = l.practice_id WHERE l.id = ?1",
        [list.as_str()],
        |x| Ok((x.get(0)?, x.get(1)?, x.get(2)?)),
    )?;
    // Known when imported, or added to the caseload since.
    let person = match person {
        Some(p) => Some(p),
        None => known(tx.read(), &row)?.map(|(p, _)| p.id),
    };
    let (given, family) = (row.given_name.clone(), row.family_name.clone());
    if let Some(p) = &person {
        let open: Option<String> = conn
            .query_row(
                "SELECT id FROM episode WHERE person_id = ?1 AND status <> 'closed'",
                [p.as_str()],
                |x| x.get(0),
            )
            .optional()?;
        if open.is_some() {
            return Err(ValidationError::new(
                "outcome",
                format!("{given} {family} is on the caseload already: record this on their open episode."),
            )
            .into());
        }
    }
    let who = match person {
        Some(p) => crate::episodes::Referred::Existing(p, None),
        None => crate::episodes::Referred::Person {
            details: Box::new(PersonInput {
                nhs_number: row.nhs_number.clone(),
                given_name: row.given_name.clone(),
                family_name: row.family_name.clone(),
                preferred_name: None,
                date_of_birth: row.date_of_birth,
                pronouns: None,
                phone: row.phone.clone(),
                preferred_contact: None,
                address: None,
                postcode: row.postcode.clone(),
                practice_id: Some(PracticeId::new(practice_id)),
                gp_practice_name: None,
                gp_practice_ods: None,
                communication_needs: None,
                consent_to_share: ConsentToShare::NotAsked,
                consent_recorded_on: None,
                notes: None,
                tags: vec![],
            }),
            // Matched by NHS number and by name and date of birth above: a near match (an
            // initial) is for the link worker to merge, not a reason to lose the yes.
            allow_possible_duplicate: true,
            identity: None,
        },
    };
    let added = crate::episodes::add_referral(
        tx,
        who,
        &crate::episodes::ReferralInput {
            received_on: at.date(),
            method: ReferralMethod::Phone,
            source: ReferralSource::ProactiveSearch,
            priority: Priority::Routine,
            referrer_name: None,
            referrer_role: None,
            referrer_organisation: Some(practice_name),
            referrer_ods: None,
            reasons: vec![],
            notes: Some(match &row.reason {
                Some(r) => format!("From the outreach list \u{201c}{list_name}\u{201d} ({r})."),
                None => format!("From the outreach list \u{201c}{list_name}\u{201d}."),
            }),
        },
    )?;
    add_attempt(tx, entry, OutreachOutcome::Accepted, at)?;
    conn.execute(
        "UPDATE outreach_entry SET person_id = ?2, episode_id = ?3 WHERE id = ?1",
        params![
            entry.as_str(),
            added.person_id.as_str(),
            added.episode_id.as_str()
        ],
    )?;
    Ok(added.episode_id)
}

/// Closes a list (`on`), or reopens it (`None`). Its rows that did not become referrals are
/// removed once the time kept after closing has passed.
pub fn set_closed(tx: &Tx<'_>, list: &OutreachListId, on: Option<NaiveDate>) -> Result<()> {
    let n = tx.conn().execute(
        "UPDATE outreach_list SET closed_on = ?2, updated_at = ?3 WHERE id = ?1",
        params![list.as_str(), on, tx.now()],
    )?;
    if n == 0 {
        return Err(StoreError::NotFound("outreach list"));
    }
    tx.audit_fields(
        AuditAction::Update,
        Entity::OutreachList,
        list.as_str(),
        &["closed_on"],
    )
}

/// Deletes the rows (and their tries) of lists closed more than `keep` months before `today`
/// that never became referrals; each list keeps how many went. Audited per list, without content.
pub fn expire(tx: &Tx<'_>, today: NaiveDate, keep: OutreachKeepMonths) -> Result<u32> {
    let conn = tx.conn();
    let mut stmt =
        conn.prepare_cached("SELECT id, closed_on FROM outreach_list WHERE closed_on IS NOT NULL")?;
    let due: Vec<String> = stmt
        .query_map([], |x| {
            Ok((x.get::<_, String>(0)?, x.get::<_, NaiveDate>(1)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?
        .into_iter()
        .filter(|(_, closed)| removal_due(*closed, keep.get()) <= today)
        .map(|(id, _)| id)
        .collect();
    let mut total = 0;
    for id in due {
        let n = conn.execute(
            "DELETE FROM outreach_entry WHERE list_id = ?1 AND episode_id IS NULL",
            [&id],
        )? as u32;
        if n > 0 {
            conn.execute(
                "UPDATE outreach_list SET removed = removed + ?2, updated_at = ?3 WHERE id = ?1",
                params![id, n, tx.now()],
            )?;
            tx.audit_fields(AuditAction::Delete, Entity::OutreachList, &id, &["entries"])?;
            total += n;
        }
    }
    Ok(total)
}

/// Each try in `from..=to` (for the monthly report): list, entry, day, outcome.
pub fn attempts_between(
    r: Read<'_>,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<(String, String, NaiveDate, OutreachOutcome)>> {
    let mut stmt = r.conn().prepare_cached(
        "SELECT e.list_id, a.entry_id, substr(a.at, 1, 10), a.outcome
         FROM outreach_attempt a JOIN outreach_entry e ON e.id = a.entry_id
         WHERE substr(a.at, 1, 10) BETWEEN ?1 AND ?2",
    )?;
    let rows = stmt.query_map(params![from, to], |x| {
        Ok((
            x.get::<_, String>(0)?,
            x.get::<_, String>(1)?,
            x.get::<_, NaiveDate>(2)?,
            x.get::<_, String>(3)?,
        ))
    })?;
    let mut out = vec![];
    for row in rows {
        let (l, e, on, o) = row?;
        out.push((l, e, on, slug(o, OutreachOutcome::from_slug)?));
    }
    Ok(out)
}
