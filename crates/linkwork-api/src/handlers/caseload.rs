//! Referrals, people, contacts and drafts, plans, risks, closing, and the caseload list.

use super::{changing, chosen, on_episode, on_person, past_date, Result};
use crate::{error::ApiError, session::Session, types::*};
use linkwork_core::{
    caseload::{
        duration_minutes, error_reason, optional_text, required_text, PersonRecord, PersonSummary,
    },
    dates::{not_future, parse_date, parse_local_datetime, parse_optional_date},
    vocab::{ConsentToShare, ContactOutcome, GoalStatus, Priority},
    AllValid, ErrorCode, NhsNumber, ValidationError,
};
use linkwork_store::{
    caseload::{self as list, CaseloadQuery},
    contacts::{self, ContactInput},
    corrections,
    episodes::{self, PlanInput, ReferralInput, Referred},
    merge,
    people::{self, PersonInput},
    person_record::person_record,
    plan,
    risks::{self, ConcernEntryInput, ConcernInput},
};

fn optional_nhs(s: Option<&str>) -> std::result::Result<Option<NhsNumber>, ValidationError> {
    match optional_text(s) {
        None => Ok(None),
        Some(n) => Ok(Some(NhsNumber::parse("nhs_number", &n)?)),
    }
}

fn person_input(s: &Session, f: &PersonForm) -> std::result::Result<PersonInput, ValidationError> {
    let consent = f.consent_to_share.unwrap_or(ConsentToShare::NotAsked);
    let typed_ods = match &f.practice_id {
        Some(_) => Ok(None),
        None => linkwork_core::practices::ods_code("gp_practice_ods", f.gp_practice_ods.as_deref()),
    };
    let (mut consent_on, nhs_number, given_name, family_name, date_of_birth, gp_practice_ods) = (
        past_date(
            s,
            "consent_recorded_on",
            "date consent was recorded",
            f.consent_recorded_on.as_deref(),
        ),
        optional_nhs(f.nhs_number.as_deref()),
        required_text("given_name", "given name", f.given_name.as_deref()),
        required_text("family_name", "family name", f.family_name.as_deref()),
        past_date(
            s,
            "date_of_birth",
            "date of birth",
            f.date_of_birth.as_deref(),
        ),
        typed_ods,
    )
        .all_valid()?;
    if consent != ConsentToShare::NotAsked && consent_on.is_none() {
        consent_on = Some(s.today());
    }
    Ok(PersonInput {
        nhs_number,
        given_name,
        family_name,
        preferred_name: optional_text(f.preferred_name.as_deref()),
        date_of_birth,
        pronouns: optional_text(f.pronouns.as_deref()),
        phone: optional_text(f.phone.as_deref()),
        preferred_contact: f.preferred_contact,
        address: optional_text(f.address.as_deref()),
        postcode: optional_text(f.postcode.as_deref()).map(|p| p.to_uppercase()),
        practice_id: f.practice_id.clone(),
        gp_practice_name: f
            .practice_id
            .is_none()
            .then(|| optional_text(f.gp_practice_name.as_deref()))
            .flatten(),
        gp_practice_ods,
        communication_needs: optional_text(f.communication_needs.as_deref()),
        consent_to_share: consent,
        consent_recorded_on: consent_on,
        notes: optional_text(f.notes.as_deref()),
        tags: f.tags.clone(),
    })
}

fn referral_input(
    s: &Session,
    f: &ReferralForm,
) -> std::result::Result<ReferralInput, ValidationError> {
    const LABEL: &str = "date the referral was received";
    let (received_on, method, source) = (
        parse_date("received_on", LABEL, &f.received_on)
            .and_then(|d| not_future("received_on", LABEL, d, s.today())),
        chosen("method", "referral method", f.method),
        chosen("source", "role of who referred", f.source),
    )
        .all_valid()?;
    Ok(ReferralInput {
        received_on,
        method,
        source,
        priority: f.priority.unwrap_or(Priority::Routine),
        referrer_name: optional_text(f.referrer_name.as_deref()),
        referrer_role: optional_text(f.referrer_role.as_deref()),
        referrer_organisation: optional_text(f.referrer_organisation.as_deref()),
        referrer_ods: optional_text(f.referrer_ods.as_deref()).map(|s| s.to_uppercase()),
        reasons: f.reasons.clone(),
        notes: optional_text(f.notes.as_deref()),
    })
}

