//! Caseload rules and the shapes the caseload is shown in. Pure: the store fills these.

pub use crate::drafts::ContactDraft;

use crate::ids::{
    ActionId, ConcernId, ConsentId, ContactId, EpisodeId, GoalId, PersonId, RiskEntryId,
};
use crate::{
    error::ValidationError,
    vocab::{
        CloseReason, ConsentDecision, ConsentPurpose, ConsentToShare, ContactOutcome, ContactType,
        EpisodeStatus, GoalStatus, GroupTag, NeedCategory, PreferredContact, Priority,
        ReferralMethod, ReferralReason, ReferralSource, RiskEntryKind, RiskLevel,
    },
};
use chrono::{Datelike, NaiveDate, NaiveDateTime};
use serde::Serialize;
use ts_rs::TS;

/// The safe number of people one link worker supports in a year (national guidance: 200–250).
pub const SAFE_CASELOAD_MAX: u32 = 250;
pub const SAFE_CASELOAD_AMBER: u32 = 200;

/// Trimmed text, or `None` when blank.
pub fn optional_text(s: Option<&str>) -> Option<String> {
    s.map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

pub fn required_text(field: &str, label: &str, s: Option<&str>) -> Result<String, ValidationError> {
    optional_text(s).ok_or_else(|| ValidationError::new(field, format!("Enter the {label}.")))
}

/// Contact length in minutes: 1 to 600.
pub fn duration_minutes(
    field: &str,
    m: Option<u32>,
    outcome: ContactOutcome,
) -> Result<Option<u32>, ValidationError> {
    match m {
        None if outcome == ContactOutcome::TookPlace => Err(ValidationError::new(
            field,
            "Enter how long the contact took, in minutes (1 to 600).",
        )),
        Some(m) if !(1..=600).contains(&m) => Err(ValidationError::new(
            field,
            "The duration must be from 1 to 600 minutes.",
        )),
        other => Ok(other),
    }
}

/// The offer of support and the person's answer: no date before the referral arrived, no answer
/// before the offer, and accepted or declined, not both. (The GP codes for these follow from them.)
pub fn check_offer(
    received: NaiveDate,
    offered: Option<NaiveDate>,
    accepted: Option<NaiveDate>,
    declined: Option<NaiveDate>,
) -> Result<(), ValidationError> {
    let gb = crate::dates::format_date_gb;
    for (field, what, d) in [
        ("offered_on", "The offer", offered),
        ("accepted_on", "Accepting", accepted),
        ("declined_on", "Declining", declined),
    ] {
        if let Some(d) = d.filter(|d| *d < received) {
            return Err(ValidationError::new(
                field,
                format!(
                    "{what} cannot be dated {}, before the referral was received ({}).",
                    gb(d),
                    gb(received)
                ),
            ));
        }
    }
    if accepted.is_some() && declined.is_some() {
        return Err(ValidationError::new(
            "declined_on",
            "Record either the date it was accepted or the date it was declined, not both.",
        ));
    }
    if let Some(o) = offered {
        for (field, what, d) in [
            ("accepted_on", "accepted", accepted),
            ("declined_on", "declined", declined),
        ] {
            if let Some(d) = d.filter(|d| *d < o) {
                return Err(ValidationError::new(
                    field,
                    format!(
                        "It cannot be {what} on {}, before it was offered ({}).",
                        gb(d),
                        gb(o)
                    ),
                ));
            }
        }
    }
    Ok(())
}

/// The person has been seen (a contact with them took place, not entered in error) but whether
/// they accepted support is not recorded: the "referral to social prescribing service" code needs
/// the date they accepted, so the link worker is asked.
pub fn acceptance_missing(e: &EpisodeView) -> bool {
    e.accepted_on.is_none()
        && e.declined_on.is_none()
        && e.contacts.iter().any(|c| {
            c.entered_in_error.is_none()
                && c.outcome == ContactOutcome::TookPlace
                && crate::coding::is_interaction(c.contact_type)
        })
}

/// Median of whole-day counts; `None` for an empty list.
pub fn median(mut values: Vec<i32>) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable();
    let n = values.len();
    Some(if n % 2 == 1 {
        values[n / 2] as f64
    } else {
        (values[n / 2 - 1] + values[n / 2]) as f64 / 2.0
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum GaugeLevel {
    Ok,
    Amber,
    Red,
}

/// Where `people` supported in a year sit against the safe caseload for these hours.
pub fn caseload_level(people: u32, wte: crate::settings::WholeTimeEquivalent) -> GaugeLevel {
    if people > wte.scale(SAFE_CASELOAD_MAX) {
        GaugeLevel::Red
    } else if people > wte.scale(SAFE_CASELOAD_AMBER) {
        GaugeLevel::Amber
    } else {
        GaugeLevel::Ok
    }
}

/// How long a waiting person has waited, as the caseload marks it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum WaitBand {
    OverTwoWeeks,
    OverFourWeeks,
}

pub fn wait_band(days: i32) -> Option<WaitBand> {
    match days {
        d if d > 28 => Some(WaitBand::OverFourWeeks),
        d if d > 14 => Some(WaitBand::OverTwoWeeks),
        _ => None,
    }
}

/// A try at reaching someone who is waiting (a contact that did not take place).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct AttemptView {
    pub on: NaiveDate,
    pub contact_type: ContactType,
    pub outcome: ContactOutcome,
}

/// `n` of `of` episodes, for a share shown with its count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct Share {
    pub n: u32,
    pub of: u32,
}

