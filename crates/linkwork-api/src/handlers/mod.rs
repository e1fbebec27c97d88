//! One function per command, grouped by domain. Each validates its input (naming the field), calls
//! the store through the vault's one write path, and returns a serialisable result. The same
//! functions serve the desktop UI and the CLI.

pub mod backup;
pub mod case_studies;
pub mod caseload;
pub mod directory;
pub mod gp;
pub mod groups;
pub mod handover;
pub mod jobs;
pub mod onward;
pub mod outcomes;
pub mod outreach;
pub mod reference;
pub mod report;
pub mod rights;
pub mod settings;
pub mod vault;

pub use crate::demo::demo_fill;
pub use crate::supervisor::{supervisor_identity, supervisor_keygen, supervisor_merge};
pub use backup::{
    backup, backup_settings, compare_audit_with_backup, handover_key, restore_backup,
    update_backup_settings, verify_backup,
};
pub use case_studies::*;
pub use caseload::*;
pub use directory::*;
pub use gp::*;
pub use groups::*;
pub use handover::*;
pub use jobs::*;
pub use onward::*;
pub use outcomes::*;
pub use outreach::*;
pub use reference::*;
pub use report::{
    export_report, report_file_name, report_preview, report_settings, update_report_settings,
};
pub use rights::{
    audit_page, erase_person, purge_retention, retention, set_retention, subject_access,
};
pub use settings::*;
pub use vault::*;

use crate::{error::ApiError, session::Session};
use chrono::NaiveDate;
use linkwork_core::{
    caseload::PersonRecord,
    dates::{not_future, parse_optional_date},
    ids::{EpisodeId, PersonId},
    ValidationError,
};
use linkwork_store::{episodes, person_record::person_record, Tx};

pub(crate) type Result<T> = std::result::Result<T, ApiError>;

/// A choice the form must have: "Choose the …" beside `field` when it was left blank.
pub(crate) fn chosen<T>(
    field: &str,
    label: &str,
    value: Option<T>,
) -> std::result::Result<T, ValidationError> {
    value.ok_or_else(|| ValidationError::new(field, format!("Choose the {label}.")))
}

/// An optional date that cannot be in the future.
pub(crate) fn past_date(
    s: &Session,
    field: &str,
    label: &str,
    text: Option<&str>,
) -> std::result::Result<Option<NaiveDate>, ValidationError> {
    match parse_optional_date(field, label, text)? {
        None => Ok(None),
        Some(d) => Ok(Some(not_future(field, label, d, s.today())?)),
    }
}

/// Runs a change that says whose record it touched, and returns that person's refreshed record.
pub(crate) fn changing(
    s: &Session,
    change: impl FnOnce(&Tx<'_>) -> linkwork_store::Result<PersonId>,
) -> Result<PersonRecord> {
    let today = s.today();
    s.with_vault(|v| {
        let person = v.write(change)?;
        Ok(person_record(v.read(), &person, today)?)
    })
}

/// Runs a change to one person and returns their refreshed record.
pub(crate) fn on_person(
    s: &Session,
    person: &PersonId,
    change: impl FnOnce(&Tx<'_>) -> linkwork_store::Result<()>,
) -> Result<PersonRecord> {
    changing(s, |tx| change(tx).map(|_| person.clone()))
}

/// Runs a change to one episode and returns its person's refreshed record.
pub(crate) fn on_episode(
    s: &Session,
    episode: &EpisodeId,
    change: impl FnOnce(&Tx<'_>) -> linkwork_store::Result<()>,
) -> Result<PersonRecord> {
    changing(s, |tx| {
        change(tx)?;
        episodes::person_of_episode(tx.read(), episode)
    })
}

/// Where a file the person asked for will go, checked before any work starts: not inside the data
/// folder, and not over an existing file unless they confirmed it. The write checks again.
pub(crate) fn target(
    s: &Session,
    field: &str,
    what: &str,
    file: &crate::chosen::ChosenFile,
    overwrite: bool,
) -> Result<(std::path::PathBuf, linkwork_store::files::Overwrite)> {
    // A file is chosen, not typed: "Choose the backup file first.", not "Enter the …".
    let path = file.path().to_path_buf();
    if path.to_string_lossy().trim().is_empty() {
        return Err(
            linkwork_core::ValidationError::new(field, format!("Choose {what} first.")).into(),
        );
    }
    // The save dialog asked about replacing the file already.
    let overwrite = linkwork_store::files::Overwrite::from_confirmed(overwrite || file.confirmed());
    linkwork_store::files::check_target(&path, s.data_dir(), overwrite)
        .map_err(|e| crate::ApiError::from(e).on_field(field))?;
    Ok((path, overwrite))
}

/// A file to read: one was chosen, and it is not inside the data folder.
pub(crate) fn source(
    s: &Session,
    field: &str,
    what: &str,
    file: &crate::chosen::ChosenFile,
) -> Result<std::path::PathBuf> {
    // A file is chosen, not typed: "Choose the backup file first.", not "Enter the …".
    let path = file.path().to_path_buf();
    if path.to_string_lossy().trim().is_empty() {
        return Err(
            linkwork_core::ValidationError::new(field, format!("Choose {what} first.")).into(),
        );
    }
    linkwork_store::files::check_source(&path, s.data_dir())
        .map_err(|e| crate::ApiError::from(e).on_field(field))?;
    Ok(path)
}

/// Frees `everyone`'s records on another thread: taking apart (and wiping) a whole vault's
/// records took a tenth of the monthly report's time, and the answer does not wait for it.
pub(crate) fn drop_later<T: Send + 'static>(everyone: T) {
    let spawned = std::thread::Builder::new()
        .name("drop-records".into())
        .spawn(move || drop(everyone));
    // Without a thread the records were moved into the failed spawn and are freed there.
    drop(spawned);
}
