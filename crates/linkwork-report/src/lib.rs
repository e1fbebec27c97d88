//! Linkwork's monthly supervisor report. Pure: it computes figures from records handed to it,
//! presents them (with small-number suppression) as tables, writes those tables as HTML with SVG
//! charts, CSV and XLSX, packs the files into a zip and encrypts it with age; and on the
//! supervisor's side opens several packs and adds their figures into a team report. It never
//! touches the database or the file system: the API reads records and writes files.

pub mod chart;
pub mod compute;
pub mod csv_set;
pub mod figures;
pub mod html;
pub mod pack;
pub mod present;
pub mod seal;
pub mod xlsx;

pub use compute::{compute, last_month, AssetCounts, Source};
pub use figures::Figures;
pub use present::{Suppression, Table};

use chrono::NaiveDateTime;
use linkwork_core::dates::format_date_gb;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ReportError {
    #[error("{0} is not a Linkwork monthly report. Choose the .age file a link worker sent you.")]
    NotAReport(String),
    #[error("{0} was not encrypted to your key (or was changed after it was made). Ask the link worker to export it again to your public key.")]
    WrongKey(String),
    #[error("{0} is damaged and cannot be read. Ask the link worker to export it again.")]
    Damaged(String),
    #[error("{file} was made by a different version of Linkwork (figures format {found}; this one reads {expected}). Update Linkwork so that every report is made by the same version.")]
    Version {
        file: String,
        found: u32,
        expected: u32,
    },
    #[error("The reports cover different periods ({0}). Merge reports for the same month only.")]
    Periods(String),
    #[error("{0} are reports from the same link worker. Keep only the latest.")]
    SameWorker(String),
    #[error("Choose at least one report to merge.")]
    NothingToMerge,
    #[error("Give the supervisor's public key (age1…) or a passphrase to encrypt the report to.")]
    NoRecipient,
    #[error(
        "{0} is not an age identity file. Use the key file `linkwork supervisor keygen` made."
    )]
    NotAnIdentity(String),
    #[error("The identity file is protected by a passphrase: give it.")]
    IdentityPassphraseNeeded,
    #[error("That passphrase does not open the identity file.")]
    WrongIdentityPassphrase,
    #[error("{0} asks for more passphrase work than Linkwork allows (more than 2^20), so it was not made by `linkwork supervisor keygen` and is not opened. Use the key file Linkwork made.")]
    IdentityTooCostly(String),
    #[error("The workbook could not be written: {0}")]
    Workbook(String),
}

impl linkwork_core::Coded for ReportError {
    fn code(&self) -> linkwork_core::ErrorCode {
        use linkwork_core::ErrorCode::*;
        match self {
            ReportError::NotAReport(_)
            | ReportError::Damaged(_)
            | ReportError::NotAnIdentity(_)
            | ReportError::IdentityTooCostly(_) => ReportUnreadable,
            ReportError::WrongKey(_) | ReportError::WrongIdentityPassphrase => ReportWrongKey,
            ReportError::Version { .. } | ReportError::Periods(_) | ReportError::SameWorker(_) => {
                ReportMismatch
            }
            ReportError::NothingToMerge
            | ReportError::NoRecipient
            | ReportError::IdentityPassphraseNeeded => InvalidInput,
            ReportError::Workbook(_) => Internal,
        }
    }
}

/// What to put in a report besides the figures file (always there: the merge reads it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    Html,
    Csv,
    Xlsx,
    All,
}

impl Format {
    fn wants(self, f: Format) -> bool {
        self == Format::All || self == f
    }
}

fn period(f: &Figures) -> String {
    figures::period_label(f.from, f.to)
}

fn readme(title: &str, f: &Figures, made: NaiveDateTime, s: Suppression) -> Vec<u8> {
    let suppression = match s {
        Suppression::On => "So that no one can be recognised: counts from 1 to 4 are shown as <5. A percentage, mean or median\r\nwith fewer than 5 people behind it, and any figure that would let a hidden one be worked out\r\nfrom the others, is [c] in the CSV files and the workbook (\"-\" with a note in report.html).",
        Suppression::Off => "FOR INTERNAL USE ONLY: small numbers are NOT suppressed in the report, CSV or workbook.",
    };
    format!(
        "{title}\r\nPeriod: {}\r\nMade by Linkwork {} on {}\r\n\r\n\
         report.html   the report with charts; opens in any browser, prints on A4\r\n\
         report.xlsx   one sheet per table, numbers in number formats\r\n\
         csv/          one CSV file per table; csv/columns.csv says what every column holds\r\n\
         figures.json  exact figures (no suppression) for `linkwork supervisor merge`\r\n\
         case-studies.html  (when chosen) case studies written with consent, checked for identifiers\r\n\r\n\
         {suppression}\r\n\
         figures.json holds exact counts: keep it as you keep the encrypted file.\r\n\
         Every figure is as at the end of the period: made again later, it is the same.\r\n\
         No names, NHS numbers, dates of birth or notes are in any of these files.\r\n",
        period(f),
        f.app_version,
        format_date_gb(made.date()),
    )
    .into_bytes()
}

