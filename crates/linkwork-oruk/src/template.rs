//! Linkwork's plain CSV template: one row per asset, with headings a team can fill in a
//! spreadsheet. Lists use ";" and days-and-times read like "Mon 10:00-12:00; Thu 18:30".

use crate::model::derived_id;
use crate::{problem, Counting, ReadOutcome, Record, Seen, Sink};
use linkwork_core::assets::{format_slots, parse_slots, AssetInput};
use linkwork_core::file_names::{csv_text, csv_text_read};
use linkwork_core::vocab::{AssetStatus, CostKind, Delivery, NeedCategory, ReferralRoute};
use std::{cell::Cell, io::Write, path::Path, rc::Rc};

pub const COLUMNS: &[&str] = &[
    "id",
    "name",
    "organisation",
    "description",
    "categories",
    "lga_service_type",
    "phone",
    "email",
    "website",
    "address",
    "postcode",
    "delivery",
    "when",
    "days_and_times",
    "cost",
    "cost_description",
    "min_age",
    "max_age",
    "who_it_is_for",
    "wheelchair_access",
    "hearing_loop",
    "transport",
    "access_notes",
    "how_to_refer",
    "referral_details",
    "status",
];

/// Finds a list value by slug or label, ignoring case.
fn pick<T: Copy>(
    all: &[T],
    slug: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
    text: &str,
) -> Option<T> {
    let t = text.trim().to_lowercase().replace(['-', ' '], "_");
    all.iter()
        .copied()
        .find(|v| slug(*v) == t || label(*v).to_lowercase().replace(['-', ' '], "_") == t)
}

fn names<T: Copy>(all: &[T], label: fn(T) -> &'static str) -> String {
    all.iter()
        .map(|v| format!("\"{}\"", label(*v)))
        .collect::<Vec<_>>()
        .join(", ")
}

fn yes_no(field: &str, text: &str) -> Result<bool, String> {
    match text.trim().to_lowercase().as_str() {
        "" | "no" | "n" | "false" | "0" => Ok(false),
        "yes" | "y" | "true" | "1" => Ok(true),
        other => Err(format!("\"{other}\" is not yes or no (column {field}).")),
    }
}

fn row_to_asset(get: &dyn Fn(&str) -> String) -> Result<AssetInput, (&'static str, String)> {
    let opt = |c: &str| Some(get(c)).filter(|s| !s.trim().is_empty());
    let age = |c: &'static str| -> Result<Option<u8>, (&'static str, String)> {
        opt(c)
            .map(|t| {
                t.trim().parse::<u8>().ok().filter(|a| *a <= 130).ok_or((
                    c,
                    format!(
                        "\"{}\" is not an age; give whole years from 0 to 130.",
                        t.trim()
                    ),
                ))
            })
            .transpose()
    };
    let mut categories = Vec::new();
    for c in get("categories")
        .split(';')
        .map(str::trim)
        .filter(|c| !c.is_empty())
    {
        categories.push(
            pick(
                NeedCategory::ALL,
                NeedCategory::slug,
                NeedCategory::label,
                c,
            )
            .ok_or((
                "categories",
                format!(
                    "\"{c}\" is not a category. Use one of {}.",
                    names(NeedCategory::ALL, NeedCategory::label)
                ),
            ))?,
        );
    }
    macro_rules! choice {
        ($col:literal, $t:ty) => {
            match opt($col) {
                None => None,
                Some(t) => Some(pick(<$t>::ALL, <$t>::slug, <$t>::label, &t).ok_or((
                    $col,
                    format!(
                        "\"{}\" is not allowed here. Use one of {}.",
                        t.trim(),
                        names(<$t>::ALL, <$t>::label)
                    ),
                ))?),
            }
        };
    }
    let flag = |c: &'static str| yes_no(c, &get(c)).map_err(|m| (c, m));
    let a = AssetInput {
        oruk_id: opt("id"),
        name: get("name"),
        organisation: opt("organisation"),
        organisation_oruk_id: None,
        description: opt("description"),
        categories,
        lga_service_type: opt("lga_service_type"),
        phone: opt("phone"),
        email: opt("email"),
        website: opt("website"),
        address: opt("address"),
        postcode: opt("postcode"),
        delivery: choice!("delivery", Delivery),
        schedule_text: opt("when"),
        slots: parse_slots(&get("days_and_times")).map_err(|m| ("days_and_times", m))?,
        cost: choice!("cost", CostKind),
        cost_description: opt("cost_description"),
        min_age: age("min_age")?,
        max_age: age("max_age")?,
        eligibility: opt("who_it_is_for"),
        wheelchair_access: flag("wheelchair_access")?,
        hearing_loop: flag("hearing_loop")?,
        transport: flag("transport")?,
        access_notes: opt("access_notes"),
        referral_route: choice!("how_to_refer", ReferralRoute),
        referral_how: opt("referral_details"),
        status: choice!("status", AssetStatus),
    };
    let mut a = a.normalised();
    a.validate().map_err(|e| {
        let field = match e.field.as_str() {
            "slots" => "days_and_times",
            "min_age" => "min_age",
            "max_age" => "max_age",
            _ => "name",
        };
        (field, e.message)
    })?;
    // A row with no id gets one from its name and postcode, so importing the sheet again updates
    // the same assets rather than adding copies.
    if a.oruk_id.is_none() {
        a.oruk_id = Some(derived_id(
            "template",
            &format!(
                "{}|{}",
                a.name.to_lowercase(),
                a.postcode.clone().unwrap_or_default()
            ),
        ));
    }
    Ok(a)
}