/// Before saving a referral: is this NHS number known (under the same name?), is it in an
/// issued range, or does someone look the same?
pub fn intake_check(s: &Session, a: IntakeCheckArgs) -> Result<IntakeCheck> {
    let nhs = optional_nhs(a.nhs_number.as_deref())?;
    let dob = parse_optional_date("date_of_birth", "date of birth", a.date_of_birth.as_deref())?;
    let given = optional_text(a.given_name.as_deref());
    let family = optional_text(a.family_name.as_deref());
    s.with_vault(|v| {
        let existing = match &nhs {
            Some(n) => people::find_by_nhs(v.read(), n)?,
            None => None,
        };
        let identity_differs = match (&existing, &given, &family) {
            (Some(e), Some(g), Some(f)) => {
                let typed = format!("{g} {f}").to_lowercase();
                e.name.to_lowercase() != typed
                    || matches!((e.date_of_birth, dob), (Some(a), Some(b)) if a != b)
            }
            _ => false,
        };
        let possible_duplicates = match (&existing, &given, &family) {
            (None, Some(g), Some(f)) => people::possible_duplicates(v.read(), g, f, dob)?
                .into_iter()
                .filter(|d| nhs.is_none() || d.nhs_number.is_none())
                .collect(),
            _ => vec![],
        };
        Ok(IntakeCheck {
            existing,
            identity_differs,
            possible_duplicates,
            nhs_warning: nhs.as_ref().and_then(NhsNumber::range_warning),
        })
    })
}

pub fn add_referral(s: &Session, f: ReferralForm) -> Result<ReferralAddedView> {
    // The person's details come first on the form, so their problems are listed first.
    let who = match &f.person_id {
        // Picked from the duplicate warning: what was typed fills the record's blanks.
        Some(id) => match optional_text(f.person.given_name.as_deref()) {
            Some(_) => person_input(s, &f.person)
                .map(|p| Referred::Existing(id.clone(), Some(Box::new(p)))),
            None => Ok(Referred::Existing(id.clone(), None)),
        },
        None => person_input(s, &f.person).map(|details| Referred::Person {
            details: Box::new(details),
            allow_possible_duplicate: f.allow_possible_duplicate,
            identity: f.identity,
        }),
    };
    let (who, referral) = (who, referral_input(s, &f)).all_valid()?;
    s.with_vault(|v| {
        let added = v.write(|tx| {
            let added = episodes::add_referral(tx, who, &referral)?;
            if let Some(link) = &f.carer_link {
                linkwork_store::carers::link_person(tx, link, &added.person_id)?;
            }
            Ok(added)
        })?;
        Ok(ReferralAddedView {
            person_id: added.person_id,
            episode_id: added.episode_id,
            new_person: added.new_person,
        })
    })
}

fn caseload_query(a: CaseloadArgs) -> CaseloadQuery {
    CaseloadQuery {
        search: a.search,
        status: a.status,
        sort: a.sort,
        descending: a.descending,
        only: a.only,
    }
}

pub fn caseload(s: &Session, a: CaseloadArgs) -> Result<CaseloadView> {
    let q = caseload_query(a);
    let today = s.today();
    let now = s.now();
    s.with_vault(|v| {
        let open = list::caseload(v.read(), today, &CaseloadQuery::default())?;
        let counters = list::counters(v.read(), today, &open)?;
        let has_people = counters.open > 0 || counters.supported_last_12_months > 0;
        // The page opens on the whole list: read it once for the counters and the rows.
        let rows = if q == CaseloadQuery::default() {
            open
        } else {
            list::caseload(v.read(), today, &q)?
        };
        Ok(CaseloadView {
            rows,
            counters,
            today,
            report_due: super::report::reminder(today, v.read(), has_people)?,
            backup_due: super::backup::reminder(now, v.read(), has_people)?,
        })
    })
}