fn cover(f: &Figures, who: String, made: NaiveDateTime, s: Suppression) -> Vec<(String, String)> {
    vec![
        ("Report".into(), "Social prescribing monthly report".into()),
        ("Link worker".into(), who),
        ("Period".into(), period(f)),
        (
            "Made".into(),
            format!(
                "{} {}",
                format_date_gb(made.date()),
                made.format("%H:%M")
            ),
        ),
        (
            "Small numbers".into(),
            match s {
                Suppression::On => "Counts from 1 to 4 shown as <5; [c]: hidden (fewer than 5 people, or to protect a small number)".into(),
                Suppression::Off => "NOT suppressed: for internal use only".into(),
            },
        ),
    ]
}

#[allow(clippy::too_many_arguments)]
fn files_of(
    title: &str,
    figures: &Figures,
    made: NaiveDateTime,
    html: impl FnOnce() -> String,
    tables: Vec<Table>,
    who: String,
    s: Suppression,
    format: Format,
) -> Result<Vec<(String, Vec<u8>)>, ReportError> {
    let mut out = vec![
        (pack::FIGURES.to_string(), figures.to_json()),
        ("README.txt".to_string(), readme(title, figures, made, s)),
    ];
    if format.wants(Format::Html) {
        out.push(("report.html".into(), html().into_bytes()));
    }
    if format.wants(Format::Xlsx) {
        let wb = xlsx::workbook(&cover(figures, who, made, s), &tables)
            .map_err(|e| ReportError::Workbook(e.to_string()))?;
        out.push(("report.xlsx".into(), wb));
    }
    if format.wants(Format::Csv) {
        out.extend(
            csv_set::files(&tables)
                .into_iter()
                .map(|(n, b)| (format!("csv/{n}"), b)),
        );
    }
    Ok(out)
}

/// Every file of one link worker's report, the figures file first; `made` is when (local time).
pub fn files(
    f: &Figures,
    made: NaiveDateTime,
    s: Suppression,
    format: Format,
) -> Result<Vec<(String, Vec<u8>)>, ReportError> {
    files_of(
        "Social prescribing monthly report",
        f,
        made,
        || html::report(f, made, s),
        present::tables(f, s),
        f.worker.clone(),
        s,
        format,
    )
}

/// Reads a figures file, refusing anything that is not one of this version.
pub fn parse_figures(file: &str, bytes: &[u8]) -> Result<Figures, ReportError> {
    let v: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|_| ReportError::NotAReport(file.into()))?;
    if v.get("format").and_then(|f| f.as_str()) != Some(figures::FORMAT) {
        return Err(ReportError::NotAReport(file.into()));
    }
    let found = v.get("version").and_then(|x| x.as_u64()).unwrap_or(0) as u32;
    if found != figures::VERSION {
        return Err(ReportError::Version {
            file: file.into(),
            found,
            expected: figures::VERSION,
        });
    }
    serde_json::from_value(v).map_err(|_| ReportError::Damaged(file.into()))
}

/// The team: each worker's figures (in the order given) and their exact sum.
pub fn merge(inputs: Vec<(String, Figures)>) -> Result<(Vec<Figures>, Figures), ReportError> {
    let Some((_, first)) = inputs.first() else {
        return Err(ReportError::NothingToMerge);
    };
    let periods: std::collections::BTreeSet<String> =
        inputs.iter().map(|(_, f)| period(f)).collect();
    if periods.len() > 1 {
        let list: Vec<String> = inputs
            .iter()
            .map(|(file, f)| format!("{file}: {}", period(f)))
            .collect();
        return Err(ReportError::Periods(list.join("; ")));
    }
    for (i, (a, fa)) in inputs.iter().enumerate() {
        if let Some((b, _)) = inputs[i + 1..]
            .iter()
            .find(|(_, fb)| fb.worker == fa.worker)
        {
            return Err(ReportError::SameWorker(format!("{a} and {b}")));
        }
    }
    let mut total = first.clone();
    total.worker = present::TEAM_TOTAL.into();
    for (_, f) in &inputs[1..] {
        total.add_sections(f);
    }
    Ok((inputs.into_iter().map(|(_, f)| f).collect(), total))
}

