//! The ORUK CSV set: services.csv plus the files linked to it. The linked tables are small and are
//! held in memory; services.csv is read twice, streaming (once for its ids, so links to it can be
//! checked, then to build each service).

use crate::model::{
    to_asset, Attribute, Contact, CostOption, Location, Organization, Phone, Schedule, Service,
    ServiceAtLocation, TaxonomyTerm,
};
use crate::schema::{self, Schema};
use crate::{problem, Counting, ReadOutcome, Record, Seen, Sink};
use linkwork_core::assets::ImportProblem;
use serde_json::{Map, Value};
use std::collections::{HashMap, HashSet};
use std::{cell::Cell, path::Path, rc::Rc};

/// The files Linkwork reads, by table: accepted file names (HSDS has used both), and schema.
/// A table: its name, the file names it may have, and its schema.
type Table = (
    &'static str,
    &'static [&'static str],
    fn() -> &'static Schema,
);

const TABLES: &[Table] = &[
    ("services", &["services.csv"], schema::services_csv),
    (
        "organizations",
        &["organizations.csv"],
        schema::organizations_csv,
    ),
    ("locations", &["locations.csv"], schema::locations_csv),
    (
        "addresses",
        &["addresses.csv", "address.csv"],
        schema::addresses_csv,
    ),
    (
        "service_at_location",
        &["service_at_location.csv", "service_at_locations.csv"],
        schema::service_at_location_csv,
    ),
    ("contacts", &["contacts.csv"], schema::contacts_csv),
    ("phones", &["phones.csv"], schema::phones_csv),
    (
        "schedules",
        &["schedules.csv", "schedule.csv"],
        schema::schedules_csv,
    ),
    (
        "cost_options",
        &["cost_options.csv"],
        schema::cost_options_csv,
    ),
    (
        "taxonomy_terms",
        &["taxonomy_terms.csv"],
        schema::taxonomy_terms_csv,
    ),
    (
        "attributes",
        &["attributes.csv", "attribute.csv"],
        schema::attributes_csv,
    ),
    (
        "accessibility",
        &["accessibility.csv", "accessibility_for_disabilities.csv"],
        schema::accessibility_csv,
    ),
];

/// Taxonomy files are recognised (terms carry their taxonomy's name) but not needed.
const KNOWN_UNUSED: &[&str] = &["taxonomies.csv", "taxonomy.csv"];

type Row = Map<String, Value>;

struct Set<'a> {
    dir: &'a Path,
    files: HashMap<&'static str, String>,
    problems: Vec<ImportProblem>,
    warnings: Vec<ImportProblem>,
    read: Rc<Cell<u64>>,
    total: u64,
    stop: Option<crate::StopFlag>,
}

impl Set<'_> {
    /// Streams one file's rows, each checked against its table's schema. `f` gets the row number
    /// (the header is row 1, as a spreadsheet shows it) and the row, typed as the schema says.
    fn rows(
        &mut self,
        table: &str,
        validate: bool,
        mut f: impl FnMut(&mut Vec<ImportProblem>, &str, usize, Row),
    ) {
        let Some(name) = self.files.get(table).cloned() else {
            return;
        };
        let schema = TABLES
            .iter()
            .find(|(t, _, _)| *t == table)
            .map(|(_, _, s)| s())
            .expect("a known table");
        let file = match crate::open_file(&self.dir.join(&name), &name) {
            Ok(f) => f,
            Err(p) => return self.problems.push(p),
        };
        let mut rdr = csv::ReaderBuilder::new().from_reader(Counting {
            inner: file,
            count: Rc::clone(&self.read),
            stop: self.stop.clone(),
        });
        let header = match crate::csv_header(&mut rdr, &name) {
            Ok(h) => h,
            Err(p) => return self.problems.push(p),
        };
        let mut bad_header = false;
        for col in &header {
            if !schema.columns.contains(col) {
                bad_header = true;
                self.problems.push(problem(&name, "row 1", Some(col), format!("\"{col}\" is not a column of {name} in Open Referral UK. Check the header row for typing mistakes.")));
            }
        }
        for col in &schema.required {
            if !header.contains(col) {
                bad_header = true;
                self.problems.push(problem(
                    &name,
                    "row 1",
                    Some(col),
                    format!(
                        "The header row has no \"{col}\" column, which Open Referral UK requires."
                    ),
                ));
            }
        }
        if bad_header {
            return;
        }
        let mut record = csv::ByteRecord::new();
        let mut n = 1;
        loop {
            match rdr.read_byte_record(&mut record) {
                Ok(false) => break,
                Ok(true) => {}
                Err(e) => return self.problems.push(crate::csv_record_problem(&e, &name, n)),
            }
            n += 1;
            let mut row = Row::new();
            for (col, cell) in header.iter().zip(record.iter()) {
                let Ok(text) = std::str::from_utf8(cell) else {
                    self.problems
                        .push(problem(&name, format!("row {n}"), Some(col), NOT_UTF8));
                    return;
                };
                let text = text.trim();
                if text.is_empty() {
                    continue;
                }
                let value = if schema.numeric.contains(col) {
                    text.parse::<f64>()
                        .ok()
                        .and_then(serde_json::Number::from_f64)
                        .map(Value::Number)
                        .unwrap_or_else(|| Value::String(text.into()))
                } else {
                    Value::String(text.into())
                };
                row.insert(col.clone(), value);
            }
            let value = Value::Object(row);
            if validate {
                let found = schema.check(&value, &name, &|_| format!("row {n}"));
                self.warnings.extend(found.warnings);
                if !found.problems.is_empty() {
                    self.problems.extend(found.problems);
                    continue;
                }
            }
            let Value::Object(row) = value else {
                unreachable!()
            };
            f(&mut self.problems, &name, n, row);
        }
    }
}

