//! Referrals, people, contacts, plans, risks and the caseload list. Forms arrive as the UI holds
//! them: free text as text (handlers parse it and name the field on error), choices and ids typed.

use super::blank_as_none;
use linkwork_core::{
    caseload::{CaseloadCounters, CaseloadRow, CaseloadSort, Correctable, PersonSummary},
    ids::{ActionId, ConcernId, EpisodeId, GoalId, PersonId, PracticeId},
    vocab::{
        CloseReason, ConsentToShare, ContactOutcome, ContactType, EpisodeStatus, GoalStatus,
        GroupTag, IdentityResolution, NeedCategory, PreferredContact, Priority, ReferralMethod,
        ReferralReason, ReferralSource, RiskLevel,
    },
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct PersonForm {
    pub nhs_number: Option<String>,
    pub given_name: Option<String>,
    pub family_name: Option<String>,
    pub preferred_name: Option<String>,
    /// `YYYY-MM-DD` or `DD/MM/YYYY`.
    pub date_of_birth: Option<String>,
    pub pronouns: Option<String>,
    pub phone: Option<String>,
    /// Not asked when blank.
    #[serde(default, deserialize_with = "blank_as_none")]
    pub preferred_contact: Option<PreferredContact>,
    pub address: Option<String>,
    pub postcode: Option<String>,
    /// The practice they are registered at, from Settings' list. Without one, a typed name and
    /// ODS code are looked up among the practices, and added when not listed.
    #[serde(default, deserialize_with = "blank_as_none")]
    pub practice_id: Option<PracticeId>,
    pub gp_practice_name: Option<String>,
    pub gp_practice_ods: Option<String>,
    pub communication_needs: Option<String>,
    /// Not asked when blank.
    #[serde(default, deserialize_with = "blank_as_none")]
    pub consent_to_share: Option<ConsentToShare>,
    pub consent_recorded_on: Option<String>,
    pub notes: Option<String>,
    #[serde(default)]
    pub tags: Vec<GroupTag>,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct ReferralForm {
    /// Attach to this existing person (picked from the duplicate warning) instead of `person`.
    #[serde(default, deserialize_with = "blank_as_none")]
    pub person_id: Option<PersonId>,
    #[serde(default)]
    pub person: PersonForm,
    #[serde(default)]
    pub received_on: String,
    #[serde(default, deserialize_with = "blank_as_none")]
    pub method: Option<ReferralMethod>,
    /// Who referred, as a role.
    #[serde(default, deserialize_with = "blank_as_none")]
    pub source: Option<ReferralSource>,
    /// Routine when blank.
    #[serde(default, deserialize_with = "blank_as_none")]
    pub priority: Option<Priority>,
    pub referrer_name: Option<String>,
    pub referrer_role: Option<String>,
    pub referrer_organisation: Option<String>,
    pub referrer_ods: Option<String>,
    /// Needs and concerns: why the person was referred.
    #[serde(default)]
    pub reasons: Vec<ReferralReason>,
    pub notes: Option<String>,
    /// The link worker has seen the likely duplicates and says this is someone new.
    #[serde(default)]
    pub allow_possible_duplicate: bool,
    /// The NHS number is known under another name or date of birth, and the link worker says it is
    /// the same person: update the stored details, or keep them. Blank until asked.
    #[serde(default, deserialize_with = "blank_as_none")]
    pub identity: Option<IdentityResolution>,
    /// A carer named only on someone's record, referred in their own right: the link then points
    /// at their record (in the same transaction).
    #[serde(default, deserialize_with = "blank_as_none")]
    pub carer_link: Option<linkwork_core::ids::CarerLinkId>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct ReferralAddedView {
    pub person_id: PersonId,
    pub episode_id: EpisodeId,
    pub new_person: bool,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct IntakeCheckArgs {
    pub nhs_number: Option<String>,
    pub given_name: Option<String>,
    pub family_name: Option<String>,
    pub date_of_birth: Option<String>,
}

/// What the referral form should warn about before saving.
#[derive(Debug, Clone, Serialize, TS)]
pub struct IntakeCheck {
    /// The person with this NHS number, if already known (the referral will attach to them).
    pub existing: Option<PersonSummary>,
    /// `existing` has a different name or date of birth from the typed ones: saving needs `identity`.
    pub identity_differs: bool,
    /// Same name and date of birth (only records without an NHS number, when one was typed).
    pub possible_duplicates: Vec<PersonSummary>,
    /// A valid number outside the ranges England issues ("looks like a Scottish CHI number").
    pub nhs_warning: Option<String>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct PersonArgs {
    pub person_id: PersonId,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct UpdatePersonArgs {
    pub person_id: PersonId,
    pub person: PersonForm,
}

/// The caseload's practice rules, as typed in Settings.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct CaseloadRulesForm {
    /// Days from an urgent referral to its first contact (1 to 14).
    #[serde(default)]
    pub urgent_first_contact_days: String,
    /// Tries in a row that did not reach someone before they are "not reached" (1 to 6).
    #[serde(default)]
    pub not_reached_after: String,
    /// Months an outreach list's rows that did not become referrals are kept after it closes
    /// (1 to 24).
    #[serde(default)]
    pub outreach_keep_months: String,
}

/// A consent decision for one purpose (sharing with the GP practice, or with the referrer).
#[derive(Debug, Clone, Deserialize, TS)]
pub struct ConsentForm {
    pub person_id: PersonId,
    pub purpose: linkwork_core::vocab::ConsentPurpose,
    #[serde(default, deserialize_with = "blank_as_none")]
    pub decision: Option<linkwork_core::vocab::ConsentDecision>,
    /// DD/MM/YYYY; today when blank.
    pub decided_on: Option<String>,
}

/// When the person died (blank with `remove` to take back a date recorded by mistake).
#[derive(Debug, Clone, Deserialize, TS)]
pub struct DeathForm {
    pub person_id: PersonId,
    /// DD/MM/YYYY.
    pub date_of_death: Option<String>,
    /// The date was recorded by mistake: remove it (closed episodes stay closed).
    #[serde(default)]
    pub remove: bool,
}

/// Two records of one person: everything of `other_id` moves to `keep_id`, and `other_id` goes.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct MergeArgs {
    pub keep_id: PersonId,
    pub other_id: PersonId,
}

/// People by name or NHS number (any spacing); everyone when blank.
#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct PeopleArgs {
    pub search: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct CaseloadArgs {
    pub search: Option<String>,
    /// `waiting` or `active`; every open episode when blank.
    #[serde(default, deserialize_with = "blank_as_none")]
    pub status: Option<EpisodeStatus>,
    #[serde(default)]
    pub sort: CaseloadSort,
    #[serde(default)]
    pub descending: bool,
    /// Only people needing this (a follow-up, an urgent first contact, an overdue review or
    /// action, or not reached); everyone when blank.
    #[serde(default, deserialize_with = "blank_as_none")]
    pub only: Option<linkwork_core::caseload::CaseloadFilter>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct CaseloadView {
    pub rows: Vec<CaseloadRow>,
    pub counters: CaseloadCounters,
    /// The date the figures were worked out for (UK local).
    pub today: chrono::NaiveDate,
    /// In a month's first week, until last month's report is exported: that month ("October 2026").
    pub report_due: Option<String>,
    /// The last backup is older than the days set in Settings, or there is none yet.
    pub backup_due: Option<super::BackupDue>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ContactForm {
    pub episode_id: EpisodeId,
    /// UK local date and time, `YYYY-MM-DDTHH:MM` or `DD/MM/YYYY HH:MM`.
    #[serde(default)]
    pub occurred_at: String,
    #[serde(default, deserialize_with = "blank_as_none")]
    pub contact_type: Option<ContactType>,
    pub duration_minutes: Option<u32>,
    #[serde(default, deserialize_with = "blank_as_none")]
    pub outcome: Option<ContactOutcome>,
    pub notes: Option<String>,
}

/// What a new contact form for one person starts with.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ContactDefaults {
    /// How long this person's latest contact of each type took; a type not listed starts empty,
    /// and the form asks.
    pub minutes: Vec<TypeMinutes>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct TypeMinutes {
    pub contact_type: ContactType,
    pub minutes: u32,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct SaveDraftArgs {
    pub episode_id: EpisodeId,
    /// The contact form as the UI holds it; restored exactly.
    pub form: linkwork_core::caseload::ContactDraft,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct EpisodeArgs {
    pub episode_id: EpisodeId,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct PlanForm {
    pub episode_id: EpisodeId,
    pub what_matters: Option<String>,
    #[serde(default)]
    pub needs: Vec<NeedCategory>,
    pub next_review_on: Option<String>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct OfferForm {
    pub episode_id: EpisodeId,
    pub offered_on: Option<String>,
    pub accepted_on: Option<String>,
    pub declined_on: Option<String>,
}

/// The person's answer to the offer, on its own: asked after a contact took place with no answer
/// recorded, as the "referral accepted" code needs the date.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct AnswerForm {
    pub episode_id: EpisodeId,
    #[serde(default, deserialize_with = "blank_as_none")]
    pub answer: Option<linkwork_core::vocab::OfferAnswer>,
    /// DD/MM/YYYY; the day of the contact it was given at.
    pub on: Option<String>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct GoalForm {
    /// Set to add a goal to this episode…
    #[serde(default, deserialize_with = "blank_as_none")]
    pub episode_id: Option<EpisodeId>,
    /// …or to change this goal.
    #[serde(default, deserialize_with = "blank_as_none")]
    pub goal_id: Option<GoalId>,
    pub text: Option<String>,
    pub importance: Option<u32>,
    /// Not started when blank.
    #[serde(default, deserialize_with = "blank_as_none")]
    pub status: Option<GoalStatus>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ActionForm {
    pub episode_id: EpisodeId,
    pub who: Option<String>,
    pub what: Option<String>,
    pub due_on: Option<String>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ActionDoneArgs {
    pub action_id: ActionId,
    pub done: bool,
}

/// Raises a new concern in the person's risk log.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct ConcernForm {
    pub person_id: PersonId,
    /// Blank for today. Earlier dates are allowed (the flag goes on whatever the date).
    pub raised_on: Option<String>,
    /// Who raised it: the person, a family member, the GP…
    pub raised_by: Option<String>,
    pub concern: Option<String>,
    #[serde(default, deserialize_with = "blank_as_none")]
    pub level: Option<RiskLevel>,
    pub action_taken: Option<String>,
    /// When to look at it again (DD/MM/YYYY); optional.
    pub review_on: Option<String>,
}

/// An update to one open concern, or (for `close_concern`) why and when it was closed.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct ConcernEntryForm {
    pub concern_id: ConcernId,
    /// Blank for today.
    pub recorded_on: Option<String>,
    pub note: Option<String>,
    pub action_taken: Option<String>,
    /// A new level (updates only; ignored when closing).
    #[serde(default, deserialize_with = "blank_as_none")]
    pub level: Option<RiskLevel>,
    /// A new review date (updates only; blank keeps the one set).
    pub review_on: Option<String>,
}

/// Marks a contact, outcome record, onward referral or risk log entry entered in error.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct EnteredInErrorForm {
    pub record: Correctable,
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct CloseForm {
    pub episode_id: EpisodeId,
    pub closed_on: Option<String>,
    #[serde(default, deserialize_with = "blank_as_none")]
    pub reason: Option<CloseReason>,
    pub note: Option<String>,
    /// What happens to each of the person's open concerns: every one must be decided.
    #[serde(default)]
    pub concerns: Vec<ConcernOnClosing>,
}

/// An open concern when its episode closes: closed with a note, or kept open (it stays on the Open
/// concerns list).
#[derive(Debug, Clone, Deserialize, TS)]
pub struct ConcernOnClosing {
    pub concern_id: ConcernId,
    /// `None` until the link worker chooses.
    pub keep_open: Option<bool>,
    /// Why it closes (required to close it).
    pub note: Option<String>,
}

/// Who the service reaches: every field optional (blank means not recorded).
#[derive(Debug, Clone, Deserialize, TS)]
pub struct PersonProfileForm {
    pub person_id: PersonId,
    #[serde(default, deserialize_with = "super::blank_as_none")]
    pub sex: Option<linkwork_core::reach::Sex>,
    #[serde(default, deserialize_with = "super::blank_as_none")]
    pub ethnic_group: Option<linkwork_core::reach::EthnicGroup>,
    #[serde(default)]
    pub first_language: Option<String>,
    #[serde(default)]
    pub interpreter_needed: Option<bool>,
    #[serde(default, deserialize_with = "super::blank_as_none")]
    pub disability: Option<linkwork_core::reach::Disability>,
    /// 1 (most deprived) to 10, as the practice gives it.
    #[serde(default)]
    pub imd_decile: Option<String>,
}

/// A carer link from `person_id`'s side: they care for, or are cared for by, someone on the
/// caseload (`other_person_id`) or someone named only (`other_name`).
#[derive(Debug, Clone, Deserialize, TS)]
pub struct CarerLinkForm {
    pub person_id: PersonId,
    #[serde(default, deserialize_with = "super::blank_as_none")]
    pub role: Option<linkwork_core::carers::CarerRole>,
    #[serde(default, deserialize_with = "super::blank_as_none")]
    pub other_person_id: Option<PersonId>,
    #[serde(default)]
    pub other_name: Option<String>,
    #[serde(default)]
    pub relationship: Option<String>,
    /// `DD/MM/YYYY`; today when blank.
    #[serde(default)]
    pub since: Option<String>,
}

/// A carer link, and whose record to return.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct CarerLinkArgs {
    pub person_id: PersonId,
    pub link_id: linkwork_core::ids::CarerLinkId,
}