/// The national survey's bands for time from referral to first contact, over referrals received
/// in the last 12 months: contacted within 7 days, and waited 14 days or more (still waiting
/// counts once the days have passed; an episode closed without a contact is in neither).
pub fn first_contact_shares(
    episodes: &[(NaiveDate, Option<NaiveDate>, EpisodeStatus)],
    today: NaiveDate,
) -> (Share, Share) {
    let (mut within7, mut waited14) = (Share { n: 0, of: 0 }, Share { n: 0, of: 0 });
    for &(received, first, status) in episodes {
        let (days, known) = match first {
            Some(f) => ((f - received).num_days(), true),
            None if status == EpisodeStatus::Waiting => ((today - received).num_days(), false),
            None => continue,
        };
        if known || days > 7 {
            within7.of += 1;
            within7.n += u32::from(known && days <= 7);
        }
        if known || days >= 14 {
            waited14.of += 1;
            waited14.n += u32::from(days >= 14);
        }
    }
    (within7, waited14)
}

/// How many tries in a row, newest first, did not reach the person (stopping at the first contact
/// that took place, or any other outcome).
pub fn not_reached_run(newest_first: impl IntoIterator<Item = ContactOutcome>) -> u32 {
    newest_first
        .into_iter()
        .take_while(|o| o.not_reached())
        .count() as u32
}

/// An open episode whose last `after` tries in a row did not reach the person: how many.
pub fn not_reached(e: &EpisodeView, after: crate::settings::NotReachedAfter) -> Option<u32> {
    if e.status == EpisodeStatus::Closed {
        return None;
    }
    let mut live: Vec<&ContactView> = e
        .contacts
        .iter()
        .filter(|c| c.entered_in_error.is_none())
        .collect();
    live.sort_by_key(|c| std::cmp::Reverse(c.occurred_at));
    let run = not_reached_run(live.iter().map(|c| c.outcome));
    (run >= after.get()).then_some(run)
}

/// When an urgent referral still waiting should have had its first contact.
pub fn first_contact_due(
    priority: Priority,
    status: EpisodeStatus,
    received: NaiveDate,
    target: crate::settings::UrgentTargetDays,
) -> Option<NaiveDate> {
    (priority == Priority::Urgent && status == EpisodeStatus::Waiting)
        .then(|| received + chrono::Duration::days(target.get().into()))
}

