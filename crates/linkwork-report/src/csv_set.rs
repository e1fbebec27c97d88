//! The CSV set: one tidy table per file, a header row of stable column names, and `columns.csv`
//! saying what every column holds. Hidden values are text: `<5` for a count from 1 to 4, `[c]` for
//! a share, mean or median of fewer than 5 people or a figure hidden to protect a small one.

use crate::present::{Cell, Table};
use linkwork_core::file_names::csv_text;

/// A cell as written: text never starts like a formula; numbers stay numbers (a negative change
/// is `-1.5`, and Excel should read it as one).
fn cell(c: &Cell) -> String {
    match c {
        Cell::Text(t) => csv_text(t).into_owned(),
        other => other.csv(),
    }
}

/// A CSV writer for a file a person opens in Excel: the byte-order mark, then CR LF rows.
fn writer() -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(linkwork_core::file_names::CSV_BOM.to_vec())
}

pub fn table(t: &Table) -> Vec<u8> {
    let mut w = writer();
    w.write_record(t.columns.iter().map(|c| csv_text(&c.name).into_owned()))
        .expect("writing to memory");
    for r in &t.rows {
        w.write_record(r.iter().map(cell))
            .expect("writing to memory");
    }
    w.into_inner().expect("writing to memory")
}

/// table, column, label, about: the documentation of every column in the set, then of the two
/// tokens a hidden value is written as.
pub fn columns(tables: &[Table]) -> Vec<u8> {
    let mut w = writer();
    w.write_record(["table", "column", "label", "about"])
        .expect("writing to memory");
    for (token, about) in [
        (crate::present::SUPPRESSED, "A count from 1 to 4, hidden so that no one can be recognised"),
        (crate::present::WITHHELD, "Hidden: a percentage, mean or median with fewer than 5 people behind it, or a figure hidden so that a count under 5 cannot be worked out from the others"),
    ] {
        w.write_record(["(any)", "(any)", token, about])
            .expect("writing to memory");
    }
    for t in tables {
        for c in &t.columns {
            w.write_record(
                [&t.name, &c.name, &c.label, &c.about].map(|s| csv_text(s).into_owned()),
            )
            .expect("writing to memory");
        }
    }
    w.into_inner().expect("writing to memory")
}

/// `(file name, bytes)` for every table and the column list.
pub fn files(tables: &[Table]) -> Vec<(String, Vec<u8>)> {
    tables
        .iter()
        .map(|t| (format!("{}.csv", t.name), table(t)))
        .chain([("columns.csv".to_string(), columns(tables))])
        .collect()
}
