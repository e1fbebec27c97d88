//! Open Referral UK (uk-profile, HSDS 3.0) import and export for the asset directory, plus
//! Linkwork's plain CSV template for teams without a feed.
//!
//! Architecture invariants:
//! - Pure format code: reads files and hands each asset to a [`Sink`]; it never touches the
//!   database. The store wraps a whole import in one transaction, so all-or-nothing lives there.
//! - Every ORUK record is validated against the shipped uk-profile schemas (`schema/`, compiled
//!   with the `jsonschema` crate) before it is mapped; hand checks only add what the schema
//!   cannot say (duplicate ids, links between CSV files, ages Linkwork can store).
//! - Feeds are streamed: a JSON page is read one service at a time, and a CSV set keeps only the
//!   small linked tables in memory while services.csv streams past.

pub mod csv_set;
pub mod export;
pub mod json;
pub mod model;
pub mod schema;
pub mod template;

use linkwork_core::assets::{AssetInput, ImportProblem};
use std::path::Path;

/// Where an imported asset came from, for placing a later problem (e.g. the store refusing it).
pub struct Record {
    pub file: String,
    pub place: String,
    pub asset: AssetInput,
}

/// Receives assets as the reader finds them, and progress in bytes read.
pub trait Sink {
    fn asset(&mut self, record: Record) -> Result<(), ImportProblem>;
    fn progress(&mut self, done: u64, total: u64);
    /// A flag that, once set, makes the reader stop at its next read from disk (the import was
    /// cancelled). The caller then discards whatever the sink received.
    fn stop_flag(&self) -> Option<StopFlag> {
        None
    }
}

/// Shared with the thread that may cancel a read.
pub type StopFlag = std::sync::Arc<std::sync::atomic::AtomicBool>;

/// What reading a feed found wrong, and which files it skipped.
#[derive(Debug, Default)]
pub struct ReadOutcome {
    pub problems: Vec<ImportProblem>,
    /// Broken format annotations (uuid, email, uri): shown, never blocking.
    pub warnings: Vec<ImportProblem>,
    pub ignored_files: Vec<String>,
}

/// Where a problem with the file as a whole (not one record) is placed, so it can be shown on top.
pub const WHOLE_FILE: &str = "the file";

/// The kinds of input `read` understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A service_list / organization_list page, a service_full, an organization_full, or an array.
    OrukJson,
    /// A folder of ORUK CSV files (services.csv and friends).
    OrukCsv,
    /// Linkwork's one-file CSV template.
    Template,
}

pub fn problem(
    file: &str,
    place: impl Into<String>,
    field: Option<&str>,
    message: impl Into<String>,
) -> ImportProblem {
    let place = place.into();
    ImportProblem {
        file: file.to_string(),
        whole_file: place == WHOLE_FILE || place == "the folder",
        place,
        field: field.map(String::from),
        message: message.into(),
    }
}

/// Works out what `path` is: a folder is an ORUK CSV set; a .json file is ORUK JSON; a .csv file is
/// the Linkwork template, or (when it is services.csv) the ORUK CSV set in its folder.
pub fn detect(path: &Path) -> Result<(Format, std::path::PathBuf), ImportProblem> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if path.is_dir() {
        return Ok((Format::OrukCsv, path.to_path_buf()));
    }
    if !path.is_file() {
        return Err(problem(
            &name,
            crate::WHOLE_FILE,
            None,
            format!(
                "Linkwork cannot find {}. Check the name and folder.",
                path.display()
            ),
        ));
    }
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "json" => Ok((Format::OrukJson, path.to_path_buf())),
        "csv" if name.eq_ignore_ascii_case("services.csv") => Ok((Format::OrukCsv, path.parent().unwrap_or(Path::new(".")).to_path_buf())),
        "csv" => Ok((Format::Template, path.to_path_buf())),
        _ => Err(problem(&name, WHOLE_FILE, None, "Linkwork imports Open Referral UK JSON (.json), a folder of Open Referral UK CSV files, or the Linkwork CSV template (.csv).")),
    }
}

