//! The supervisor's side, which needs no vault: a key for link workers to encrypt to, and the
//! team report merged from several link workers' exports. Service functions for the CLI.

use crate::{handlers::Result, ApiError};
use linkwork_core::Passphrase;
use linkwork_report::{pack, seal, Suppression};
use linkwork_store::{files, KdfCost, StoreError};
use std::path::{Path, PathBuf};

/// Larger than any monthly report: refuse before reading something that is not one.
const MAX_REPORT_BYTES: u64 = 64 * 1024 * 1024;

fn read(path: &Path, what: &str) -> Result<Vec<u8>> {
    let meta = std::fs::metadata(path).map_err(|e| StoreError::io("read", path, e))?;
    if meta.len() > MAX_REPORT_BYTES {
        return Err(linkwork_report::ReportError::NotAReport(shown(path)).into());
    }
    std::fs::read(path).map_err(|e| ApiError::from(StoreError::io("read", path, e)).on_field(what))
}

fn shown(path: &Path) -> String {
    path.display().to_string()
}

/// Makes an identity, writes it to `out` encrypted to `passphrase` (owner-only), and returns the
/// public key (`age1…`) to give to link workers.
pub fn keygen(
    out: &Path,
    passphrase: &Passphrase,
    overwrite: bool,
    kdf: KdfCost,
    now: &str,
) -> Result<String> {
    let log_n = match kdf {
        KdfCost::InsecureForTests(n) => Some(n),
        KdfCost::Calibrated => None,
    };
    let (public, file) = seal::keygen(passphrase.expose().to_owned().into(), log_n, now);
    files::save_private(out, files::Overwrite::from_confirmed(overwrite), |w| {
        w.write_all(&file)
            .map_err(|e| StoreError::io("write", out, e))
    })?;
    Ok(public)
}

/// Whether the identity file is protected by a passphrase (then `merge` needs it).
pub fn identity_needs_passphrase(identity: &Path) -> Result<bool> {
    Ok(seal::SupervisorIdentity::needs_passphrase(&read(
        identity, "identity",
    )?))
}

#[derive(Debug, Clone)]
pub struct Merged {
    pub out: PathBuf,
    pub workers: Vec<String>,
    pub files: Vec<String>,
    pub period: String,
}

/// Decrypts each export with the identity, adds their figures (the figures file only: never the
/// HTML or workbook), and writes the team report into the new folder `out`, all or nothing.
pub fn merge(
    inputs: &[PathBuf],
    identity: &Path,
    passphrase: Option<Passphrase>,
    out: &Path,
    suppression: Suppression,
) -> Result<Merged> {
    let id = seal::SupervisorIdentity::read(
        &shown(identity),
        &read(identity, "identity")?,
        passphrase.map(|p| p.expose().to_owned().into()),
    )?;
    let mut figures = vec![];
    for path in inputs {
        let name = shown(path);
        let bytes = read(path, "files")?;
        let zip = if bytes.starts_with(b"PK") {
            // An unencrypted copy the link worker made: readable as it is.
            zeroize::Zeroizing::new(bytes)
        } else {
            id.open(&name, &bytes)?
        };
        let json = pack::figures_from_zip(&name, &zip)?;
        figures.push((name.clone(), linkwork_report::parse_figures(&name, &json)?));
    }
    let (workers, total) = linkwork_report::merge(figures)?;
    let when = crate::handlers::report::uk_local(chrono::Utc::now());
    let made = linkwork_report::team_files(&workers, &total, when, suppression)?;
    files::save_folder(out, &made)?;
    Ok(Merged {
        out: out.to_path_buf(),
        workers: workers.iter().map(|w| w.worker.clone()).collect(),
        files: made.into_iter().map(|(n, _)| n).collect(),
        period: format!(
            "{} to {}",
            linkwork_core::dates::format_date_gb(total.from),
            linkwork_core::dates::format_date_gb(total.to)
        ),
    })
}
