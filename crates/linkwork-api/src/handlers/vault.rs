//! Creating, unlocking, recovering and locking the vault, and the passphrase and recovery key.

use super::Result;
use crate::{error::ApiError, session::Session, types::*};
use linkwork_core::{AutoLockMinutes, ErrorCode, Passphrase, ValidationError};
use linkwork_store::{
    settings, vault::Credential, RecoveryIdentity, RecoveryRecipient, StoreError, Vault, VaultState,
};

pub(crate) fn required(field: &str, s: SecretInput, what: &str) -> Result<Passphrase> {
    if s.0.is_empty() {
        return Err(ValidationError::new(field, format!("Enter {what}.")).into());
    }
    Ok(s.0)
}

pub(crate) fn optional_recipient(
    field: &str,
    text: Option<&str>,
) -> Result<Option<RecoveryRecipient>> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(None),
        Some(t) => Ok(Some(RecoveryRecipient::parse(field, t)?)),
    }
}

/// Never waits for the vault: it answers at once even while a command or a job is running.
pub fn status(s: &Session, _: NoArgs) -> Result<AppStatus> {
    let (vault, recovery_recipient) = match Vault::inspect(s.data_dir())? {
        VaultState::Absent { .. } => (VaultStatus::NoVault, None),
        VaultState::Present(meta) if s.is_unlocked() => {
            (VaultStatus::Unlocked, meta.recovery_recipient)
        }
        VaultState::Present(meta) => (VaultStatus::Locked, meta.recovery_recipient),
    };
    Ok(AppStatus {
        vault,
        data_dir: s.data_dir().display().to_string(),
        recovery_recipient,
        locked_reason: if vault == VaultStatus::Locked {
            s.locked_reason()
        } else {
            None
        },
        app_version: env!("CARGO_PKG_VERSION").into(),
    })
}

/// Works locked or unlocked; the backup folder is known only once unlocked.
pub fn about(s: &Session, _: NoArgs) -> Result<AboutView> {
    use linkwork_store::paths::VaultPaths;
    let paths = VaultPaths::new(s.data_dir());
    let file = |what: &str, path: std::path::PathBuf| AboutFile {
        what: what.into(),
        path: path.display().to_string(),
    };
    let mut files = vec![
        file("Database (encrypted)", paths.db()),
        file(
            "Database key, locked with your passphrase",
            paths.passphrase_key(),
        ),
    ];
    let recovery = paths.recovery_key();
    if recovery.exists() {
        files.push(file(
            "Database key, locked with your recovery key",
            recovery,
        ));
    }
    files.push(file("Vault description (no patient data)", paths.meta()));
    files.push(file(
        "Copies made before upgrades (encrypted)",
        paths.backups(),
    ));
    if s.is_unlocked() {
        if let Some(folder) = s.with_vault(|v| Ok(settings::backup_settings(v.read())?.folder))? {
            files.push(file(
                "Your backup folder (encrypted backups)",
                folder.into(),
            ));
        }
    }
    Ok(AboutView {
        version: env!("CARGO_PKG_VERSION").into(),
        data_dir: s.data_dir().display().to_string(),
        files,
        components: crate::licences::third_party(),
    })
}

pub fn create_vault(s: &Session, a: CreateVaultArgs) -> Result<AppStatus> {
    let passphrase = Passphrase::choose(
        "passphrase",
        a.passphrase.into_string(),
        a.passphrase_confirm.0.expose(),
    )?;
    let recovery = optional_recipient("recovery_recipient", a.recovery_recipient.as_deref())?;
    let vault = Vault::create_with(
        s.data_dir(),
        &passphrase,
        recovery.as_ref(),
        s.kdf(),
        s.store_options(),
    )?;
    s.put_vault(vault, AutoLockMinutes::DEFAULT);
    status(s, NoArgs {})
}

fn open(s: &Session, credential: Credential<'_>) -> Result<Vault> {
    Ok(Vault::unlock_with(
        s.data_dir(),
        credential,
        s.store_options(),
    )?)
}

fn put(s: &Session, mut vault: Vault) -> Result<AppStatus> {
    let stored = settings::load(vault.read())?;
    let auto_lock = stored.auto_lock_minutes;
    // Outreach rows kept past their time after a list closed go now, before anything is shown.
    // A failure here must not keep the link worker out of their caseload: nothing is written
    // (one transaction), and the next unlock tries again.
    let today = s.today();
    let _ = vault.write(|tx| {
        linkwork_store::outreach::expire(tx, today, stored.outreach_keep_months).map(|_| ())
    });
    s.put_vault(vault, auto_lock);
    status(s, NoArgs {})
}

pub fn unlock(s: &Session, a: UnlockArgs) -> Result<AppStatus> {
    let passphrase = required("passphrase", a.passphrase, "your passphrase")?;
    if s.is_unlocked() {
        return status(s, NoArgs {});
    }
    put(s, open(s, Credential::Passphrase(&passphrase))?)
}

