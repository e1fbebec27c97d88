//! ORUK JSON: a page (`{"contents": [...]}` as the ORUK API returns service_list or
//! organization_list), a single service_full or organization_full, or a bare array of either.
//! A page is streamed: each item is parsed, validated, mapped and dropped before the next.

use crate::model::{to_asset, Organization, Service};
use crate::{problem, schema, Counting, ReadOutcome, Record, Seen, Sink};
use linkwork_core::assets::ImportProblem;
use serde::de::{DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::Value;
use std::{cell::Cell, io::BufReader, path::Path, rc::Rc};

struct Reader<'a> {
    file: String,
    sink: &'a mut dyn Sink,
    problems: Vec<ImportProblem>,
    warnings: Vec<ImportProblem>,
    seen: Seen,
    /// Organisations and services met, to recognise a list of organisations with no services.
    organisations: usize,
    services: usize,
    read: Rc<Cell<u64>>,
    total: u64,
}

impl Reader<'_> {
    fn item(&mut self, path: &str, value: Value) {
        self.sink.progress(self.read.get(), self.total);
        if is_organisation(&value) {
            self.organization(path, value)
        } else {
            self.service(path, value, None)
        }
    }

    fn service(&mut self, path: &str, value: Value, parent: Option<&Organization>) {
        let file = self.file.clone();
        self.services += 1;
        if parent.is_none() {
            let found =
                schema::service_full().check(&value, &file, &|p| place(&format!("{path}{p}")));
            self.warnings.extend(found.warnings);
            if !found.problems.is_empty() {
                self.problems.extend(found.problems);
                return;
            }
        }
        let service: Service = match serde_json::from_value(value) {
            Ok(s) => s,
            Err(e) => {
                return self.problems.push(problem(
                    &file,
                    path,
                    None,
                    format!("This service cannot be read: {e}."),
                ))
            }
        };
        if !self.seen.first_time(&service.id) {
            return self.problems.push(problem(
                &file,
                format!("{path}/id"),
                Some("id"),
                format!(
                    "The id \"{}\" is used by more than one service; each service needs its own.",
                    service.id
                ),
            ));
        }
        match to_asset(&service, parent) {
            Err(fp) => self.problems.push(problem(
                &file,
                format!("{path}/{}", fp.field),
                Some(fp.field),
                fp.message,
            )),
            Ok(asset) => {
                if let Err(p) = self.sink.asset(Record {
                    file,
                    place: place(path),
                    asset,
                }) {
                    self.problems.push(p);
                }
            }
        }
    }

    fn organization(&mut self, path: &str, mut value: Value) {
        let file = self.file.clone();
        self.organisations += 1;
        let found =
            schema::organization_full().check(&value, &file, &|p| place(&format!("{path}{p}")));
        self.warnings.extend(found.warnings);
        if !found.problems.is_empty() {
            self.problems.extend(found.problems);
            return;
        }
        let services = value
            .get_mut("services")
            .map(Value::take)
            .unwrap_or_default();
        let org: Organization = serde_json::from_value(value).unwrap_or_default();
        for (i, s) in services.as_array().into_iter().flatten().enumerate() {
            self.service(&format!("{path}/services/{i}"), s.clone(), Some(&org));
        }
    }
}

/// An organisation: it carries services, or (as on an organization_list page, which leaves them
/// out) it has no service status and has fields only an organisation has.
fn is_organisation(v: &Value) -> bool {
    const ONLY_ORGANISATIONS: [&str; 5] = [
        "website",
        "logo",
        "uri",
        "organization_identifiers",
        "parent_organization_id",
    ];
    v.get("services").is_some()
        || (v.get("status").is_none() && ONLY_ORGANISATIONS.iter().any(|k| v.get(k).is_some()))
}

/// The top level: streams `contents` (or a bare array), keeps any other single object whole.
struct Top<'r, 'a>(&'r mut Reader<'a>);

enum TopKind {
    Page,
    Array,
    Single(serde_json::Map<String, Value>),
}

