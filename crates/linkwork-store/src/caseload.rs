//! The caseload list (open episodes, searched, filtered and sorted) and the counters above it.

use crate::{
    sql::{bad_column, days, full_name, nhs_display, slug},
    write::Read,
    Result,
};
use chrono::{Duration, NaiveDate};
use linkwork_core::{
    caseload::*,
    vocab::{ContactOutcome, ContactType, EpisodeStatus, Priority},
};
use rusqlite::params;

/// How the caseload list is filtered and sorted.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CaseloadQuery {
    pub search: Option<String>,
    /// `None`: every open episode (waiting and active).
    pub status: Option<EpisodeStatus>,
    pub sort: CaseloadSort,
    pub descending: bool,
    /// Only episodes needing this.
    pub only: Option<CaseloadFilter>,
}

/// Outcomes of tries that did not reach the person, as an SQL list (from the core's rule).
fn not_reached_sql() -> String {
    ContactOutcome::ALL
        .iter()
        .filter(|o| o.not_reached())
        .map(|o| format!("'{}'", o.slug()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Latest ONS4 and PAM dates of episode `e`.
const LAST_OUTCOMES_SQL: &str =
    "(SELECT max(o.recorded_on) FROM ons4_record o WHERE o.episode_id = e.id AND o.entered_in_error_at IS NULL),
                (SELECT max(m.recorded_on) FROM pam_record m WHERE m.episode_id = e.id AND m.entered_in_error_at IS NULL)";

/// Open episodes, searched by name (any part) or NHS number (digits, any spacing), filtered, sorted.
pub fn caseload(r: Read<'_>, today: NaiveDate, q: &CaseloadQuery) -> Result<Vec<CaseloadRow>> {
    let conn = r.conn();
    let settings = crate::settings::load(r)?;
    let weeks = settings.follow_up_weeks;
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
                (SELECT max(substr(c.occurred_at, 1, 10)) FROM contact c WHERE c.episode_id = e.id AND c.outcome = 'took_place'
                   AND c.entered_in_error_at IS NULL),
                (SELECT min(a.due_on) FROM plan_action a WHERE a.episode_id = e.id AND a.done_on IS NULL),
                {risk},
                EXISTS (SELECT 1 FROM contact_draft d WHERE d.episode_id = e.id),
                {last_outcomes},
                e.priority,
                (SELECT count(*) FROM contact c WHERE c.episode_id = e.id AND c.entered_in_error_at IS NULL),
                substr(la.occurred_at, 1, 10), la.contact_type, la.outcome,
                -- Tries in a row, newest first, that did not reach the person.
                (SELECT count(*) FROM contact c WHERE c.episode_id = e.id AND c.entered_in_error_at IS NULL
                   AND c.outcome IN ({missed})
                   AND c.occurred_at > coalesce((SELECT max(b.occurred_at) FROM contact b WHERE b.episode_id = e.id
                         AND b.entered_in_error_at IS NULL AND b.outcome NOT IN ({missed})), ''))
         FROM episode e JOIN person p ON p.id = e.person_id
         -- The latest live contact: on a waiting episode, the last try at a first contact.
         LEFT JOIN contact la ON e.status = 'waiting' AND la.id = (
             SELECT c.id FROM contact c WHERE c.episode_id = e.id AND c.entered_in_error_at IS NULL
             ORDER BY c.occurred_at DESC, c.created_at DESC LIMIT 1)
         WHERE e.status <> 'closed'
           AND (?1 IS NULL OR e.status = ?1)
           AND (?2 IS NULL OR p.nhs_number LIKE ?2 || '%')
           AND (?3 IS NULL OR lower(p.given_name || ' ' || p.family_name) LIKE ?3 OR lower(coalesce(p.preferred_name, '')) LIKE ?3)",
        risk = crate::risks::live_concern_sql("p.id"),
        last_outcomes = LAST_OUTCOMES_SQL,
        missed = not_reached_sql(),
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![q.status.map(|s| s.slug()), digits, name], |r| {
        let status = slug(r.get(6)?, EpisodeStatus::from_slug)?;
        let received: NaiveDate = r.get(7)?;
        let last: Option<String> = r.get(9)?;
        // A date that does not read is a damaged row, never "0 days".
        let last = last
            .map(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").map_err(|_| bad_column(9, &d)))
            .transpose()?;
        let waiting = status == EpisodeStatus::Waiting;
        let days_waiting = waiting.then(|| days(received, today));
        // On a waiting episode every live contact is an attempt (none has taken place yet).
        let last_attempt = match r.get::<_, Option<NaiveDate>>(17)? {
            Some(on) => Some(AttemptView {
                on,
                contact_type: slug(r.get(18)?, ContactType::from_slug)?,
                outcome: slug(r.get(19)?, ContactOutcome::from_slug)?,
            }),
            None => None,
        };
        let priority = slug(r.get(15)?, Priority::from_slug)?;
        let first_contact_due_on =
            first_contact_due(priority, status, received, settings.urgent_first_contact);
        let next_review_on: Option<NaiveDate> = r.get(8)?;
        let next_action_due: Option<NaiveDate> = r.get(10)?;
        let missed: u32 = r.get(20)?;
        Ok(CaseloadRow {
            episode_id: r.get::<_, String>(0)?.into(),
            person_id: r.get::<_, String>(1)?.into(),
            name: full_name(&r.get::<_, String>(2)?, &r.get::<_, String>(3)?),
            preferred_name: r.get(4)?,
            nhs_number: nhs_display(r.get(5)?),
            status,
            referral_received_on: received,
            days_waiting,
            wait_band: days_waiting.and_then(wait_band),
            priority,
            first_contact_due_on,
            urgent_overdue: first_contact_due_on.is_some_and(|d| d < today),
            attempts: if waiting { r.get(16)? } else { 0 },
            last_attempt,
            days_since_contact: last.map(|d| days(d, today)),
            next_review_on,
            next_action_due,
            review_overdue: next_review_on.is_some_and(|d| d < today),
            action_overdue: next_action_due.is_some_and(|d| d < today),
            not_reached: (missed >= settings.not_reached_after.get()).then_some(missed),
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
    if let Some(only) = q.only {
        out.retain(|r| needs(r, only));
    }
    Ok(sort_rows(out, q.sort, q.descending))
}

/// The row needs what the filter names.
fn needs(r: &CaseloadRow, only: CaseloadFilter) -> bool {
    match only {
        CaseloadFilter::FollowUps => r.follow_up.is_some(),
        CaseloadFilter::UrgentOverdue => r.urgent_overdue,
        CaseloadFilter::ReviewsOverdue => r.review_overdue,
        CaseloadFilter::ActionsOverdue => r.action_overdue,
        CaseloadFilter::NotReached => r.not_reached.is_some(),
    }
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
            CaseloadSort::Attention => dir(attention_key(a).cmp(&attention_key(b))),
            CaseloadSort::Name => dir(ka.cmp(kb)),
            CaseloadSort::NhsNumber => opt(&a.nhs_number, &b.nhs_number, descending),
            CaseloadSort::Status => dir(a.status.cmp(&b.status)),
            // Urgent referrals first, then the longest (or shortest) wait.
            CaseloadSort::Waiting => (b.priority == Priority::Urgent)
                .cmp(&(a.priority == Priority::Urgent))
                .then_with(|| opt(&a.days_waiting, &b.days_waiting, descending)),
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

/// The counters above the caseload list. `open_rows` is every open episode's row (`caseload` with
/// the default query): the counts of what is waiting, due or overdue come from the rows the list
/// itself shows, so the two follow one rule and the list is read once.
pub fn counters(
    r: Read<'_>,
    today: NaiveDate,
    open_rows: &[CaseloadRow],
) -> Result<CaseloadCounters> {
    let conn = r.conn();
    let count = |f: CaseloadFilter| open_rows.iter().filter(|r| needs(r, f)).count() as u32;
    let waits: Vec<i32> = open_rows.iter().filter_map(|r| r.days_waiting).collect();
    let year_ago = today - Duration::days(365);
    // Episodes whose first contact that took place was in the last year: those with one since
    // then and none before (read from last year's contacts, not every contact ever).
    let mut stmt = conn.prepare_cached(
        "SELECT e.referral_received_on, min(substr(c.occurred_at, 1, 10)) AS first
         FROM contact c JOIN episode e ON e.id = c.episode_id
         WHERE c.occurred_at >= ?1 AND c.outcome = 'took_place' AND c.entered_in_error_at IS NULL
           AND NOT EXISTS (SELECT 1 FROM contact b WHERE b.episode_id = c.episode_id AND b.occurred_at < ?1
                             AND b.outcome = 'took_place' AND b.entered_in_error_at IS NULL)
         GROUP BY e.id",
    )?;
    let to_first: Vec<i32> = stmt
        .query_map([year_ago], |r| {
            let received: NaiveDate = r.get(0)?;
            let first: String = r.get(1)?;
            // A date that does not read is a damaged row, never "0 days".
            let first =
                NaiveDate::parse_from_str(&first, "%Y-%m-%d").map_err(|_| bad_column(1, &first))?;
            Ok(days(received, first))
        })?
        .collect::<Result<_, _>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT e.referral_received_on, e.status,
                (SELECT min(substr(c.occurred_at, 1, 10)) FROM contact c WHERE c.episode_id = e.id
                   AND c.outcome = 'took_place' AND c.entered_in_error_at IS NULL)
         FROM episode e WHERE e.referral_received_on > ?1",
    )?;
    let recent: Vec<(NaiveDate, Option<NaiveDate>, EpisodeStatus)> = stmt
        .query_map([year_ago], |r| {
            let first: Option<String> = r.get(2)?;
            let first = first
                .map(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").map_err(|_| bad_column(2, &d)))
                .transpose()?;
            Ok((r.get(0)?, first, slug(r.get(1)?, EpisodeStatus::from_slug)?))
        })?
        .collect::<Result<_, _>>()?;
    let (contacted_within_7_days, waited_14_days_or_more) = first_contact_shares(&recent, today);
    let supported: u32 = conn.query_row(
        "SELECT count(DISTINCT e.person_id) FROM contact c JOIN episode e ON e.id = c.episode_id
         WHERE c.outcome = 'took_place' AND c.entered_in_error_at IS NULL AND c.occurred_at >= ?1",
        [year_ago],
        |r| r.get(0),
    )?;
    let wte = crate::settings::load(r)?.whole_time_equivalent;
    let overdue = |r: &&CaseloadRow| {
        r.follow_up
            .as_ref()
            .is_some_and(|f| f.state == linkwork_core::outcomes::ReminderState::Overdue)
    };
    let follow_ups_overdue = open_rows.iter().filter(overdue).count() as u32;
    let (open_concerns, concern_reviews_overdue) = {
        let all = crate::risks::open_concerns(r, today)?;
        (
            all.len() as u32,
            all.iter().filter(|c| c.review_overdue).count() as u32,
        )
    };
    let outreach_to_work: u32 = r.conn().query_row(
        "SELECT count(*) FROM outreach_entry e JOIN outreach_list l ON l.id = e.list_id
         WHERE l.closed_on IS NULL AND e.state IN ('not_tried', 'tried', 'reached')",
        [],
        |x| x.get(0),
    )?;
    Ok(CaseloadCounters {
        outreach_to_work,
        follow_ups_due: count(CaseloadFilter::FollowUps) - follow_ups_overdue,
        follow_ups_overdue,
        urgent_overdue: count(CaseloadFilter::UrgentOverdue),
        reviews_overdue: count(CaseloadFilter::ReviewsOverdue),
        actions_overdue: count(CaseloadFilter::ActionsOverdue),
        not_reached: count(CaseloadFilter::NotReached),
        open_concerns,
        concern_reviews_overdue,
        open: open_rows.len() as u32,
        waiting: waits.len() as u32,
        median_days_waiting: median(waits),
        median_days_to_first_contact: median(to_first),
        contacted_within_7_days,
        waited_14_days_or_more,
        supported_last_12_months: supported,
        safe_max: wte.scale(SAFE_CASELOAD_MAX),
        amber_over: wte.scale(SAFE_CASELOAD_AMBER),
        level: caseload_level(supported, wte),
    })
}
