//! `init`, `status`, `check`, `passphrase change|reset`, `recovery set|remove`.

use super::{Ctx, Result};
use crate::secrets;
use linkwork_api::chosen::ChosenFile;
use linkwork_api::{types::*, ApiError};
use linkwork_core::ErrorCode;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct InitArgs {
    #[arg(long, value_name = "FILE")]
    passphrase_file: Option<PathBuf>,
    /// age public key (age1…) of the practice manager or supervisor, so a forgotten passphrase is not fatal
    #[arg(long, value_name = "AGE1…")]
    recovery_recipient: Option<String>,
}

#[derive(clap::Args)]
pub struct AboutArgs {
    /// List every third-party component: name, version, licence and kind, tab-separated
    #[arg(long)]
    licences: bool,
}

#[derive(clap::Args)]
pub struct PassArg {
    #[arg(long, value_name = "FILE")]
    pub passphrase_file: Option<PathBuf>,
}

#[derive(clap::Subcommand)]
pub enum PassphraseCommand {
    /// Change the passphrase (the current one is required)
    Change {
        /// File holding the current passphrase
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
        #[arg(long, value_name = "FILE")]
        new_passphrase_file: Option<PathBuf>,
    },
    /// Forgotten passphrase: open with the recovery key file and set a new passphrase
    Reset {
        /// The age identity file (AGE-SECRET-KEY-1…) that matches the vault's recovery key
        #[arg(long, value_name = "FILE")]
        recovery_identity: PathBuf,
        #[arg(long, value_name = "FILE")]
        new_passphrase_file: Option<PathBuf>,
    },
}