/// Where a row stands in "needs attention" order, most pressing first: urgent referrals past
/// their first-contact target, then other urgent referrals, then anyone with something overdue
/// (not reached, a review, an action), then the waiting list (longest first), then reviews (soonest
/// first), then the rest.
pub fn attention_key(r: &CaseloadRow) -> (u8, i64) {
    let day = |d: NaiveDate| i64::from(d.num_days_from_ce());
    let waited = -i64::from(r.days_waiting.unwrap_or(0));
    if r.urgent_overdue {
        return (0, waited);
    }
    if let Some(due) = r.first_contact_due_on {
        return (1, day(due));
    }
    if r.not_reached.is_some() || r.review_overdue || r.action_overdue {
        let earliest = [
            r.next_review_on.filter(|_| r.review_overdue),
            r.next_action_due.filter(|_| r.action_overdue),
        ]
        .into_iter()
        .flatten()
        .min()
        .map(day)
        .unwrap_or(i64::MIN);
        return (2, earliest);
    }
    if r.status == EpisodeStatus::Waiting {
        return (3, waited);
    }
    if let Some(review) = r.next_review_on {
        return (4, day(review));
    }
    (5, 0)
}

/// What the caseload list shows when filtered to one thing needing attention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CaseloadFilter {
    /// An ONS4 or PAM follow-up due or overdue.
    FollowUps,
    /// Urgent referrals past their first-contact target.
    UrgentOverdue,
    ReviewsOverdue,
    ActionsOverdue,
    NotReached,
}

