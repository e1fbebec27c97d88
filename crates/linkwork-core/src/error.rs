use std::fmt;

/// Every error that can reach a person carries a stable code (for the UI to decide on) and a plain
/// English message (for the person to act on). The UI never matches on message text.
pub trait Coded: fmt::Display {
    /// Stable, SCREAMING_SNAKE code. Never change one once shipped: the UI and scripts rely on it.
    fn code(&self) -> &'static str;
    /// The input field the error is about, when there is one (the UI puts the message beside it).
    fn field(&self) -> Option<&str> {
        None
    }
    /// The person a "this already exists" error points at, so the UI can offer to open them.
    fn related_person(&self) -> Option<&str> {
        None
    }
}

/// Bad input: names the field and says what would be accepted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ValidationError {
    pub field: String,
    pub message: String,
}

impl ValidationError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            message: message.into(),
        }
    }
}

impl Coded for ValidationError {
    fn code(&self) -> &'static str {
        "INVALID_INPUT"
    }
    fn field(&self) -> Option<&str> {
        Some(&self.field)
    }
}