impl Set<'_> {
    /// Rows that belong to a service, grouped by its id; a row naming no such service is a problem.
    fn by_service<T: serde::de::DeserializeOwned + Default>(
        &mut self,
        table: &str,
        services: &HashSet<String>,
    ) -> HashMap<String, Vec<T>> {
        let mut out: HashMap<String, Vec<T>> = HashMap::new();
        self.rows(table, true, |p, file, n, row| {
            if link(
                p,
                file,
                n,
                &row,
                "service_id",
                Target {
                    ids: services,
                    file: "services.csv",
                    what: "service",
                },
            ) {
                if let Some(s) = text(&row, "service_id") {
                    out.entry(s).or_default().push(parse(row));
                }
            }
        });
        out
    }
}

pub(crate) const NOT_UTF8: &str = "This file is not UTF-8 text. In Excel, save it as \"CSV UTF-8 (Comma delimited)\" and import it again.";

fn text(row: &Row, col: &str) -> Option<String> {
    row.get(col).and_then(Value::as_str).map(String::from)
}

fn parse<T: serde::de::DeserializeOwned + Default>(row: Row) -> T {
    serde_json::from_value(Value::Object(row)).unwrap_or_default()
}

/// The file a link points into: its ids, its name and what its rows are.
struct Target<'a> {
    ids: &'a HashSet<String>,
    file: &'a str,
    what: &'a str,
}

/// A link to another file must name a row that exists there.
fn link(
    problems: &mut Vec<ImportProblem>,
    file: &str,
    n: usize,
    row: &Row,
    col: &str,
    Target {
        ids,
        file: target_file,
        what,
    }: Target,
) -> bool {
    match text(row, col) {
        Some(id) if !ids.contains(&id) => {
            problems.push(problem(
                file,
                format!("row {n}"),
                Some(col),
                format!("No {what} in {target_file} has the id \"{id}\"."),
            ));
            false
        }
        _ => true,
    }
}

