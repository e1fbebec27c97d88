//! Argument and result types of the commands. Generated into TypeScript; keep names in the
//! link worker's words and never put a secret in a result type.

use linkwork_core::Passphrase;
use serde::{Deserialize, Deserializer, Serialize};
use ts_rs::TS;

/// A secret typed into a form. Deserialised straight into zeroizing memory; never serialised.
#[derive(Clone, Debug)]
pub struct SecretInput(pub Passphrase);

impl<'de> Deserialize<'de> for SecretInput {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(SecretInput(Passphrase::new(String::deserialize(d)?)))
    }
}

impl SecretInput {
    pub fn into_string(self) -> String {
        self.0.expose().to_owned()
    }
}

/// For commands that take nothing.
#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct NoArgs {}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum VaultStatus {
    /// No vault in the data folder yet: show "create a vault".
    NoVault,
    Locked,
    Unlocked,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AppStatus {
    pub vault: VaultStatus,
    /// Shown on the create and unlock screens so people know where their data lives.
    pub data_dir: String,
    /// The recovery public key (`age1…`), if one is set up. Known even while locked.
    pub recovery_recipient: Option<String>,
    /// Why the vault is locked, when Linkwork locked it by itself.
    pub locked_reason: Option<LockReason>,
    pub app_version: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum LockReason {
    /// The person pressed Lock or the shortcut.
    Requested,
    /// No activity for the auto-lock time.
    Idle,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct CreateVaultArgs {
    #[ts(type = "string")]
    pub passphrase: SecretInput,
    #[ts(type = "string")]
    pub passphrase_confirm: SecretInput,
    /// Optional `age1…` public key of the practice manager or supervisor.
    pub recovery_recipient: Option<String>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct UnlockArgs {
    #[ts(type = "string")]
    pub passphrase: SecretInput,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct RecoverArgs {
    /// The contents of the recovery key file (`AGE-SECRET-KEY-1…`).
    #[ts(type = "string")]
    pub recovery_identity: SecretInput,
    #[ts(type = "string")]
    pub new_passphrase: SecretInput,
    #[ts(type = "string")]
    pub new_passphrase_confirm: SecretInput,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ChangePassphraseArgs {
    #[ts(type = "string")]
    pub old_passphrase: SecretInput,
    #[ts(type = "string")]
    pub new_passphrase: SecretInput,
    #[ts(type = "string")]
    pub new_passphrase_confirm: SecretInput,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct SetRecoveryArgs {
    pub recovery_recipient: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct UpdateSettingsArgs {
    pub auto_lock_minutes: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SettingsView {
    pub auto_lock_minutes: u32,
    pub auto_lock_min: u32,
    pub auto_lock_max: u32,
    pub recovery_recipient: Option<String>,
    pub data_dir: String,
    /// Database schema version, for support calls.
    pub data_version: u32,
    pub follow_up_weeks: u32,
    /// The organisation's PAM cut-offs as entered ("47.0"), or none.
    pub pam_level2_from: Option<String>,
    pub pam_level3_from: Option<String>,
    pub pam_level4_from: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct IntegrityView {
    pub ok: bool,
    pub data_version: u32,
    pub problems: Vec<String>,
}

// ---- Caseload ---------------------------------------------------------------------------------
// Forms arrive as the UI holds them (text); handlers parse them and name the field on error.

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(default)]
pub struct PersonForm {
    pub nhs_number: Option<String>,
    pub given_name: Option<String>,
    pub family_name: Option<String>,
    pub preferred_name: Option<String>,
    /// `YYYY-MM-DD` or `DD/MM/YYYY`.
    pub date_of_birth: Option<String>,
    pub pronouns: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
    pub postcode: Option<String>,
    pub gp_practice_name: Option<String>,
    pub gp_practice_ods: Option<String>,
    pub communication_needs: Option<String>,
    /// `yes`, `no` or `not_asked` (default).
    pub consent_to_share: Option<String>,
    pub consent_recorded_on: Option<String>,
    pub notes: Option<String>,
    pub tags: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(default)]
pub struct ReferralForm {
    /// Attach to this existing person (picked from the duplicate warning) instead of `person`.
    pub person_id: Option<String>,
    pub person: PersonForm,
    pub received_on: String,
    pub method: String,
    pub referrer_name: Option<String>,
    pub referrer_role: Option<String>,
    pub referrer_organisation: Option<String>,
    pub referrer_ods: Option<String>,
    pub reasons: Vec<String>,
    pub notes: Option<String>,
    /// The link worker has seen the likely duplicates and says this is someone new.
    pub allow_possible_duplicate: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct ReferralAddedView {
    pub person_id: String,
    pub episode_id: String,
    pub new_person: bool,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(default)]
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
    pub existing: Option<linkwork_core::caseload::PersonSummary>,
    /// Same name and date of birth, when there is no NHS number.
    pub possible_duplicates: Vec<linkwork_core::caseload::PersonSummary>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct PersonArgs {
    pub person_id: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct UpdatePersonArgs {
    pub person_id: String,
    pub person: PersonForm,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(default)]
pub struct CaseloadArgs {
    pub search: Option<String>,
    /// `waiting` or `active`; none for every open episode.
    pub status: Option<String>,
    pub sort: linkwork_store::caseload::CaseloadSort,
    pub descending: bool,
    /// Only people with an ONS4 or PAM follow-up due or overdue.
    pub follow_up_due: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct CaseloadView {
    pub rows: Vec<linkwork_core::caseload::CaseloadRow>,
    pub counters: linkwork_core::caseload::CaseloadCounters,
    /// The date the figures were worked out for (UK local).
    pub today: chrono::NaiveDate,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(default)]
pub struct ContactForm {
    pub episode_id: String,
    /// UK local date and time, `YYYY-MM-DDTHH:MM`.
    pub occurred_at: String,
    pub contact_type: String,
    pub duration_minutes: Option<u32>,
    pub outcome: String,
    pub notes: Option<String>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct SaveDraftArgs {
    pub episode_id: String,
    /// The contact form as the UI holds it, JSON-encoded; restored exactly.
    pub form: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct EpisodeArgs {
    pub episode_id: String,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(default)]
pub struct PlanForm {
    pub episode_id: String,
    pub what_matters: Option<String>,
    pub needs: Vec<String>,
    pub next_review_on: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(default)]
pub struct OfferForm {
    pub episode_id: String,
    pub offered_on: Option<String>,
    pub accepted_on: Option<String>,
    pub declined_on: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(default)]
pub struct GoalForm {
    /// Set to add a goal to this episode…
    pub episode_id: Option<String>,
    /// …or to change this goal.
    pub goal_id: Option<String>,
    pub text: Option<String>,
    pub importance: Option<u32>,
    pub status: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(default)]
pub struct ActionForm {
    pub episode_id: String,
    pub who: Option<String>,
    pub what: Option<String>,
    pub due_on: Option<String>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ActionDoneArgs {
    pub action_id: String,
    pub done: bool,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(default)]
pub struct RiskForm {
    pub person_id: String,
    /// `raised`, `update` or `cleared`.
    pub kind: String,
    pub recorded_on: Option<String>,
    pub concern: Option<String>,
    pub action_taken: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(default)]
pub struct CloseForm {
    pub episode_id: String,
    pub closed_on: Option<String>,
    pub reason: String,
    pub note: Option<String>,
}

/// Every fixed list the forms offer, with labels, from the one source in linkwork-core.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ReferenceLists {
    pub referral_methods: Vec<linkwork_core::vocab::Choice>,
    pub needs: Vec<linkwork_core::vocab::Choice>,
    pub group_tags: Vec<linkwork_core::vocab::Choice>,
    pub episode_statuses: Vec<linkwork_core::vocab::Choice>,
    pub close_reasons: Vec<linkwork_core::vocab::Choice>,
    pub contact_types: Vec<linkwork_core::vocab::Choice>,
    pub contact_outcomes: Vec<linkwork_core::vocab::Choice>,
    pub goal_statuses: Vec<linkwork_core::vocab::Choice>,
    pub consent: Vec<linkwork_core::vocab::Choice>,
    pub risk_kinds: Vec<linkwork_core::vocab::Choice>,
    /// Read to the person before the four ONS4 questions.
    pub ons4_introduction: String,
    pub ons4_items: Vec<linkwork_core::outcomes::Ons4ItemInfo>,
    pub pam_versions: Vec<linkwork_core::vocab::Choice>,
    /// Baseline, follow-up, final.
    pub outcome_roles: Vec<linkwork_core::vocab::Choice>,
    /// ONS4, PAM.
    pub measures: Vec<linkwork_core::vocab::Choice>,
    /// "1" to "4", labelled with the level's public meaning.
    pub pam_levels: Vec<linkwork_core::vocab::Choice>,
    pub asset_statuses: Vec<linkwork_core::vocab::Choice>,
    pub deliveries: Vec<linkwork_core::vocab::Choice>,
    pub cost_kinds: Vec<linkwork_core::vocab::Choice>,
    pub referral_routes: Vec<linkwork_core::vocab::Choice>,
    pub onward_kinds: Vec<linkwork_core::vocab::Choice>,
    pub onward_outcomes: Vec<linkwork_core::vocab::Choice>,
    pub barriers: Vec<linkwork_core::vocab::Choice>,
}

/// An ONS4 record. Each item is "0" to "10" or "declined".
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(default)]
pub struct Ons4Form {
    pub episode_id: String,
    pub contact_id: Option<String>,
    /// Defaults to today.
    pub recorded_on: Option<String>,
    pub life_satisfaction: String,
    pub worthwhile: String,
    pub happiness: String,
    pub anxiety: String,
}

/// A PAM result as the organisation's licensed tool reported it.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(default)]
pub struct PamForm {
    pub episode_id: String,
    pub contact_id: Option<String>,
    pub recorded_on: Option<String>,
    /// 0 to 100, one decimal at most: "56.4".
    pub score: String,
    pub level: String,
    /// `pam_13` or `pam_10`.
    pub version: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct DeleteOutcomeArgs {
    /// `ons4` or `pam`.
    pub measure: String,
    pub id: String,
}

/// A period for the caseload change summary; dates as DD/MM/YYYY. Defaults: the last 12 months.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(default)]
pub struct OutcomeSummaryArgs {
    pub from: Option<String>,
    pub to: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(default)]
pub struct OutcomeSettingsForm {
    pub follow_up_weeks: String,
    /// All three PAM cut-offs, or none of them.
    pub pam_level2_from: Option<String>,
    pub pam_level3_from: Option<String>,
    pub pam_level4_from: Option<String>,
}

// ---- Asset directory and onward referrals -----------------------------------------------------

/// Directory search: every filter optional; typing in `text` searches as you type.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(default)]
pub struct AssetSearchArgs {
    pub text: Option<String>,
    /// A need category slug.
    pub category: Option<String>,
    pub free_only: bool,
    pub accessible_only: bool,
    pub active_only: bool,
    pub favourites_only: bool,
    pub verified_within_months: Option<u32>,
    /// At most this many hits (default 200).
    pub limit: Option<u32>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct AssetSearchView {
    pub hits: Vec<linkwork_core::assets::AssetHit>,
    /// Assets in the whole directory.
    pub total: u32,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct AssetArgs {
    pub asset_id: String,
}

/// The asset form. Choices are slugs from the reference lists; ages and slots are as typed.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(default)]
pub struct AssetForm {
    /// Absent to add a new asset.
    pub asset_id: Option<String>,
    pub name: String,
    pub organisation: Option<String>,
    pub description: Option<String>,
    pub categories: Vec<String>,
    pub lga_service_type: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
    pub address: Option<String>,
    pub postcode: Option<String>,
    pub delivery: String,
    /// When it runs, in words.
    pub schedule_text: Option<String>,
    /// "Mon 10:00-12:00; Thu 18:30".
    pub days_and_times: String,
    pub cost: String,
    pub cost_description: Option<String>,
    pub min_age: Option<String>,
    pub max_age: Option<String>,
    pub eligibility: Option<String>,
    pub wheelchair_access: bool,
    pub hearing_loop: bool,
    pub transport: bool,
    pub access_notes: Option<String>,
    pub referral_route: Option<String>,
    pub referral_how: Option<String>,
    pub status: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct AssetFavouriteArgs {
    pub asset_id: String,
    pub favourite: bool,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct AssetNotesArgs {
    pub asset_id: String,
    pub notes: Option<String>,
}

/// Import an ORUK JSON file, a folder of ORUK CSV files, or the Linkwork CSV template.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct ImportArgs {
    pub path: String,
    /// Preview only: count and check, write nothing.
    pub dry_run: bool,
}

/// How far the running import has read, polled by the progress bar.
#[derive(Debug, Clone, Copy, Default, Serialize, TS)]
pub struct ImportProgress {
    pub running: bool,
    #[ts(type = "number")]
    pub done_bytes: u64,
    #[ts(type = "number")]
    pub total_bytes: u64,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ExportArgs {
    pub path: String,
    /// "oruk-json" or "csv" (the Linkwork template).
    pub format: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct TemplateArgs {
    pub path: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct ExportView {
    pub assets: u32,
    pub path: String,
}

/// Refer or signpost the person on to an asset.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(default)]
pub struct OnwardForm {
    pub episode_id: String,
    pub asset_id: String,
    /// Defaults to today.
    pub referred_on: Option<String>,
    /// "signpost" or "referral".
    pub kind: String,
    /// Defaults to the asset's first category.
    pub category: Option<String>,
    pub notes: Option<String>,
    pub follow_up_on: Option<String>,
}

/// What happened after an onward referral.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(default)]
pub struct OnwardOutcomeForm {
    pub onward_id: String,
    pub outcome: String,
    /// Defaults to today (ignored for "pending").
    pub outcome_on: Option<String>,
    pub barriers: Vec<String>,
}