pub fn read(path: &Path, sink: &mut dyn Sink) -> ReadOutcome {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut problems = Vec::new();
    let file = match crate::open_file(path, &name) {
        Ok(f) => f,
        Err(p) => {
            return ReadOutcome {
                problems: vec![p],
                ..Default::default()
            }
        }
    };
    let total = file.metadata().map(|m| m.len()).unwrap_or(0);
    let read = Rc::new(Cell::new(0));
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(Counting {
            inner: file,
            count: Rc::clone(&read),
            stop: sink.stop_flag(),
        });
    let header = match crate::csv_header(&mut rdr, &name) {
        Ok(h) => h,
        Err(p) => {
            return ReadOutcome {
                problems: vec![p],
                ..Default::default()
            }
        }
    };
    for col in &header {
        if !COLUMNS.contains(&col.as_str()) {
            problems.push(problem(
                &name,
                "row 1",
                Some(col),
                format!(
                    "\"{col}\" is not a column of the Linkwork template. The columns are: {}.",
                    COLUMNS.join(", ")
                ),
            ));
        }
    }
    if !header.iter().any(|h| h == "name") {
        problems.push(problem(
            &name,
            "row 1",
            Some("name"),
            "The header row has no \"name\" column. Start from the Linkwork template.",
        ));
    }
    if !problems.is_empty() {
        return ReadOutcome {
            problems,
            ..Default::default()
        };
    }
    let mut seen = Seen::default();
    let mut record = csv::ByteRecord::new();
    let mut n = 1;
    loop {
        match rdr.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                problems.push(crate::csv_record_problem(&e, &name, n));
                break;
            }
        }
        n += 1;
        sink.progress(read.get(), total);
        let cells: Result<Vec<&str>, _> = record.iter().map(std::str::from_utf8).collect();
        let Ok(cells) = cells else {
            problems.push(problem(
                &name,
                format!("row {n}"),
                None,
                crate::csv_set::NOT_UTF8,
            ));
            break;
        };
        let get = |c: &str| {
            header
                .iter()
                .position(|h| h == c)
                .and_then(|i| cells.get(i))
                .map(|s| csv_text_read(s).to_string())
                .unwrap_or_default()
        };
        match row_to_asset(&get) {
            Err((field, msg)) => {
                problems.push(problem(&name, format!("row {n}"), Some(field), msg))
            }
            Ok(asset) => {
                let id = asset.oruk_id.clone().unwrap_or_default();
                if !seen.first_time(&id) {
                    problems.push(problem(&name, format!("row {n}"), Some("id"), format!("The id \"{id}\" is used by more than one row; each asset needs its own (a blank id is made from the name and postcode).")));
                } else if let Err(p) = sink.asset(Record {
                    file: name.clone(),
                    place: format!("row {n}"),
                    asset,
                }) {
                    problems.push(p);
                }
            }
        }
    }
    sink.progress(total, total);
    ReadOutcome {
        problems,
        ignored_files: vec![],
        warnings: Vec::new(),
    }
}

