//! The shipped uk-profile JSON schemas (copied verbatim from OpenReferralUK/uk-profile; see
//! `schema/SOURCE` and `schema/LICENSE`), compiled once, and their errors turned into
//! [`ImportProblem`]s that name the path and field.

use linkwork_core::assets::ImportProblem;
use serde_json::Value;
use std::sync::OnceLock;

/// A compiled schema; `validate` returns every problem, placed under `base` (a JSON pointer).
pub struct Schema {
    validator: jsonschema::Validator,
    /// Column names a CSV file for this table may have (the schema's scalar properties).
    pub columns: Vec<String>,
    /// Columns every row must fill.
    pub required: Vec<String>,
    /// Columns the schema types as numbers (CSV cells are text until coerced).
    pub numeric: Vec<String>,
}

fn compile(text: &str, flat: bool) -> Schema {
    let mut schema: Value = serde_json::from_str(text).expect("shipped schema is JSON");
    let props = schema["properties"]
        .as_object()
        .cloned()
        .unwrap_or_default();
    let scalar = |v: &Value| {
        v.get("$ref").is_none()
            && matches!(
                v.get("type").and_then(Value::as_str),
                Some("string" | "number" | "integer" | "boolean")
            )
    };
    if flat {
        // One CSV row: only the table's own columns; nested arrays and objects come from other files.
        let keep: serde_json::Map<String, Value> = props
            .iter()
            .filter(|(_, v)| scalar(v))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        let required: Vec<Value> = schema["required"]
            .as_array()
            .cloned()
            .unwrap_or_default()
            .into_iter()
            .filter(|r| r.as_str().is_some_and(|r| keep.contains_key(r)))
            .collect();
        schema["properties"] = Value::Object(keep);
        schema["required"] = Value::Array(required);
    }
    let columns = schema["properties"]
        .as_object()
        .map(|p| {
            p.iter()
                .filter(|(_, v)| scalar(v))
                .map(|(k, _)| k.clone())
                .collect()
        })
        .unwrap_or_default();
    let numeric = props
        .iter()
        .filter(|(_, v)| {
            matches!(
                v.get("type").and_then(Value::as_str),
                Some("number" | "integer")
            )
        })
        .map(|(k, _)| k.clone())
        .collect();
    let required = schema["required"]
        .as_array()
        .map(|r| {
            r.iter()
                .filter_map(|v| v.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default();
    // Formats (uuid, date, email, uri) are annotations in JSON Schema 2020-12; real council feeds
    // break them often and harmlessly, so they are checked but only warned about. Types, enums and
    // required fields are enforced.
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("shipped schema compiles");
    Schema {
        validator,
        columns,
        required,
        numeric,
    }
}

macro_rules! schema {
    ($fn:ident, $path:literal, $flat:expr) => {
        pub fn $fn() -> &'static Schema {
            static S: OnceLock<Schema> = OnceLock::new();
            S.get_or_init(|| compile(include_str!(concat!("../schema/", $path)), $flat))
        }
    };
}

// Whole records (JSON feeds, and what Linkwork exports).
schema!(service_full, "compiled/service.json", false);
schema!(organization_full, "compiled/organization.json", false);
// One row of each CSV file.
schema!(services_csv, "service.json", true);
schema!(organizations_csv, "organization.json", true);
schema!(locations_csv, "location.json", true);
schema!(addresses_csv, "address.json", true);
schema!(contacts_csv, "contact.json", true);
schema!(phones_csv, "phone.json", true);
schema!(schedules_csv, "schedule.json", true);
schema!(cost_options_csv, "cost_option.json", true);
schema!(taxonomy_terms_csv, "taxonomy_term.json", true);
schema!(attributes_csv, "attribute.json", true);
schema!(service_at_location_csv, "service_at_location.json", true);
schema!(accessibility_csv, "accessibility.json", true);

impl Schema {
    /// Every way `instance` breaks the schema. `place` turns an instance path into the place
    /// shown (a JSON path, or a CSV row).
    pub fn problems(
        &self,
        instance: &Value,
        file: &str,
        place: &dyn Fn(&str) -> String,
    ) -> Vec<ImportProblem> {
        self.check(instance, file, place).problems
    }

    /// The schema's verdict on `instance`: problems (which block an import) and format
    /// annotations broken (a uuid, email or uri that is not one), which are only warnings.
    pub fn check(&self, instance: &Value, file: &str, place: &dyn Fn(&str) -> String) -> Checked {
        let mut checked = Checked::default();
        for e in self.validator.iter_errors(instance) {
            let format = matches!(
                e.kind(),
                jsonschema::error::ValidationErrorKind::Format { .. }
            );
            let p = Self::describe(&e, file, place);
            if format {
                checked.warnings.push(p);
            } else {
                checked.problems.push(p);
            }
        }
        checked
    }

    fn describe(
        e: &jsonschema::ValidationError<'_>,
        file: &str,
        place: &dyn Fn(&str) -> String,
    ) -> ImportProblem {
        let path = e.instance_path().as_str().to_string();
        let (field, message) = match e.kind() {
            jsonschema::error::ValidationErrorKind::Required { property } => {
                let p = property.as_str().unwrap_or_default().to_string();
                (Some(p.clone()), format!("\"{p}\" is required but missing."))
            }
            jsonschema::error::ValidationErrorKind::Enum { options } => {
                let allowed: Vec<String> = options
                    .as_array()
                    .map(|o| o.iter().map(|v| v.to_string()).collect())
                    .unwrap_or_default();
                (
                    last_field(&path),
                    format!(
                        "{} is not one of the allowed values: {}.",
                        e.instance(),
                        allowed.join(", ")
                    ),
                )
            }
            jsonschema::error::ValidationErrorKind::Type { .. } => {
                let want = e.to_string();
                let want = want
                    .rsplit("is not of type ")
                    .next()
                    .unwrap_or(&want)
                    .to_string();
                (
                    last_field(&path),
                    format!("{} should be of type {want}.", e.instance()),
                )
            }
            _ => (
                last_field(&path),
                format!("{}.", e.to_string().trim_end_matches('.')),
            ),
        };
        let parent = match e.kind() {
            jsonschema::error::ValidationErrorKind::Required { .. } => path.clone(),
            _ => path
                .rsplit_once('/')
                .map(|(p, _)| p.to_string())
                .unwrap_or_default(),
        };
        ImportProblem {
            file: file.to_string(),
            place: place(&parent),
            field,
            message,
            whole_file: false,
        }
    }
}

/// What a schema check found.
#[derive(Debug, Default)]
pub struct Checked {
    pub problems: Vec<ImportProblem>,
    pub warnings: Vec<ImportProblem>,
}

/// The last path segment that names a property (not an array index).
fn last_field(path: &str) -> Option<String> {
    path.rsplit('/')
        .find(|s| !s.is_empty() && s.parse::<usize>().is_err())
        .map(|s| s.replace("~1", "/").replace("~0", "~"))
}