impl<'de> DeserializeSeed<'de> for Top<'_, '_> {
    type Value = TopKind;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<TopKind, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Top<'_, '_> {
    type Value = TopKind;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an Open Referral UK object or list")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<TopKind, A::Error> {
        Items {
            reader: self.0,
            base: String::new(),
        }
        .visit_seq(seq)?;
        Ok(TopKind::Array)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<TopKind, A::Error> {
        let mut rest = serde_json::Map::new();
        let mut page = false;
        while let Some(key) = map.next_key::<String>()? {
            if key == "contents" {
                map.next_value_seed(Items {
                    reader: &mut *self.0,
                    base: "/contents".into(),
                })?;
                page = true;
            } else {
                rest.insert(key, map.next_value()?);
            }
        }
        Ok(if page {
            TopKind::Page
        } else {
            TopKind::Single(rest)
        })
    }
}

struct Items<'r, 'a> {
    reader: &'r mut Reader<'a>,
    base: String,
}

impl<'de> DeserializeSeed<'de> for Items<'_, '_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Items<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a list of services or organisations")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut i = 0;
        while let Some(v) = seq.next_element::<Value>()? {
            self.reader.item(&format!("{}/{i}", self.base), v);
            i += 1;
        }
        Ok(())
    }
}

pub fn read(path: &Path, sink: &mut dyn Sink) -> ReadOutcome {
    let file = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let f = match crate::open_file(path, &file) {
        Ok(f) => f,
        Err(p) => {
            return ReadOutcome {
                problems: vec![p],
                ..Default::default()
            }
        }
    };
    let total = f.metadata().map(|m| m.len()).unwrap_or(0);
    let read = Rc::new(Cell::new(0));
    let mut reader = Reader {
        file: file.clone(),
        sink,
        problems: Vec::new(),
        warnings: Vec::new(),
        seen: Seen::default(),
        organisations: 0,
        services: 0,
        read: Rc::clone(&read),
        total,
    };
    let stop = reader.sink.stop_flag();
    let mut de = serde_json::Deserializer::from_reader(BufReader::new(Counting {
        inner: f,
        count: read,
        stop,
    }));
    let top = Top(&mut reader)
        .deserialize(&mut de)
        .and_then(|t| de.end().map(|_| t));
    match top {
        Err(e) => {
            let what = match e.classify() {
                serde_json::error::Category::Io => {
                    format!("Linkwork could not read the file: {e}.")
                }
                serde_json::error::Category::Eof => {
                    "The file ends too soon: it is cut off or not complete JSON.".to_string()
                }
                _ => format!(
                    "This is not valid JSON: {}.",
                    strip_position(&e.to_string())
                ),
            };
            // JSON that does not parse is a file that cannot be read, whatever was read before.
            reader.problems.push(ImportProblem {
                whole_file: true,
                ..problem(
                    &file,
                    format!("line {}, column {}", e.line(), e.column()),
                    None,
                    what,
                )
            });
        }
        Ok(TopKind::Single(map)) => reader.item("", Value::Object(map)),
        Ok(_) => {}
    }
    reader.sink.progress(total, total);
    if reader.organisations > 0 && reader.services == 0 {
        let n = reader.organisations;
        reader.problems.insert(0, problem(
            &file,
            crate::WHOLE_FILE,
            None,
            format!(
                "This file lists {n} organisation{} and no services, so there is nothing to import. \
                 Linkwork imports services: export the service list (service_list) from the feed instead.",
                if n == 1 { "" } else { "s" }
            ),
        ));
    }
    ReadOutcome {
        problems: reader.problems,
        warnings: reader.warnings,
        ignored_files: vec![],
    }
}

/// A JSON path as shown: the root of a single-record file is "the top level".
fn place(path: &str) -> String {
    if path.is_empty() {
        "the top level".into()
    } else {
        path.to_string()
    }
}

/// serde_json adds " at line L column C"; the place already says where.
fn strip_position(msg: &str) -> String {
    msg.split(" at line ").next().unwrap_or(msg).to_string()
}
