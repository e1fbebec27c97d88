//! `linkwork`: the headless command line. Argument parsing and secret input only; every action
//! is the same linkwork-api handler the desktop UI calls, with the same validation and messages.

mod secrets;

use clap::{Parser, Subcommand};
use linkwork_api::{
    handlers,
    types::{
        ChangePassphraseArgs, CreateVaultArgs, NoArgs, RecoverArgs, SecretInput, SetRecoveryArgs,
        UnlockArgs, VaultStatus,
    },
    ApiError, Session,
};
use linkwork_core::dates::format_date_gb;
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
  7  invalid input or a conflict with existing records (the message names the field)";

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
    /// List or show people in the caseload
    #[command(subcommand)]
    People(PeopleCommand),
    /// Record a referral (a new episode of care)
    #[command(subcommand)]
    Referral(ReferralCommand),
    /// Record a contact with a person
    #[command(subcommand)]
    Contact(ContactCommand),
    /// Record ONS4 or PAM results, or print the caseload's change summary
    #[command(subcommand)]
    Outcome(OutcomeCommand),
    /// The community asset directory: import, export, search
    #[command(subcommand)]
    Assets(AssetsCommand),
    /// Fill an EMPTY vault with realistic fake people (test-range NHS numbers) for demos and benchmarks
    Demo {
        #[arg(long, default_value_t = 50)]
        people: u32,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum AssetsCommand {
    /// Import Open Referral UK JSON, a folder of ORUK CSV files, or the Linkwork CSV template (all or nothing)
    Import {
        /// A .json file, a folder holding services.csv, or a template .csv
        path: PathBuf,
        /// Check and count only; import nothing
        #[arg(long)]
        dry_run: bool,
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
    /// Write the whole directory as ORUK JSON or as the Linkwork CSV template
    Export {
        #[arg(long, value_name = "oruk-json|csv", default_value = "oruk-json")]
        format: String,
        /// Write here [default: standard output]
        #[arg(long, value_name = "FILE")]
        output: Option<PathBuf>,
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
    /// Write the Linkwork CSV template (headings and one example row) for a team without a feed
    Template {
        /// Write here [default: standard output]
        #[arg(long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Full-text search of the directory (name, organisation, description, categories, postcode)
    Search {
        text: String,
        /// Only free assets
        #[arg(long)]
        free: bool,
        /// Only active assets
        #[arg(long)]
        active: bool,
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum PeopleCommand {
    /// Everyone, or those whose name or NHS number matches --search
    List {
        #[arg(long)]
        search: Option<String>,
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
    /// One person's record: details, risk log, episodes, contacts, plan
    Show {
        /// NHS number (any spacing) or record id
        person: String,
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum ReferralCommand {
    /// From flags, or from a JSON file shaped like the app's referral form (--json)
    Add(ReferralArgs),
}

#[derive(clap::Args)]
struct ReferralArgs {
    /// JSON file with the whole referral (see README); other referral flags are then ignored
    #[arg(long, value_name = "FILE")]
    json: Option<PathBuf>,
    #[arg(long)]
    nhs_number: Option<String>,
    #[arg(long)]
    given_name: Option<String>,
    #[arg(long)]
    family_name: Option<String>,
    /// Date of birth, DD/MM/YYYY or YYYY-MM-DD
    #[arg(long)]
    dob: Option<String>,
    /// Date received [default: today]
    #[arg(long)]
    received: Option<String>,
    /// phone, letter, secure_email, secure_messaging, nhs_ers, self_referral, other
    #[arg(long, default_value = "secure_email")]
    method: String,
    #[arg(long)]
    referrer_name: Option<String>,
    #[arg(long)]
    referrer_role: Option<String>,
    #[arg(long)]
    referrer_organisation: Option<String>,
    /// A need or concern (repeat for several), e.g. finance, befriending, mental_health
    #[arg(long = "reason")]
    reasons: Vec<String>,
    /// Save even though someone with the same name and date of birth exists
    #[arg(long)]
    allow_possible_duplicate: bool,
    #[arg(long, value_name = "FILE")]
    passphrase_file: Option<PathBuf>,
}

#[derive(Subcommand)]
enum OutcomeCommand {
    /// Add an ONS4 or PAM record to the person's open episode
    #[command(subcommand)]
    Add(OutcomeAdd),
    /// Change from first to last record in a period, for people with at least two records
    Summary {
        /// Start of the period, DD/MM/YYYY [default: 12 months before --to]
        #[arg(long)]
        from: Option<String>,
        /// End of the period, DD/MM/YYYY [default: today]
        #[arg(long)]
        to: Option<String>,
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum OutcomeAdd {
    /// ONS4 personal wellbeing: each item 0 to 10, or "declined"
    Ons4 {
        /// NHS number (any spacing) or record id of the person
        #[arg(long)]
        person: String,
        /// DD/MM/YYYY [default: today]
        #[arg(long)]
        date: Option<String>,
        #[arg(long, value_name = "0-10|declined")]
        life_satisfaction: String,
        #[arg(long, value_name = "0-10|declined")]
        worthwhile: String,
        #[arg(long, value_name = "0-10|declined")]
        happiness: String,
        #[arg(long, value_name = "0-10|declined")]
        anxiety: String,
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
    /// Patient Activation Measure, exactly as the licensed tool reported it
    Pam {
        #[arg(long)]
        person: String,
        #[arg(long)]
        date: Option<String>,
        /// 0 to 100, at most one decimal place
        #[arg(long)]
        score: String,
        /// 1 to 4
        #[arg(long)]
        level: String,
        /// pam_13 or pam_10
        #[arg(long, default_value = "pam_13")]
        version: String,
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum ContactCommand {
    /// Add a contact to the person's open episode
    Add {
        /// NHS number (any spacing) or record id of the person
        #[arg(long)]
        person: String,
        /// When, as YYYY-MM-DDTHH:MM or "DD/MM/YYYY HH:MM" (UK time)
        #[arg(long)]
        at: String,
        /// phone, face_to_face, home_visit, video, group, other
        #[arg(long = "type", default_value = "phone")]
        contact_type: String,
        /// Minutes, 1 to 600 (required when it took place)
        #[arg(long)]
        duration: Option<u32>,
        /// took_place, did_not_attend, cancelled, unable_to_contact
        #[arg(long, default_value = "took_place")]
        outcome: String,
        #[arg(long)]
        notes: Option<String>,
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
    },
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
        "NO_VAULT"
        | "DATA_FOLDER_MISSING"
        | "DATA_FOLDER_PARENT_MISSING"
        | "VAULT_EXISTS"
        | "NO_DATA_FOLDER"
        | "FILE_ERROR" => 3,
        "WRONG_PASSPHRASE" | "WRONG_RECOVERY_KEY" => 4,
        "VAULT_INCOMPLETE" | "KEY_FILE_DAMAGED" | "DATABASE_DAMAGED" | "PLAINTEXT_DATABASE"
        | "INTEGRITY_FAILED" => 5,
        "NEWER_VERSION" => 6,
        "INVALID_INPUT"
        | "SECRET_UNREADABLE"
        | "BAD_REQUEST"
        | "OPEN_EPISODE_EXISTS"
        | "POSSIBLE_DUPLICATE"
        | "NHS_NUMBER_TAKEN"
        | "NOT_FOUND"
        | "EPISODE_CLOSED"
        | "DRAFT_PENDING"
        | "IMPORT_REFUSED" => 7,
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
    handlers::unlock(
        session,
        UnlockArgs {
            passphrase: secret(passphrase),
        },
    )?;
    Ok(())
}

/// Commands other than `init` need an existing folder; say so plainly rather than "no vault".
fn require_vault(session: &Session) -> Result<(), ApiError> {
    if !session.data_dir().exists() {
        return Err(
            linkwork_store::StoreError::DataFolderMissing(session.data_dir().into()).into(),
        );
    }
    match handlers::status(session, NoArgs {})?.vault {
        VaultStatus::NoVault => {
            Err(linkwork_store::StoreError::NoVault(session.data_dir().into()).into())
        }
        _ => Ok(()),
    }
}

fn run(cli: Cli) -> Result<(), ApiError> {
    let dir = linkwork_api::resolve_data_dir(cli.data_dir)?;
    let session = Session::new(dir, KdfCost::from_env());
    let mut secrets = Secrets::new();
    match cli.command {
        Command::Init {
            passphrase_file,
            recovery_recipient,
        } => {
            let (p, confirm) = secrets.read_new(passphrase_file.as_deref())?;
            let st = handlers::create_vault(
                &session,
                CreateVaultArgs {
                    passphrase: secret(p),
                    passphrase_confirm: secret(confirm),
                    recovery_recipient,
                },
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
            println!(
                "Recovery key: {}",
                st.recovery_recipient.as_deref().unwrap_or("not set up")
            );
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
        Command::Passphrase(PassphraseCommand::Change {
            passphrase_file,
            new_passphrase_file,
        }) => {
            require_vault(&session)?;
            let old = secrets.read(passphrase_file.as_deref(), "Current passphrase: ")?;
            let (new, confirm) = secrets.read_new(new_passphrase_file.as_deref())?;
            handlers::unlock(
                &session,
                UnlockArgs {
                    passphrase: secret(old.clone()),
                },
            )?;
            handlers::change_passphrase(
                &session,
                ChangePassphraseArgs {
                    old_passphrase: secret(old),
                    new_passphrase: secret(new),
                    new_passphrase_confirm: secret(confirm),
                },
            )?;
            println!("Passphrase changed. The old passphrase no longer opens the vault.");
        }
        Command::Passphrase(PassphraseCommand::Reset {
            recovery_identity,
            new_passphrase_file,
        }) => {
            require_vault(&session)?;
            let identity = secrets::read_file(&recovery_identity, "recovery key file")?;
            let (new, confirm) = secrets.read_new(new_passphrase_file.as_deref())?;
            handlers::recover(
                &session,
                RecoverArgs {
                    recovery_identity: secret(identity),
                    new_passphrase: secret(new),
                    new_passphrase_confirm: secret(confirm),
                },
            )?;
            println!("Passphrase reset with the recovery key. Only the new passphrase (and the recovery key) open the vault.");
        }
        Command::Recovery(RecoveryCommand::Set {
            recipient,
            passphrase_file,
        }) => {
            unlock(&session, &mut secrets, passphrase_file)?;
            let v = handlers::set_recovery(
                &session,
                SetRecoveryArgs {
                    recovery_recipient: recipient,
                },
            )?;
            println!(
                "Recovery key set: {}",
                v.recovery_recipient.unwrap_or_default()
            );
        }
        Command::Recovery(RecoveryCommand::Remove { passphrase_file }) => {
            unlock(&session, &mut secrets, passphrase_file)?;
            handlers::remove_recovery(&session, NoArgs {})?;
            println!("Recovery key removed. Only the passphrase opens the vault now.");
        }
        Command::People(PeopleCommand::List {
            search,
            passphrase_file,
        }) => {
            unlock(&session, &mut secrets, passphrase_file)?;
            let people = session_people(&session, search.as_deref())?;
            for p in &people {
                println!(
                    "{:<13} {:<28} {:<10} {}",
                    p.nhs_number.as_deref().unwrap_or("(no NHS no.)"),
                    p.name,
                    p.date_of_birth.map(format_date_gb).unwrap_or_default(),
                    if p.open_episode_id.is_some() {
                        "open"
                    } else {
                        ""
                    }
                );
            }
            eprintln!(
                "{} {}",
                people.len(),
                if people.len() == 1 {
                    "person"
                } else {
                    "people"
                }
            );
        }
        Command::People(PeopleCommand::Show {
            person,
            passphrase_file,
        }) => {
            unlock(&session, &mut secrets, passphrase_file)?;
            let id = find_person(&session, &person)?;
            print_person(&handlers::person(
                &session,
                linkwork_api::types::PersonArgs { person_id: id },
            )?);
        }
        Command::Referral(ReferralCommand::Add(a)) => {
            let passphrase_file = a.passphrase_file.clone();
            let form = referral_form(a)?;
            unlock(&session, &mut secrets, passphrase_file)?;
            let added = handlers::add_referral(&session, form)?;
            let rec = handlers::person(
                &session,
                linkwork_api::types::PersonArgs {
                    person_id: added.person_id.clone(),
                },
            )?;
            println!(
                "Referral recorded for {} {}{} (episode {}).",
                rec.person.given_name,
                rec.person.family_name,
                if added.new_person {
                    ", a new person"
                } else {
                    ", already known"
                },
                added.episode_id
            );
        }
        Command::Contact(ContactCommand::Add {
            person,
            at,
            contact_type,
            duration,
            outcome,
            notes,
            passphrase_file,
        }) => {
            unlock(&session, &mut secrets, passphrase_file)?;
            let episode = open_episode(&session, &person)?;
            let rec = handlers::add_contact(
                &session,
                linkwork_api::types::ContactForm {
                    episode_id: episode.id.clone(),
                    occurred_at: at,
                    contact_type,
                    duration_minutes: duration,
                    outcome,
                    notes,
                },
            )?;
            let e = rec
                .episodes
                .iter()
                .find(|e| e.id == episode.id)
                .expect("episode");
            println!(
                "Contact recorded. The episode is now {} with {} contact(s).",
                e.status.label().to_lowercase(),
                e.contacts.len()
            );
        }
        Command::Outcome(OutcomeCommand::Add(OutcomeAdd::Ons4 {
            person,
            date,
            life_satisfaction,
            worthwhile,
            happiness,
            anxiety,
            passphrase_file,
        })) => {
            unlock(&session, &mut secrets, passphrase_file)?;
            let episode = open_episode(&session, &person)?;
            let form = linkwork_api::types::Ons4Form {
                episode_id: episode.id.clone(),
                contact_id: None,
                recorded_on: date,
                life_satisfaction,
                worthwhile,
                happiness,
                anxiety,
            };
            let rec = handlers::add_ons4(&session, form)?;
            let e = rec
                .episodes
                .iter()
                .find(|e| e.id == episode.id)
                .expect("episode");
            let last = e
                .outcomes
                .ons4
                .iter()
                .max_by_key(|r| r.recorded_on)
                .expect("just added");
            println!(
                "ONS4 recorded ({}): {}",
                last.role.label().to_lowercase(),
                ons4_line(last)
            );
        }
        Command::Outcome(OutcomeCommand::Add(OutcomeAdd::Pam {
            person,
            date,
            score,
            level,
            version,
            passphrase_file,
        })) => {
            unlock(&session, &mut secrets, passphrase_file)?;
            let episode = open_episode(&session, &person)?;
            let form = linkwork_api::types::PamForm {
                episode_id: episode.id.clone(),
                contact_id: None,
                recorded_on: date,
                score,
                level,
                version,
            };
            let rec = handlers::add_pam(&session, form)?;
            let e = rec
                .episodes
                .iter()
                .find(|e| e.id == episode.id)
                .expect("episode");
            let last = e
                .outcomes
                .pam
                .iter()
                .max_by_key(|r| r.recorded_on)
                .expect("just added");
            println!(
                "PAM recorded ({}): score {}, level {}, {}.",
                last.role.label().to_lowercase(),
                last.score_text,
                last.level,
                last.version.label()
            );
            if let Some(w) = &last.level_warning {
                println!("Warning: {w}");
            }
        }
        Command::Outcome(OutcomeCommand::Summary {
            from,
            to,
            passphrase_file,
        }) => {
            unlock(&session, &mut secrets, passphrase_file)?;
            let s = handlers::outcome_summary(
                &session,
                linkwork_api::types::OutcomeSummaryArgs { from, to },
            )?;
            print!("{}", summary_text(&s));
        }
        Command::Demo {
            people,
            seed,
            passphrase_file,
        } => {
            unlock(&session, &mut secrets, passphrase_file)?;
            let d = handlers::demo(&session, people, seed)?;
            println!(
                "Demo data added: {} people, {} episodes, {} contacts, {} outcome records, {} community assets, {} onward referrals (seed {seed}). All NHS numbers are in the 999 test range.",
                d.people, d.episodes, d.contacts, d.outcomes, d.assets, d.onward
            );
        }
        Command::Assets(AssetsCommand::Import {
            path,
            dry_run,
            passphrase_file,
        }) => {
            unlock(&session, &mut secrets, passphrase_file)?;
            let mut shown = 0;
            let r = handlers::import_assets_with(
                &session,
                linkwork_api::types::ImportArgs {
                    path: path.display().to_string(),
                    dry_run,
                },
                &mut |done, total| {
                    // Every tenth, on standard error, so a script can keep standard output clean.
                    let pct = if total == 0 { 100 } else { done * 100 / total };
                    if pct >= shown + 10 {
                        shown = pct - pct % 10;
                        eprintln!("Reading: {shown}%");
                    }
                },
            )?;
            print!("{}", import_text(&r));
            if !r.problems.is_empty() {
                return Err(ApiError::new(
                    "IMPORT_REFUSED",
                    "Nothing was imported. Correct the problems listed and import again.",
                ));
            }
        }
        Command::Assets(AssetsCommand::Export {
            format,
            output,
            passphrase_file,
        }) => {
            unlock(&session, &mut secrets, passphrase_file)?;
            match output {
                Some(path) => {
                    let v = handlers::export_assets(
                        &session,
                        linkwork_api::types::ExportArgs {
                            path: path.display().to_string(),
                            format,
                        },
                    )?;
                    eprintln!("Exported {} assets to {}.", v.assets, v.path);
                }
                None => {
                    let stdout = std::io::stdout();
                    let mut out = std::io::BufWriter::new(stdout.lock());
                    handlers::export_assets_to(&session, &format, &mut out)?;
                }
            }
        }
        Command::Assets(AssetsCommand::Template { output }) => match output {
            Some(path) => {
                let v = handlers::save_asset_template(
                    &session,
                    linkwork_api::types::TemplateArgs {
                        path: path.display().to_string(),
                    },
                )?;
                eprintln!("Saved the Linkwork CSV template to {}.", v.path);
            }
            None => handlers::write_template(&mut std::io::stdout().lock())?,
        },
        Command::Assets(AssetsCommand::Search {
            text,
            free,
            active,
            passphrase_file,
        }) => {
            unlock(&session, &mut secrets, passphrase_file)?;
            let v = handlers::search_assets(
                &session,
                linkwork_api::types::AssetSearchArgs {
                    text: Some(text),
                    free_only: free,
                    active_only: active,
                    limit: Some(50),
                    ..Default::default()
                },
            )?;
            println!("{} of {} assets match", v.hits.len(), v.total);
            for h in &v.hits {
                let mut marks = Vec::new();
                if h.favourite {
                    marks.push("favourite".to_string());
                }
                if h.status != linkwork_core::vocab::AssetStatus::Active {
                    marks.push(h.status.label().to_lowercase());
                }
                marks.push(h.cost.label().to_lowercase());
                if h.stale {
                    marks.push(match h.last_verified_on {
                        Some(d) => format!("stale: last verified {}", format_date_gb(d)),
                        None => "not verified yet".into(),
                    });
                }
                println!(
                    "{}  {}{}  [{}]",
                    h.name,
                    h.organisation
                        .as_deref()
                        .map(|o| format!("{o}, "))
                        .unwrap_or_default(),
                    h.postcode.as_deref().unwrap_or("no postcode"),
                    marks.join("; ")
                );
            }
        }
    }
    session.lock(linkwork_api::types::LockReason::Requested);
    Ok(())
}

/// The person's open episode (outcomes and contacts are recorded against it).
fn open_episode(
    session: &Session,
    person: &str,
) -> Result<linkwork_core::caseload::EpisodeView, ApiError> {
    let id = find_person(session, person)?;
    let rec = handlers::person(session, linkwork_api::types::PersonArgs { person_id: id })?;
    let name = format!("{} {}", rec.person.given_name, rec.person.family_name);
    rec.episodes
        .into_iter()
        .find(|e| e.status != linkwork_core::vocab::EpisodeStatus::Closed)
        .ok_or_else(|| {
            ApiError::new(
                "EPISODE_CLOSED",
                format!("{name} has no open episode of care. Record a referral first."),
            )
        })
}

fn import_text(r: &linkwork_core::assets::ImportReport) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    if r.committed {
        let _ = writeln!(
            out,
            "Imported: {} added, {} updated, {} unchanged.",
            r.added, r.updated, r.unchanged
        );
    } else if r.problems.is_empty() {
        let _ = writeln!(
            out,
            "Preview: {} to add, {} to update, {} unchanged.",
            r.added, r.updated, r.unchanged
        );
    } else {
        let _ = writeln!(out, "Not imported. Without the problems below it would add {}, update {} and leave {} unchanged.", r.added, r.updated, r.unchanged);
    }
    if !r.ignored_files.is_empty() {
        let _ = writeln!(
            out,
            "Not read (Linkwork does not use them): {}.",
            r.ignored_files.join(", ")
        );
    }
    if !r.problems.is_empty() {
        let _ = writeln!(
            out,
            "{} problem{} (nothing was imported):",
            r.problems.len() as u32 + r.more_problems,
            if r.problems.len() == 1 { "" } else { "s" }
        );
        for p in &r.problems {
            let _ = writeln!(out, "  {p}");
        }
        if r.more_problems > 0 {
            let _ = writeln!(out, "  …and {} more.", r.more_problems);
        }
    } else if !r.committed {
        let _ = writeln!(
            out,
            "No problems found. Run again without --dry-run to import."
        );
    }
    out
}

fn ons4_line(r: &linkwork_core::outcomes::Ons4View) -> String {
    r.items
        .iter()
        .map(|i| match (i.value, &i.band_label) {
            (Some(v), Some(b)) => format!(
                "{} {v} ({})",
                i.item.label().to_lowercase(),
                b.to_lowercase()
            ),
            _ => format!("{} declined", i.item.label().to_lowercase()),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn summary_text(s: &linkwork_core::outcomes::OutcomeSummary) -> String {
    use std::fmt::Write;
    let pct = |p: Option<f64>| p.map(|p| format!("{p:.0}%")).unwrap_or_else(|| "–".into());
    let signed = |m: Option<f64>| m.map(|m| format!("{m:+.1}")).unwrap_or_else(|| "–".into());
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Outcomes from {} to {}",
        format_date_gb(s.from),
        format_date_gb(s.to)
    );
    let _ = writeln!(
        out,
        "ONS4: {} people with two or more records in the period (first record compared with last)",
        s.ons4_people
    );
    let _ = writeln!(
        out,
        "{:<18} {:>4} {:>11} {:>9} {:>6} {:>6}  {}",
        "Item", "n", "Mean change", "Improved", "Same", "Worse", "Moved out of concern band"
    );
    for i in &s.items {
        let _ = writeln!(
            out,
            "{:<18} {:>4} {:>11} {:>9} {:>6} {:>6}  {} of {} starting {} ({})",
            i.label,
            i.n,
            signed(i.mean_change),
            pct(i.improved_pct),
            pct(i.same_pct),
            pct(i.worse_pct),
            i.moved_out_of_concern_band,
            i.started_in_concern_band,
            i.concern_band,
            pct(i.moved_out_pct)
        );
    }
    let _ = writeln!(
        out,
        "Anxiety: a fall is an improvement. The four items are never added together."
    );
    let _ = writeln!(
        out,
        "PAM: {} people with two or more records; mean change {} points; gain of 3 or more: {} ({})",
        s.pam.n, signed(s.pam.mean_change), s.pam.gained_3, pct(s.pam.gained_3_pct)
    );
    out
}

fn session_people(
    session: &Session,
    search: Option<&str>,
) -> Result<Vec<linkwork_core::caseload::PersonSummary>, ApiError> {
    handlers::people(session, search)
}

/// An NHS number (any spacing) or a record id.
fn find_person(session: &Session, key: &str) -> Result<String, ApiError> {
    let digits: String = key.chars().filter(|c| c.is_ascii_digit()).collect();
    if digits.len() == 10
        && key
            .chars()
            .all(|c| c.is_ascii_digit() || c == ' ' || c == '-')
    {
        let found = handlers::people(session, Some(&digits))?;
        return found.into_iter().next().map(|p| p.id).ok_or_else(|| {
            ApiError::new(
                "NOT_FOUND",
                format!("No one in the caseload has the NHS number {key}."),
            )
        });
    }
    Ok(key.to_string())
}

fn referral_form(a: ReferralArgs) -> Result<linkwork_api::types::ReferralForm, ApiError> {
    if let Some(path) = a.json {
        let text = std::fs::read_to_string(&path).map_err(|e| {
            ApiError::new(
                "SECRET_UNREADABLE",
                format!("Cannot read the referral file {}: {e}.", path.display()),
            )
        })?;
        return serde_json::from_str(&text).map_err(|e| {
            ApiError::new(
                "INVALID_INPUT",
                format!(
                    "The referral file {} is not a valid referral: {e}.",
                    path.display()
                ),
            )
        });
    }
    Ok(linkwork_api::types::ReferralForm {
        person_id: None,
        person: linkwork_api::types::PersonForm {
            nhs_number: a.nhs_number,
            given_name: a.given_name,
            family_name: a.family_name,
            date_of_birth: a.dob,
            ..Default::default()
        },
        received_on: a
            .received
            .unwrap_or_else(|| handlers::today().format("%Y-%m-%d").to_string()),
        method: a.method,
        referrer_name: a.referrer_name,
        referrer_role: a.referrer_role,
        referrer_organisation: a.referrer_organisation,
        referrer_ods: None,
        reasons: a.reasons,
        notes: None,
        allow_possible_duplicate: a.allow_possible_duplicate,
    })
}

fn print_person(r: &linkwork_core::caseload::PersonRecord) {
    let p = &r.person;
    println!(
        "{} {}{}",
        p.given_name,
        p.family_name,
        p.preferred_name
            .as_deref()
            .map(|n| format!(" (prefers {n})"))
            .unwrap_or_default()
    );
    println!(
        "  NHS number:    {}",
        p.nhs_number.as_deref().unwrap_or("not known")
    );
    println!(
        "  Date of birth: {}",
        p.date_of_birth
            .map(format_date_gb)
            .unwrap_or_else(|| "not known".into())
    );
    println!("  Consent to share with GP: {}", p.consent_to_share.label());
    if r.risk {
        println!(
            "  RISK FLAG: {}",
            r.risk_log.first().map(|e| e.concern.as_str()).unwrap_or("")
        );
    }
    for e in &r.episodes {
        println!(
            "  Episode referred {} ({}): {}{}",
            format_date_gb(e.referral_received_on),
            e.referral_method.label(),
            e.status.label(),
            e.close_reason
                .map(|c| format!(", {}", c.label().to_lowercase()))
                .unwrap_or_default()
        );
        for c in &e.contacts {
            println!(
                "    {} {} – {}{}",
                c.occurred_at.format("%d/%m/%Y %H:%M"),
                c.contact_type.label(),
                c.outcome.label(),
                c.duration_minutes
                    .map(|m| format!(", {m} min"))
                    .unwrap_or_default()
            );
        }
        for g in &e.goals {
            println!(
                "    Goal ({}/10, {}): {}",
                g.importance,
                g.status.label().to_lowercase(),
                g.text
            );
        }
        for o in &e.outcomes.ons4 {
            println!(
                "    ONS4 {} ({}): {}",
                format_date_gb(o.recorded_on),
                o.role.label().to_lowercase(),
                ons4_line(o)
            );
        }
        for o in &e.outcomes.pam {
            println!(
                "    PAM {} ({}): score {}, level {}, {}",
                format_date_gb(o.recorded_on),
                o.role.label().to_lowercase(),
                o.score_text,
                o.level,
                o.version.label()
            );
        }
        for r in e
            .outcomes
            .reminders
            .iter()
            .filter(|r| r.state != linkwork_core::outcomes::ReminderState::Upcoming)
        {
            println!("    Reminder: {}", r.text);
        }
    }
}