/// Forgotten passphrase: the recovery key opens the vault and a new passphrase replaces the old.
pub fn recover(s: &Session, a: RecoverArgs) -> Result<AppStatus> {
    let identity = RecoveryIdentity::parse("recovery_identity", a.recovery_identity.0.expose())?;
    let new = Passphrase::choose(
        "new_passphrase",
        a.new_passphrase.into_string(),
        a.new_passphrase_confirm.0.expose(),
    )?;
    let mut vault = open(s, Credential::Recovery(&identity))?;
    vault.reset_passphrase(&new, s.kdf())?;
    put(s, vault)
}

/// Never waits for a job: it cancels them.
pub fn lock(s: &Session, _: NoArgs) -> Result<AppStatus> {
    s.lock(LockReason::Requested);
    status(s, NoArgs {})
}

/// The UI reports keyboard and pointer activity (throttled) so reading a long page is not "idle".
pub fn touch(s: &Session, _: NoArgs) -> Result<()> {
    if !s.is_unlocked() {
        return Err(ApiError::locked());
    }
    s.touch();
    Ok(())
}

/// A key change re-encrypts the database: no job or backup may still hold a connection with the
/// old key. Checked while holding the vault, so no job can start meanwhile.
fn no_other_connections(s: &Session) -> Result<()> {
    if s.jobs.any_running() {
        return Err(ApiError::new(
            ErrorCode::Busy,
            "Linkwork is still busy with an import or export. Wait for it to finish, or cancel it, then try again.",
        ));
    }
    s.wait_for_background();
    Ok(())
}

/// The current passphrase did not open the key file: said on the field that holds it.
pub(crate) fn wrong_passphrase(field: &str) -> impl Fn(StoreError) -> ApiError + '_ {
    move |e| match e {
        StoreError::WrongPassphrase => ApiError::new(
            ErrorCode::WrongPassphrase,
            "That is not your current passphrase. Check Caps Lock and try again.",
        )
        .on_field(field),
        other => other.into(),
    }
}

pub fn change_passphrase(s: &Session, a: ChangePassphraseArgs) -> Result<()> {
    let old = required(
        "old_passphrase",
        a.old_passphrase,
        "your current passphrase",
    )?;
    let new = Passphrase::choose(
        "new_passphrase",
        a.new_passphrase.into_string(),
        a.new_passphrase_confirm.0.expose(),
    )?;
    s.with_vault(|v| {
        no_other_connections(s)?;
        v.change_passphrase(&old, &new, s.kdf())
            .map_err(wrong_passphrase("old_passphrase"))
    })
}

pub fn set_recovery(s: &Session, a: SetRecoveryArgs) -> Result<SettingsView> {
    let passphrase = required("passphrase", a.passphrase, "your passphrase")?;
    let recipient = optional_recipient("recovery_recipient", Some(&a.recovery_recipient))?
        .ok_or_else(|| {
            ValidationError::new(
                "recovery_recipient",
                "Enter the recovery public key (it starts with age1).",
            )
        })?;
    s.with_vault(|v| {
        no_other_connections(s)?;
        v.set_recovery(&passphrase, &recipient, s.kdf())
            .map_err(wrong_passphrase("passphrase"))?;
        super::settings::settings_view(s, v)
    })
}

pub fn remove_recovery(s: &Session, a: RemoveRecoveryArgs) -> Result<SettingsView> {
    let passphrase = required("passphrase", a.passphrase, "your passphrase")?;
    s.with_vault(|v| {
        no_other_connections(s)?;
        v.remove_recovery(&passphrase, s.kdf())
            .map_err(wrong_passphrase("passphrase"))?;
        super::settings::settings_view(s, v)
    })
}

/// Walks the audit trail's hash chain: an edited, deleted, inserted or moved row shows by number.
pub fn verify_audit(s: &Session, _: NoArgs) -> Result<AuditVerified> {
    s.with_vault(|v| {
        let r = linkwork_store::audit::verify(v.read())?;
        Ok(AuditVerified {
            ok: r.breaks.is_empty(),
            rows: r.rows,
            breaks: r
                .breaks
                .iter()
                .map(|b| {
                    let when = chrono::DateTime::parse_from_rfc3339(&b.at)
                        .map(|t| t.format("%d/%m/%Y %H:%M").to_string())
                        .unwrap_or_else(|_| b.at.clone());
                    format!("row {} ({when}): {}", b.row, b.problem)
                })
                .collect(),
        })
    })
}

pub fn check_integrity(s: &Session, _: NoArgs) -> Result<IntegrityView> {
    s.with_vault(|v| {
        let r = v.check()?;
        Ok(IntegrityView {
            ok: r.is_ok(),
            data_version: r.data_version,
            problems: r.problems,
        })
    })
}