#[derive(clap::Subcommand)]
pub enum RecoveryCommand {
    /// Wrap the vault key to this age public key (replaces any earlier one)
    Set {
        #[arg(value_name = "AGE1…")]
        recipient: String,
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
    /// Remove the recovery key: afterwards only the passphrase opens the vault
    Remove {
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
}

pub fn init(ctx: &mut Ctx, a: InitArgs) -> Result {
    let (p, confirm) = ctx.secrets.read_new(a.passphrase_file.as_deref())?;
    let st = ctx.session.api().create_vault(CreateVaultArgs {
        passphrase: SecretInput(p),
        passphrase_confirm: SecretInput(confirm),
        recovery_recipient: a.recovery_recipient,
    })?;
    writeln!(ctx.out, "Created a Linkwork vault in {}.", st.data_dir)?;
    match st.recovery_recipient {
        Some(r) => writeln!(ctx.out, "Recovery key: {r}")?,
        None => writeln!(
            ctx.out,
            "No recovery key is set up: if the passphrase is forgotten, the data cannot be recovered.\n\
             Add one with `linkwork recovery set age1…`."
        )?,
    }
    Ok(())
}

pub fn status(ctx: &mut Ctx) -> Result {
    ctx.require_vault()?;
    let st = ctx.session.api().status(NoArgs {})?;
    if ctx.printed_json(&st)? {
        return Ok(());
    }
    writeln!(ctx.out, "Data folder: {}", st.data_dir)?;
    writeln!(ctx.out, "Vault: present, locked (encrypted)")?;
    writeln!(
        ctx.out,
        "Recovery key: {}",
        st.recovery_recipient.as_deref().unwrap_or("not set up")
    )?;
    writeln!(ctx.out, "Linkwork version: {}", st.app_version)?;
    Ok(())
}

/// `linkwork about`: what the About page shows, for support calls and the practice's IT.
pub fn about(ctx: &mut Ctx, a: AboutArgs) -> Result {
    let about = ctx.session.api().about(NoArgs {})?;
    if ctx.printed_json(&about)? {
        return Ok(());
    }
    if a.licences {
        for c in &about.components {
            let kind = match c.kind {
                linkwork_api::licences::ComponentKind::Crate => "crate",
                linkwork_api::licences::ComponentKind::Npm => "npm",
            };
            writeln!(ctx.out, "{}\t{}\t{}\t{kind}", c.name, c.version, c.licence)?;
        }
        return Ok(());
    }
    writeln!(ctx.out, "Linkwork {}", about.version)?;
    writeln!(ctx.out, "Data folder: {}", about.data_dir)?;
    for f in &about.files {
        writeln!(ctx.out, "{}: {}", f.what, f.path)?;
    }
    writeln!(
        ctx.out,
        "Built from {} third-party components: `linkwork about --licences` lists them with their licences.",
        about.components.len()
    )?;
    Ok(())
}

#[derive(clap::Args)]
pub struct AuditVerifyArgs {
    /// A backup of this vault: the trail must still hold every row it had then, unchanged
    #[arg(long, value_name = "BACKUP")]
    against: Option<PathBuf>,
    /// Open the backup with the recovery key file (it is opened with the vault's passphrase
    /// otherwise, so a backup from before a passphrase change needs this)
    #[arg(long, value_name = "KEY_FILE", requires = "against")]
    recovery_identity: Option<PathBuf>,
    #[arg(long, value_name = "FILE")]
    passphrase_file: Option<PathBuf>,
}

/// `linkwork audit verify`: the hash chain of the audit trail, and its end beside a backup's.
pub fn audit_verify(ctx: &mut Ctx, a: AuditVerifyArgs) -> Result {
    let passphrase = ctx.unlock_keeping(a.passphrase_file)?;
    if let Some(file) = &a.against {
        let compared = ctx
            .session
            .api()
            .compare_audit_with_backup(BackupFileArgs {
                path: ChosenFile::path_given(file.clone()),
                passphrase: Some(SecretInput(passphrase)),
                recovery_identity: match &a.recovery_identity {
                    Some(k) => Some(SecretInput(crate::secrets::read_file(
                        k,
                        "recovery key file",
                    )?)),
                    None => None,
                },
            })?;
        if !compared.holds {
            return Err(ApiError::new(ErrorCode::IntegrityFailed, compared.summary).into());
        }
        writeln!(ctx.out, "{}", compared.summary)?;
    }
    let r = ctx.session.api().verify_audit(NoArgs {})?;
    // As JSON the findings are printed either way; a broken chain still fails the command.
    let json = ctx.printed_json(&r)?;
    if !r.ok {
        return Err(ApiError::new(
            ErrorCode::IntegrityFailed,
            format!(
                "The audit trail has been tampered with ({} of {} rows):\n  {}",
                r.breaks.len(),
                r.rows,
                r.breaks.join("\n  ")
            ),
        )
        .into());
    }
    if !json {
        writeln!(
            ctx.out,
            "The audit trail is intact: {} rows, each chained to the one before.",
            r.rows
        )?;
    }
    Ok(())
}

pub fn check(ctx: &mut Ctx, a: PassArg) -> Result {
    ctx.unlock(a.passphrase_file)?;
    let r = ctx.session.api().check_integrity(NoArgs {})?;
    let json = ctx.printed_json(&r)?;
    if !r.ok {
        return Err(ApiError::new(
            ErrorCode::IntegrityFailed,
            format!(
                "The integrity check found {} problem(s):\n  {}\nRestore the vault from a backup, or ask your practice's IT support for help.",
                r.problems.len(),
                r.problems.join("\n  ")
            ),
        )
        .into());
    }
    if !json {
        writeln!(
            ctx.out,
            "Integrity check passed: encryption, structure and links are sound (data version {}).",
            r.data_version
        )?;
    }
    Ok(())
}

/// Every credential change gives the vault a new identity, so colleagues need the new key.
const HANDOVER_KEY_CHANGED: &str =
    "\nYour handover key changed too: give colleagues who hand people over to you \
     the new one (linkwork handover key); handovers sealed to the old key no longer open here.";

pub fn passphrase(ctx: &mut Ctx, c: PassphraseCommand) -> Result {
    ctx.require_vault()?;
    match c {
        PassphraseCommand::Change {
            passphrase_file,
            new_passphrase_file,
        } => {
            let old = ctx
                .secrets
                .read(passphrase_file.as_deref(), "Current passphrase: ")?;
            let (new, confirm) = ctx.secrets.read_new(new_passphrase_file.as_deref())?;
            ctx.session.api().unlock(UnlockArgs {
                passphrase: SecretInput(old.clone()),
            })?;
            ctx.session.api().change_passphrase(ChangePassphraseArgs {
                old_passphrase: SecretInput(old),
                new_passphrase: SecretInput(new),
                new_passphrase_confirm: SecretInput(confirm),
            })?;
            writeln!(
                ctx.out,
                "Passphrase changed, and the database re-encrypted under a new key: the old passphrase, and \
                 copies of the old key files, no longer open it. Backups made before now still open with the \
                 old passphrase.{HANDOVER_KEY_CHANGED}"
            )?;
        }
        PassphraseCommand::Reset {
            recovery_identity,
            new_passphrase_file,
        } => {
            let identity = secrets::read_file(&recovery_identity, "recovery key file")?;
            let (new, confirm) = ctx.secrets.read_new(new_passphrase_file.as_deref())?;
            ctx.session.api().recover(RecoverArgs {
                recovery_identity: SecretInput(identity),
                new_passphrase: SecretInput(new),
                new_passphrase_confirm: SecretInput(confirm),
            })?;
            writeln!(
                ctx.out,
                "Passphrase reset with the recovery key, and the database re-encrypted under a new key. Only the \
                 new passphrase and the recovery key open the vault; backups made before now still open with the \
                 old passphrase.{HANDOVER_KEY_CHANGED}"
            )?;
        }
    }
    Ok(())
}

pub fn recovery(ctx: &mut Ctx, c: RecoveryCommand) -> Result {
    match c {
        RecoveryCommand::Set {
            recipient,
            passphrase_file,
        } => {
            let passphrase = ctx.unlock_keeping(passphrase_file)?;
            let v = ctx.session.api().set_recovery(SetRecoveryArgs {
                passphrase: SecretInput(passphrase),
                recovery_recipient: recipient,
            })?;
            if ctx.printed_json(&v)? {
                return Ok(());
            }
            writeln!(
                ctx.out,
                "Recovery key set: {}\nThe database was re-encrypted under a new key: an earlier recovery key, \
                 and copies of the old key files, no longer open it. Backups made before now still open with \
                 the keys of their time.{HANDOVER_KEY_CHANGED}",
                v.recovery_recipient.unwrap_or_default()
            )?;
        }
        RecoveryCommand::Remove { passphrase_file } => {
            let passphrase = ctx.unlock_keeping(passphrase_file)?;
            ctx.session.api().remove_recovery(RemoveRecoveryArgs {
                passphrase: SecretInput(passphrase),
            })?;
            writeln!(
                ctx.out,
                "Recovery key removed, and the database re-encrypted under a new key: only the passphrase opens \
                 the vault now. Backups made before now still open with the recovery key.{HANDOVER_KEY_CHANGED}"
            )?;
        }
    }
    Ok(())
}
