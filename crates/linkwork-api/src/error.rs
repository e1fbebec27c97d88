use linkwork_core::{Coded, ValidationError};
use linkwork_store::StoreError;
use serde::Serialize;
use ts_rs::TS;

/// What the UI receives when a command fails: a stable code to decide on, a message to show, and
/// the form field it belongs to (if any).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, thiserror::Error)]
#[error("{message}")]
pub struct ApiError {
    pub code: String,
    pub message: String,
    pub field: Option<String>,
    /// The person this error is about, when the UI can offer to open their record.
    pub related_person_id: Option<String>,
}

impl ApiError {
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        Self {
            code: code.into(),
            message: message.into(),
            field: None,
            related_person_id: None,
        }
    }

    pub fn locked() -> Self {
        Self::new(
            "LOCKED",
            "Linkwork is locked. Unlock it with your passphrase to carry on.",
        )
    }

    /// The same error, reported against another form field (e.g. `old_passphrase`).
    pub fn on_field(mut self, field: &str) -> Self {
        self.field = Some(field.into());
        self
    }

    pub(crate) fn bad_request(command: &str, e: serde_json::Error) -> Self {
        Self::new("BAD_REQUEST", format!("The app sent a malformed `{command}` request ({e}). Restart Linkwork; if it happens again, report it."))
    }
}

fn from_coded(e: &dyn Coded) -> ApiError {
    ApiError {
        code: e.code().into(),
        message: e.to_string(),
        field: e.field().map(Into::into),
        related_person_id: e.related_person().map(Into::into),
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        from_coded(&e)
    }
}

impl From<ValidationError> for ApiError {
    fn from(e: ValidationError) -> Self {
        from_coded(&e)
    }
}
