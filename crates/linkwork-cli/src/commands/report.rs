//! `report monthly`, `report settings`; `supervisor keygen`, `supervisor merge`.

use super::{say, Ctx, Result};
use crate::secrets::read_file;
use linkwork_api::chosen::ChosenFile;
use linkwork_api::types::{
    ExportReportArgs, JobOutput, NoArgs, ReportFiles, ReportPeriod, ReportSettingsForm,
    SecretInput, SupervisorIdentityArgs, SupervisorKeygenArgs, SupervisorMergeArgs,
    UpdateSettingsArgs,
};
use linkwork_report::Suppression;
use std::path::PathBuf;

#[derive(clap::Subcommand)]
pub enum ReportCommand {
    /// The monthly supervisor report (HTML with charts, CSV set, XLSX workbook and the figures
    /// file, zipped), encrypted with age to the supervisor's keys: one .age file that `age -d` opens
    Monthly {
        /// The month, as 2026-10 [default: last month]
        #[arg(long, value_name = "YYYY-MM", conflicts_with_all = ["from", "until"])]
        month: Option<String>,
        /// Or a range of dates: the first day (DD/MM/YYYY)
        #[arg(long, value_name = "DATE", requires = "until")]
        from: Option<String>,
        /// The last day of the range (DD/MM/YYYY)
        #[arg(long, value_name = "DATE", requires = "from")]
        until: Option<String>,
        /// What goes in beside the figures file
        #[arg(long, value_enum, default_value_t = ReportFormat::All)]
        format: ReportFormat,
        /// A supervisor's public key (age1…); repeat for several [default: the keys saved with `report settings`]
        #[arg(long = "to", value_name = "age1…")]
        to: Vec<String>,
        /// Encrypt to a passphrase read from this file instead (a supervisor with no key)
        #[arg(long, value_name = "FILE", conflicts_with = "to")]
        report_passphrase_file: Option<PathBuf>,
        /// The .age file to write [default: the report's own name, in this folder]
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Replace --out (and --unencrypted-copy) if it exists
        #[arg(long)]
        replace: bool,
        /// Also write an UNENCRYPTED zip of the same files here (keep it safe: it is not encrypted)
        #[arg(long, value_name = "FILE")]
        unencrypted_copy: Option<PathBuf>,
        /// Show counts from 1 to 4 as they are (internal use only)
        #[arg(long)]
        no_suppression: bool,
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
    /// Show or change your name on the report, the supervisor's keys and small-number suppression
    Settings {
        /// Your name, as the report and your supervisor show it
        #[arg(long, value_name = "NAME")]
        worker_name: Option<String>,
        /// A supervisor's public key (age1…); repeat for several. Replaces the saved list.
        #[arg(long = "supervisor-key", value_name = "age1…")]
        keys: Vec<String>,
        /// Forget every saved supervisor key
        #[arg(long, conflicts_with = "keys")]
        clear_keys: bool,
        #[arg(long, value_enum)]
        suppression: Option<OnOff>,
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
}

#[derive(clap::Subcommand)]
pub enum SupervisorCommand {
    /// Make a supervisor's key: an identity file protected by a passphrase, and the public key
    /// (age1…) to give to link workers
    Keygen {
        /// Where to keep the identity file (readable by you only)
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        #[arg(long)]
        replace: bool,
        /// The identity file's new passphrase, read from this file [default: asked for twice]
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
    /// Decrypt several link workers' monthly exports and write the team report (HTML, CSV, XLSX)
    /// with each worker's figures and the team's total into a new folder
    Merge {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// The identity file from `supervisor keygen` (or any age identity file)
        #[arg(long, value_name = "FILE")]
        identity: PathBuf,
        /// A new (or empty) folder for the team report
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Show counts from 1 to 4 as they are (internal use only)
        #[arg(long)]
        no_suppression: bool,
        /// The identity file's passphrase, read from this file [default: asked for]
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    Html,
    Csv,
    Xlsx,
    All,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OnOff {
    On,
    Off,
}

const NOT_SUPPRESSED: &str = "Warning: small numbers are not suppressed. Counts from 1 to 4 could let someone be recognised: for internal use only.";

pub fn run(ctx: &mut Ctx, c: ReportCommand) -> Result {
    match c {
        ReportCommand::Monthly {
            month,
            from,
            until,
            format,
            to,
            report_passphrase_file,
            out,
            replace,
            unencrypted_copy,
            no_suppression,
            passphrase_file,
        } => {
            ctx.unlock(passphrase_file)?;
            let period = ReportPeriod {
                month,
                from,
                to: until,
            };
            let out = match out {
                Some(o) => o,
                // The report is worked out once, by the export job.
                None => PathBuf::from(ctx.session.api().report_file_name(period.clone())?),
            };
            let passphrase = match &report_passphrase_file {
                Some(f) => Some(read_file(f, "report passphrase file")?),
                None => None,
            };
            if no_suppression {
                say(NOT_SUPPRESSED);
            }
            if unencrypted_copy.is_some() {
                say("Warning: the copy given with --unencrypted-copy is NOT encrypted. Keep it on an encrypted drive and delete it when it has been used.");
            }
            let started = ctx.session.api().export_report(ExportReportArgs {
                period,
                path: ChosenFile::path_given(out.clone()),
                overwrite: replace,
                passphrase_confirm: passphrase.clone().map(SecretInput),
                passphrase: passphrase.map(SecretInput),
                plain_copy_path: unencrypted_copy.map(ChosenFile::path_given),
                plain_copy_overwrite: replace,
                // Asking for it by name on the command line is the explicit choice.
                plain_copy_understood: true,
                supervisor_keys: to,
                files: match format {
                    ReportFormat::Html => ReportFiles::Html,
                    ReportFormat::Csv => ReportFiles::Csv,
                    ReportFormat::Xlsx => ReportFiles::Xlsx,
                    ReportFormat::All => ReportFiles::All,
                },
                no_suppression,
            })?;
            let JobOutput::Report(r) =
                super::wait_for_job(&ctx.session, started.job_id, &mut |_, _| {})?
            else {
                unreachable!("a report job reports a report")
            };
            if ctx.printed_json(&r)? {
                return Ok(());
            }
            say(&format!(
                "The report for {} is in {}, encrypted to {} ({} files inside: {}).",
                r.period_label,
                r.path,
                r.encrypted_to,
                r.files.len(),
                r.files
                    .iter()
                    .filter(|f| !f.starts_with("csv/"))
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", ")
                    + if r.files.iter().any(|f| f.starts_with("csv/")) {
                        ", csv/"
                    } else {
                        ""
                    }
            ));
            if let Some(p) = r.plain_copy_path {
                say(&format!("Unencrypted copy: {p}"));
            }
            writeln!(ctx.out, "{}", r.path)?;
            Ok(())
        }
        ReportCommand::Settings {
            worker_name,
            keys,
            clear_keys,
            suppression,
            passphrase_file,
        } => {
            ctx.unlock(passphrase_file)?;
            let mut general = ctx.session.api().get_settings(NoArgs {})?;
            if let Some(name) = worker_name {
                general = ctx.session.api().update_settings(UpdateSettingsArgs {
                    auto_lock_minutes: general.auto_lock_minutes,
                    worker_name: Some(name),
                    whole_time_equivalent: None,
                })?;
            }
            let mut now = ctx.session.api().report_settings(NoArgs {})?;
            if !keys.is_empty() || clear_keys || suppression.is_some() {
                let form = ReportSettingsForm {
                    supervisor_keys: if clear_keys {
                        vec![]
                    } else if keys.is_empty() {
                        now.supervisor_keys
                    } else {
                        keys
                    },
                    suppression: match suppression {
                        Some(OnOff::On) => Suppression::On,
                        Some(OnOff::Off) => Suppression::Off,
                        None => now.suppression,
                    },
                };
                now = ctx.session.api().update_report_settings(form)?;
            }
            if ctx.printed_json(&serde_json::json!({
                "worker_name": general.worker_name,
                "supervisor_keys": now.supervisor_keys,
                "suppression": now.suppression,
            }))? {
                return Ok(());
            }
            writeln!(
                ctx.out,
                "Your name: {}",
                general.worker_name.as_deref().unwrap_or("not set")
            )?;
            if now.supervisor_keys.is_empty() {
                writeln!(ctx.out, "Supervisor keys: none saved")?;
            }
            for k in &now.supervisor_keys {
                writeln!(ctx.out, "Supervisor key: {k}")?;
            }
            let on = now.suppression == Suppression::On;
            writeln!(
                ctx.out,
                "Small numbers: {}",
                if on {
                    "suppressed (1 to 4 shown as <5)"
                } else {
                    "NOT suppressed (internal use only)"
                }
            )?;
            Ok(())
        }
    }
}

pub fn supervisor(ctx: &mut Ctx, c: SupervisorCommand) -> Result {
    match c {
        SupervisorCommand::Keygen {
            out,
            replace,
            passphrase_file,
        } => {
            let (p, again) = ctx.secrets.read_new(passphrase_file.as_deref())?;
            let public = ctx
                .session
                .api()
                .supervisor_keygen(SupervisorKeygenArgs {
                    path: ChosenFile::path_given(out.clone()),
                    overwrite: replace,
                    passphrase: SecretInput(p),
                    passphrase_confirm: SecretInput(again),
                })?
                .public;
            say(&format!(
                "Your identity file is {} (protected by the passphrase; keep both safe: without them no report sent to you can be opened).\nGive this public key to your link workers:",
                out.display()
            ));
            writeln!(ctx.out, "{public}")?;
            Ok(())
        }
        SupervisorCommand::Merge {
            files,
            identity,
            out,
            no_suppression,
            passphrase_file,
        } => {
            let identity = ChosenFile::path_given(identity);
            let needs = ctx
                .session
                .api()
                .supervisor_identity(SupervisorIdentityArgs {
                    path: identity.clone(),
                })?
                .needs_passphrase;
            let passphrase = if needs {
                Some(SecretInput(ctx.secrets.read(
                    passphrase_file.as_deref(),
                    "Identity file passphrase: ",
                )?))
            } else {
                None
            };
            if no_suppression {
                say(NOT_SUPPRESSED);
            }
            let m = ctx.session.api().supervisor_merge(SupervisorMergeArgs {
                packs: files.into_iter().map(ChosenFile::path_given).collect(),
                identity,
                passphrase,
                out: ChosenFile::path_given(out),
                no_suppression,
            })?;
            if ctx.printed_json(&m)? {
                return Ok(());
            }
            say(&format!(
                "Team report for {} from {} link workers ({}) written to {}.",
                m.period,
                m.workers.len(),
                m.workers.join(", "),
                m.out
            ));
            for p in &m.packs {
                say(&format!(
                    "  {}: {}, {}",
                    p.file,
                    p.worker,
                    match (&p.signed_by, p.audit_rows) {
                        (Some(fp), Some(rows)) => format!(
                            "signed by the vault with fingerprint {fp} (its audit trail then had {rows} rows)"
                        ),
                        (Some(fp), None) => format!("signed by the vault with fingerprint {fp}"),
                        (None, _) => "NOT signed (made by a version of Linkwork before reports were signed)".into(),
                    }
                ));
            }
            for f in &m.files {
                writeln!(
                    ctx.out,
                    "{}",
                    std::path::Path::new(&m.out).join(f).display()
                )?;
            }
            Ok(())
        }
    }
}
