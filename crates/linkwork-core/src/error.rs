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
    /// The data folder is inside OneDrive (or another folder copied to the cloud): refused.
    DataFolderSynced = "DATA_FOLDER_SYNCED",
    NoVault = "NO_VAULT",
    VaultExists = "VAULT_EXISTS",
    VaultIncomplete = "VAULT_INCOMPLETE",
    /// The vault is open in another Linkwork window or command: lock it there first.
    VaultInUse = "VAULT_IN_USE",
    WrongPassphrase = "WRONG_PASSPHRASE",
    WrongRecoveryKey = "WRONG_RECOVERY_KEY",
    KeyFileDamaged = "KEY_FILE_DAMAGED",
    /// A key file asks for more scrypt work than Linkwork ever uses: refused without trying.
    KeyFileTooCostly = "KEY_FILE_TOO_COSTLY",
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
    /// Nothing was recorded in the period asked for, so there is no report to make.
    NothingToReport = "NOTHING_TO_REPORT",
    /// A file given as a monthly report (or a supervisor's identity file) is not one, or is damaged.
    ReportUnreadable = "REPORT_UNREADABLE",
    /// A report was not encrypted to the key given (or the identity file's passphrase is wrong).
    ReportWrongKey = "REPORT_WRONG_KEY",
    /// Reports that cannot be merged: different versions or periods, or one worker twice.
    ReportMismatch = "REPORT_MISMATCH",
    /// A backup (or handover package) that does not open with the passphrase or key given.
    BackupWrongKey = "BACKUP_WRONG_KEY",
    /// A backup (or handover package) that is not one, is damaged, truncated or fails its checks.
    BackupDamaged = "BACKUP_DAMAGED",
    /// A backup not signed by the vault it holds, or a handover whose signature does not check:
    /// refused as a possible forgery.
    BackupForged = "BACKUP_FORGED",
    /// A backup from before backups were signed: restored only when the person says it is theirs.
    BackupUnsigned = "BACKUP_UNSIGNED",
    /// A handover signed by a colleague's key this vault has not accepted: compare its
    /// fingerprint with them, then accept it.
    SignerNotAccepted = "SIGNER_NOT_ACCEPTED",
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
    /// Every field in error, so a form can show them all at once (the first is `field`).
    fn problems(&self) -> Vec<FieldProblem> {
        self.field()
            .map(|f| {
                vec![FieldProblem {
                    field: f.into(),
                    message: self.to_string(),
                }]
            })
            .unwrap_or_default()
    }
}

/// One field in error and what would be accepted there.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
pub struct FieldProblem {
    pub field: String,
    pub message: String,
}

/// Bad input: names the field and says what would be accepted. When a form had several problems,
/// the first is `field`/`message` and the rest are in `also`, so nobody fixes them one at a time.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ValidationError {
    pub field: String,
    pub message: String,
    pub also: Vec<FieldProblem>,
}

impl ValidationError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            message: message.into(),
            also: Vec::new(),
        }
    }

    /// Several problems as one error (the first leads). `None` when there were none.
    pub fn gather(errors: impl IntoIterator<Item = ValidationError>) -> Option<Self> {
        let mut all = errors.into_iter().flat_map(|e| e.problems());
        let first = all.next()?;
        Some(Self {
            field: first.field,
            message: first.message,
            also: all.collect(),
        })
    }
}

impl Coded for ValidationError {
    fn code(&self) -> ErrorCode {
        ErrorCode::InvalidInput
    }
    fn field(&self) -> Option<&str> {
        Some(&self.field)
    }
    fn problems(&self) -> Vec<FieldProblem> {
        let first = FieldProblem {
            field: self.field.clone(),
            message: self.message.clone(),
        };
        std::iter::once(first).chain(self.also.clone()).collect()
    }
}

/// Checks a form's fields together: a tuple of results becomes a tuple of values, or one error
/// holding every field's problem.
pub trait AllValid {
    type Values;
    fn all_valid(self) -> Result<Self::Values, ValidationError>;
}

macro_rules! all_valid {
    ($($t:ident $v:ident),+) => {
        impl<$($t),+> AllValid for ($(Result<$t, ValidationError>,)+) {
            type Values = ($($t,)+);
            fn all_valid(self) -> Result<Self::Values, ValidationError> {
                let mut errors = Vec::new();
                let ($($v,)+) = self;
                $(let $v = $v.map_err(|e| errors.push(e)).ok();)+
                match ($($v,)+) {
                    ($(Some($v),)+) => Ok(($($v,)+)),
                    _ => Err(ValidationError::gather(errors).unwrap_or_else(|| {
                        ValidationError::new("form", "The form could not be checked.")
                    })),
                }
            }
        }
    };
}
all_valid!(A a, B b);
all_valid!(A a, B b, C c);
all_valid!(A a, B b, C c, D d);
all_valid!(A a, B b, C c, D d, E e);
all_valid!(A a, B b, C c, D d, E e, F f);
all_valid!(A a, B b, C c, D d, E e, F f, G g);
all_valid!(A a, B b, C c, D d, E e, F f, G g, H h);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_valid_reports_every_problem_in_order_or_every_value() {
        let ok: (Result<u8, ValidationError>, Result<&str, ValidationError>) = (Ok(1), Ok("x"));
        assert_eq!(ok.all_valid().unwrap(), (1, "x"));
        let bad: (
            Result<u8, ValidationError>,
            Result<u8, ValidationError>,
            Result<u8, ValidationError>,
        ) = (
            Err(ValidationError::new("a", "A is wrong.")),
            Ok(2),
            Err(ValidationError::new("c", "C is wrong.")),
        );
        let e = bad.all_valid().unwrap_err();
        assert_eq!((e.field.as_str(), e.message.as_str()), ("a", "A is wrong."));
        let fields: Vec<_> = e.problems().into_iter().map(|p| p.field).collect();
        assert_eq!(fields, ["a", "c"]);
    }

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
