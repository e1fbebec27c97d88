//! Writes the directory as one ORUK page whose `contents` are service_full records. Each record is
//! checked against the shipped schema as it is written: an export that would not validate is a
//! bug, and fails loudly rather than handing a council a bad file.

use crate::model::from_asset;
use crate::schema;
use linkwork_core::assets::{AssetInput, ImportProblem};
use std::io::Write;

#[derive(Debug)]
pub enum ExportError {
    Io(std::io::Error),
    Invalid(Vec<ImportProblem>),
}

impl From<std::io::Error> for ExportError {
    fn from(e: std::io::Error) -> Self {
        Self::Io(e)
    }
}

/// Writes `count` assets, `(ORUK id, asset)`, streaming one service at a time.
pub fn write_json<'a>(
    mut out: impl Write,
    count: usize,
    assets: impl Iterator<Item = (String, &'a AssetInput)>,
) -> Result<(), ExportError> {
    write!(
        out,
        "{{\"total_items\":{count},\"total_pages\":1,\"page_number\":1,\"size\":{count},\"first_page\":true,\"last_page\":true,\"empty\":{},\"contents\":[",
        count == 0
    )?;
    for (i, (id, a)) in assets.enumerate() {
        let value = serde_json::to_value(from_asset(&id, a)).expect("a service always serialises");
        let problems =
            schema::service_full().problems(&value, "export", &|p| format!("/contents/{i}{p}"));
        if !problems.is_empty() {
            return Err(ExportError::Invalid(problems));
        }
        if i > 0 {
            out.write_all(b",\n")?;
        }
        serde_json::to_writer(&mut out, &value).map_err(std::io::Error::from)?;
    }
    out.write_all(b"]}\n")?;
    out.flush()?;
    Ok(())
}
