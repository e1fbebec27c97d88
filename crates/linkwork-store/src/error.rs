use linkwork_core::{Coded, ErrorCode, ValidationError};
use std::path::PathBuf;

/// Everything that can go wrong in the store, in words a link worker can act on.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{0}")]
    Invalid(#[from] ValidationError),

    #[error("The data folder {} does not exist. Check the folder name, or create a vault there first.", .0.display())]
    DataFolderMissing(PathBuf),

    #[error("Cannot create the data folder {}: its parent folder does not exist.", .0.display())]
    DataFolderParentMissing(PathBuf),

    #[error("The data folder {} is inside {}, which OneDrive copies to the cloud and to other computers. A vault there could be copied half-written, or opened on two computers at once, so Linkwork will not keep one there. Choose a data folder outside OneDrive (the usual one is in your local app-data folder), or move this folder out of OneDrive first. Backups may go to OneDrive.", .dir.display(), .synced.display())]
    DataFolderSynced { dir: PathBuf, synced: PathBuf },

    #[error("There is no Linkwork vault in {}. Create one first.", .0.display())]
    NoVault(PathBuf),

    #[error("There is already a Linkwork vault (or part of one) in {}. Linkwork will not create a new vault over it.", .0.display())]
    VaultExists(PathBuf),

    #[error("The vault in {} is incomplete: {} is missing. Nothing has been changed. Restore the missing file from a backup, or ask your practice's IT support for help.", .dir.display(), .missing)]
    VaultIncomplete { dir: PathBuf, missing: String },

    #[error("This vault is open in another Linkwork window or command on this computer ({}). Lock it there first, then try again.", .0.display())]
    VaultInUse(PathBuf),

    #[error("That passphrase does not open this vault. Check Caps Lock and try again.")]
    WrongPassphrase,

    #[error("That recovery key does not open this vault. Check you have the key that matches the recovery public key shown in Settings.")]
    WrongRecoveryKey,

    #[error("The key file {} is damaged or is not a Linkwork key file. Nothing has been changed. Restore it from a backup, or unlock with the recovery key.", .0)]
    KeyFileDamaged(String),

    #[error("The key file {file} asks for far more work to open (scrypt 2^{asks}) than Linkwork ever uses (at most 2^{limit}), so Linkwork did not make it as it is. It was refused without trying, so a planted file cannot tie up this laptop; nothing has been changed. Restore the vault from a backup, unlock with the recovery key, or ask your practice's IT support.", limit = crate::keys::MAX_LOG_N)]
    KeyFileTooCostly { file: String, asks: u8 },

    #[error("The database in {} does not match its key file, or is damaged. Nothing has been changed. Restore the vault from a backup, or ask your practice's IT support for help.", .0.display())]
    DatabaseDamaged(PathBuf),

    #[error("The database {} is not encrypted. Linkwork refuses to open unencrypted patient data. Nothing has been changed.", .0.display())]
    PlaintextDatabase(PathBuf),

    #[error("This copy of Linkwork was built without database encryption (or without the memory wiping and safe-schema settings it relies on), so it will not open or create a vault.")]
    EncryptionUnavailable,

    #[error("This vault was written by a newer version of Linkwork (data version {found}; this version understands up to {supported}). Nothing has been changed. Install the newer version of Linkwork to open it.")]
    NewerVersion { found: u32, supported: u32 },

    #[error("Updating the vault to data version {version} ({name}) failed, so nothing was changed: {reason}")]
    MigrationFailed {
        version: u32,
        name: String,
        reason: String,
    },

    #[error("Linkwork could not {action} {}: {reason}", .path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        reason: String,
    },

    #[error("Linkwork could not protect the vault key: {0}")]
    KeyWrap(String),

    #[error("The vault's integrity check found problems: {0}. Restore the vault from a backup, or ask your practice's IT support for help.")]
    IntegrityFailed(String),

    #[error("{name} already has an open episode of care (referred {since}). Open it and add to it, rather than starting a second one.")]
    OpenEpisodeExists {
        person_id: String,
        name: String,
        since: String,
    },

    #[error("There may already be a record for this person: {count} with the same name and date of birth. Choose the existing record, or confirm this is someone new.")]
    PossibleDuplicate { count: usize },

    #[error("Another person in the caseload already has the NHS number {0}. Check the number, or open that person's record.")]
    NhsNumberTaken(String, String),

    #[error("That {0} no longer exists. It may have been removed; go back and reload.")]
    NotFound(&'static str),

    #[error("This episode of care was closed on {0}. Contacts and plans can only change on an open episode; add a new referral to start again.")]
    EpisodeClosed(String),

    #[error("The NHS number {nhs} belongs to {stored} in your caseload, but this referral says {typed}. Check the number; if it is the same person, say whether to update the stored details or keep them.")]
    IdentityMismatch {
        nhs: String,
        person_id: String,
        stored: String,
        typed: String,
    },

    #[error("{0}")]
    MergeRefused(String),

    #[error("{0} has a contact note that has not been saved. Save or discard it before merging the records.")]
    MergeDraftPending(String),

    #[error("{0} has a contact note that has not been saved. Save or discard it before handing them over.")]
    HandoverDraftPending(String),

    #[error("That {0} was already marked entered in error on {1}. It stays in the record, struck through; enter it again on the right person if it belongs elsewhere.")]
    EnteredInError(&'static str, String),

    #[error(
        "This concern was closed on {0}. Raise a new concern if there is something new to record."
    )]
    ConcernClosed(String),

    #[error("A contact note for this episode has not been saved yet. Save it or discard it before closing the episode.")]
    DraftPending,

    #[error("The export did not pass the Open Referral UK schema, so no file was written. Please report this: {0}")]
    ExportInvalid(String),

    #[error("{} already exists. Choose another name, or confirm that it should be replaced.", .0.display())]
    FileExists(PathBuf),

    #[error("Linkwork will not write {} because it is inside Linkwork's own data folder, where it could damage the vault. Choose another folder, such as Documents.", .0.display())]
    PathInDataFolder(PathBuf),

    #[error("Linkwork will not read {} as a file to bring in: it is inside Linkwork's own data folder. Choose a file somewhere else.", .0.display())]
    SourceInDataFolder(PathBuf),

    #[error("The {0} was cancelled, so nothing was changed.")]
    Cancelled(&'static str),

    #[error(
        "Linkwork is still busy with an import, so this was not saved yet. Try again in a moment."
    )]
    Busy,

    #[error("{0}")]
    BackupWrongKey(&'static str),

    #[error("{} cannot be used as a backup: {reason}. Nothing has been changed. Try another backup.", .file.display())]
    BackupDamaged { file: PathBuf, reason: String },

    #[error("{} is not signed by the vault it holds, so it may have been made to look like one of your backups. Nothing has been changed. Restore from another backup, and tell your practice's IT support or information governance lead where this file came from.", .0.display())]
    BackupForged(PathBuf),

    #[error("{} was made by an earlier version of Linkwork, before backups were signed, so Linkwork cannot tell it from a forgery. Nothing has been changed. If it is your own backup (from your backup folder, made before this version), restore it with: linkwork restore --unsigned FILE", .0.display())]
    BackupUnsigned(PathBuf),

    #[error("This backup was made by a newer version of Linkwork (data version {found}; this version understands up to {supported}). Nothing has been changed. Install the newer version of Linkwork to restore it.")]
    BackupNewerVersion { found: u32, supported: u32 },

    #[error("Backups open with the vault's passphrase, and this vault has not been unlocked with one since backups arrived. Set a new passphrase in Settings (or lock and unlock with your passphrase), then back up.")]
    BackupNeedsPassphrase,

    #[error("There is already a vault in {}. Restoring replaces it, so confirm that first: the current vault is moved aside, not deleted.", .0.display())]
    RestoreWouldReplace(PathBuf),

    #[error("This handover was encrypted for another link worker's key, not this vault's. Ask the sender to encrypt it to your handover key (Settings → Backup).")]
    HandoverNotForYou,

    #[error(
        "The handover cannot be used: {0}. Nothing has been changed. Ask the sender for a new one."
    )]
    HandoverDamaged(String),

    #[error("The handover was made by Linkwork at data version {found}, and this vault is at data version {here}. Both link workers need the same version of Linkwork: update the older one, then hand over again.")]
    HandoverVersion { found: u32, here: u32 },

    #[error("{0}")]
    HandoverConflict(String),

    #[error("The handover is not signed by the vault that made it, or was changed after it was signed, so it may be a forgery. Nothing has been changed. Ask the sender for a new one, and tell your practice's IT support or information governance lead where this file came from.")]
    HandoverForged,

    #[error("{0}")]
    HandoverErased(String),

    #[error("This backup holds people erased from this vault since the backup was made: {0}. Nothing has been changed. Choose whether to erase them again as the backup is restored, or to keep them, then restore.")]
    RestoreBringsBackErased(String),

    #[error("{}", signer_not_accepted(.fingerprint, .from.as_deref(), .changed.as_deref()))]
    HandoverSignerNotAccepted {
        fingerprint: String,
        from: Option<String>,
        /// The accepted colleague of the same name, when their key has changed.
        changed: Option<String>,
    },

    #[error("The database reported an error: {0}")]
    Database(rusqlite::Error),
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        // Another connection (a job) holds the write lock for longer than the busy timeout.
        match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
                StoreError::Busy
            }
            _ => StoreError::Database(e),
        }
    }
}

