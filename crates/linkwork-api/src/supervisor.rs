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

/// Who made one merged pack, as its signature says.
#[derive(Debug, Clone)]
pub struct PackSource {
    pub file: String,
    pub worker: String,
    /// The fingerprint of the vault key that signed it; `None` for a pack made before Linkwork
    /// signed reports.
    pub signed_by: Option<String>,
    /// Rows in the maker's audit trail when the pack was made.
    pub audit_rows: Option<u64>,
}

/// A pack's signature checked; `signed_by` is `None` when it has none (made before packs were
/// signed), and a signature that does not check refuses the merge.
fn signer_of(name: &str, worker: &str, zip: &[u8], figures: &[u8]) -> Result<PackSource> {
    let forged = || {
        ApiError::new(
            linkwork_core::ErrorCode::BackupForged,
            format!(
                "{name} was changed after it was signed, or is not signed by the vault that made it, so it may be a forgery. Nothing was merged. Ask {worker} to export the report again, and do not use this file."
            ),
        )
        .on_field("files")
    };
    let signature = pack::member_from_zip(name, zip, pack::SIGNATURE)?;
    let about = pack::member_from_zip(name, zip, pack::ABOUT)?;
    let (signature, about) = match (signature, about) {
        (None, None) => {
            return Ok(PackSource {
                file: name.into(),
                worker: worker.into(),
                signed_by: None,
                audit_rows: None,
            })
        }
        (Some(s), Some(a)) => (s, a),
        _ => return Err(forged()),
    };
    let signature: linkwork_store::keys::ReportSignature =
        serde_json::from_slice(&signature).map_err(|_| forged())?;
    let key = signature.check(figures, &about).ok_or_else(forged)?;
    let about: serde_json::Value = serde_json::from_slice(&about).map_err(|_| forged())?;
    Ok(PackSource {
        file: name.into(),
        worker: worker.into(),
        signed_by: Some(key.fingerprint()),
        audit_rows: about["audit"]["rows"].as_u64(),
    })
}

#[derive(Debug, Clone)]
pub struct Merged {
    /// Each pack merged, with who signed it.
    pub packs: Vec<PackSource>,
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
    let mut packs = vec![];
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
        let parsed = linkwork_report::parse_figures(&name, &json)?;
        packs.push(signer_of(&name, &parsed.worker, &zip, &json)?);
        figures.push((name.clone(), parsed));
    }
    let (workers, total) = linkwork_report::merge(figures)?;
    let when = crate::handlers::report::uk_local(chrono::Utc::now());
    let made = linkwork_report::team_files(&workers, &total, when, suppression)?;
    files::save_folder(out, &made)?;
    Ok(Merged {
        packs,
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