/// Reads any supported feed, handing each asset to `sink`. Nothing is written here; the caller
/// decides, from the problems, whether to keep what the sink did.
pub fn read(path: &Path, sink: &mut dyn Sink) -> ReadOutcome {
    match detect(path) {
        Err(p) => ReadOutcome {
            problems: vec![p],
            ..Default::default()
        },
        Ok((Format::OrukJson, p)) => json::read(&p, sink),
        Ok((Format::OrukCsv, p)) => csv_set::read(&p, sink),
        Ok((Format::Template, p)) => template::read(&p, sink),
    }
}

/// The largest feed file Linkwork reads: ten times a county's whole directory in ORUK JSON. A
/// bigger file is refused before it is read, so a wrong or hostile file cannot fill the memory.
pub const MAX_FEED_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// Opens a feed file, or says why not, placed on the file.
pub(crate) fn open_file(path: &Path, name: &str) -> Result<std::fs::File, ImportProblem> {
    let f = std::fs::File::open(path).map_err(|e| {
        problem(
            name,
            crate::WHOLE_FILE,
            None,
            format!("Linkwork cannot open this file: {e}."),
        )
    })?;
    let size = f.metadata().map(|m| m.len()).unwrap_or(0);
    if size > MAX_FEED_FILE_BYTES {
        return Err(problem(
            name,
            crate::WHOLE_FILE,
            None,
            format!(
                "This file is {} MB; Linkwork imports files up to {} MB. Check it is the right file, or ask the publisher for the feed in parts.",
                size / (1024 * 1024),
                MAX_FEED_FILE_BYTES / (1024 * 1024)
            ),
        ));
    }
    Ok(f)
}

/// The header row of a CSV file, trimmed; refuses one that is not UTF-8.
pub(crate) fn csv_header<R: std::io::Read>(
    rdr: &mut csv::Reader<R>,
    name: &str,
) -> Result<Vec<String>, ImportProblem> {
    let h = rdr.byte_headers().map_err(|e| {
        problem(
            name,
            "row 1",
            None,
            format!("The header row cannot be read: {e}."),
        )
    })?;
    h.iter()
        .map(|c| std::str::from_utf8(c).map(|s| s.trim().to_string()))
        .collect::<Result<_, _>>()
        .map_err(|_| ImportProblem {
            whole_file: true,
            ..problem(name, "row 1", None, csv_set::NOT_UTF8)
        })
}

/// A CSV row that cannot be read at all (`n` is the last row read, the header being row 1).
pub(crate) fn csv_record_problem(e: &csv::Error, name: &str, n: usize) -> ImportProblem {
    let row = e
        .position()
        .map(|p| p.record() as usize + 1)
        .unwrap_or(n + 1);
    let msg = match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("This row has {len} cells but the header has {expected_len}."),
        _ => format!("This row cannot be read: {e}."),
    };
    problem(name, format!("row {row}"), None, msg)
}

/// Counts bytes as they are read, for progress, and stops reading once the stop flag is set.
pub(crate) struct Counting<R> {
    pub inner: R,
    pub count: std::rc::Rc<std::cell::Cell<u64>>,
    pub stop: Option<StopFlag>,
}

impl<R: std::io::Read> std::io::Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self
            .stop
            .as_ref()
            .is_some_and(|s| s.load(std::sync::atomic::Ordering::Relaxed))
        {
            return Err(std::io::Error::other("the import was cancelled"));
        }
        let n = self.inner.read(buf)?;
        self.count.set(self.count.get() + n as u64);
        Ok(n)
    }
}

/// Gathers problems, and ids seen so far (duplicates are an error).
#[derive(Default)]
pub(crate) struct Seen {
    pub ids: std::collections::HashSet<String>,
}

impl Seen {
    pub fn first_time(&mut self, id: &str) -> bool {
        self.ids.insert(id.to_string())
    }
}