impl StoreError {
    pub fn io(action: &'static str, path: impl Into<PathBuf>, e: std::io::Error) -> Self {
        let reason = match e.kind() {
            std::io::ErrorKind::NotFound => "it does not exist".to_string(),
            std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
            _ => e.to_string(),
        };
        StoreError::Io {
            action,
            path: path.into(),
            reason,
        }
    }
}

impl Coded for StoreError {
    fn code(&self) -> ErrorCode {
        match self {
            StoreError::Invalid(e) => e.code(),
            StoreError::DataFolderMissing(_) => ErrorCode::DataFolderMissing,
            StoreError::DataFolderParentMissing(_) => ErrorCode::DataFolderParentMissing,
            StoreError::DataFolderSynced { .. } => ErrorCode::DataFolderSynced,
            StoreError::NoVault(_) => ErrorCode::NoVault,
            StoreError::VaultExists(_) => ErrorCode::VaultExists,
            StoreError::VaultIncomplete { .. } => ErrorCode::VaultIncomplete,
            StoreError::WrongPassphrase => ErrorCode::WrongPassphrase,
            StoreError::VaultInUse(_) => ErrorCode::VaultInUse,
            StoreError::WrongRecoveryKey => ErrorCode::WrongRecoveryKey,
            StoreError::KeyFileDamaged(_) => ErrorCode::KeyFileDamaged,
            StoreError::KeyFileTooCostly { .. } => ErrorCode::KeyFileTooCostly,
            StoreError::DatabaseDamaged(_) => ErrorCode::DatabaseDamaged,
            StoreError::PlaintextDatabase(_) => ErrorCode::PlaintextDatabase,
            StoreError::EncryptionUnavailable => ErrorCode::EncryptionUnavailable,
            StoreError::NewerVersion { .. } => ErrorCode::NewerVersion,
            StoreError::MigrationFailed { .. } => ErrorCode::MigrationFailed,
            StoreError::Io { .. } => ErrorCode::FileError,
            StoreError::KeyWrap(_) => ErrorCode::KeyWrapFailed,
            StoreError::IntegrityFailed(_) => ErrorCode::IntegrityFailed,
            StoreError::OpenEpisodeExists { .. } => ErrorCode::OpenEpisodeExists,
            StoreError::PossibleDuplicate { .. } => ErrorCode::PossibleDuplicate,
            StoreError::NhsNumberTaken(..) => ErrorCode::NhsNumberTaken,
            StoreError::NotFound(_) => ErrorCode::NotFound,
            StoreError::EpisodeClosed(_) => ErrorCode::EpisodeClosed,
            StoreError::DraftPending => ErrorCode::DraftPending,
            StoreError::EnteredInError(..) => ErrorCode::EnteredInError,
            StoreError::MergeRefused(_) => ErrorCode::MergeRefused,
            StoreError::IdentityMismatch { .. } => ErrorCode::IdentityMismatch,
            StoreError::MergeDraftPending(_) | StoreError::HandoverDraftPending(_) => {
                ErrorCode::DraftPending
            }
            StoreError::ConcernClosed(_) => ErrorCode::ConcernClosed,
            StoreError::ExportInvalid(_) => ErrorCode::ExportInvalid,
            StoreError::FileExists(_) => ErrorCode::FileExists,
            StoreError::PathInDataFolder(_) | StoreError::SourceInDataFolder(_) => {
                ErrorCode::PathInDataFolder
            }
            StoreError::Cancelled(_) => ErrorCode::Cancelled,
            StoreError::Busy => ErrorCode::Busy,
            StoreError::BackupWrongKey(_) => ErrorCode::BackupWrongKey,
            StoreError::BackupDamaged { .. } => ErrorCode::BackupDamaged,
            StoreError::BackupForged(_) => ErrorCode::BackupForged,
            StoreError::BackupUnsigned(_) => ErrorCode::BackupUnsigned,
            StoreError::BackupNewerVersion { .. } => ErrorCode::NewerVersion,
            StoreError::BackupNeedsPassphrase => ErrorCode::InvalidInput,
            StoreError::RestoreWouldReplace(_) => ErrorCode::VaultExists,
            StoreError::HandoverNotForYou => ErrorCode::BackupWrongKey,
            StoreError::HandoverDamaged(_) => ErrorCode::BackupDamaged,
            StoreError::HandoverVersion { found, here } if found > here => ErrorCode::NewerVersion,
            StoreError::HandoverVersion { .. } => ErrorCode::InvalidInput,
            StoreError::HandoverConflict(_) => ErrorCode::MergeRefused,
            StoreError::HandoverForged => ErrorCode::BackupForged,
            StoreError::HandoverErased(_) | StoreError::RestoreBringsBackErased(_) => {
                ErrorCode::ImportRefused
            }
            StoreError::HandoverSignerNotAccepted { .. } => ErrorCode::SignerNotAccepted,
            StoreError::Database(_) => ErrorCode::DatabaseError,
        }
    }

