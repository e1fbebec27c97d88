//! The pack: every file of a report in one zip (which any supervisor's computer opens), the
//! figures file first. The merge reads `figures.json` from it and nothing else.

use crate::ReportError;
use std::io::{Cursor, Read, Write};
use zip::{write::SimpleFileOptions, CompressionMethod, ZipArchive, ZipWriter};

pub const FIGURES: &str = "figures.json";
/// The case studies chosen for the report, when there are any.
pub const CASE_STUDIES: &str = "case-studies.html";
/// What the pack says about the vault that made it (where its audit trail ended), signed.
pub const ABOUT: &str = "about.json";
/// The making vault's signature over `figures.json` and `about.json`.
pub const SIGNATURE: &str = "signature.json";

pub fn zip(files: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut z = ZipWriter::new(Cursor::new(Vec::new()));
    // A fixed time, so the same figures make the same pack.
    let opts = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    for (name, bytes) in files {
        z.start_file(name.as_str(), opts)
            .expect("writing to memory");
        z.write_all(bytes).expect("writing to memory");
    }
    z.finish().expect("writing to memory").into_inner()
}

/// `figures.json` from a pack.
pub fn figures_from_zip(file: &str, bytes: &[u8]) -> Result<Vec<u8>, ReportError> {
    member_from_zip(file, bytes, FIGURES)?.ok_or_else(|| ReportError::NotAReport(file.to_string()))
}

/// One small member of a pack, if it has it.
pub fn member_from_zip(
    file: &str,
    bytes: &[u8],
    name: &str,
) -> Result<Option<Vec<u8>>, ReportError> {
    let not_report = || ReportError::NotAReport(file.to_string());
    let mut z = ZipArchive::new(Cursor::new(bytes)).map_err(|_| not_report())?;
    let mut entry = match z.by_name(name) {
        Ok(e) => e,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(_) => return Err(not_report()),
    };
    let mut out = Vec::new();
    // A figures file is a few kilobytes; refuse to inflate anything enormous.
    (&mut entry)
        .take(16 * 1024 * 1024)
        .read_to_end(&mut out)
        .map_err(|_| ReportError::Damaged(file.to_string()))?;
    Ok(Some(out))
}
