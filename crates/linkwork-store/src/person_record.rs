//! One person's whole record, as their page shows it: details, risk log, and every episode with
//! its contacts, plan, outcomes and onward referrals.

use crate::{
    sql::{days, slug, LOCAL_TIME},
    write::Read,
    Result,
};
use chrono::{NaiveDate, NaiveDateTime};
use linkwork_core::{
    caseload::*,
    ids::PersonId,
    vocab::{
        CloseReason, ContactOutcome, ContactType, EpisodeStatus, GoalStatus, NeedCategory,
        Priority, ReferralMethod, ReferralReason, ReferralSource,
    },
};
use rusqlite::Connection;

/// Everything about one person, newest episode first.
pub fn person_record(r: Read<'_>, person_id: &PersonId, today: NaiveDate) -> Result<PersonRecord> {
    let conn = r.conn();
    let p = crate::people::person_input(r, person_id)?;
    let person = PersonDetails {
        id: person_id.clone(),
        nhs_number: p.nhs_number.map(|n| n.formatted()),
        given_name: p.given_name,
        family_name: p.family_name,
        preferred_name: p.preferred_name,
        date_of_birth: p.date_of_birth,
        pronouns: p.pronouns,
        phone: p.phone,
        preferred_contact: p.preferred_contact,
        address: p.address,
        postcode: p.postcode,
        gp_practice_name: p.gp_practice_name,
        gp_practice_ods: p.gp_practice_ods,
        communication_needs: p.communication_needs,
        consent_to_share: p.consent_to_share,
        consent_recorded_on: p.consent_recorded_on,
        notes: p.notes,
        tags: p.tags,
    };

    let concerns = crate::risks::concerns(r, person_id)?;
    let risk = concerns.iter().any(ConcernView::is_live);
    let consent_history = crate::people::consent_history(r, person_id)?;

    let mut stmt = conn.prepare_cached(
        "SELECT id, status, referral_received_on, referral_method, referrer_name, referrer_role, referrer_organisation,
                referrer_ods, referral_notes, offered_on, accepted_on, declined_on, what_matters, next_review_on, closed_on,
                close_reason, close_note, (SELECT form FROM contact_draft d WHERE d.episode_id = episode.id),
                referral_source, priority
         FROM episode WHERE person_id = ?1 ORDER BY referral_received_on DESC, created_at DESC",
    )?;
    let mut episodes: Vec<EpisodeView> = stmt
        .query_map([person_id.as_str()], |r| {
            Ok(EpisodeView {
                id: r.get::<_, String>(0)?.into(),
                status: slug(r.get(1)?, EpisodeStatus::from_slug)?,
                referral_received_on: r.get(2)?,
                referral_method: slug(r.get(3)?, ReferralMethod::from_slug)?,
                referrer_name: r.get(4)?,
                referrer_role: r.get(5)?,
                referrer_organisation: r.get(6)?,
                referrer_ods: r.get(7)?,
                referral_notes: r.get(8)?,
                referral_source: r
                    .get::<_, Option<String>>(18)?
                    .map(|s| slug(s, ReferralSource::from_slug))
                    .transpose()?,
                priority: slug(r.get(19)?, Priority::from_slug)?,
                referral_reasons: vec![],
                referral_categories: vec![],
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
    let settings = crate::settings::load(r)?;
    for e in &mut episodes {
        fill_episode(conn, e)?;
        e.outcomes =
            crate::outcomes::episode_outcomes(r, &e.id, e.status, e.closed_on, &settings, today)?;
        e.onward = crate::onward::onward_for_episode(r, &e.id)?;
    }
    Ok(PersonRecord {
        person,
        risk,
        concerns,
        consent_history,
        episodes,
    })
}

fn fill_episode(conn: &Connection, e: &mut EpisodeView) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "SELECT source, category FROM episode_need WHERE episode_id = ?1 ORDER BY category",
    )?;
    for row in stmt.query_map([e.id.as_str()], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
    })? {
        let (source, cat) = row?;
        if let Some(c) = NeedCategory::from_slug(&cat) {
            if source == "referral" {
                e.referral_categories.push(c)
            } else {
                e.plan_needs.push(c)
            }
        }
    }
    let mut stmt = conn.prepare_cached(
        "SELECT reason FROM episode_reason WHERE episode_id = ?1 ORDER BY reason",
    )?;
    e.referral_reasons = stmt
        .query_map([e.id.as_str()], |r| {
            slug(r.get(0)?, ReferralReason::from_slug)
        })?
        .collect::<Result<_, _>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT id, occurred_at, contact_type, duration_minutes, outcome, notes, substr(entered_in_error_at, 1, 10), error_reason
         FROM contact WHERE episode_id = ?1
         ORDER BY occurred_at DESC, created_at DESC",
    )?;
    e.contacts = stmt
        .query_map([e.id.as_str()], |r| {
            let at: String = r.get(1)?;
            Ok(ContactView {
                id: r.get::<_, String>(0)?.into(),
                occurred_at: NaiveDateTime::parse_from_str(&at, LOCAL_TIME).map_err(|_| {
                    rusqlite::Error::InvalidColumnType(1, at.clone(), rusqlite::types::Type::Text)
                })?,
                contact_type: slug(r.get(2)?, ContactType::from_slug)?,
                duration_minutes: r.get(3)?,
                outcome: slug(r.get(4)?, ContactOutcome::from_slug)?,
                notes: r.get(5)?,
                entered_in_error: crate::sql::error_mark(r.get(6)?, r.get(7)?),
            })
        })?
        .collect::<Result<_, _>>()?;
    e.days_to_first_contact = e
        .contacts
        .iter()
        .filter(|c| c.outcome == ContactOutcome::TookPlace && c.entered_in_error.is_none())
        .map(|c| c.occurred_at.date())
        .min()
        .map(|first| days(e.referral_received_on, first));
    let mut stmt = conn.prepare_cached("SELECT id, text, importance, status FROM goal WHERE episode_id = ?1 ORDER BY importance DESC, created_at")?;
    e.goals = stmt
        .query_map([e.id.as_str()], |r| {
            Ok(GoalView {
                id: r.get::<_, String>(0)?.into(),
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
        .query_map([e.id.as_str()], |r| {
            Ok(ActionView {
                id: r.get::<_, String>(0)?.into(),
                who: r.get(1)?,
                what: r.get(2)?,
                due_on: r.get(3)?,
                done_on: r.get(4)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(())
}