    fn field(&self) -> Option<&str> {
        match self {
            StoreError::Invalid(e) => Some(&e.field),
            StoreError::WrongPassphrase => Some("passphrase"),
            StoreError::WrongRecoveryKey => Some("recovery_identity"),
            StoreError::NhsNumberTaken(..) => Some("nhs_number"),
            StoreError::IdentityMismatch { .. } => Some("nhs_number"),
            _ => None,
        }
    }

    fn problems(&self) -> Vec<linkwork_core::FieldProblem> {
        match self {
            StoreError::Invalid(e) => e.problems(),
            _ => self
                .field()
                .map(|f| {
                    vec![linkwork_core::FieldProblem {
                        field: f.into(),
                        message: self.to_string(),
                    }]
                })
                .unwrap_or_default(),
        }
    }

    fn related_person(&self) -> Option<&str> {
        match self {
            StoreError::OpenEpisodeExists { person_id, .. } => Some(person_id),
            StoreError::NhsNumberTaken(_, person_id) => Some(person_id),
            StoreError::IdentityMismatch { person_id, .. } => Some(person_id),
            _ => None,
        }
    }
}

fn signer_not_accepted(fingerprint: &str, from: Option<&str>, changed: Option<&str>) -> String {
    const CHECK: &str = "on a number you already have, and ask them to read out the signing fingerprint under Settings → Backup in their Linkwork. If it is the same, accept it and import. Nothing has been changed.";
    match changed {
        Some(name) => format!(
            "This handover says it is from {name}, but it is signed with a different key from the one you accepted for them (its fingerprint is {fingerprint}). Their key changes when they change their passphrase or recovery key, but this is also what a forgery would look like. Phone {name} {CHECK}"
        ),
        None => format!(
            "This handover is signed with a key you have not accepted yet (its fingerprint is {fingerprint}). Phone {} {CHECK}",
            from.map(str::trim).filter(|f| !f.is_empty()).unwrap_or("the sender")
        ),
    }
}
