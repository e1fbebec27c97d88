//! One person's whole record, as their page shows it: details, risk log, and every episode with
//! its contacts, plan, outcomes and onward referrals.

use crate::{
    people::PersonInput,
    sql::{days, scoped, slug, Scope, LOCAL_TIME},
    write::Read,
    Result,
};
use chrono::{NaiveDate, NaiveDateTime};
use linkwork_core::{assets::OnwardView, caseload::ConsentView};
use linkwork_core::{
    caseload::*,
    ids::PersonId,
    vocab::{
        CloseReason, ContactOutcome, ContactType, EpisodeStatus, GoalStatus, NeedCategory,
        Priority, ReferralMethod, ReferralReason, ReferralSource,
    },
};
use std::collections::HashMap;

/// Everything about one person, newest episode first.
pub fn person_record(r: Read<'_>, person_id: &PersonId, today: NaiveDate) -> Result<PersonRecord> {
    let p = crate::people::person_input(r, person_id)?;
    let one = Scope::One(person_id.as_str());
    let mut parts = Parts::person_level(r, one, Detail::Full)?;
    let episodes: Vec<String> = parts
        .episodes
        .get(person_id.as_str())
        .map(|v| v.iter().map(|e| e.id.as_str().to_owned()).collect())
        .unwrap_or_default();
    for e in &episodes {
        parts.add_episode_level(r, Scope::One(e), Detail::Full)?;
    }
    let settings = crate::settings::load(r)?;
    Ok(parts.assemble(person_id, p, &settings, today))
}

/// How much of each record [`all_person_records`] reads.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Detail {
    /// Everything the person page shows.
    Full,
    /// What the monthly report and the GP checklist use: no risk log (nor the `risk` flag),
    /// consent history, goals, plan actions or contact notes. Reading them was a tenth of the
    /// report's time at ten link-worker-years.
    Figures,
}

/// Everyone's records, in person id order: the same as [`person_record`] for each person (less
/// what `detail` leaves out), read with one query per table rather than a dozen per person.
pub fn all_person_records(
    r: Read<'_>,
    today: NaiveDate,
    detail: Detail,
) -> Result<Vec<PersonRecord>> {
    let mut parts = Parts::person_level(r, Scope::All, detail)?;
    parts.add_episode_level(r, Scope::All, detail)?;
    let settings = crate::settings::load(r)?;
    let people = crate::people::person_rows(r, Scope::All)?;
    Ok(people
        .into_iter()
        .map(|(id, mut p)| {
            p.tags = parts.tags.remove(&id).unwrap_or_default();
            parts.assemble(&id.into(), p, &settings, today)
        })
        .collect())
}

/// The rows records are made from, by person or episode id.
#[derive(Default)]
struct Parts {
    tags: HashMap<String, Vec<linkwork_core::vocab::GroupTag>>,
    deaths: HashMap<String, NaiveDate>,
    profiles: HashMap<String, linkwork_core::reach::PersonProfile>,
    carers: HashMap<String, Vec<linkwork_core::carers::CarerLinkView>>,
    concerns: HashMap<String, Vec<ConcernView>>,
    consent: HashMap<String, Vec<ConsentView>>,
    practices: HashMap<String, Vec<linkwork_core::practices::PracticeRegistration>>,
    /// By person, newest first; needs, contacts and the rest are filled in by [`Parts::assemble`].
    episodes: HashMap<String, Vec<EpisodeView>>,
    needs: HashMap<String, Vec<(String, String)>>,
    reasons: HashMap<String, Vec<ReferralReason>>,
    contacts: HashMap<String, Vec<ContactView>>,
    goals: HashMap<String, Vec<GoalView>>,
    actions: HashMap<String, Vec<ActionView>>,
    ons4: HashMap<String, Vec<crate::outcomes::Ons4Row>>,
    pam: HashMap<String, Vec<crate::outcomes::PamRow>>,
    outcomes_in_error: HashMap<String, Vec<linkwork_core::outcomes::OutcomeInError>>,
    onward: HashMap<String, Vec<OnwardView>>,
}

fn extend<T>(map: &mut HashMap<String, Vec<T>>, rows: Vec<(String, T)>) {
    for (k, v) in rows {
        map.entry(k).or_default().push(v);
    }
}

