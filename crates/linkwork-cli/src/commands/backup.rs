//! `backup`, `backup verify`, `backup settings`, `restore`; `handover key|export|import|colleagues|forget`.

use super::{say, Ctx, Result};
use crate::secrets::read_file;
use linkwork_api::chosen::ChosenFile;
use linkwork_api::types::{
    BackupArgs, BackupFileArgs, BackupSettingsForm, BackupVerified, CloseHandedOverArgs,
    ColleagueKeys, ErasedPeople, ForgetColleagueArgs, HandoverExportArgs, HandoverFileArgs,
    HandoverMatch, HandoverView, JobOutput, NoArgs, RestoreArgs, RestoreErased, SecretInput,
    SignerTrust,
};
use std::path::PathBuf;

#[derive(clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct BackupCli {
    #[command(subcommand)]
    command: Option<BackupCommand>,
    /// The .age file to write [default: a new file in the backup folder set with `backup settings`]
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Replace --out if it exists
    #[arg(long)]
    replace: bool,
    #[arg(long, value_name = "FILE")]
    passphrase_file: Option<PathBuf>,
}

#[derive(clap::Subcommand)]
pub enum BackupCommand {
    /// Decrypt and check a backup (checksum, encryption, structure, rows) without touching the vault
    Verify {
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Open it with the recovery key file instead of the passphrase
        #[arg(long, value_name = "KEY_FILE")]
        recovery_identity: Option<PathBuf>,
        /// The passphrase the vault had when the backup was made [default: asked for]
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
    /// Show or change the backup folder, how many backups to keep, the reminder and backing up on lock
    Settings {
        /// A folder for backups (a network drive, an encrypted USB stick)
        #[arg(long, value_name = "DIR", conflicts_with = "no_folder")]
        folder: Option<PathBuf>,
        /// Forget the backup folder
        #[arg(long)]
        no_folder: bool,
        /// How many backups to keep in the folder
        #[arg(long, value_name = "N")]
        keep: Option<u32>,
        /// Remind on the caseload when the last backup is older than this many days
        #[arg(long, value_name = "DAYS")]
        remind_after_days: Option<u32>,
        /// Back up to the folder on lock and exit when anything changed
        #[arg(long, value_enum)]
        on_lock: Option<super::report::OnOff>,
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
}

#[derive(clap::Args)]
pub struct RestoreCli {
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// Open the backup with the recovery key file, then choose a new passphrase
    #[arg(long, value_name = "KEY_FILE")]
    recovery_identity: Option<PathBuf>,
    /// Replace the vault in the data folder (it is moved aside, not deleted)
    #[arg(long)]
    replace: bool,
    /// Accept a backup made before backups were signed (only your own, from your backup folder)
    #[arg(long)]
    unsigned: bool,
    /// People in the backup erased from the vault it replaces since it was made: erase them
    /// again, or keep them; asked for only when there are any
    #[arg(long, value_enum, value_name = "CHOICE")]
    erased: Option<RestoreErasedArg>,
    /// The backup's passphrase (or, with --recovery-identity, the new one) [default: asked for]
    #[arg(long, value_name = "FILE")]
    passphrase_file: Option<PathBuf>,
}

#[derive(clap::Subcommand)]
pub enum HandoverCommand {
    /// Print this vault's handover key (age1…) for colleagues who hand people over to you
    Key {
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
    /// Seal people's records (episodes, contacts, plans, risks, outcomes, onward referrals and the
    /// directory entries they use) for a colleague, in one age file only their vault opens
    Export {
        /// The colleague's handover key (from `linkwork handover key` in their vault)
        #[arg(long, value_name = "age1…")]
        to: String,
        /// A person to hand over, by NHS number or record id; repeat for several
        #[arg(
            long = "person",
            value_name = "NHS_NUMBER_OR_ID",
            required_unless_present = "all_open"
        )]
        people: Vec<String>,
        /// Everyone with an open episode
        #[arg(long, conflicts_with = "people")]
        all_open: bool,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Replace --out if it exists
        #[arg(long)]
        replace: bool,
        /// Then close their open episodes as "handed over" (with the colleague's name, if given)
        #[arg(long)]
        close: bool,
        /// The colleague's name, for the closing note
        #[arg(long, value_name = "NAME", requires = "close")]
        to_name: Option<String>,
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
    /// Import a handover (all or nothing): people matched by record id and NHS number, never duplicated
    Import {
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Only show what would be imported
        #[arg(long)]
        dry_run: bool,
        /// An age identity file, if the package was not encrypted to this vault's handover key
        #[arg(long, value_name = "FILE")]
        identity: Option<PathBuf>,
        /// Accept the sender's signing key, after comparing this fingerprint with them by phone
        /// (the first handover from a colleague, or after their key changed)
        #[arg(long, value_name = "FINGERPRINT")]
        accept: Option<String>,
        /// People in it who were erased from this vault before: leave them out (their erasure
        /// stands) or bring them back; asked for only when there are any
        #[arg(long, value_enum, value_name = "CHOICE")]
        erased: Option<ErasedArg>,
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
    /// List the colleagues whose handovers this vault accepts, by signing-key fingerprint
    Colleagues {
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
    /// Stop accepting handovers signed with a colleague's key
    Forget {
        #[arg(value_name = "FINGERPRINT")]
        fingerprint: String,
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum RestoreErasedArg {
    EraseAgain,
    Keep,
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum ErasedArg {
    LeaveOut,
    BringBack,
}

fn print_colleagues(ctx: &mut Ctx, c: &ColleagueKeys) -> Result {
    if c.colleagues.is_empty() {
        say("You have not accepted a colleague's handover key yet.");
    }
    for k in &c.colleagues {
        writeln!(
            ctx.out,
            "{}  {}  accepted {}",
            k.fingerprint,
            k.name.as_deref().unwrap_or("(no name)"),
            k.accepted_on
        )?;
    }
    Ok(())
}

fn print_handover(
    ctx: &mut Ctx,
    v: &HandoverView,
    done: bool,
    erased: Option<ErasedArg>,
) -> Result {
    let what = |m: HandoverMatch| match m {
        HandoverMatch::New => "new",
        HandoverMatch::SameRecord => "already here: same record",
        HandoverMatch::SameNhsNumber => "already here: same NHS number, merged",
    };
    writeln!(
        ctx.out,
        "Handover from {} made {}:",
        v.from.as_deref().unwrap_or("a link worker"),
        v.created_at
    )?;
    match v.signer.trust {
        SignerTrust::Accepted => writeln!(
            ctx.out,
            "  Signed with a key you have accepted ({}).",
            v.signer.fingerprint
        )?,
        SignerTrust::New | SignerTrust::Changed => {
            writeln!(
                ctx.out,
                "  Signed with a key you have NOT accepted{}: {}.",
                match &v.signer.accepted_name {
                    Some(n) => format!(" (not the one you accepted for {n})"),
                    None => String::new(),
                },
                v.signer.fingerprint
            )?;
            writeln!(
                ctx.out,
                "  Phone the sender on a number you already have and compare it with the signing fingerprint under Settings → Backup in their Linkwork; if it is the same, import with --accept '{}'.",
                v.signer.fingerprint
            )?;
        }
    }
    for p in &v.people {
        writeln!(
            ctx.out,
            "  {} ({}): {}, {} episode{}{}",
            p.name,
            p.nhs_number.as_deref().unwrap_or("no NHS number"),
            what(p.matched),
            p.episodes,
            if p.episodes == 1 { "" } else { "s" },
            match (&p.erased, &p.conflict) {
                (Some(e), _) => format!(
                    " — {e}: {}",
                    match (erased, done) {
                        (Some(ErasedArg::BringBack), true) => "brought back",
                        (Some(ErasedArg::BringBack), false) => "would be brought back",
                        (_, true) => "left out",
                        (_, false) => "left out unless imported with --erased bring-back",
                    }
                ),
                (None, Some(c)) => format!(" — CONFLICT: {c}"),
                (None, None) => String::new(),
            }
        )?;
    }
    let verb = if done { "Added" } else { "Would add" };
    writeln!(
        ctx.out,
        "{verb}: {}.",
        if v.summary.is_empty() {
            "nothing (everything is here already)".to_string()
        } else {
            v.summary.join(", ")
        }
    )?;
    Ok(())
}

fn print_verified(ctx: &mut Ctx, v: &BackupVerified) -> Result {
    let people = v.counts.get("person").copied().unwrap_or(0);
    let contacts = v.counts.get("contact").copied().unwrap_or(0);
    writeln!(
        ctx.out,
        "{}: a good backup made {} (data version {}, {} bytes): {people} people, {contacts} contacts.",
        v.path, v.created_at, v.data_version, v.bytes
    )?;
    match &v.signed_by {
        Some(f) => writeln!(ctx.out, "  signed by the vault it holds (fingerprint {f})")?,
        None => writeln!(
            ctx.out,
            "  NOT SIGNED: made before backups were signed, so it cannot be told from a forgery"
        )?,
    }
    for (table, n) in &v.counts {
        writeln!(ctx.out, "  {table}: {n}")?;
    }
    Ok(())
}

fn secret_args(
    ctx: &mut Ctx,
    file: &std::path::Path,
    recovery_identity: &Option<PathBuf>,
    passphrase_file: Option<PathBuf>,
) -> Result<BackupFileArgs> {
    Ok(match recovery_identity {
        Some(k) => BackupFileArgs {
            path: ChosenFile::path_given(file),
            passphrase: None,
            recovery_identity: Some(SecretInput(read_file(k, "recovery key file")?)),
        },
        None => BackupFileArgs {
            path: ChosenFile::path_given(file),
            passphrase: Some(SecretInput(
                ctx.secrets
                    .read(passphrase_file.as_deref(), "The backup's passphrase: ")?,
            )),
            recovery_identity: None,
        },
    })
}

pub fn run(ctx: &mut Ctx, c: BackupCli) -> Result {
    match c.command {
        None => {
            // A backup only reads (and notes when it ran): it may run while the app is open.
            ctx.session.share_vault();
            ctx.unlock(c.passphrase_file)?;
            let started = ctx.session.api().backup(BackupArgs {
                path: c.out.map(ChosenFile::path_given),
                overwrite: c.replace,
            })?;
            let JobOutput::Backup(b) =
                super::wait_for_job(&ctx.session, started.job_id, &mut |_, _| {})?
            else {
                unreachable!("a backup job reports a backup")
            };
            if ctx.printed_json(&b)? {
                return Ok(());
            }
            say(&format!(
                "Backed up {} people ({} bytes), encrypted to the vault's passphrase{}.{}",
                b.people,
                b.bytes,
                if b.to_recovery {
                    " and the recovery key"
                } else {
                    ""
                },
                if b.pruned > 0 {
                    format!(
                        " Deleted {} older backup{} from the folder.",
                        b.pruned,
                        if b.pruned == 1 { "" } else { "s" }
                    )
                } else {
                    String::new()
                }
            ));
            writeln!(ctx.out, "{}", b.path)?;
            Ok(())
        }
        Some(BackupCommand::Verify {
            file,
            recovery_identity,
            passphrase_file,
        }) => {
            let args = secret_args(ctx, &file, &recovery_identity, passphrase_file)?;
            let v = ctx.session.api().verify_backup(args)?;
            if ctx.printed_json(&v)? {
                return Ok(());
            }
            print_verified(ctx, &v)
        }
        Some(BackupCommand::Settings {
            folder,
            no_folder,
            keep,
            remind_after_days,
            on_lock,
            passphrase_file,
        }) => {
            ctx.unlock(passphrase_file)?;
            let mut now = ctx.session.api().backup_settings(NoArgs {})?;
            if folder.is_some()
                || no_folder
                || keep.is_some()
                || remind_after_days.is_some()
                || on_lock.is_some()
            {
                now = ctx
                    .session
                    .api()
                    .update_backup_settings(BackupSettingsForm {
                        new_folder: folder.map(ChosenFile::path_given),
                        no_folder,
                        keep: keep.unwrap_or(now.keep).to_string(),
                        remind_after_days: remind_after_days
                            .unwrap_or(now.remind_after_days)
                            .to_string(),
                        on_lock: match on_lock {
                            Some(o) => o == super::report::OnOff::On,
                            None => now.on_lock,
                        },
                    })?;
            }
            if ctx.printed_json(&now)? {
                return Ok(());
            }
            writeln!(
                ctx.out,
                "Backup folder: {}",
                now.folder
                    .as_deref()
                    .unwrap_or("none (give --out each time)")
            )?;
            writeln!(ctx.out, "Keep: the newest {} backups", now.keep)?;
            writeln!(
                ctx.out,
                "Remind after: {} days without a backup",
                now.remind_after_days
            )?;
            writeln!(
                ctx.out,
                "Back up on lock and exit: {}",
                if now.on_lock { "on" } else { "off" }
            )?;
            writeln!(
                ctx.out,
                "Last backup: {}",
                now.last_backup_at.as_deref().unwrap_or("never")
            )?;
            Ok(())
        }
    }
}

pub fn restore(ctx: &mut Ctx, c: RestoreCli) -> Result {
    let (file_args, new) = match &c.recovery_identity {
        Some(_) => {
            let args = secret_args(ctx, &c.file, &c.recovery_identity, None)?;
            let (p, confirm) = ctx.secrets.read_new(c.passphrase_file.as_deref())?;
            (args, Some((p, confirm)))
        }
        None => (secret_args(ctx, &c.file, &None, c.passphrase_file)?, None),
    };
    let (new_passphrase, new_passphrase_confirm) = match new {
        Some((p, c)) => (Some(SecretInput(p)), Some(SecretInput(c))),
        None => (None, None),
    };
    let done = ctx.session.api().restore_backup(RestoreArgs {
        file: file_args,
        new_passphrase,
        new_passphrase_confirm,
        replace: c.replace,
        unsigned: c.unsigned,
        erased: c.erased.map(|e| match e {
            RestoreErasedArg::EraseAgain => RestoreErased::EraseAgain,
            RestoreErasedArg::Keep => RestoreErased::Keep,
        }),
    })?;
    if ctx.printed_json(&done)? {
        return Ok(());
    }
    if let Some(aside) = &done.moved_aside {
        say(&format!("The vault that was there is now in {aside}."));
    }
    if !done.erased_again.is_empty() {
        say(&format!(
            "Erased again, as they were erased after this backup was made: {}.",
            done.erased_again.join(", ")
        ));
    }
    if done.erasures_unchecked {
        say("The vault this replaced had erased people, and this backup is from an older version of Linkwork, so it could not be checked for them: if anyone erased is back, erase them again.");
    }
    writeln!(
        ctx.out,
        "Restored the backup made {} into {}; it has a fresh key, so the backup file alone no longer opens the live vault.",
        done.verified.created_at, done.status.data_dir
    )?;
    Ok(())
}

pub fn handover(ctx: &mut Ctx, c: HandoverCommand) -> Result {
    match c {
        HandoverCommand::Export {
            to,
            people,
            all_open,
            out,
            replace,
            close,
            to_name,
            passphrase_file,
        } => {
            let passphrase = ctx.unlock_keeping(passphrase_file)?;
            let ids = people
                .iter()
                .map(|p| ctx.find_person(p))
                .collect::<Result<Vec<_>>>()?;
            let done = ctx.session.api().export_handover(HandoverExportArgs {
                to,
                people: ids,
                all_open,
                path: ChosenFile::path_given(out.clone()),
                overwrite: replace,
                passphrase: SecretInput(passphrase),
            })?;
            if ctx.printed_json(&done)? {
                return Ok(());
            }
            say(&format!(
                "Sealed {} people ({} episodes, {} open) for your colleague's key.",
                done.people.len(),
                done.episodes,
                done.open_episodes
            ));
            if close {
                let closed = ctx.session.api().close_handed_over(CloseHandedOverArgs {
                    people: done.people.clone(),
                    to_name,
                })?;
                if ctx.printed_json(&closed)? {
                    return Ok(());
                }
                say(&format!(
                    "Closed {} open episode{} as handed over.",
                    closed.closed,
                    if closed.closed == 1 { "" } else { "s" }
                ));
            }
            writeln!(ctx.out, "{}", done.path)?;
            Ok(())
        }
        HandoverCommand::Import {
            file,
            dry_run,
            identity,
            accept,
            erased,
            passphrase_file,
        } => {
            ctx.unlock(passphrase_file)?;
            let args = HandoverFileArgs {
                path: ChosenFile::path_given(file.clone()),
                identity: match identity {
                    Some(f) => Some(SecretInput(read_file(&f, "identity file")?)),
                    None => None,
                },
                accept_signer: accept,
                erased: erased.map(|e| match e {
                    ErasedArg::LeaveOut => ErasedPeople::LeaveOut,
                    ErasedArg::BringBack => ErasedPeople::BringBack,
                }),
            };
            if dry_run {
                let v = ctx.session.api().preview_handover(args)?;
                if ctx.printed_json(&v)? {
                    return Ok(());
                }
                print_handover(ctx, &v, false, erased)
            } else {
                let v = ctx.session.api().import_handover(args)?;
                if ctx.printed_json(&v)? {
                    return Ok(());
                }
                print_handover(ctx, &v, true, erased)
            }
        }
        HandoverCommand::Key { passphrase_file } => {
            ctx.unlock(passphrase_file)?;
            let k = ctx.session.api().handover_key(NoArgs {})?;
            if ctx.printed_json(&k)? {
                return Ok(());
            }
            say("Give this key to a colleague who hands people over to you:");
            writeln!(ctx.out, "{}", k.recipient)?;
            say(&format!(
                "Your signing fingerprint, which they compare with you by phone before accepting your first handover: {}",
                k.fingerprint
            ));
            Ok(())
        }
        HandoverCommand::Colleagues { passphrase_file } => {
            ctx.unlock(passphrase_file)?;
            let c = ctx.session.api().colleague_keys(NoArgs {})?;
            if ctx.printed_json(&c)? {
                return Ok(());
            }
            print_colleagues(ctx, &c)
        }
        HandoverCommand::Forget {
            fingerprint,
            passphrase_file,
        } => {
            ctx.unlock(passphrase_file)?;
            let c = ctx
                .session
                .api()
                .forget_colleague_key(ForgetColleagueArgs { fingerprint })?;
            say("Handovers signed with that key will no longer be accepted.");
            print_colleagues(ctx, &c)
        }
    }
}