pub fn caseload_rows(
    s: &Session,
    a: CaseloadArgs,
) -> Result<Vec<linkwork_core::caseload::CaseloadRow>> {
    let q = caseload_query(a);
    let today = s.today();
    s.with_vault(|v| Ok(list::caseload(v.read(), today, &q)?))
}

/// People by name or NHS number (the CLI's `people list`, and finding a person by NHS number).
pub fn list_people(s: &Session, a: PeopleArgs) -> Result<Vec<PersonSummary>> {
    s.with_vault(|v| Ok(people::list_people(v.read(), a.search.as_deref())?))
}

pub fn person(s: &Session, a: PersonArgs) -> Result<PersonRecord> {
    let today = s.today();
    s.with_vault(|v| Ok(person_record(v.read(), &a.person_id, today)?))
}

pub fn update_person(s: &Session, a: UpdatePersonArgs) -> Result<PersonRecord> {
    let mut input = person_input(s, &a.person)?;
    on_person(s, &a.person_id, |tx| {
        // Consent left out of the form stays as it is (only an explicit answer changes it).
        if a.person.consent_to_share.is_none() {
            let current = people::person_input(tx.read(), &a.person_id)?;
            input.consent_to_share = current.consent_to_share;
            input.consent_recorded_on = current.consent_recorded_on;
        }
        people::update_person(tx, &a.person_id, &input)
    })
}

/// A consent decision for one purpose, with its date (today when blank).
pub fn record_consent(s: &Session, f: ConsentForm) -> Result<PersonRecord> {
    let (decision, on) = (
        chosen("decision", "decision", f.decision),
        past_date(s, "decided_on", "date", f.decided_on.as_deref()),
    )
        .all_valid()?;
    let on = on.unwrap_or_else(|| s.today());
    on_person(s, &f.person_id, |tx| {
        people::record_consent(tx, &f.person_id, f.purpose, decision, on)
    })
}

/// Records when the person died (their open episode closes; open concerns stay open), or takes
/// back a date recorded by mistake.
pub fn record_death(s: &Session, f: DeathForm) -> Result<PersonRecord> {
    let on = if f.remove {
        None
    } else {
        Some(
            past_date(
                s,
                "date_of_death",
                "date of death",
                f.date_of_death.as_deref(),
            )?
            .ok_or_else(|| ValidationError::new("date_of_death", "Enter the date of death."))?,
        )
    };
    on_person(s, &f.person_id, |tx| {
        people::record_death(tx, &f.person_id, on)
    })
}

/// Every open concern, anyone's: the Open concerns list.
pub fn open_concerns(s: &Session, _: NoArgs) -> Result<Vec<linkwork_core::caseload::OpenConcern>> {
    let today = s.today();
    s.with_vault(|v| Ok(risks::open_concerns(v.read(), today)?))
}

/// Merges two records of one person into `keep_id`; all or nothing.
pub fn merge_people(s: &Session, a: MergeArgs) -> Result<PersonRecord> {
    on_person(s, &a.keep_id, |tx| {
        merge::merge_people(tx, &a.keep_id, &a.other_id).map(|_| ())
    })
}

pub fn add_contact(s: &Session, f: ContactForm) -> Result<PersonRecord> {
    let outcome = chosen("outcome", "outcome", f.outcome).and_then(|o| match o {
        ContactOutcome::Cancelled => Err(ValidationError::new(
            "outcome",
            "Say who cancelled: the person, or the link worker.",
        )),
        o => Ok(o),
    });
    let took_place = matches!(outcome, Ok(ContactOutcome::TookPlace));
    let at = parse_local_datetime(
        "occurred_at",
        "date and time of the contact",
        &f.occurred_at,
    )
    .and_then(|at| match took_place {
        true => not_future(
            "occurred_at",
            "date of a contact that took place",
            at.date(),
            s.today(),
        )
        .map(|_| at),
        false => Ok(at),
    });
    // A duration is needed when the contact took place (or the outcome is still to be chosen).
    let needs_time = outcome.as_ref().map_or(ContactOutcome::TookPlace, |o| *o);
    let (outcome, occurred_at, contact_type, duration_minutes) = (
        outcome,
        at,
        chosen("contact_type", "contact type", f.contact_type),
        duration_minutes("duration_minutes", f.duration_minutes, needs_time),
    )
        .all_valid()?;
    let input = ContactInput {
        episode_id: f.episode_id.clone(),
        occurred_at,
        contact_type,
        duration_minutes,
        outcome,
        notes: optional_text(f.notes.as_deref()),
    };
    on_episode(s, &f.episode_id, |tx| {
        contacts::add_contact(tx, &input).map(|_| ())
    })
}