pub fn read(dir: &Path, sink: &mut dyn Sink) -> ReadOutcome {
    let mut files = HashMap::new();
    let mut ignored = Vec::new();
    let mut total = 0;
    let dir_name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| dir.display().to_string());
    let mut entries: Vec<_> = match std::fs::read_dir(dir) {
        Ok(e) => e.filter_map(Result::ok).collect(),
        Err(e) => {
            return ReadOutcome {
                problems: vec![problem(
                    &dir_name,
                    "the folder",
                    None,
                    format!("Linkwork cannot read this folder: {e}."),
                )],
                ..Default::default()
            }
        }
    };
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let name = e.file_name().to_string_lossy().into_owned();
        if !name.to_lowercase().ends_with(".csv") {
            continue;
        }
        match TABLES
            .iter()
            .find(|(_, names, _)| names.contains(&name.as_str()))
        {
            Some((table, _, _)) if !files.contains_key(table) => {
                total += e.metadata().map(|m| m.len()).unwrap_or(0);
                files.insert(*table, name);
            }
            _ if KNOWN_UNUSED.contains(&name.as_str()) => {}
            _ => ignored.push(name),
        }
    }
    if !files.contains_key("services") {
        return ReadOutcome { problems: vec![problem(&dir_name, "the folder", None, "There is no services.csv here. An Open Referral UK CSV set needs services.csv; the other files are optional.")], ignored_files: ignored, ..Default::default() };
    }
    let services_size = std::fs::metadata(dir.join(&files["services"]))
        .map(|m| m.len())
        .unwrap_or(0);
    let mut set = Set {
        dir,
        files,
        problems: Vec::new(),
        warnings: Vec::new(),
        read: Rc::new(Cell::new(0)),
        total: total + services_size,
        stop: sink.stop_flag(),
    };

    // Pass 1: the service ids, for checking links to services.csv (validated in pass 2).
    let mut service_ids = HashSet::new();
    set.rows("services", false, |_, _, _, row| {
        service_ids.extend(text(&row, "id"));
    });
    if !set.problems.is_empty() {
        return ReadOutcome {
            problems: set.problems,
            warnings: set.warnings,
            ignored_files: ignored,
        };
    }

    let mut orgs: HashMap<String, Organization> = HashMap::new();
    set.rows("organizations", true, |_, _, _, row| {
        let o: Organization = parse(row);
        orgs.insert(o.id.clone(), o);
    });
    let org_ids: HashSet<String> = orgs.keys().cloned().collect();

    let mut locations: HashMap<String, Location> = HashMap::new();
    set.rows("locations", true, |_, _, _, row| {
        let l: Location = parse(row);
        locations.insert(l.id.clone(), l);
    });
    let location_ids: HashSet<String> = locations.keys().cloned().collect();
    let has_locations = set.files.contains_key("locations");
    // Addresses and accessibility hang off a location.
    let mut on_location = |set: &mut Set, table: &str, add: fn(&mut Location, Row)| {
        set.rows(table, true, |p, file, n, row| {
            let linked = !has_locations
                || link(
                    p,
                    file,
                    n,
                    &row,
                    "location_id",
                    Target {
                        ids: &location_ids,
                        file: "locations.csv",
                        what: "location",
                    },
                );
            if let (true, Some(l)) = (
                linked,
                text(&row, "location_id").and_then(|id| locations.get_mut(&id)),
            ) {
                add(l, row);
            }
        });
    };
    on_location(&mut set, "addresses", |l, row| l.addresses.push(parse(row)));
    on_location(&mut set, "accessibility", |l, row| {
        l.accessibility.push(parse(row))
    });

    let mut at: HashMap<String, Vec<(String, String)>> = HashMap::new();
    set.rows("service_at_location", true, |p, file, n, row| {
        let ok = link(
            p,
            file,
            n,
            &row,
            "service_id",
            Target {
                ids: &service_ids,
                file: "services.csv",
                what: "service",
            },
        ) & (!has_locations
            || link(
                p,
                file,
                n,
                &row,
                "location_id",
                Target {
                    ids: &location_ids,
                    file: "locations.csv",
                    what: "location",
                },
            ));
        if let (true, Some(s), Some(l), Some(id)) = (
            ok,
            text(&row, "service_id"),
            text(&row, "location_id"),
            text(&row, "id"),
        ) {
            at.entry(s).or_default().push((id, l));
        }
    });

    let mut contacts: HashMap<String, Vec<Contact>> = HashMap::new();
    let mut contact_service: HashMap<String, String> = HashMap::new();
    set.rows("contacts", true, |p, file, n, row| {
        if link(
            p,
            file,
            n,
            &row,
            "service_id",
            Target {
                ids: &service_ids,
                file: "services.csv",
                what: "service",
            },
        ) {
            if let (Some(s), Some(id)) = (text(&row, "service_id"), text(&row, "id")) {
                contact_service.insert(id, s);
            }
        }
    });
    let contact_ids: HashSet<String> = contact_service.keys().cloned().collect();
    let has_contacts = set.files.contains_key("contacts");
    set.rows("phones", true, |p, file, n, row| {
        let ok = (!has_contacts
            || link(
                p,
                file,
                n,
                &row,
                "contact_id",
                Target {
                    ids: &contact_ids,
                    file: "contacts.csv",
                    what: "contact",
                },
            ))
            & link(
                p,
                file,
                n,
                &row,
                "service_id",
                Target {
                    ids: &service_ids,
                    file: "services.csv",
                    what: "service",
                },
            );
        let service = text(&row, "service_id")
            .or_else(|| text(&row, "contact_id").and_then(|c| contact_service.get(&c).cloned()));
        if let (true, Some(s)) = (ok, service) {
            contacts.entry(s).or_default().push(Contact {
                id: String::new(),
                name: None,
                phones: vec![parse::<Phone>(row)],
            });
        }
    });

    let mut schedules: HashMap<String, Vec<Schedule>> = set.by_service("schedules", &service_ids);
    let mut costs: HashMap<String, Vec<CostOption>> = set.by_service("cost_options", &service_ids);
    let mut terms: HashMap<String, TaxonomyTerm> = HashMap::new();
    set.rows("taxonomy_terms", true, |_, _, _, row| {
        let t: TaxonomyTerm = parse(row);
        terms.insert(t.id.clone(), t);
    });
    let term_ids: HashSet<String> = terms.keys().cloned().collect();
    let has_terms = set.files.contains_key("taxonomy_terms");
    let mut attributes: HashMap<String, Vec<Attribute>> = HashMap::new();
    set.rows("attributes", true, |p, file, n, row| {
        // Attributes may link to other tables (locations, organisations); only services' count.
        if has_terms
            && !link(
                p,
                file,
                n,
                &row,
                "taxonomy_term_id",
                Target {
                    ids: &term_ids,
                    file: "taxonomy_terms.csv",
                    what: "taxonomy term",
                },
            )
        {
            return;
        }
        if let (Some(s), Some(t)) = (
            text(&row, "link_id").filter(|s| service_ids.contains(s)),
            text(&row, "taxonomy_term_id"),
        ) {
            attributes.entry(s).or_default().push(Attribute {
                id: text(&row, "id").unwrap_or_default(),
                taxonomy_term: terms.get(&t).cloned(),
            });
        }
    });

    // Pass 2: each service, built from its linked rows, validated and handed on.
    let mut seen = Seen::default();
    let has_orgs = set.files.contains_key("organizations");
    let (read, total) = (Rc::clone(&set.read), set.total);
    set.rows("services", true, |p, file, n, row| {
        sink.progress(read.get(), total);
        if has_orgs
            && !link(
                p,
                file,
                n,
                &row,
                "organization_id",
                Target {
                    ids: &org_ids,
                    file: "organizations.csv",
                    what: "organisation",
                },
            )
        {
            return;
        }
        let mut s: Service = parse(row);
        if !seen.first_time(&s.id) {
            return p.push(problem(
                file,
                format!("row {n}"),
                Some("id"),
                format!(
                    "The id \"{}\" is used by more than one service; each service needs its own.",
                    s.id
                ),
            ));
        }
        s.organization = s
            .organization_id
            .as_ref()
            .and_then(|o| orgs.get(o).cloned());
        s.service_at_locations = at
            .remove(&s.id)
            .unwrap_or_default()
            .into_iter()
            .map(|(id, l)| ServiceAtLocation {
                id,
                location: locations.get(&l).cloned(),
            })
            .collect();
        s.contacts = contacts.remove(&s.id).unwrap_or_default();
        s.schedules = schedules.remove(&s.id).unwrap_or_default();
        s.cost_options = costs.remove(&s.id).unwrap_or_default();
        s.attributes = attributes.remove(&s.id).unwrap_or_default();
        match to_asset(&s, None) {
            Err(fp) => p.push(problem(
                file,
                format!("row {n}"),
                Some(fp.field),
                fp.message,
            )),
            Ok(asset) => {
                if let Err(e) = sink.asset(Record {
                    file: file.to_string(),
                    place: format!("row {n}"),
                    asset,
                }) {
                    p.push(e);
                }
            }
        }
    });
    sink.progress(total, total);
    ReadOutcome {
        problems: set.problems,
        warnings: set.warnings,
        ignored_files: ignored,
    }
}
