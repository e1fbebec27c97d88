//! The vault's lifecycle and the settings page.

use super::SecretInput;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

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

/// Setting or replacing the recovery key gives the database a fresh key, wrapped to the
/// passphrase, which also confirms the change.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct SetRecoveryArgs {
    #[ts(type = "string")]
    pub passphrase: SecretInput,
    pub recovery_recipient: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct RemoveRecoveryArgs {
    #[ts(type = "string")]
    pub passphrase: SecretInput,
}

/// Zoom the window: one step larger or smaller, or back to 100%.
#[derive(Debug, Clone, Copy, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ZoomChange {
    Larger,
    Smaller,
    Reset,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ZoomArgs {
    pub change: ZoomChange,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct UpdateSettingsArgs {
    pub auto_lock_minutes: u32,
    /// The link worker's name, recorded with consent decisions; blank for none.
    pub worker_name: Option<String>,
    /// Hours as a whole-time equivalent ("1.0", "0.6"); the safe caseload scales with it.
    /// Unchanged when left out.
    pub whole_time_equivalent: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SettingsView {
    pub auto_lock_minutes: u32,
    pub worker_name: Option<String>,
    /// "1.0" full time, "0.6" three days a week.
    pub whole_time_equivalent: String,
    /// The safe number of people a year for these hours (250 at full time).
    pub safe_caseload: u32,
    /// How large the window is drawn (Ctrl+= / Ctrl+- / Ctrl+0).
    pub zoom_percent: u32,
    pub auto_lock_min: u32,
    pub auto_lock_max: u32,
    pub recovery_recipient: Option<String>,
    pub data_dir: String,
    /// Database schema version, for support calls.
    pub data_version: u32,
    pub follow_up_weeks: u32,
    /// Days from an urgent referral to its first contact.
    pub urgent_first_contact_days: u32,
    /// Tries in a row that did not reach someone before they are "not reached".
    pub not_reached_after: u32,
    /// Months an outreach list's rows that did not become referrals are kept after it closes.
    pub outreach_keep_months: u32,
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

/// The audit trail checked link by link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AuditVerified {
    pub ok: bool,
    #[ts(type = "number")]
    pub rows: u64,
    /// Each row that breaks the chain: "row 412 (06/12/2026 10:15): was changed after it was written".
    pub breaks: Vec<String>,
}

/// The audit trail compared with a backup's record of where it ended.
#[derive(Debug, Clone, Serialize, TS)]
pub struct AuditCompared {
    /// Every row up to the backup's is here, unchanged, and the chain has no break.
    pub holds: bool,
    /// What was found, in words.
    pub summary: String,
    /// DD/MM/YYYY HH:MM, local time.
    pub backup_made_at: String,
}

/// Every fixed list the forms offer, with labels, from the one source in linkwork-core.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ReferenceLists {
    pub referral_methods: Vec<linkwork_core::vocab::Choice>,
    /// Referral categories: onward referrals and the needs agreed in the plan.
    pub needs: Vec<linkwork_core::vocab::Choice>,
    /// Needs and concerns: why a person is referred.
    pub referral_reasons: Vec<linkwork_core::vocab::Choice>,
    pub referral_sources: Vec<linkwork_core::vocab::Choice>,
    pub priorities: Vec<linkwork_core::vocab::Choice>,
    /// Every contact outcome, for showing old rows ("cancelled" is no longer offered).
    pub all_contact_outcomes: Vec<linkwork_core::vocab::Choice>,
    pub group_tags: Vec<linkwork_core::vocab::Choice>,
    pub episode_statuses: Vec<linkwork_core::vocab::Choice>,
    pub close_reasons: Vec<linkwork_core::vocab::Choice>,
    pub contact_types: Vec<linkwork_core::vocab::Choice>,
    /// The outcomes a new contact may have.
    pub contact_outcomes: Vec<linkwork_core::vocab::Choice>,
    pub goal_statuses: Vec<linkwork_core::vocab::Choice>,
    pub consent: Vec<linkwork_core::vocab::Choice>,
    pub risk_kinds: Vec<linkwork_core::vocab::Choice>,
    pub risk_levels: Vec<linkwork_core::vocab::Choice>,
    pub consent_decisions: Vec<linkwork_core::vocab::Choice>,
    /// What consent to share is for (the GP practice, the referrer), each with its own history.
    pub consent_purposes: Vec<linkwork_core::vocab::Choice>,
    pub identity_resolutions: Vec<linkwork_core::vocab::Choice>,
    pub preferred_contacts: Vec<linkwork_core::vocab::Choice>,
    pub sexes: Vec<linkwork_core::vocab::Choice>,
    pub ethnic_groups: Vec<linkwork_core::vocab::Choice>,
    pub disabilities: Vec<linkwork_core::vocab::Choice>,
    pub carer_roles: Vec<linkwork_core::vocab::Choice>,
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
    /// An asset's finer service type (it picks the onward referral's SNOMED code).
    pub service_types: Vec<linkwork_core::vocab::Choice>,
    /// The clinical systems a GP practice may use (EMIS Web, SystmOne, another).
    pub gp_systems: Vec<linkwork_core::vocab::Choice>,
    pub outreach_states: Vec<linkwork_core::vocab::Choice>,
    pub outreach_outcomes: Vec<linkwork_core::vocab::Choice>,
}

/// One file or folder Linkwork keeps, for the About page and support calls.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AboutFile {
    /// What it is, in words ("Database (encrypted)").
    pub what: String,
    pub path: String,
}

/// The About page: what this is, where its files are, and what it is built from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AboutView {
    pub version: String,
    pub data_dir: String,
    /// The vault's files, then (when unlocked and set) the backup folder.
    pub files: Vec<AboutFile>,
    /// The third-party components in this build, from Cargo and npm metadata.
    pub components: Vec<crate::licences::Component>,
}

/// A GP practice as the Settings form sends it.
#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct PracticeForm {
    /// The practice to change; none adds one.
    #[serde(default, deserialize_with = "super::blank_as_none")]
    pub practice_id: Option<linkwork_core::ids::PracticeId>,
    #[serde(default)]
    pub name: String,
    /// A letter and five digits (B86002); blank when not known.
    pub ods_code: Option<String>,
    #[serde(default, deserialize_with = "super::blank_as_none")]
    pub gp_system: Option<linkwork_core::vocab::GpSystem>,
}