impl Parts {
    fn person_level(r: Read<'_>, scope: Scope<'_>, detail: Detail) -> Result<Self> {
        let mut p = Parts::default();
        if let Scope::All = scope {
            extend(&mut p.tags, crate::people::tag_rows(r, scope)?);
        }
        p.deaths = scoped(
            r.conn(),
            "date_of_death",
            "person",
            "id",
            Some("date_of_death IS NOT NULL"),
            "id",
            scope,
            |r| r.get(0),
        )?
        .into_iter()
        .collect();
        p.profiles = crate::reach::profile_rows(r, scope)?.into_iter().collect();
        extend(&mut p.carers, crate::carers::link_rows(r, scope)?);
        if detail == Detail::Full {
            extend(&mut p.concerns, crate::risks::concern_rows(r, scope)?);
            extend(&mut p.consent, crate::people::consent_rows(r, scope)?);
        }
        // The report counts each person at the practice they were registered at then.
        extend(
            &mut p.practices,
            crate::practices::registration_rows(r, scope)?,
        );
        extend(&mut p.episodes, episode_rows(r, scope)?);
        Ok(p)
    }

    fn add_episode_level(&mut self, r: Read<'_>, scope: Scope<'_>, detail: Detail) -> Result<()> {
        let conn = r.conn();
        let full = detail == Detail::Full;
        extend(
            &mut self.needs,
            scoped(
                conn,
                "source, category",
                "episode_need",
                "episode_id",
                None,
                "category, source",
                scope,
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?,
        );
        extend(
            &mut self.reasons,
            scoped(
                conn,
                "reason",
                "episode_reason",
                "episode_id",
                None,
                "reason",
                scope,
                |r| slug(r.get(0)?, ReferralReason::from_slug),
            )?,
        );
        extend(
            &mut self.contacts,
            scoped(
                conn,
                if full {
                    "id, occurred_at, contact_type, duration_minutes, outcome, notes, substr(entered_in_error_at, 1, 10), error_reason"
                } else {
                    "id, occurred_at, contact_type, duration_minutes, outcome, NULL, substr(entered_in_error_at, 1, 10), error_reason"
                },
                "contact",
                "episode_id",
                None,
                "occurred_at DESC, created_at DESC, rowid DESC",
                scope,
                |r| {
                    let at: String = r.get(1)?;
                    Ok(ContactView {
                        id: r.get::<_, String>(0)?.into(),
                        occurred_at: NaiveDateTime::parse_from_str(&at, LOCAL_TIME).map_err(
                            |_| {
                                rusqlite::Error::InvalidColumnType(
                                    1,
                                    at.clone(),
                                    rusqlite::types::Type::Text,
                                )
                            },
                        )?,
                        contact_type: slug(r.get(2)?, ContactType::from_slug)?,
                        duration_minutes: r.get(3)?,
                        outcome: slug(r.get(4)?, ContactOutcome::from_slug)?,
                        notes: r.get(5)?,
                        entered_in_error: crate::sql::error_mark(r.get(6)?, r.get(7)?),
                    })
                },
            )?,
        );
        if full {
            extend(
                &mut self.goals,
                scoped(
                    conn,
                    "id, text, importance, status",
                    "goal",
                    "episode_id",
                    None,
                    "importance DESC, created_at, rowid",
                    scope,
                    |r| {
                        Ok(GoalView {
                            id: r.get::<_, String>(0)?.into(),
                            text: r.get(1)?,
                            importance: r.get(2)?,
                            status: slug(r.get(3)?, GoalStatus::from_slug)?,
                        })
                    },
                )?,
            );
            extend(
                &mut self.actions,
                scoped(
                    conn,
                    "id, who, what, due_on, done_on",
                    "plan_action",
                    "episode_id",
                    None,
                    "done_on IS NOT NULL, due_on IS NULL, due_on, created_at, rowid",
                    scope,
                    |r| {
                        Ok(ActionView {
                            id: r.get::<_, String>(0)?.into(),
                            who: r.get(1)?,
                            what: r.get(2)?,
                            due_on: r.get(3)?,
                            done_on: r.get(4)?,
                        })
                    },
                )?,
            );
        }
        extend(&mut self.ons4, crate::outcomes::ons4_rows(r, scope)?);
        extend(&mut self.pam, crate::outcomes::pam_rows(r, scope)?);
        extend(
            &mut self.outcomes_in_error,
            crate::outcomes::in_error(r, scope)?,
        );
        extend(&mut self.onward, crate::onward::onward_rows(r, scope)?);
        Ok(())
    }

    /// One person's record from the rows read for them (taken out of `self`).
    fn assemble(
        &mut self,
        person_id: &PersonId,
        p: PersonInput,
        settings: &crate::settings::Settings,
        today: NaiveDate,
    ) -> PersonRecord {
        let id = person_id.as_str();
        let person = PersonDetails {
            id: person_id.clone(),
            nhs_number: p.nhs_number.map(|n| n.formatted()),
            given_name: p.given_name,
            family_name: p.family_name,
            preferred_name: p.preferred_name,
            age: p
                .date_of_birth
                .and_then(|dob| linkwork_core::caseload::age_on(dob, today)),
            date_of_birth: p.date_of_birth,
            pronouns: p.pronouns,
            phone: p.phone,
            preferred_contact: p.preferred_contact,
            address: p.address,
            postcode: p.postcode,
            practice_id: p.practice_id,
            gp_practice_name: p.gp_practice_name,
            gp_practice_ods: p.gp_practice_ods,
            communication_needs: p.communication_needs,
            consent_to_share: p.consent_to_share,
            consent_recorded_on: p.consent_recorded_on,
            notes: p.notes,
            tags: p.tags,
            date_of_death: self.deaths.remove(id),
            profile: self.profiles.remove(id).unwrap_or_default(),
        };
        let mut concerns = self.concerns.remove(id).unwrap_or_default();
        for c in &mut concerns {
            c.live = c.is_live();
            c.review_overdue = c.live && c.review_on.is_some_and(|d| d < today);
        }
        let risk = concerns.iter().any(ConcernView::is_live);
        let mut episodes = self.episodes.remove(id).unwrap_or_default();
        for e in &mut episodes {
            let k = e.id.as_str();
            for (source, cat) in self.needs.remove(k).unwrap_or_default() {
                if let Some(c) = NeedCategory::from_slug(&cat) {
                    if source == "referral" {
                        e.referral_categories.push(c)
                    } else {
                        e.plan_needs.push(c)
                    }
                }
            }
            e.referral_reasons = self.reasons.remove(k).unwrap_or_default();
            e.contacts = self.contacts.remove(k).unwrap_or_default();
            e.days_to_first_contact = e
                .first_contact_on()
                .map(|first| days(e.referral_received_on, first));
            e.acceptance_missing = acceptance_missing(e);
            e.not_reached = not_reached(e, settings.not_reached_after);
            e.first_contact_due_on = first_contact_due(
                e.priority,
                e.status,
                e.referral_received_on,
                settings.urgent_first_contact,
            );
            e.first_contact_overdue = e.first_contact_due_on.is_some_and(|d| d < today);
            e.goals = self.goals.remove(k).unwrap_or_default();
            e.actions = self.actions.remove(k).unwrap_or_default();
            e.next_due = (e.status != EpisodeStatus::Closed)
                .then(|| linkwork_core::caseload::next_due(e, today))
                .flatten();
            e.outcomes = crate::outcomes::outcomes_from(
                crate::outcomes::EpisodeOutcomeRows {
                    ons4: self.ons4.remove(k).unwrap_or_default(),
                    pam: self.pam.remove(k).unwrap_or_default(),
                    in_error: self.outcomes_in_error.remove(k).unwrap_or_default(),
                },
                e.status,
                e.closed_on,
                settings,
                today,
            );
            e.onward = self.onward.remove(k).unwrap_or_default();
        }
        PersonRecord {
            person,
            risk,
            concerns,
            consent_history: self.consent.remove(id).unwrap_or_default(),
            practice_history: self.practices.remove(id).unwrap_or_default(),
            carers: self.carers.remove(id).unwrap_or_default(),
            episodes,
        }
    }
}

/// Episodes by person, newest first, with their own columns only.
fn episode_rows(r: Read<'_>, scope: Scope<'_>) -> Result<Vec<(String, EpisodeView)>> {
    scoped(
        r.conn(),
        "id, status, referral_received_on, referral_method, referrer_name, referrer_role, referrer_organisation,
                referrer_ods, referral_notes, offered_on, accepted_on, declined_on, what_matters, next_review_on, closed_on,
                close_reason, close_note, (SELECT form FROM contact_draft d WHERE d.episode_id = episode.id),
                referral_source, priority",
        "episode",
        "person_id",
        None,
        "referral_received_on DESC, created_at DESC, rowid DESC",
        scope,
        |r| {
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
                acceptance_missing: false,
                not_reached: None,
                first_contact_due_on: None,
                first_contact_overdue: false,
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
                next_due: None,
                draft: r
                    .get::<_, Option<String>>(17)?
                    .map(|t| linkwork_core::caseload::ContactDraft::from_stored(&t)),
                outcomes: Default::default(),
                onward: vec![],
            })
        },
    )
}