pub fn contact_defaults(s: &Session, a: PersonArgs) -> Result<ContactDefaults> {
    s.with_vault(|v| {
        let minutes = contacts::last_durations(v.read(), &a.person_id)?
            .into_iter()
            .map(|(contact_type, minutes)| TypeMinutes {
                contact_type,
                minutes,
            })
            .collect();
        Ok(ContactDefaults { minutes })
    })
}

pub fn save_draft(s: &Session, a: SaveDraftArgs) -> Result<()> {
    s.with_vault(
        |v| Ok(v.write(|tx| contacts::save_draft(tx, &a.episode_id, &a.form.to_stored()))?),
    )
}

pub fn discard_draft(s: &Session, a: EpisodeArgs) -> Result<PersonRecord> {
    on_episode(s, &a.episode_id, |tx| {
        contacts::discard_draft(tx, &a.episode_id)
    })
}

pub fn update_plan(s: &Session, f: PlanForm) -> Result<PersonRecord> {
    let plan = PlanInput {
        what_matters: optional_text(f.what_matters.as_deref()),
        needs: f.needs.clone(),
        next_review_on: parse_optional_date(
            "next_review_on",
            "next review date",
            f.next_review_on.as_deref(),
        )?,
    };
    on_episode(s, &f.episode_id, |tx| {
        episodes::update_plan(tx, &f.episode_id, &plan)
    })
}

pub fn update_offer(s: &Session, f: OfferForm) -> Result<PersonRecord> {
    let (offered, accepted, declined) = (
        past_date(s, "offered_on", "date offered", f.offered_on.as_deref()),
        past_date(s, "accepted_on", "date accepted", f.accepted_on.as_deref()),
        past_date(s, "declined_on", "date declined", f.declined_on.as_deref()),
    )
        .all_valid()?;
    on_episode(s, &f.episode_id, |tx| {
        episodes::update_offer(tx, &f.episode_id, offered, accepted, declined)
    })
}

pub fn record_answer(s: &Session, f: AnswerForm) -> Result<PersonRecord> {
    let (answer, on) = (
        chosen("answer", "answer", f.answer),
        past_date(s, "on", "date", f.on.as_deref()),
    )
        .all_valid()?;
    let on = on.unwrap_or_else(|| s.today());
    on_episode(s, &f.episode_id, |tx| {
        episodes::record_answer(tx, &f.episode_id, answer, on)
    })
}

fn importance(v: Option<u32>) -> std::result::Result<u8, ValidationError> {
    match v {
        Some(n @ 1..=10) => Ok(n as u8),
        _ => Err(ValidationError::new(
            "importance",
            "Choose how important this goal is, from 1 to 10.",
        )),
    }
}

pub fn save_goal(s: &Session, f: GoalForm) -> Result<PersonRecord> {
    let (text, importance) = (
        required_text("goal_text", "goal", f.text.as_deref()),
        importance(f.importance),
    )
        .all_valid()?;
    let status = f.status.unwrap_or(GoalStatus::NotStarted);
    match (&f.goal_id, &f.episode_id) {
        (Some(goal), _) => changing(s, |tx| {
            plan::update_goal(tx, goal, &text, importance, status)?;
            plan::person_of_goal(tx.read(), goal)
        }),
        (None, Some(episode)) => on_episode(s, episode, |tx| {
            plan::add_goal(tx, episode, &text, importance, status).map(|_| ())
        }),
        (None, None) => Err(ApiError::new(
            ErrorCode::BadRequest,
            "A goal needs an episode or a goal to change.",
        )
        .on_field("episode_id")),
    }
}

