//! Episodes of care: a referral starts one (for a new or known person), the plan and the offer
//! change it, closing ends it. A person never has two open episodes (the database enforces it too).

use crate::{
    audit::{AuditAction, Entity},
    error::StoreError,
    people::{
        insert_person, person_by_nhs, person_input, person_name, possible_duplicates, take_details,
        PersonInput,
    },
    sql::{new_id, slug},
    write::{Read, Tx},
    Result,
};
use chrono::NaiveDate;
use linkwork_core::{
    dates::format_date_gb,
    ids::{EpisodeId, PersonId},
    vocab::{
        CloseReason, ConsentToShare, EpisodeStatus, IdentityResolution, NeedCategory, Priority,
        ReferralMethod, ReferralReason, ReferralSource,
    },
    ValidationError,
};
use rusqlite::{params, OptionalExtension};

#[derive(Debug, Clone)]
pub struct ReferralInput {
    pub received_on: NaiveDate,
    pub method: ReferralMethod,
    /// Who referred, as a role.
    pub source: ReferralSource,
    pub priority: Priority,
    pub referrer_name: Option<String>,
    pub referrer_role: Option<String>,
    pub referrer_organisation: Option<String>,
    pub referrer_ods: Option<String>,
    /// Needs and concerns the referral gives as its reasons.
    pub reasons: Vec<ReferralReason>,
    pub notes: Option<String>,
}

