//! One module per noun of the command line. Each turns parsed arguments into calls on the command
//! list (`Session::api`, the typed client: the only way into the core) and prints the result to
//! `Ctx::out`.

pub mod assets;
pub mod backup;
pub mod contact;
pub mod demo;
pub mod episode;
pub mod gp;
pub mod groups;
pub mod outcome;
pub mod outreach;
pub mod people;
pub mod practice;
pub mod referral;
pub mod report;
pub mod rights;
pub mod risk;
pub mod vault;

use crate::secrets::Secrets;
use linkwork_api::{
    types::{LockReason, NoArgs, PeopleArgs, PersonArgs, SecretInput, UnlockArgs, VaultStatus},
    ApiError, Session,
};
use linkwork_core::{
    caseload::{EpisodeView, PersonRecord},
    ids::PersonId,
    vocab::{EpisodeStatus, Vocabulary},
    ErrorCode, Passphrase,
};
use linkwork_store::{KdfCost, StoreError};
use std::{io::Write, path::PathBuf};

/// Waits for a job by asking `job_status` until it ends, telling `progress` how far it has got; its
/// output, or why it did not finish.
pub fn wait_for_job(
    s: &Session,
    job_id: linkwork_core::ids::JobId,
    progress: &mut dyn FnMut(u64, u64),
) -> std::result::Result<linkwork_api::types::JobOutput, ApiError> {
    use linkwork_api::types::{JobArgs, JobState};
    loop {
        let view = s.api().job_status(JobArgs {
            job_id: job_id.clone(),
        })?;
        progress(view.done, view.total);
        match view.state {
            JobState::Running => std::thread::sleep(std::time::Duration::from_millis(50)),
            JobState::Done => {
                return view.output.ok_or_else(|| {
                    ApiError::new(ErrorCode::Internal, "The task finished without a result.")
                })
            }
            JobState::Failed | JobState::Cancelled => {
                return Err(view.error.unwrap_or_else(|| {
                    ApiError::new(ErrorCode::Internal, "The task stopped without saying why.")
                }))
            }
        }
    }
}

/// Why a command stopped.
pub enum Failure {
    Api(ApiError),
    /// Standard output was closed by its reader: stop quietly.
    OutputClosed,
}

impl From<ApiError> for Failure {
    fn from(e: ApiError) -> Self {
        Failure::Api(e)
    }
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Self {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            Failure::OutputClosed
        } else {
            Failure::Api(StoreError::io("write to", "standard output", e).into())
        }
    }
}

pub type Result<T = ()> = std::result::Result<T, Failure>;

/// A line on standard error (progress, counts, errors); a closed standard error is ignored.
pub fn say(line: &str) {
    let _ = writeln!(std::io::stderr(), "{line}");
}

/// What every command works with: the session, where secrets come from, and standard output.
pub struct Ctx<'o> {
    pub session: Session,
    pub secrets: Secrets,
    pub out: &'o mut dyn Write,
    /// `--as-json`: print what a command returns as JSON instead of words.
    pub json: bool,
}

impl<'o> Ctx<'o> {
    pub fn new(data_dir: Option<PathBuf>, out: &'o mut dyn Write) -> Result<Self> {
        let dir = linkwork_api::resolve_data_dir(data_dir)?;
        Ok(Self {
            session: Session::new(dir, KdfCost::from_env()),
            secrets: Secrets::new(),
            out,
            json: false,
        })
    }

    /// With `--as-json`, prints `v` and says so (the caller then prints no words).
    pub fn printed_json<T: serde::Serialize>(&mut self, v: &T) -> Result<bool> {
        if !self.json {
            return Ok(false);
        }
        let text = serde_json::to_string_pretty(v).expect("command results always serialise");
        writeln!(self.out, "{text}")?;
        Ok(true)
    }

    /// Locks the vault (if open) before the process ends.
    pub fn finish(self) -> Result {
        self.session.lock(LockReason::Requested);
        Ok(())
    }

    /// Commands other than `init` need an existing folder; say so plainly rather than "no vault".
    pub fn require_vault(&self) -> Result {
        let dir = self.session.data_dir();
        if !dir.exists() {
            return Err(ApiError::from(StoreError::DataFolderMissing(dir.into())).into());
        }
        match self.session.api().status(NoArgs {})?.vault {
            VaultStatus::NoVault => Err(ApiError::from(StoreError::NoVault(dir.into())).into()),
            _ => Ok(()),
        }
    }

    pub fn unlock(&mut self, file: Option<PathBuf>) -> Result {
        self.unlock_keeping(file).map(drop)
    }

    /// Unlocks, and keeps the passphrase for a command that must confirm a change with it.
    pub fn unlock_keeping(&mut self, file: Option<PathBuf>) -> Result<Passphrase> {
        self.require_vault()?;
        let passphrase = self.secrets.read(file.as_deref(), "Passphrase: ")?;
        self.session.api().unlock(UnlockArgs {
            passphrase: SecretInput(passphrase.clone()),
        })?;
        Ok(passphrase)
    }

    /// An NHS number (any spacing) or a record id.
    pub fn find_person(&self, key: &str) -> Result<PersonId> {
        let digits: String = key.chars().filter(|c| c.is_ascii_digit()).collect();
        let looks_like_nhs = digits.len() == 10
            && key
                .chars()
                .all(|c| c.is_ascii_digit() || c == ' ' || c == '-');
        if !looks_like_nhs {
            return Ok(PersonId::new(key));
        }
        let found = self.session.api().list_people(PeopleArgs {
            search: Some(digits),
        })?;
        found.into_iter().next().map(|p| p.id).ok_or_else(|| {
            ApiError::new(
                ErrorCode::NotFound,
                format!("No one in the caseload has the NHS number {key}."),
            )
            .into()
        })
    }

    /// The person's open episode (outcomes and contacts are recorded against it).
    pub fn open_episode(&self, person: &str) -> Result<EpisodeView> {
        let person_id = self.find_person(person)?;
        let rec = self.session.api().person(PersonArgs { person_id })?;
        let name = format!("{} {}", rec.person.given_name, rec.person.family_name);
        rec.episodes
            .into_iter()
            .find(|e| e.status != EpisodeStatus::Closed)
            .ok_or_else(|| {
                ApiError::new(
                    ErrorCode::EpisodeClosed,
                    format!("{name} has no open episode of care. Record a referral first."),
                )
                .into()
            })
    }
}

/// The episode `of` as it stands in `rec`, a person's record refreshed after a change to it.
pub fn same_episode<'r>(rec: &'r PersonRecord, of: &EpisodeView) -> &'r EpisodeView {
    rec.episodes
        .iter()
        .find(|e| e.id == of.id)
        .expect("a change to an episode returns its person's record")
}

/// Parses a slug from one of the core's lists; clap lists the allowed values on a mistake.
pub fn vocab<T: Vocabulary>() -> impl clap::builder::TypedValueParser<Value = T> {
    use clap::builder::TypedValueParser;
    clap::builder::PossibleValuesParser::new(T::ALL.iter().map(|v| v.slug()))
        .map(|s| T::from_slug(&s).expect("clap only passes listed values"))
}
