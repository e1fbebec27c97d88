//! One function per command. Each validates its input (naming the field), calls the store, and
//! returns a serialisable result. The same functions serve the desktop UI and the CLI.

use crate::{error::ApiError, session::Session, types::*};
use linkwork_core::{AutoLockMinutes, Passphrase, ValidationError};
use linkwork_store::{
    migrations, settings, vault::Credential, RecoveryIdentity, RecoveryRecipient, Vault, VaultState,
};

type Result<T> = std::result::Result<T, ApiError>;

fn required(field: &str, s: SecretInput, what: &str) -> Result<Passphrase> {
    if s.0.is_empty() {
        return Err(ValidationError::new(field, format!("Enter {what}.")).into());
    }
    Ok(s.0)
}

fn optional_recipient(field: &str, text: Option<&str>) -> Result<Option<RecoveryRecipient>> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(None),
        Some(t) => Ok(Some(RecoveryRecipient::parse(field, t)?)),
    }
}

pub fn status(s: &Session, _: NoArgs) -> Result<AppStatus> {
    let (vault, recovery_recipient) = match Vault::inspect(s.data_dir())? {
        VaultState::Absent { .. } => (VaultStatus::NoVault, None),
        VaultState::Present(meta) if s.is_unlocked() => (VaultStatus::Unlocked, meta.recovery_recipient),
        VaultState::Present(meta) => (VaultStatus::Locked, meta.recovery_recipient),
    };
    Ok(AppStatus {
        vault,
        data_dir: s.data_dir().display().to_string(),
        recovery_recipient,
        locked_reason: if vault == VaultStatus::Locked { s.locked_reason() } else { None },
        app_version: env!("CARGO_PKG_VERSION").into(),
    })
}

pub fn create_vault(s: &Session, a: CreateVaultArgs) -> Result<AppStatus> {
    let passphrase = Passphrase::choose("passphrase", a.passphrase.into_string(), a.passphrase_confirm.0.expose())?;
    let recovery = optional_recipient("recovery_recipient", a.recovery_recipient.as_deref())?;
    let vault = Vault::create(s.data_dir(), &passphrase, recovery.as_ref(), s.kdf())?;
    s.put_vault(vault, AutoLockMinutes::DEFAULT);
    status(s, NoArgs {})
}

fn open(s: &Session, credential: Credential<'_>) -> Result<()> {
    let vault = Vault::unlock(s.data_dir(), credential)?;
    let auto_lock = settings::load(vault.conn())?.auto_lock_minutes;
    s.put_vault(vault, auto_lock);
    Ok(())
}

pub fn unlock(s: &Session, a: UnlockArgs) -> Result<AppStatus> {
    let passphrase = required("passphrase", a.passphrase, "your passphrase")?;
    if !s.is_unlocked() {
        open(s, Credential::Passphrase(&passphrase))?;
    }
    status(s, NoArgs {})
}

/// Forgotten passphrase: the recovery key opens the vault and a new passphrase replaces the old.
pub fn recover(s: &Session, a: RecoverArgs) -> Result<AppStatus> {
    let identity = RecoveryIdentity::parse("recovery_identity", a.recovery_identity.0.expose())?;
    let new = Passphrase::choose("new_passphrase", a.new_passphrase.into_string(), a.new_passphrase_confirm.0.expose())?;
    let mut vault = Vault::unlock(s.data_dir(), Credential::Recovery(&identity))?;
    vault.reset_passphrase(&new, s.kdf())?;
    let auto_lock = settings::load(vault.conn())?.auto_lock_minutes;
    s.put_vault(vault, auto_lock);
    status(s, NoArgs {})
}

pub fn lock(s: &Session, _: NoArgs) -> Result<AppStatus> {
    s.lock(LockReason::Requested);
    status(s, NoArgs {})
}

/// The UI reports keyboard and pointer activity (throttled) so reading a long page is not "idle".
pub fn touch(s: &Session, _: NoArgs) -> Result<()> {
    s.with_vault(|_| Ok(()))
}

fn settings_view(s: &Session, vault: &Vault) -> Result<SettingsView> {
    Ok(SettingsView {
        auto_lock_minutes: settings::load(vault.conn())?.auto_lock_minutes.minutes(),
        auto_lock_min: AutoLockMinutes::MIN,
        auto_lock_max: AutoLockMinutes::MAX,
        recovery_recipient: vault.recovery_recipient().map(Into::into),
        data_dir: s.data_dir().display().to_string(),
        data_version: migrations::user_version(vault.conn())?,
    })
}

pub fn get_settings(s: &Session, _: NoArgs) -> Result<SettingsView> {
    s.with_vault(|v| settings_view(s, v))
}

pub fn update_settings(s: &Session, a: UpdateSettingsArgs) -> Result<SettingsView> {
    let minutes = AutoLockMinutes::new(a.auto_lock_minutes)?;
    let view = s.with_vault(|v| {
        settings::set_auto_lock(v.conn_mut(), minutes)?;
        settings_view(s, v)
    })?;
    s.set_auto_lock(minutes);
    Ok(view)
}

pub fn change_passphrase(s: &Session, a: ChangePassphraseArgs) -> Result<()> {
    let old = required("old_passphrase", a.old_passphrase, "your current passphrase")?;
    let new = Passphrase::choose("new_passphrase", a.new_passphrase.into_string(), a.new_passphrase_confirm.0.expose())?;
    s.with_vault(|v| {
        v.change_passphrase(&old, &new, s.kdf()).map_err(|e| match e {
            linkwork_store::StoreError::WrongPassphrase => ApiError::new(
                "WRONG_PASSPHRASE",
                "That is not your current passphrase. Check Caps Lock and try again.",
            )
            .on_field("old_passphrase"),
            other => other.into(),
        })
    })
}

pub fn set_recovery(s: &Session, a: SetRecoveryArgs) -> Result<SettingsView> {
    let recipient = optional_recipient("recovery_recipient", Some(&a.recovery_recipient))?
        .ok_or_else(|| ValidationError::new("recovery_recipient", "Enter the recovery public key (it starts with age1)."))?;
    s.with_vault(|v| {
        v.set_recovery(&recipient)?;
        settings_view(s, v)
    })
}

pub fn remove_recovery(s: &Session, _: NoArgs) -> Result<SettingsView> {
    s.with_vault(|v| {
        v.remove_recovery()?;
        settings_view(s, v)
    })
}

pub fn check_integrity(s: &Session, _: NoArgs) -> Result<IntegrityView> {
    s.with_vault(|v| {
        let r = v.check()?;
        Ok(IntegrityView { ok: r.is_ok(), data_version: r.data_version, problems: r.problems })
    })
}