/// How the caseload list is sorted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CaseloadSort {
    /// Needs attention first ([`attention_key`]).
    #[default]
    Attention,
    Name,
    NhsNumber,
    Status,
    Waiting,
    LastContact,
    NextReview,
    Risk,
    FollowUp,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CaseloadRow {
    pub episode_id: EpisodeId,
    pub person_id: PersonId,
    /// "Given Family" (preferred name shown separately).
    pub name: String,
    pub preferred_name: Option<String>,
    /// Formatted 3-3-4.
    pub nhs_number: Option<String>,
    pub status: EpisodeStatus,
    pub referral_received_on: NaiveDate,
    /// Waiting episodes: days since the referral arrived, and the band that marks a long wait.
    pub days_waiting: Option<i32>,
    pub wait_band: Option<WaitBand>,
    pub priority: Priority,
    /// Urgent and waiting: when the first contact is due (the referral date plus the target).
    pub first_contact_due_on: Option<NaiveDate>,
    /// Urgent, still waiting, past the target.
    pub urgent_overdue: bool,
    /// Waiting episodes: tries at a first contact so far, and the latest.
    pub attempts: u32,
    pub last_attempt: Option<AttemptView>,
    /// Active episodes: days since the last contact that took place.
    pub days_since_contact: Option<i32>,
    pub next_review_on: Option<NaiveDate>,
    /// Earliest due date of an action not yet done.
    pub next_action_due: Option<NaiveDate>,
    /// The next review's date has passed.
    pub review_overdue: bool,
    /// An action not done is past its due date.
    pub action_overdue: bool,
    /// The tries in a row that did not reach the person, once they reach the practice's number.
    pub not_reached: Option<u32>,
    pub risk: bool,
    /// A contact note is being written (unsaved draft).
    pub draft: bool,
    /// An ONS4 or PAM record that is due or overdue now.
    pub follow_up: Option<crate::outcomes::Reminder>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CaseloadCounters {
    pub open: u32,
    pub waiting: u32,
    /// Median days the people now on the waiting list have waited so far.
    pub median_days_waiting: Option<f64>,
    /// Median days from referral to first contact that took place, over first contacts in the last 12 months.
    pub median_days_to_first_contact: Option<f64>,
    /// Referrals in the last 12 months contacted within 7 days, and those who waited 14 days or more.
    pub contacted_within_7_days: Share,
    pub waited_14_days_or_more: Share,
    /// People with a contact that took place in the last 12 months.
    pub supported_last_12_months: u32,
    pub safe_max: u32,
    pub amber_over: u32,
    pub level: GaugeLevel,
    /// Open episodes with an outcome record due (within the due window) or overdue.
    pub follow_ups_due: u32,
    pub follow_ups_overdue: u32,
    /// Urgent referrals still waiting past the first-contact target.
    pub urgent_overdue: u32,
    pub reviews_overdue: u32,
    pub actions_overdue: u32,
    pub not_reached: u32,
    /// Concerns open in the risk log, anyone's (closed episodes included), and those past their
    /// review date.
    /// People still to work on open outreach lists.
    pub outreach_to_work: u32,
    pub open_concerns: u32,
    pub concern_reviews_overdue: u32,
}

/// An open concern on the "Open concerns" list: every person's, whether or not their episode is.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct OpenConcern {
    pub concern_id: ConcernId,
    pub person_id: PersonId,
    pub name: String,
    /// 3-3-4.
    pub nhs_number: Option<String>,
    pub concern: String,
    pub level: Option<RiskLevel>,
    pub raised_on: NaiveDate,
    pub review_on: Option<NaiveDate>,
    pub review_overdue: bool,
    /// The person has an open episode.
    pub episode_open: bool,
    pub date_of_death: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PersonSummary {
    pub id: PersonId,
    pub name: String,
    pub date_of_birth: Option<NaiveDate>,
    pub nhs_number: Option<String>,
    pub postcode: Option<String>,
    pub open_episode_id: Option<EpisodeId>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PersonDetails {
    pub id: PersonId,
    pub nhs_number: Option<String>,
    pub given_name: String,
    pub family_name: String,
    pub preferred_name: Option<String>,
    pub date_of_birth: Option<NaiveDate>,
    /// Whole years at today, by the session's clock (computed: [`age_on`]).
    pub age: Option<u32>,
    pub pronouns: Option<String>,
    pub phone: Option<String>,
    pub preferred_contact: Option<PreferredContact>,
    pub address: Option<String>,
    pub postcode: Option<String>,
    /// The practice they are registered at, when it is known; its name and code are the two
    /// fields below. Without one, those fields are as typed before practices were listed.
    pub practice_id: Option<crate::ids::PracticeId>,
    pub gp_practice_name: Option<String>,
    pub gp_practice_ods: Option<String>,
    pub communication_needs: Option<String>,
    pub consent_to_share: ConsentToShare,
    pub consent_recorded_on: Option<NaiveDate>,
    pub notes: Option<String>,
    pub tags: Vec<GroupTag>,
    /// When the person died, once the link worker has recorded it: their open episodes closed
    /// then, and they leave the waiting list, reminders and prompts.
    pub date_of_death: Option<NaiveDate>,
    /// Who the service reaches: optional, shown on Details only.
    pub profile: crate::reach::PersonProfile,
}

/// A record marked entered in error: kept and shown struck through for the audit, but left out of
/// every figure, list count and (later) GP code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct EnteredInError {
    pub on: NaiveDate,
    pub reason: String,
}

/// A record that can be marked entered in error, as the UI and CLI name it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize, TS)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum Correctable {
    Contact(ContactId),
    Ons4(crate::ids::OutcomeId),
    Pam(crate::ids::OutcomeId),
    Onward(crate::ids::OnwardId),
    /// A whole concern in the risk log (it no longer keeps the flag on).
    Concern(ConcernId),
    /// One update or closing entry of a concern (marking the closing entry reopens the concern).
    RiskEntry(RiskEntryId),
}

