use linkwork_core::{Coded, ErrorCode, FieldProblem, ValidationError};
use linkwork_store::StoreError;
use serde::Serialize;
use ts_rs::TS;

/// What the UI receives when a command fails: a stable code to decide on, a message to show, and
/// the form field it belongs to (if any).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, thiserror::Error)]
#[error("{message}")]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
    pub field: Option<String>,
    /// The person this error is about, when the UI can offer to open their record.
    pub related_person_id: Option<String>,
    /// Every field in error (the first is `field`), so a form shows all its problems at once.
    pub problems: Vec<FieldProblem>,
}

impl ApiError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            field: None,
            related_person_id: None,
            problems: Vec::new(),
        }
    }

    pub fn locked() -> Self {
        Self::new(
            ErrorCode::Locked,
            "Linkwork is locked. Unlock it with your passphrase to carry on.",
        )
    }

    /// The same error, reported against another form field (e.g. `old_passphrase`).
    pub fn on_field(mut self, field: &str) -> Self {
        self.field = Some(field.into());
        self.problems = vec![FieldProblem {
            field: field.into(),
            message: self.message.clone(),
        }];
        self
    }

    /// Arguments that do not fit the command: names the field (the first part of the path).
    pub(crate) fn bad_request(
        command: &str,
        e: serde_path_to_error::Error<serde_json::Error>,
    ) -> Self {
        let path = e.path().to_string();
        let inner = without_values(&e.inner().to_string());
        // A missing field is reported at its container, naming the field only in the message.
        let missing = inner
            .strip_prefix("missing field `")
            .and_then(|rest| rest.split('`').next());
        let field = match missing {
            Some(f) if path == "." => Some(f.to_string()),
            _ => path
                .split(['.', '['])
                .next()
                .filter(|f| !f.is_empty() && *f != "?")
                .map(String::from),
        };
        let at = if path == "." {
            String::new()
        } else {
            format!("{path}: ")
        };
        Self {
            code: ErrorCode::BadRequest,
            message: format!(
                "The `{command}` request does not fit the command ({at}{inner}). Restart Linkwork; if it happens again, report it."
            ),
            field,
            problems: Vec::new(),
            related_person_id: None,
        }
    }
}

/// serde's message without the value it was given ("invalid type: string \"…\", expected u32"
/// → "invalid type, expected u32"): a value typed into a form may be patient data, and error
/// messages reach logs and screens.
fn without_values(inner: &str) -> String {
    let inner = inner
        .rsplit_once(" at line ")
        .map_or(inner, |(head, _)| head);
    for kind in ["invalid type", "invalid value", "unknown variant"] {
        if inner.starts_with(kind) {
            return match inner.find(", expected") {
                Some(i) => format!("{kind}{}", &inner[i..]),
                None => kind.to_string(),
            };
        }
    }
    inner.to_string()
}

fn from_coded(e: &dyn Coded) -> ApiError {
    ApiError {
        code: e.code(),
        message: e.to_string(),
        field: e.field().map(Into::into),
        related_person_id: e.related_person().map(Into::into),
        problems: e.problems(),
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        from_coded(&e)
    }
}

impl From<linkwork_report::ReportError> for ApiError {
    fn from(e: linkwork_report::ReportError) -> Self {
        from_coded(&e)
    }
}

impl From<ValidationError> for ApiError {
    fn from(e: ValidationError) -> Self {
        from_coded(&e)
    }
}
