//! The supervisor's side, which needs no vault: a key for link workers to encrypt to, and the
//! team report merged from several link workers' exports. Commands like any other
//! (`supervisor_keygen`, `supervisor_identity`, `supervisor_merge`), run without unlocking.

use crate::chosen::ChosenFile;
use crate::{handlers::Result, session::Session, types::SecretInput, ApiError};
use linkwork_core::Passphrase;
use linkwork_report::{pack, seal, Suppression};
use linkwork_store::{files, StoreError};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use ts_rs::TS;

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

#[derive(Debug, Clone, Deserialize, TS)]
pub struct SupervisorKeygenArgs {
    /// Where the identity file goes (encrypted to the passphrase, owner-only).
    #[ts(type = "FileHandle")]
    pub path: ChosenFile,
    #[serde(default)]
    pub overwrite: bool,
    #[ts(type = "string")]
    pub passphrase: SecretInput,
    #[ts(type = "string")]
    pub passphrase_confirm: SecretInput,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct SupervisorKey {
    /// The public key (`age1…`) to give to link workers.
    pub public: String,
    pub path: String,
}

/// Makes an identity, writes it encrypted to the passphrase (owner-only), and returns the public
/// key to give to link workers.
pub fn supervisor_keygen(s: &Session, a: SupervisorKeygenArgs) -> Result<SupervisorKey> {
    let passphrase = Passphrase::choose(
        "passphrase",
        a.passphrase.into_string(),
        &a.passphrase_confirm.into_string(),
    )?;
    let out = a.path.path().to_path_buf();
    let log_n = match s.kdf() {
        linkwork_store::KdfCost::InsecureForTests(n) => Some(n),
        linkwork_store::KdfCost::Calibrated => None,
    };
    let now = s.now().format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let (public, file) = seal::keygen(passphrase.expose().to_owned().into(), log_n, &now);
    files::save_private(&out, files::Overwrite::from_confirmed(a.overwrite), |w| {
        w.write_all(&file)
            .map_err(|e| StoreError::io("write", &out, e))
    })?;
    Ok(SupervisorKey {
        public,
        path: shown(&out),
    })
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct SupervisorIdentityArgs {
    #[ts(type = "FileHandle")]
    pub path: ChosenFile,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct SupervisorIdentityView {
    /// The file is protected by a passphrase: the merge needs it.
    pub needs_passphrase: bool,
}

pub fn supervisor_identity(
    _: &Session,
    a: SupervisorIdentityArgs,
) -> Result<SupervisorIdentityView> {
    Ok(SupervisorIdentityView {
        needs_passphrase: seal::SupervisorIdentity::needs_passphrase(&read(
            a.path.path(),
            "identity",
        )?),
    })
}

/// Who made one merged pack, as its signature says.
#[derive(Debug, Clone, Serialize, TS)]
pub struct PackSource {
    pub file: String,
    pub worker: String,
    /// The fingerprint of the vault key that signed it; `None` for a pack made before Linkwork
    /// signed reports.
    pub signed_by: Option<String>,
    /// Rows in the maker's audit trail when the pack was made.
    #[ts(type = "number | null")]
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
        // Made before packs were signed, so before case studies: one holding them is not that.
        (None, None) if pack::member_from_zip(name, zip, pack::CASE_STUDIES)?.is_some() => {
            return Err(forged())
        }
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
    // Case studies are covered through their digest in the signed `about.json`: one added,
    // changed or taken out since is a forgery too.
    let case_studies = pack::member_from_zip(name, zip, pack::CASE_STUDIES)?;
    let signed = about["case_studies_sha256"].as_str();
    let found = case_studies
        .as_deref()
        .map(linkwork_store::keys::pack_file_digest);
    if signed != found.as_deref() {
        return Err(forged());
    }
    Ok(PackSource {
        file: name.into(),
        worker: worker.into(),
        signed_by: Some(key.fingerprint()),
        audit_rows: about["audit"]["rows"].as_u64(),
    })
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct SupervisorMergeArgs {
    /// The link workers' report packs (`.age`, or an unencrypted copy).
    #[ts(type = "Array<FileHandle>")]
    pub packs: Vec<ChosenFile>,
    /// The supervisor's identity file.
    #[ts(type = "FileHandle")]
    pub identity: ChosenFile,
    /// Its passphrase, when `supervisor_identity` says it needs one.
    #[serde(default)]
    #[ts(type = "string | null")]
    pub passphrase: Option<SecretInput>,
    /// A new folder for the team report.
    #[ts(type = "FileHandle")]
    pub out: ChosenFile,
    /// Counts from 1 to 4 shown as they are, for internal use only.
    #[serde(default)]
    pub no_suppression: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct Merged {
    /// Each pack merged, with who signed it.
    pub packs: Vec<PackSource>,
    pub out: String,
    pub workers: Vec<String>,
    pub files: Vec<String>,
    pub period: String,
}

/// Decrypts each export with the identity, adds their figures (the figures file only: never the
/// HTML or workbook), and writes the team report into the new folder `out`, all or nothing.
pub fn supervisor_merge(_: &Session, a: SupervisorMergeArgs) -> Result<Merged> {
    let inputs: Vec<PathBuf> = a.packs.iter().map(|p| p.path().to_path_buf()).collect();
    let identity = a.identity.path();
    let passphrase = a
        .passphrase
        .filter(|p| !p.0.is_empty())
        .map(|p| Passphrase::new(p.into_string()));
    let out = a.out.path();
    let suppression = if a.no_suppression {
        Suppression::Off
    } else {
        Suppression::On
    };
    let id = seal::SupervisorIdentity::read(
        &shown(identity),
        &read(identity, "identity")?,
        passphrase.map(|p| p.expose().to_owned().into()),
    )?;
    let mut figures = vec![];
    let mut packs = vec![];
    for path in &inputs {
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
        out: shown(out),
        workers: workers.iter().map(|w| w.worker.clone()).collect(),
        files: made.into_iter().map(|(n, _)| n).collect(),
        period: format!(
            "{} to {}",
            linkwork_core::dates::format_date_gb(total.from),
            linkwork_core::dates::format_date_gb(total.to)
        ),
    })
}