/// Every file of the team report, made at `made` (local time).
pub fn team_files(
    workers: &[Figures],
    total: &Figures,
    made: NaiveDateTime,
    s: Suppression,
) -> Result<Vec<(String, Vec<u8>)>, ReportError> {
    let names: Vec<&str> = workers.iter().map(|w| w.worker.as_str()).collect();
    let report = present::team_report(workers, total, s);
    let mut tables = vec![report.headline.clone()];
    tables.extend(report.tables.iter().cloned());
    files_of(
        "Social prescribing team report",
        total,
        made,
        || html::team(workers, total, &report, made, s),
        tables,
        names.join(", "),
        s,
        Format::All,
    )
}

/// A safe file-name part from a link worker's name ("Asha Patel" → "asha-patel").
pub fn file_slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_whole_month_is_named_and_a_range_is_dated() {
        assert_eq!(
            figures::period_label(d(2026, 10, 1), d(2026, 10, 31)),
            "October 2026"
        );
        assert_eq!(
            figures::period_label(d(2026, 2, 1), d(2026, 2, 28)),
            "February 2026"
        );
        assert_eq!(
            figures::period_label(d(2026, 10, 1), d(2026, 10, 15)),
            "01/10/2026 to 15/10/2026"
        );
        assert_eq!(file_slug("  Asha  O'Neil-Patel "), "asha-o-neil-patel");
    }

    /// The supervisor's identity file is opened only up to the vault's fixed scrypt ceiling (2^20),
    /// refused at once above it and called what it is, not "damaged"; keygen stays under it.
    #[test]
    fn an_identity_file_asking_for_more_than_the_ceiling_is_refused_by_name() {
        let (_, file) = seal::keygen(
            "a long enough passphrase".to_owned().into(),
            Some(10),
            "now",
        );
        let text = String::from_utf8_lossy(&file).into_owned();
        let costly = text.replacen(" 10\n", " 21\n", 1);
        assert_ne!(costly, text, "the scrypt stanza names its work factor");
        let started = std::time::Instant::now();
        let e = seal::SupervisorIdentity::read(
            "supervisor.age",
            costly.as_bytes(),
            Some("a long enough passphrase".to_owned().into()),
        )
        .err();
        assert_eq!(
            e,
            Some(ReportError::IdentityTooCostly("supervisor.age".into()))
        );
        assert!(
            started.elapsed() < std::time::Duration::from_secs(2),
            "it was computed"
        );
        const { assert!(seal::KEYGEN_LOG_N <= seal::MAX_LOG_N) };
    }

    #[test]
    fn a_key_made_here_opens_what_is_sealed_to_it_and_nothing_else() {
        let (public, file) = seal::keygen(
            "a long enough passphrase".to_owned().into(),
            Some(10),
            "now",
        );
        let key = seal::SupervisorKey::parse(&public).unwrap();
        let sealed = seal::seal(b"figures", seal::SealTo::Keys(&[key])).unwrap();
        assert!(seal::SupervisorIdentity::needs_passphrase(&file));
        assert_eq!(
            seal::SupervisorIdentity::read("id", &file, None).err(),
            Some(ReportError::IdentityPassphraseNeeded)
        );
        assert_eq!(
            seal::SupervisorIdentity::read(
                "id",
                &file,
                Some("wrong passphrase!!".to_owned().into())
            )
            .err(),
            Some(ReportError::WrongIdentityPassphrase)
        );
        let id = seal::SupervisorIdentity::read(
            "id",
            &file,
            Some("a long enough passphrase".to_owned().into()),
        )
        .unwrap();
        assert_eq!(id.public_keys(), [public]);
        assert_eq!(&**id.open("r.age", &sealed).unwrap(), b"figures");
        let (other, _) = seal::keygen("another passphrase".to_owned().into(), Some(10), "now");
        let to_other = seal::seal(
            b"x",
            seal::SealTo::Keys(&[seal::SupervisorKey::parse(&other).unwrap()]),
        )
        .unwrap();
        assert_eq!(
            id.open("r.age", &to_other).err(),
            Some(ReportError::WrongKey("r.age".into()))
        );
        assert!(seal::SupervisorKey::parse("age1nope").is_none());
        assert_eq!(
            seal::seal(b"x", seal::SealTo::Keys(&[])).err(),
            Some(ReportError::NoRecipient)
        );
    }

    #[test]
    fn figures_of_another_version_or_format_are_refused_by_name() {
        assert_eq!(
            parse_figures("a.json", b"{}").err(),
            Some(ReportError::NotAReport("a.json".into()))
        );
        let v = br#"{"format": "linkwork-monthly-figures", "version": 99}"#;
        assert_eq!(
            parse_figures("b.json", v).err(),
            Some(ReportError::Version {
                file: "b.json".into(),
                found: 99,
                expected: figures::VERSION
            })
        );
        assert_eq!(merge(vec![]).err(), Some(ReportError::NothingToMerge));
    }
}
