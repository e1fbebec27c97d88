//! `linkwork`: the headless command line. Argument parsing, secret input and printing only; every
//! action goes through the same command list the desktop UI uses (or a documented service function
//! of linkwork-api), with the same validation and messages.

mod commands;
mod exit;
mod secrets;

use clap::{Parser, Subcommand};
use commands::{
    assets::AssetsCommand, outcome::OutcomeCommand, people::PeopleCommand, vault::*, Ctx, Failure,
};
use std::{path::PathBuf, process::ExitCode, sync::LazyLock};

static AFTER_HELP: LazyLock<String> = LazyLock::new(exit::help);

/// Linkwork: a social prescribing link worker's caseload, in an encrypted vault on this computer.
#[derive(Parser)]
#[command(name = "linkwork", version, after_help = AFTER_HELP.as_str())]
struct Cli {
    /// Data folder holding the vault [default: $LINKWORK_DATA_DIR, else the per-user app-data folder]
    #[arg(long, global = true, value_name = "DIR")]
    data_dir: Option<PathBuf>,

    /// Print what a command returns as JSON (the record a change returns, what a list or check
    /// found, what a job made), for scripts; progress and notes stay on standard error. A check
    /// that finds a problem still fails. (`--json FILE` on referral add and assets add is the form
    /// read in.)
    #[arg(long, global = true)]
    as_json: bool,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create a new vault (passphrase at least 12 characters)
    Init(InitArgs),
    /// Say whether there is a vault and whether recovery is set up (needs no passphrase)
    Status,
    /// Version, where the vault's files are, and the third-party components' licences (needs no passphrase)
    About(commands::vault::AboutArgs),
    /// Unlock and run the integrity check (encryption, structure, links between records)
    Check(PassArg),
    /// The audit trail: `list` it, or `verify` its hash chain (an edited, deleted or moved row shows)
    #[command(subcommand)]
    Audit(AuditCommand),
    /// Change or reset the passphrase
    #[command(subcommand)]
    Passphrase(PassphraseCommand),
    /// Add or remove the recovery key
    #[command(subcommand)]
    Recovery(RecoveryCommand),
    /// List, show or edit people in the caseload
    #[command(subcommand)]
    People(PeopleCommand),
    /// Closed episodes past the retention period: list them, set the period, purge them
    #[command(subcommand)]
    Retention(commands::rights::RetentionCommand),
    /// Record a referral (a new episode of care)
    #[command(subcommand)]
    Referral(commands::referral::ReferralCommand),
    /// Record a contact with a person
    #[command(subcommand)]
    Contact(commands::contact::ContactCommand),
    /// The rest of an episode: the offer, the plan (needs, goals, actions, review), closing it
    #[command(subcommand)]
    Episode(commands::episode::EpisodeCommand),
    /// Onward referrals and signposts: add one, record its outcome and barriers, or mark it in error
    #[command(subcommand)]
    Onward(commands::episode::OnwardCommand),
    /// Settings: auto-lock, your name and hours, outcome measures, the caseload's rules
    #[command(subcommand)]
    Settings(commands::practice::SettingsCommand),
    /// The GP practices you serve: name, ODS code, GP system
    #[command(subcommand)]
    Practices(commands::practice::PracticesCommand),
    /// Proactive outreach lists from practice searches: import, work by call, accept into referrals
    #[command(subcommand)]
    Outreach(commands::outreach::OutreachCommand),
    /// Group activities: make a group, book people, add sessions, save a session's register
    #[command(subcommand)]
    Groups(commands::groups::GroupsCommand),
    /// Raise, update and close concerns in a person's risk log
    #[command(subcommand)]
    Risk(commands::risk::RiskCommand),
    /// Record ONS4 or PAM results, or print the caseload's change summary
    #[command(subcommand)]
    Outcome(OutcomeCommand),
    /// The community asset directory: import, export, search
    #[command(subcommand)]
    Assets(AssetsCommand),
    /// Lines for the GP record: a person's summary, the to-code list, marking lines entered
    #[command(subcommand)]
    Gp(commands::gp::GpCommand),
    /// The monthly supervisor report, encrypted with age; its settings
    #[command(subcommand)]
    Report(commands::report::ReportCommand),
    /// For supervisors (no vault needed): make a key; merge link workers' reports into a team report
    #[command(subcommand)]
    Supervisor(commands::report::SupervisorCommand),
    /// Back up the vault (one age file), check a backup, or set the backup folder
    Backup(commands::backup::BackupCli),
    /// Restore a backup into the data folder (a new laptop, or after a loss)
    Restore(commands::backup::RestoreCli),
    /// Caseload handover between link workers: your handover key, export to a colleague, import
    #[command(subcommand)]
    Handover(commands::backup::HandoverCommand),
    /// Fill an EMPTY vault with realistic fake people (test-range NHS numbers) for demos and benchmarks
    Demo(commands::demo::DemoArgs),
}

