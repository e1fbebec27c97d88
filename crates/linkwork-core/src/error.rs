use std::fmt;

macro_rules! error_codes {
    ($( $(#[doc = $doc:literal])* $name:ident = $code:literal, )*) => {
        /// Every error code Linkwork reports. The UI and scripts decide by code, never by message
        /// text; the CLI maps each to an exit code with an exhaustive `match`. The wire form is the
        /// SCREAMING_SNAKE string. Never change one once shipped.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, ts_rs::TS)]
        pub enum ErrorCode { $( $(#[doc = $doc])* #[serde(rename = $code)] $name, )* }

        impl ErrorCode {
            pub const ALL: &'static [ErrorCode] = &[$(ErrorCode::$name),*];
            pub fn as_str(self) -> &'static str {
                match self { $(ErrorCode::$name => $code),* }
            }
        }
    };
}

error_codes! {
    /// Bad input; the message names what would be accepted and `field` says where.
    InvalidInput = "INVALID_INPUT",
    /// A request that does not match the command's arguments (a bug, or a hand-written file).
    BadRequest = "BAD_REQUEST",
    UnknownCommand = "UNKNOWN_COMMAND",
    /// The vault is locked: unlock first.
    Locked = "LOCKED",
    /// A long operation was cancelled (by the person, or by locking) and changed nothing.
    Cancelled = "CANCELLED",
    /// Something Linkwork did not expect; work saved before it is safe.
    Internal = "INTERNAL",
    NoDataFolder = "NO_DATA_FOLDER",
    DataFolderMissing = "DATA_FOLDER_MISSING",
    DataFolderParentMissing = "DATA_FOLDER_PARENT_MISSING",
    NoVault = "NO_VAULT",
    VaultExists = "VAULT_EXISTS",
    VaultIncomplete = "VAULT_INCOMPLETE",
    WrongPassphrase = "WRONG_PASSPHRASE",
    WrongRecoveryKey = "WRONG_RECOVERY_KEY",
    KeyFileDamaged = "KEY_FILE_DAMAGED",
    DatabaseDamaged = "DATABASE_DAMAGED",
    PlaintextDatabase = "PLAINTEXT_DATABASE",
    EncryptionUnavailable = "ENCRYPTION_UNAVAILABLE",
    NewerVersion = "NEWER_VERSION",
    MigrationFailed = "MIGRATION_FAILED",
    /// A file could not be read or written (the message names it and why).
    FileError = "FILE_ERROR",
    /// The file to write already exists, and replacing it was not confirmed.
    FileExists = "FILE_EXISTS",
    /// Linkwork never writes an export, report or backup inside its own data folder.
    PathInDataFolder = "PATH_IN_DATA_FOLDER",
    /// A passphrase or key file given to the command line could not be read.
    SecretUnreadable = "SECRET_UNREADABLE",
    KeyWrapFailed = "KEY_WRAP_FAILED",
    IntegrityFailed = "INTEGRITY_FAILED",
    OpenEpisodeExists = "OPEN_EPISODE_EXISTS",
    PossibleDuplicate = "POSSIBLE_DUPLICATE",
    NhsNumberTaken = "NHS_NUMBER_TAKEN",
    NotFound = "NOT_FOUND",
    EpisodeClosed = "EPISODE_CLOSED",
    DraftPending = "DRAFT_PENDING",
    /// The record was already marked entered in error; it cannot change now.
    EnteredInError = "ENTERED_IN_ERROR",
    /// The referral's NHS number is known under another name or date of birth: confirm or correct.
    IdentityMismatch = "IDENTITY_MISMATCH",
    /// Two records cannot be merged as asked (same record, two NHS numbers, two open episodes).
    MergeRefused = "MERGE_REFUSED",
    /// The risk concern is closed; raise a new one.
    ConcernClosed = "CONCERN_CLOSED",
    /// An import found problems in the feed, so nothing was imported.
    ImportRefused = "IMPORT_REFUSED",
    /// Another long operation is still running; wait for it or cancel it.
    Busy = "BUSY",
    ExportInvalid = "EXPORT_INVALID",
    DatabaseError = "DATABASE_ERROR",
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Every error that can reach a person carries a stable code (for the UI to decide on) and a plain
/// English message (for the person to act on). The UI never matches on message text.
pub trait Coded: fmt::Display {
    fn code(&self) -> ErrorCode;
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
    fn code(&self) -> ErrorCode {
        ErrorCode::InvalidInput
    }
    fn field(&self) -> Option<&str> {
        Some(&self.field)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_serialise_as_their_stable_strings_and_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for c in ErrorCode::ALL {
            assert!(seen.insert(c.as_str()));
            assert_eq!(
                serde_json::to_string(c).unwrap(),
                format!("\"{}\"", c.as_str())
            );
        }
    }
}