/// Writes assets (with their ids) in the template's columns, as a CSV file for Excel (a
/// byte-order mark, then CR LF rows).
pub fn write<'a>(
    mut out: impl Write,
    assets: impl Iterator<Item = (String, &'a AssetInput)>,
) -> std::io::Result<()> {
    out.write_all(linkwork_core::file_names::CSV_BOM)?;
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    w.write_record(COLUMNS)?;
    let yn = |b: bool| if b { "yes" } else { "no" };
    for (id, a) in assets {
        let s = |v: &Option<String>| v.clone().unwrap_or_default();
        let cats: Vec<&str> = a.categories.iter().map(|c| c.label()).collect();
        let row = [
            id,
            a.name.clone(),
            s(&a.organisation),
            s(&a.description),
            cats.join("; "),
            s(&a.lga_service_type),
            s(&a.phone),
            s(&a.email),
            s(&a.website),
            s(&a.address),
            s(&a.postcode),
            a.delivery
                .map(|d| d.label().to_string())
                .unwrap_or_default(),
            s(&a.schedule_text),
            format_slots(&a.slots),
            a.cost.map(|c| c.label().to_string()).unwrap_or_default(),
            s(&a.cost_description),
            a.min_age.map(|x| x.to_string()).unwrap_or_default(),
            a.max_age.map(|x| x.to_string()).unwrap_or_default(),
            s(&a.eligibility),
            yn(a.wheelchair_access).into(),
            yn(a.hearing_loop).into(),
            yn(a.transport).into(),
            s(&a.access_notes),
            a.referral_route
                .map(|r| r.label().to_string())
                .unwrap_or_default(),
            s(&a.referral_how),
            a.status.map(|r| r.label().to_string()).unwrap_or_default(),
        ];
        // Text from a feed or a colleague, opened in Excel: never run as a formula.
        w.write_record(row.iter().map(|c| csv_text(c).into_owned()))?;
    }
    w.flush()
}

/// The template with one filled-in example row, for a team starting a spreadsheet.
pub fn write_example(out: impl Write) -> std::io::Result<()> {
    let example = AssetInput {
        name: "Tuesday Walking Group".into(),
        organisation: Some("Hebden Ramblers".into()),
        description: Some(
            "A gentle hour's walk from the library, with tea after. Delete this example row."
                .into(),
        ),
        categories: vec![NeedCategory::PhysicalActivity, NeedCategory::GreenNature],
        phone: Some("01422 000000".into()),
        address: Some("Hebden Bridge Library, Cheetham Street, Hebden Bridge".into()),
        postcode: Some("HX7 8EP".into()),
        delivery: Some(Delivery::InPerson),
        schedule_text: Some("Every Tuesday, all year".into()),
        slots: parse_slots("Tue 10:00-11:00").unwrap_or_default(),
        cost: Some(CostKind::Free),
        min_age: Some(18),
        eligibility: Some("Adults who want to get moving; walkers of any pace".into()),
        wheelchair_access: false,
        access_notes: Some("Some rough paths; ask about the flat route".into()),
        referral_route: Some(ReferralRoute::SelfReferral),
        referral_how: Some("Just turn up, or ring the leader first".into()),
        status: Some(AssetStatus::Active),
        ..Default::default()
    };
    write(out, std::iter::once((String::new(), &example)))
}