/// The reason given when marking a record entered in error: 3 to 500 characters.
pub fn error_reason(s: Option<&str>) -> Result<String, ValidationError> {
    let r = required_text(
        "error_reason",
        "reason it was entered in error (for example, \"wrong person\")",
        s,
    )?;
    match r.chars().count() {
        3..=500 => Ok(r),
        _ => Err(ValidationError::new(
            "error_reason",
            "Give a reason of 3 to 500 characters, for example \"wrong person\".",
        )),
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ContactView {
    pub id: ContactId,
    pub occurred_at: NaiveDateTime,
    pub contact_type: ContactType,
    pub duration_minutes: Option<u32>,
    pub outcome: ContactOutcome,
    pub notes: Option<String>,
    pub entered_in_error: Option<EnteredInError>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct GoalView {
    pub id: GoalId,
    pub text: String,
    pub importance: u8,
    pub status: GoalStatus,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ActionView {
    pub id: ActionId,
    pub who: String,
    pub what: String,
    pub due_on: Option<NaiveDate>,
    pub done_on: Option<NaiveDate>,
}

/// The next dated thing on an episode, for the person's header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct NextDue {
    pub on: NaiveDate,
    /// "review", or who does what ("Sam: call the housing officer").
    pub what: String,
    /// Its day has passed, by the session's clock.
    pub overdue: bool,
}

/// The earliest of the next review and the due actions not done.
pub fn next_due(e: &EpisodeView, today: NaiveDate) -> Option<NextDue> {
    let review = e.next_review_on.map(|on| (on, "review".to_string()));
    let actions = e
        .actions
        .iter()
        .filter(|a| a.done_on.is_none())
        .filter_map(|a| a.due_on.map(|on| (on, format!("{}: {}", a.who, a.what))));
    review
        .into_iter()
        .chain(actions)
        .min_by_key(|(on, _)| *on)
        .map(|(on, what)| NextDue {
            on,
            what,
            overdue: on < today,
        })
}

/// Whole years from a date of birth to `today`.
pub fn age_on(date_of_birth: NaiveDate, today: NaiveDate) -> Option<u32> {
    today.years_since(date_of_birth)
}

/// One entry in a concern's timeline: how it was raised, each update, and its closing.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct RiskEntryView {
    pub id: RiskEntryId,
    pub recorded_on: NaiveDate,
    pub kind: RiskEntryKind,
    /// What was raised, the update, or why it was closed.
    pub concern: String,
    pub action_taken: Option<String>,
    /// The level set by this entry, if it set one.
    pub level: Option<RiskLevel>,
    pub entered_in_error: Option<EnteredInError>,
}

/// One concern in the risk and safeguarding log. Open until it is itself closed.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ConcernView {
    pub id: ConcernId,
    pub raised_on: NaiveDate,
    /// Who raised it (the person, a family member, the GP…), if recorded.
    pub raised_by: Option<String>,
    pub concern: String,
    /// The current level; `None` only for concerns carried over from the old single log.
    pub level: Option<RiskLevel>,
    pub closed_on: Option<NaiveDate>,
    /// When it is next to be looked at (open concerns).
    pub review_on: Option<NaiveDate>,
    /// Open, and the review date has passed.
    pub review_overdue: bool,
    /// Open and not entered in error: it keeps the person's risk flag on ([`ConcernView::is_live`]).
    pub live: bool,
    pub entered_in_error: Option<EnteredInError>,
    /// Oldest first.
    pub entries: Vec<RiskEntryView>,
}

impl ConcernView {
    /// Open and not entered in error: this is what keeps the flag on.
    pub fn is_live(&self) -> bool {
        self.closed_on.is_none() && self.entered_in_error.is_none()
    }
}

/// One decision in the consent history.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ConsentView {
    pub id: ConsentId,
    pub purpose: ConsentPurpose,
    pub decision: ConsentDecision,
    pub decided_on: NaiveDate,
    /// The link worker who recorded it; `None` = this vault's link worker before names were kept.
    pub recorded_by: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct EpisodeView {
    pub id: EpisodeId,
    pub status: EpisodeStatus,
    pub referral_received_on: NaiveDate,
    pub referral_method: ReferralMethod,
    pub referrer_name: Option<String>,
    pub referrer_role: Option<String>,
    pub referrer_organisation: Option<String>,
    pub referrer_ods: Option<String>,
    pub referral_notes: Option<String>,
    /// Who referred, as a role; `None` on referrals recorded before it was asked.
    pub referral_source: Option<ReferralSource>,
    pub priority: Priority,
    /// The needs and concerns the referral gave.
    pub referral_reasons: Vec<ReferralReason>,
    /// Reasons recorded before needs and concerns had their own list, as the categories they were.
    pub referral_categories: Vec<NeedCategory>,
    pub offered_on: Option<NaiveDate>,
    pub accepted_on: Option<NaiveDate>,
    pub declined_on: Option<NaiveDate>,
    /// A contact with the person took place but neither accepting nor declining is recorded, so the
    /// "referral accepted" code has no date (computed: [`acceptance_missing`]).
    pub acceptance_missing: bool,
    /// Open: the tries in a row that did not reach the person, once at the practice's number
    /// (computed: [`not_reached`]).
    pub not_reached: Option<u32>,
    /// Urgent and waiting: when the first contact is due (computed: [`first_contact_due`]).
    pub first_contact_due_on: Option<NaiveDate>,
    /// That day has passed, by the session's clock (computed).
    pub first_contact_overdue: bool,
    /// Referral to first contact that took place, in days (computed, never typed).
    pub days_to_first_contact: Option<i32>,
    pub what_matters: Option<String>,
    pub plan_needs: Vec<NeedCategory>,
    pub next_review_on: Option<NaiveDate>,
    pub closed_on: Option<NaiveDate>,
    pub close_reason: Option<CloseReason>,
    pub close_note: Option<String>,
    pub contacts: Vec<ContactView>,
    pub goals: Vec<GoalView>,
    pub actions: Vec<ActionView>,
    /// The next dated thing to do: the review or an action not done (computed: [`next_due`]).
    pub next_due: Option<NextDue>,
    /// The unsaved contact form, if one is waiting to be finished.
    pub draft: Option<crate::drafts::ContactDraft>,
    pub outcomes: crate::outcomes::EpisodeOutcomes,
    /// Signposts and referrals on to community assets, newest first.
    pub onward: Vec<crate::assets::OnwardView>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PersonRecord {
    pub person: PersonDetails,
    /// On while any concern is open (and not entered in error).
    pub risk: bool,
    /// Open concerns first (newest raised first), then closed ones, then any entered in error.
    pub concerns: Vec<ConcernView>,
    /// Newest first. The newest per purpose is the current value (also in `person`).
    pub consent_history: Vec<ConsentView>,
    /// The practices they have been registered at, newest first (the first is the current one).
    pub practice_history: Vec<crate::practices::PracticeRegistration>,
    /// Who they care for and who cares for them, current ones first.
    pub carers: Vec<crate::carers::CarerLinkView>,
    /// Newest first; at most one is not closed.
    pub episodes: Vec<EpisodeView>,
}

impl EpisodeView {
    /// The day of the first contact that took place (not entered in error).
    pub fn first_contact_on(&self) -> Option<NaiveDate> {
        self.contacts
            .iter()
            .filter(|c| c.entered_in_error.is_none() && c.outcome == ContactOutcome::TookPlace)
            .map(|c| c.occurred_at.date())
            .min()
    }
}

impl PersonRecord {
    /// The current decision for `purpose`: the newest in its history (sharing with the GP practice
    /// is also kept on the person), "not asked" when there is none. Each purpose stands alone:
    /// consent to share with the GP says nothing about the referrer.
    pub fn consent_for(&self, purpose: ConsentPurpose) -> ConsentToShare {
        if purpose == ConsentPurpose::ShareWithGp {
            return self.person.consent_to_share;
        }
        match self.consent_history.iter().find(|c| c.purpose == purpose) {
            Some(c) if c.decision == ConsentDecision::Given => ConsentToShare::Yes,
            Some(_) => ConsentToShare::No,
            None => ConsentToShare::NotAsked,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_odd_even_and_empty() {
        assert_eq!(median(vec![5, 1, 3]), Some(3.0));
        assert_eq!(median(vec![4, 1, 3, 2]), Some(2.5));
        assert_eq!(median(vec![]), None);
    }

    #[test]
    fn offer_dates_follow_the_referral_and_each_other() {
        let d = |n: u32| NaiveDate::from_ymd_opt(2026, 11, n).unwrap();
        assert!(check_offer(d(1), Some(d(2)), Some(d(3)), None).is_ok());
        assert!(check_offer(d(1), None, None, Some(d(1))).is_ok());
        assert_eq!(
            check_offer(d(5), Some(d(4)), None, None).unwrap_err().field,
            "offered_on"
        );
        assert_eq!(
            check_offer(d(1), Some(d(4)), Some(d(3)), None)
                .unwrap_err()
                .field,
            "accepted_on"
        );
        let both = check_offer(d(1), Some(d(2)), Some(d(3)), Some(d(3))).unwrap_err();
        assert_eq!(
            (both.field.as_str(), both.message.as_str()),
            (
                "declined_on",
                "Record either the date it was accepted or the date it was declined, not both."
            )
        );
    }

    #[test]
    fn first_contact_shares_count_only_what_is_known() {
        let d = |n: u32| NaiveDate::from_ymd_opt(2026, 11, n).unwrap();
        let today = d(30);
        let (w, a, c) = (
            EpisodeStatus::Waiting,
            EpisodeStatus::Active,
            EpisodeStatus::Closed,
        );
        let eps = [
            (d(1), Some(d(5)), a),  // 4 days: within 7
            (d(1), Some(d(20)), a), // 19 days: 14 or more
            (d(1), Some(d(10)), c), // 9 days: neither, but known
            (d(26), None, w),       // waiting 4 days: not yet known
            (d(20), None, w),       // waiting 10 days: not within 7; not yet 14
            (d(10), None, w),       // waiting 20 days: both known
            (d(1), None, c),        // closed without a contact: in neither
        ];
        let (within7, waited14) = first_contact_shares(&eps, today);
        assert_eq!(within7, Share { n: 1, of: 5 });
        assert_eq!(waited14, Share { n: 2, of: 4 });
        assert_eq!(wait_band(14), None);
        assert_eq!(wait_band(15), Some(WaitBand::OverTwoWeeks));
        assert_eq!(wait_band(29), Some(WaitBand::OverFourWeeks));
    }

    #[test]
    fn gauge_bands() {
        use crate::settings::WholeTimeEquivalent as W;
        assert_eq!(caseload_level(200, W::FULL_TIME), GaugeLevel::Ok);
        assert_eq!(caseload_level(201, W::FULL_TIME), GaugeLevel::Amber);
        assert_eq!(caseload_level(250, W::FULL_TIME), GaugeLevel::Amber);
        assert_eq!(caseload_level(251, W::FULL_TIME), GaugeLevel::Red);
        let part = W::parse("0.6").unwrap();
        assert_eq!(caseload_level(120, part), GaugeLevel::Ok);
        assert_eq!(caseload_level(121, part), GaugeLevel::Amber);
        assert_eq!(caseload_level(151, part), GaugeLevel::Red);
    }

    #[test]
    fn duration_rules() {
        assert!(duration_minutes("d", None, ContactOutcome::TookPlace).is_err());
        assert_eq!(
            duration_minutes("d", None, ContactOutcome::DidNotAttend).unwrap(),
            None
        );
        assert_eq!(
            duration_minutes("d", Some(601), ContactOutcome::TookPlace)
                .unwrap_err()
                .message,
            "The duration must be from 1 to 600 minutes."
        );
        assert!(duration_minutes("d", Some(0), ContactOutcome::TookPlace).is_err());
        assert_eq!(
            duration_minutes("d", Some(600), ContactOutcome::TookPlace).unwrap(),
            Some(600)
        );
    }

    #[test]
    fn not_reached_counts_the_latest_tries_in_a_row() {
        use ContactOutcome::*;
        assert_eq!(
            not_reached_run([DidNotAttend, UnableToContact, TookPlace, DidNotAttend]),
            2
        );
        assert_eq!(not_reached_run([LeftMessage, LeftMessage, LeftMessage]), 3);
        // A cancellation means someone was in touch; a contact that took place ends the run.
        assert_eq!(not_reached_run([Cancelled, DidNotAttend, DidNotAttend]), 0);
        assert_eq!(not_reached_run([TookPlace, UnableToContact]), 0);
        assert_eq!(not_reached_run([]), 0);
    }

    #[test]
    fn urgent_first_contact_falls_due_after_the_target() {
        use crate::settings::UrgentTargetDays;
        let d = |n: u32| NaiveDate::from_ymd_opt(2026, 11, n).unwrap();
        let target = UrgentTargetDays::new(3).unwrap();
        assert_eq!(
            first_contact_due(Priority::Urgent, EpisodeStatus::Waiting, d(2), target),
            Some(d(5))
        );
        assert_eq!(
            first_contact_due(Priority::Routine, EpisodeStatus::Waiting, d(2), target),
            None
        );
        assert_eq!(
            first_contact_due(Priority::Urgent, EpisodeStatus::Active, d(2), target),
            None
        );
        assert!(UrgentTargetDays::new(0).is_err() && UrgentTargetDays::new(15).is_err());
    }

    #[test]
    fn needs_attention_puts_urgent_and_overdue_before_waits_and_reviews() {
        let d = |n: u32| NaiveDate::from_ymd_opt(2026, 11, n).unwrap();
        let base = CaseloadRow {
            episode_id: String::from("e").into(),
            person_id: String::from("p").into(),
            name: String::new(),
            preferred_name: None,
            nhs_number: None,
            status: EpisodeStatus::Active,
            referral_received_on: d(1),
            days_waiting: None,
            wait_band: None,
            priority: Priority::Routine,
            first_contact_due_on: None,
            urgent_overdue: false,
            attempts: 0,
            last_attempt: None,
            days_since_contact: None,
            next_review_on: None,
            next_action_due: None,
            review_overdue: false,
            action_overdue: false,
            not_reached: None,
            risk: false,
            draft: false,
            follow_up: None,
        };
        let waiting = |days: i32| CaseloadRow {
            status: EpisodeStatus::Waiting,
            days_waiting: Some(days),
            ..base.clone()
        };
        let rows = [
            ("plain", base.clone()),
            (
                "review later",
                CaseloadRow {
                    next_review_on: Some(d(28)),
                    ..base.clone()
                },
            ),
            (
                "review soon",
                CaseloadRow {
                    next_review_on: Some(d(20)),
                    ..base.clone()
                },
            ),
            ("waiting 3", waiting(3)),
            ("waiting 20", waiting(20)),
            (
                "not reached",
                CaseloadRow {
                    not_reached: Some(2),
                    ..base.clone()
                },
            ),
            (
                "review overdue",
                CaseloadRow {
                    next_review_on: Some(d(2)),
                    review_overdue: true,
                    ..base.clone()
                },
            ),
            (
                "urgent due",
                CaseloadRow {
                    priority: Priority::Urgent,
                    first_contact_due_on: Some(d(30)),
                    ..waiting(1)
                },
            ),
            (
                "urgent overdue",
                CaseloadRow {
                    priority: Priority::Urgent,
                    first_contact_due_on: Some(d(3)),
                    urgent_overdue: true,
                    ..waiting(5)
                },
            ),
        ];
        let mut sorted = rows.to_vec();
        sorted.sort_by_key(|(_, r)| attention_key(r));
        let order: Vec<&str> = sorted.iter().map(|(n, _)| *n).collect();
        assert_eq!(
            order,
            [
                "urgent overdue",
                "urgent due",
                "not reached",
                "review overdue",
                "waiting 20",
                "waiting 3",
                "review soon",
                "review later",
                "plain"
            ]
        );
    }
}