pub fn add_action(s: &Session, f: ActionForm) -> Result<PersonRecord> {
    let (who, what, due) = (
        required_text("action_who", "who will do it", f.who.as_deref()),
        required_text("action_what", "what will be done", f.what.as_deref()),
        parse_optional_date("action_due_on", "date it is due", f.due_on.as_deref()),
    )
        .all_valid()?;
    on_episode(s, &f.episode_id, |tx| {
        plan::add_action(tx, &f.episode_id, &who, &what, due).map(|_| ())
    })
}

pub fn set_action_done(s: &Session, a: ActionDoneArgs) -> Result<PersonRecord> {
    let today = s.today();
    changing(s, |tx| {
        plan::set_action_done(tx, &a.action_id, a.done.then_some(today))?;
        plan::person_of_action(tx.read(), &a.action_id)
    })
}

pub fn raise_concern(s: &Session, f: ConcernForm) -> Result<PersonRecord> {
    let (raised_on, concern, level, review_on) = (
        past_date(
            s,
            "concern_raised_on",
            "date raised",
            f.raised_on.as_deref(),
        ),
        required_text("concern_text", "concern", f.concern.as_deref()),
        chosen("concern_level", "level of the concern", f.level),
        parse_optional_date("concern_review_on", "review date", f.review_on.as_deref()),
    )
        .all_valid()?;
    let input = ConcernInput {
        raised_on: raised_on.unwrap_or_else(|| s.today()),
        raised_by: optional_text(f.raised_by.as_deref()),
        concern,
        level,
        action_taken: optional_text(f.action_taken.as_deref()),
        review_on,
    };
    on_person(s, &f.person_id, |tx| {
        risks::raise_concern(tx, &f.person_id, &input).map(|_| ())
    })
}

fn concern_entry(s: &Session, f: &ConcernEntryForm, what: &str) -> Result<ConcernEntryInput> {
    let (recorded_on, note, review_on) = (
        past_date(s, "risk_on", "date", f.recorded_on.as_deref()),
        required_text("risk_note", what, f.note.as_deref()),
        parse_optional_date("risk_review_on", "review date", f.review_on.as_deref()),
    )
        .all_valid()?;
    Ok(ConcernEntryInput {
        recorded_on: recorded_on.unwrap_or_else(|| s.today()),
        note,
        action_taken: optional_text(f.action_taken.as_deref()),
        level: f.level,
        review_on,
    })
}

pub fn update_concern(s: &Session, f: ConcernEntryForm) -> Result<PersonRecord> {
    let input = concern_entry(s, &f, "update")?;
    changing(s, |tx| risks::update_concern(tx, &f.concern_id, &input))
}

/// Closes one concern; the others stay open.
pub fn close_concern(s: &Session, f: ConcernEntryForm) -> Result<PersonRecord> {
    let mut input = concern_entry(s, &f, "reason for closing the concern")?;
    input.level = None;
    changing(s, |tx| risks::close_concern(tx, &f.concern_id, &input))
}

pub fn mark_entered_in_error(s: &Session, f: EnteredInErrorForm) -> Result<PersonRecord> {
    let reason = error_reason(f.reason.as_deref())?;
    changing(s, |tx| {
        corrections::mark_entered_in_error(tx, &f.record, &reason)
    })
}