#[derive(Subcommand)]
enum AuditCommand {
    /// Check the audit trail's hash chain, row by row; with --against, also that no row up to
    /// where a backup recorded the trail's end has been deleted or changed since
    Verify(commands::vault::AuditVerifyArgs),
    /// The audit trail, newest first, fifty rows a page (what was done to which record, when)
    List(commands::rights::AuditListArgs),
}

fn run(cli: Cli, out: &mut dyn std::io::Write) -> Result<(), Failure> {
    let mut ctx = Ctx::new(cli.data_dir, out)?;
    ctx.json = cli.as_json;
    match cli.command {
        Command::Init(a) => commands::vault::init(&mut ctx, a),
        Command::Status => commands::vault::status(&mut ctx),
        Command::About(a) => commands::vault::about(&mut ctx, a),
        Command::Check(a) => commands::vault::check(&mut ctx, a),
        Command::Audit(AuditCommand::Verify(a)) => commands::vault::audit_verify(&mut ctx, a),
        Command::Audit(AuditCommand::List(a)) => commands::rights::audit_list(&mut ctx, a),
        Command::Passphrase(c) => commands::vault::passphrase(&mut ctx, c),
        Command::Recovery(c) => commands::vault::recovery(&mut ctx, c),
        Command::People(c) => commands::people::run(&mut ctx, c),
        Command::Retention(c) => commands::rights::retention(&mut ctx, c),
        Command::Referral(c) => commands::referral::run(&mut ctx, c),
        Command::Contact(c) => commands::contact::run(&mut ctx, c),
        Command::Episode(c) => commands::episode::episode(&mut ctx, c),
        Command::Onward(c) => commands::episode::onward(&mut ctx, c),
        Command::Settings(c) => commands::practice::settings(&mut ctx, c),
        Command::Practices(c) => commands::practice::practices(&mut ctx, c),
        Command::Outreach(c) => commands::outreach::run(&mut ctx, c),
        Command::Groups(c) => commands::groups::run(&mut ctx, c),
        Command::Risk(c) => commands::risk::run(&mut ctx, c),
        Command::Outcome(c) => commands::outcome::run(&mut ctx, c),
        Command::Assets(c) => commands::assets::run(&mut ctx, c),
        Command::Gp(c) => commands::gp::run(&mut ctx, c),
        Command::Report(c) => commands::report::run(&mut ctx, c),
        Command::Backup(c) => commands::backup::run(&mut ctx, c),
        Command::Restore(c) => commands::backup::restore(&mut ctx, c),
        Command::Handover(c) => commands::backup::handover(&mut ctx, c),
        Command::Supervisor(c) => commands::report::supervisor(&mut ctx, c),
        Command::Demo(a) => commands::demo::run(&mut ctx, a),
    }?;
    ctx.finish()
}

/// The whole command line: parse the process's arguments, run, print, and say how it went. The
/// `linkwork` binary is this alone; the installers' `linkwork` is the app's binary under that name,
/// which calls this (src-tauri's `main`).
pub fn main() -> ExitCode {
    linkwork_api::quiet_panics("linkwork");
    linkwork_api::no_core_dumps();
    let cli = Cli::parse();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let result =
        run(cli, &mut out).and_then(|_| std::io::Write::flush(&mut out).map_err(Failure::from));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // Whoever reads the output stopped reading (`linkwork people list | head -1`): that is not
        // an error, and nothing is left to say.
        Err(Failure::OutputClosed) => ExitCode::SUCCESS,
        Err(Failure::Api(e)) => {
            commands::say(&format!("linkwork: {}", e.message));
            // The rest of a form's problems, so a script's author fixes them in one go.
            for p in e.problems.iter().skip(1) {
                commands::say(&format!("linkwork: {}", p.message));
            }
            ExitCode::from(exit::exit_code(e.code))
        }
    }
}
