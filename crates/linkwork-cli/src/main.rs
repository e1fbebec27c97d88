//! `linkwork`: the headless command line. Argument parsing and secret input only; every action
//! is the same linkwork-api handler the desktop UI calls, with the same validation and messages.

mod secrets;

use clap::{Parser, Subcommand};
use linkwork_api::{
    handlers,
    types::{ChangePassphraseArgs, CreateVaultArgs, NoArgs, RecoverArgs, SecretInput, SetRecoveryArgs, UnlockArgs, VaultStatus},
    ApiError, Session,
};
use linkwork_store::KdfCost;
use secrets::Secrets;
use std::{path::PathBuf, process::ExitCode};

const EXIT_CODES: &str = "\
Passphrases are never taken as arguments. They come from --passphrase-file FILE (- for standard
input), from a prompt when run in a terminal, or otherwise one per line from standard input.

Exit codes:
  0  done
  1  unexpected error
  2  bad command line
  3  no vault here, or a problem with the data folder
  4  wrong passphrase or recovery key
  5  vault damaged, incomplete or failing its integrity check
  6  vault written by a newer version of Linkwork
  7  invalid input (the message names the field)";

/// Linkwork: a social prescribing link worker's caseload, in an encrypted vault on this computer.
#[derive(Parser)]
#[command(name = "linkwork", version, after_help = EXIT_CODES)]
struct Cli {
    /// Data folder holding the vault [default: $LINKWORK_DATA_DIR, else the per-user app-data folder]
    #[arg(long, global = true, value_name = "DIR")]
    data_dir: Option<PathBuf>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create a new vault (passphrase at least 12 characters)
    Init {
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
        /// age public key (age1…) of the practice manager or supervisor, so a forgotten passphrase is not fatal
        #[arg(long, value_name = "AGE1…")]
        recovery_recipient: Option<String>,
    },
    /// Say whether there is a vault and whether recovery is set up (needs no passphrase)
    Status,
    /// Unlock and run the integrity check (encryption, structure, links between records)
    Check {
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
    /// Change or reset the passphrase
    #[command(subcommand)]
    Passphrase(PassphraseCommand),
    /// Add or remove the recovery key
    #[command(subcommand)]
    Recovery(RecoveryCommand),
}

#[derive(Subcommand)]
enum PassphraseCommand {
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

#[derive(Subcommand)]
enum RecoveryCommand {
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

fn exit_code(e: &ApiError) -> u8 {
    match e.code.as_str() {
        "NO_VAULT" | "DATA_FOLDER_MISSING" | "DATA_FOLDER_PARENT_MISSING" | "VAULT_EXISTS" | "NO_DATA_FOLDER" | "FILE_ERROR" => 3,
        "WRONG_PASSPHRASE" | "WRONG_RECOVERY_KEY" => 4,
        "VAULT_INCOMPLETE" | "KEY_FILE_DAMAGED" | "DATABASE_DAMAGED" | "PLAINTEXT_DATABASE" | "INTEGRITY_FAILED" => 5,
        "NEWER_VERSION" => 6,
        "INVALID_INPUT" | "SECRET_UNREADABLE" => 7,
        _ => 1,
    }
}

fn main() -> ExitCode {
    linkwork_api::quiet_panics("linkwork");
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("linkwork: {}", e.message);
            ExitCode::from(exit_code(&e))
        }
    }
}

fn secret(p: linkwork_core::Passphrase) -> SecretInput {
    SecretInput(p)
}

fn unlock(session: &Session, secrets: &mut Secrets, file: Option<PathBuf>) -> Result<(), ApiError> {
    require_vault(session)?;
    let passphrase = secrets.read(file.as_deref(), "Passphrase: ")?;
    handlers::unlock(session, UnlockArgs { passphrase: secret(passphrase) })?;
    Ok(())
}

/// Commands other than `init` need an existing folder; say so plainly rather than "no vault".
fn require_vault(session: &Session) -> Result<(), ApiError> {
    if !session.data_dir().exists() {
        return Err(linkwork_store::StoreError::DataFolderMissing(session.data_dir().into()).into());
    }
    match handlers::status(session, NoArgs {})?.vault {
        VaultStatus::NoVault => Err(linkwork_store::StoreError::NoVault(session.data_dir().into()).into()),
        _ => Ok(()),
    }
}

fn run(cli: Cli) -> Result<(), ApiError> {
    let dir = linkwork_api::resolve_data_dir(cli.data_dir)?;
    let session = Session::new(dir, KdfCost::from_env());
    let mut secrets = Secrets::new();
    match cli.command {
        Command::Init { passphrase_file, recovery_recipient } => {
            let (p, confirm) = secrets.read_new(passphrase_file.as_deref())?;
            let st = handlers::create_vault(
                &session,
                CreateVaultArgs { passphrase: secret(p), passphrase_confirm: secret(confirm), recovery_recipient },
            )?;
            println!("Created a Linkwork vault in {}.", st.data_dir);
            match st.recovery_recipient {
                Some(r) => println!("Recovery key: {r}"),
                None => println!(
                    "No recovery key is set up: if the passphrase is forgotten, the data cannot be recovered.\n\
                     Add one with `linkwork recovery set age1…`."
                ),
            }
        }
        Command::Status => {
            require_vault(&session)?;
            let st = handlers::status(&session, NoArgs {})?;
            println!("Data folder: {}", st.data_dir);
            println!("Vault: present, locked (encrypted)");
            println!("Recovery key: {}", st.recovery_recipient.as_deref().unwrap_or("not set up"));
            println!("Linkwork version: {}", st.app_version);
        }
        Command::Check { passphrase_file } => {
            unlock(&session, &mut secrets, passphrase_file)?;
            let r = handlers::check_integrity(&session, NoArgs {})?;
            if !r.ok {
                return Err(ApiError::new("INTEGRITY_FAILED", format!(
                    "The integrity check found {} problem(s):\n  {}\nRestore the vault from a backup, or ask your practice's IT support for help.",
                    r.problems.len(),
                    r.problems.join("\n  ")
                )));
            }
            println!("Integrity check passed: encryption, structure and links are sound (data version {}).", r.data_version);
        }
        Command::Passphrase(PassphraseCommand::Change { passphrase_file, new_passphrase_file }) => {
            require_vault(&session)?;
            let old = secrets.read(passphrase_file.as_deref(), "Current passphrase: ")?;
            let (new, confirm) = secrets.read_new(new_passphrase_file.as_deref())?;
            handlers::unlock(&session, UnlockArgs { passphrase: secret(old.clone()) })?;
            handlers::change_passphrase(
                &session,
                ChangePassphraseArgs { old_passphrase: secret(old), new_passphrase: secret(new), new_passphrase_confirm: secret(confirm) },
            )?;
            println!("Passphrase changed. The old passphrase no longer opens the vault.");
        }
        Command::Passphrase(PassphraseCommand::Reset { recovery_identity, new_passphrase_file }) => {
            require_vault(&session)?;
            let identity = secrets::read_file(&recovery_identity, "recovery key file")?;
            let (new, confirm) = secrets.read_new(new_passphrase_file.as_deref())?;
            handlers::recover(
                &session,
                RecoverArgs { recovery_identity: secret(identity), new_passphrase: secret(new), new_passphrase_confirm: secret(confirm) },
            )?;
            println!("Passphrase reset with the recovery key. Only the new passphrase (and the recovery key) open the vault.");
        }
        Command::Recovery(RecoveryCommand::Set { recipient, passphrase_file }) => {
            unlock(&session, &mut secrets, passphrase_file)?;
            let v = handlers::set_recovery(&session, SetRecoveryArgs { recovery_recipient: recipient })?;
            println!("Recovery key set: {}", v.recovery_recipient.unwrap_or_default());
        }
        Command::Recovery(RecoveryCommand::Remove { passphrase_file }) => {
            unlock(&session, &mut secrets, passphrase_file)?;
            handlers::remove_recovery(&session, NoArgs {})?;
            println!("Recovery key removed. Only the passphrase opens the vault now.");
        }
    }
    session.lock(linkwork_api::types::LockReason::Requested);
    Ok(())
}