/// Who a referral is for.
#[derive(Debug, Clone)]
pub enum Referred {
    /// Match on NHS number if given (a different name or date of birth needs `identity`);
    /// otherwise, or for an unknown number, a new person — refused while someone with the same
    /// name and date of birth exists, unless `allow_possible_duplicate`.
    Person {
        details: Box<PersonInput>,
        allow_possible_duplicate: bool,
        identity: Option<IdentityResolution>,
    },
    /// A person the link worker picked from the duplicate warning; what was typed fills the
    /// record's blanks (an NHS number found this way is added to it).
    Existing(PersonId, Option<Box<PersonInput>>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReferralAdded {
    pub person_id: PersonId,
    pub episode_id: EpisodeId,
    pub new_person: bool,
}

fn open_episode_of(r: Read<'_>, person: &PersonId) -> Result<Option<NaiveDate>> {
    Ok(r.conn()
        .query_row(
            "SELECT referral_received_on FROM episode WHERE person_id = ?1 AND status <> 'closed'",
            [person.as_str()],
            |r| r.get(0),
        )
        .optional()?)
}

/// Needs and concerns of an episode: from the referral (`source = "referral"`) or the plan.
fn write_needs(
    tx: &Tx<'_>,
    episode: &EpisodeId,
    source: &str,
    needs: &[NeedCategory],
) -> Result<()> {
    tx.conn().execute(
        "DELETE FROM episode_need WHERE episode_id = ?1 AND source = ?2",
        params![episode.as_str(), source],
    )?;
    for n in needs {
        tx.conn().execute(
            "INSERT OR IGNORE INTO episode_need (episode_id, source, category) VALUES (?1, ?2, ?3)",
            params![episode.as_str(), source, n.slug()],
        )?;
    }
    Ok(())
}

fn same_identity(stored: &PersonInput, typed: &PersonInput) -> bool {
    let same = |a: &str, b: &str| a.trim().to_lowercase() == b.trim().to_lowercase();
    same(&stored.given_name, &typed.given_name)
        && same(&stored.family_name, &typed.family_name)
        && match (stored.date_of_birth, typed.date_of_birth) {
            (Some(a), Some(b)) => a == b,
            _ => true,
        }
}

fn who_is(p: &PersonInput) -> String {
    let name = crate::sql::full_name(&p.given_name, &p.family_name);
    match p.date_of_birth {
        Some(d) => format!("{name}, born {}", format_date_gb(d)),
        None => format!("{name} (date of birth not recorded)"),
    }
}

/// What a referral typed about a known person: blanks in the record are filled; with `update`,
/// every typed detail replaces the stored one; otherwise a typed detail that differs is returned
/// (to be kept in the referral's notes), so nothing typed is lost.
fn apply_typed(
    tx: &Tx<'_>,
    id: &PersonId,
    typed: &PersonInput,
    update: bool,
) -> Result<Vec<String>> {
    let stored = person_input(tx.read(), id)?;
    let mut next = stored.clone();
    let mut differing: Vec<String> = take_details(&mut next, typed, update)
        .into_iter()
        .map(|(label, value)| format!("{label} {value}"))
        .collect();
    if next.nhs_number.is_none() {
        next.nhs_number = typed.nhs_number.clone();
    }
    if next.preferred_contact.is_none() || update {
        next.preferred_contact = typed.preferred_contact.or(next.preferred_contact);
    }
    if update {
        next.given_name = typed.given_name.clone();
        next.family_name = typed.family_name.clone();
        next.date_of_birth = typed.date_of_birth.or(next.date_of_birth);
    } else {
        if !same_identity(&stored, typed) {
            differing.push(format!("name and date of birth {}", who_is(typed)));
        }
        if next.date_of_birth.is_none() {
            next.date_of_birth = typed.date_of_birth;
        }
    }
    if typed.consent_to_share != ConsentToShare::NotAsked
        && typed.consent_to_share != stored.consent_to_share
    {
        if update || stored.consent_to_share == ConsentToShare::NotAsked {
            next.consent_to_share = typed.consent_to_share;
            next.consent_recorded_on = typed.consent_recorded_on;
        } else {
            differing.push(format!(
                "consent to share {}",
                typed.consent_to_share.label().to_lowercase()
            ));
        }
    }
    for t in &typed.tags {
        if !next.tags.contains(t) {
            next.tags.push(*t);
        }
    }
    crate::people::update_person(tx, id, &next)?;
    Ok(differing)
}

/// Records a referral: a new episode for a new or existing person. Never a second person for the
/// same NHS number, never a second open episode.
pub fn add_referral(tx: &Tx<'_>, who: Referred, r: &ReferralInput) -> Result<ReferralAdded> {
    let mut extra_notes = vec![];
    let (person_id, new_person) = match who {
        Referred::Existing(id, typed) => {
            person_name(tx.read(), &id)?;
            if let Some(typed) = typed {
                extra_notes = apply_typed(tx, &id, &typed, false)?;
            }
            (id, false)
        }
        Referred::Person {
            details,
            allow_possible_duplicate,
            identity,
        } => {
            let existing = match &details.nhs_number {
                Some(n) => person_by_nhs(tx.read(), n)?,
                None => None,
            };
            match existing {
                Some(id) => {
                    let stored = person_input(tx.read(), &id)?;
                    if identity.is_none() && !same_identity(&stored, &details) {
                        return Err(StoreError::IdentityMismatch {
                            nhs: details
                                .nhs_number
                                .as_ref()
                                .map(|n| n.formatted())
                                .unwrap_or_default(),
                            person_id: id.to_string(),
                            stored: who_is(&stored),
                            typed: who_is(&details),
                        });
                    }
                    let update = identity == Some(IdentityResolution::UpdateDetails);
                    extra_notes = apply_typed(tx, &id, &details, update)?;
                    (id, false)
                }
                None => {
                    if !allow_possible_duplicate {
                        // With a new NHS number, only records without one can be this person.
                        let dups: Vec<_> = possible_duplicates(
                            tx.read(),
                            &details.given_name,
                            &details.family_name,
                            details.date_of_birth,
                        )?
                        .into_iter()
                        .filter(|d| details.nhs_number.is_none() || d.nhs_number.is_none())
                        .collect();
                        if !dups.is_empty() {
                            return Err(StoreError::PossibleDuplicate { count: dups.len() });
                        }
                    }
                    (insert_person(tx, &details)?, true)
                }
            }
        }
    };
    if let Some(died) = crate::people::date_of_death(tx.read(), &person_id)? {
        return Err(ValidationError::new(
            "nhs_number",
            format!(
                "{} died on {} (recorded in Linkwork), so no referral can be added. If that date was recorded by mistake, remove it under Details.",
                person_name(tx.read(), &person_id)?,
                format_date_gb(died)
            ),
        )
        .into());
    }
    let notes = match (r.notes.clone(), extra_notes.is_empty()) {
        (n, true) => n,
        (n, false) => {
            let extra = format!(
                "This referral gave different details, kept here: {}.",
                extra_notes.join("; ")
            );
            Some(n.map_or(extra.clone(), |n| format!("{n}\n{extra}")))
        }
    };
    if let Some(since) = open_episode_of(tx.read(), &person_id)? {
        return Err(StoreError::OpenEpisodeExists {
            name: person_name(tx.read(), &person_id)?,
            person_id: person_id.to_string(),
            since: format_date_gb(since),
        });
    }
    let episode_id: EpisodeId = new_id();
    tx.conn().execute(
        "INSERT INTO episode (id, person_id, status, referral_received_on, referral_method, referrer_name, referrer_role,
             referrer_organisation, referrer_ods, referral_notes, created_at, updated_at, referral_source, priority)
         VALUES (?1, ?2, 'waiting', ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10, ?11, ?12)",
        params![
            episode_id.as_str(),
            person_id.as_str(),
            r.received_on,
            r.method.slug(),
            r.referrer_name,
            r.referrer_role,
            r.referrer_organisation,
            r.referrer_ods,
            notes,
            tx.now(),
            r.source.slug(),
            r.priority.slug()
        ],
    )?;
    for reason in &r.reasons {
        tx.conn().execute(
            "INSERT OR IGNORE INTO episode_reason (episode_id, reason) VALUES (?1, ?2)",
            params![episode_id.as_str(), reason.slug()],
        )?;
    }
    tx.audit(
        AuditAction::Create,
        Entity::Episode,
        Some(episode_id.as_str()),
    )?;
    Ok(ReferralAdded {
        person_id,
        episode_id,
        new_person,
    })
}

/// What most changes to an episode check first.
pub(crate) struct EpisodeHead {
    pub person_id: PersonId,
    pub status: EpisodeStatus,
    pub received_on: NaiveDate,
    pub closed_on: Option<NaiveDate>,
}

pub(crate) fn episode_head(r: Read<'_>, id: &EpisodeId) -> Result<EpisodeHead> {
    r.conn()
        .query_row(
            "SELECT person_id, status, referral_received_on, closed_on FROM episode WHERE id = ?1",
            [id.as_str()],
            |r| {
                Ok(EpisodeHead {
                    person_id: r.get::<_, String>(0)?.into(),
                    status: slug(r.get(1)?, EpisodeStatus::from_slug)?,
                    received_on: r.get(2)?,
                    closed_on: r.get(3)?,
                })
            },
        )
        .optional()?
        .ok_or(StoreError::NotFound("episode"))
}

/// The episode, refused if it is closed: contacts and plans only change on an open episode.
pub(crate) fn open_episode(r: Read<'_>, id: &EpisodeId) -> Result<EpisodeHead> {
    let head = episode_head(r, id)?;
    if head.status == EpisodeStatus::Closed {
        return Err(StoreError::EpisodeClosed(
            head.closed_on.map(format_date_gb).unwrap_or_default(),
        ));
    }
    Ok(head)
}

pub(crate) fn touch_episode(tx: &Tx<'_>, id: &EpisodeId) -> Result<()> {
    tx.conn().execute(
        "UPDATE episode SET updated_at = ?2 WHERE id = ?1",
        params![id.as_str(), tx.now()],
    )?;
    Ok(())
}

/// The person an episode belongs to.
pub fn person_of_episode(r: Read<'_>, id: &EpisodeId) -> Result<PersonId> {
    Ok(episode_head(r, id)?.person_id)
}

#[derive(Debug, Clone)]
pub struct PlanInput {
    pub what_matters: Option<String>,
    pub needs: Vec<NeedCategory>,
    pub next_review_on: Option<NaiveDate>,
}

pub fn update_plan(tx: &Tx<'_>, id: &EpisodeId, p: &PlanInput) -> Result<()> {
    open_episode(tx.read(), id)?;
    tx.conn().execute(
        "UPDATE episode SET what_matters = ?2, next_review_on = ?3, updated_at = ?4 WHERE id = ?1",
        params![id.as_str(), p.what_matters, p.next_review_on, tx.now()],
    )?;
    write_needs(tx, id, "plan", &p.needs)?;
    tx.audit(AuditAction::Update, Entity::Episode, Some(id.as_str()))
}

/// Offered / accepted / declined dates (as the referrer or person reported them).
pub fn update_offer(
    tx: &Tx<'_>,
    id: &EpisodeId,
    offered: Option<NaiveDate>,
    accepted: Option<NaiveDate>,
    declined: Option<NaiveDate>,
) -> Result<()> {
    let head = episode_head(tx.read(), id)?;
    linkwork_core::caseload::check_offer(head.received_on, offered, accepted, declined)?;
    tx.conn().execute(
        "UPDATE episode SET offered_on = ?2, accepted_on = ?3, declined_on = ?4, updated_at = ?5 WHERE id = ?1",
        params![id.as_str(), offered, accepted, declined, tx.now()],
    )?;
    tx.audit(AuditAction::Update, Entity::Episode, Some(id.as_str()))
}

/// Records the person's answer to the offer on `on`, keeping the rest of the offer as it is.
pub fn record_answer(
    tx: &Tx<'_>,
    id: &EpisodeId,
    answer: linkwork_core::vocab::OfferAnswer,
    on: NaiveDate,
) -> Result<()> {
    use linkwork_core::vocab::OfferAnswer;
    let (offered, accepted, declined): (Option<NaiveDate>, Option<NaiveDate>, Option<NaiveDate>) =
        tx.conn().query_row(
            "SELECT offered_on, accepted_on, declined_on FROM episode WHERE id = ?1",
            [id.as_str()],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
    let (accepted, declined) = match answer {
        OfferAnswer::Accepted => (Some(on), declined),
        OfferAnswer::Declined => (accepted, Some(on)),
    };
    update_offer(tx, id, offered, accepted, declined)
}

/// Closes an episode. Refused while a contact note is unsaved, so no note is lost by closing.
pub fn close_episode(
    tx: &Tx<'_>,
    id: &EpisodeId,
    closed_on: NaiveDate,
    reason: CloseReason,
    note: Option<&str>,
) -> Result<()> {
    let head = open_episode(tx.read(), id)?;
    if closed_on < head.received_on {
        return Err(ValidationError::new(
            "closed_on",
            format!(
                "The closing date cannot be before the referral was received ({}).",
                format_date_gb(head.received_on)
            ),
        )
        .into());
    }
    let draft: bool = tx.conn().query_row(
        "SELECT EXISTS (SELECT 1 FROM contact_draft WHERE episode_id = ?1)",
        [id.as_str()],
        |r| r.get(0),
    )?;
    if draft {
        return Err(StoreError::DraftPending);
    }
    tx.conn().execute(
        "UPDATE episode SET status = 'closed', closed_on = ?2, close_reason = ?3, close_note = ?4, updated_at = ?5 WHERE id = ?1",
        params![id.as_str(), closed_on, reason.slug(), note, tx.now()],
    )?;
    tx.audit(AuditAction::Update, Entity::Episode, Some(id.as_str()))
}