/// Closes an episode. Every concern still open on the person's risk log must be decided first:
/// closed with a note (on the closing day), or kept open, so none is lost from sight by closing.
pub fn close_episode(s: &Session, f: CloseForm) -> Result<PersonRecord> {
    let (reason, on) = (
        chosen("close_reason", "reason for closing", f.reason),
        past_date(s, "closed_on", "closing date", f.closed_on.as_deref()),
    )
        .all_valid()?;
    let on = on.unwrap_or_else(|| s.today());
    let note = optional_text(f.note.as_deref());
    let today = s.today();
    on_episode(s, &f.episode_id, |tx| {
        let person = episodes::person_of_episode(tx.read(), &f.episode_id)?;
        let record = person_record(tx.read(), &person, today)?;
        let mut problems = vec![];
        let mut closing = vec![];
        for c in record.concerns.iter().filter(|c| c.is_live()) {
            let decided = f.concerns.iter().find(|d| d.concern_id == c.id);
            let field = format!("concern-{}", c.id.as_str());
            match decided.and_then(|d| d.keep_open) {
                None => problems.push(ValidationError::new(
                    &field,
                    format!(
                        "Decide what happens to the open concern \u{201c}{}\u{201d}: close it with a note, or keep it open.",
                        c.concern
                    ),
                )),
                Some(true) => {}
                Some(false) => match decided.and_then(|d| optional_text(d.note.as_deref())) {
                    None => problems.push(ValidationError::new(
                        format!("{field}-note"),
                        "Say why the concern closes (for example, \u{201c}safety plan in place\u{201d}).",
                    )),
                    Some(n) => closing.push((c.id.clone(), n)),
                },
            }
        }
        if let Some(e) = ValidationError::gather(problems) {
            return Err(e.into());
        }
        for (id, n) in closing {
            let entry = ConcernEntryInput {
                recorded_on: on,
                note: n,
                action_taken: None,
                level: None,
                review_on: None,
            };
            risks::close_concern(tx, &id, &entry)?;
        }
        episodes::close_episode(tx, &f.episode_id, on, reason, note.as_deref())
    })
}

/// Who the service reaches: the person's optional details, replaced whole.
pub fn update_person_profile(s: &Session, f: PersonProfileForm) -> Result<PersonRecord> {
    let imd_decile = match optional_text(f.imd_decile.as_deref()) {
        None => None,
        Some(t) => Some(
            t.parse::<u8>()
                .ok()
                .filter(|d| (1..=10).contains(d))
                .ok_or_else(|| {
                    ValidationError::new(
                        "imd_decile",
                        "The deprivation decile must be a whole number from 1 (most deprived) to 10.",
                    )
                })?,
        ),
    };
    let profile = linkwork_core::reach::PersonProfile {
        sex: f.sex,
        ethnic_group: f.ethnic_group,
        first_language: optional_text(f.first_language.as_deref()),
        interpreter_needed: f.interpreter_needed,
        disability: f.disability,
        imd_decile,
    };
    on_person(s, &f.person_id, |tx| {
        linkwork_store::reach::set_profile(tx, &f.person_id, &profile)
    })
}

/// Records that the person cares for someone, or is cared for by someone.
pub fn add_carer_link(s: &Session, f: CarerLinkForm) -> Result<PersonRecord> {
    let (role, since) = (
        chosen("role", "way round the caring is", f.role),
        past_date(s, "since", "date the caring started", f.since.as_deref()),
    )
        .all_valid()?;
    let input = linkwork_store::carers::CarerLinkInput {
        person: f.person_id.clone(),
        role,
        other_person: f.other_person_id,
        other_name: optional_text(f.other_name.as_deref()),
        relationship: optional_text(f.relationship.as_deref()),
        since: since.unwrap_or_else(|| s.today()),
    };
    on_person(s, &f.person_id, |tx| {
        linkwork_store::carers::add_link(tx, &input).map(|_| ())
    })
}

/// The caring has ended (today): the link stays on both records, as ended.
pub fn end_carer_link(s: &Session, a: CarerLinkArgs) -> Result<PersonRecord> {
    let today = s.today();
    on_person(s, &a.person_id, |tx| {
        linkwork_store::carers::end_link(tx, &a.link_id, today)
    })
}

/// Someone named only in a link now has their own record (`person_id`): the link points at it.
pub fn link_carer_record(s: &Session, a: CarerLinkArgs) -> Result<PersonRecord> {
    on_person(s, &a.person_id, |tx| {
        linkwork_store::carers::link_person(tx, &a.link_id, &a.person_id)
    })
}
