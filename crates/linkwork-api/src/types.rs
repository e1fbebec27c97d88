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
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct IntegrityView {
    pub ok: bool,
    pub data_version: u32,
    pub problems: Vec<String>,
}
