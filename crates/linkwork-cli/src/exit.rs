//! Exit codes: every error code the core can report maps to one, by an exhaustive `match`, so a
//! new code cannot ship without a documented exit code. `--help` and the README list them.

use linkwork_core::ErrorCode;

/// The exit codes and what they mean (0 is success, 2 a bad command line, from clap).
pub const MEANINGS: &[(u8, &str)] = &[
    (0, "done"),
    (1, "an internal error in Linkwork (please report it)"),
    (2, "bad command line"),
    (3, "no vault here, or a problem with the data folder or a file"),
    (4, "wrong passphrase or key (for the vault, a backup or a report), or a colleague's key not yet accepted"),
    (5, "vault or backup damaged, incomplete or failing its integrity check"),
    (6, "vault written by a newer version of Linkwork"),
    (7, "invalid input, a feed with problems, or a conflict with existing records (the message names the field)"),
    (8, "the vault is open elsewhere, or was locked or a task cancelled before the command finished"),
    (9, "the vault could not be updated or written (nothing was changed); try again"),
];

pub fn exit_code(code: ErrorCode) -> u8 {
    use ErrorCode::*;
    match code {
        Internal | UnknownCommand | ExportInvalid | EncryptionUnavailable => 1,
        NoDataFolder
        | DataFolderMissing
        | DataFolderParentMissing
        | DataFolderSynced
        | NoVault
        | VaultExists
        | FileError
        | ReportUnreadable => 3,
        WrongPassphrase | WrongRecoveryKey | ReportWrongKey | BackupWrongKey
        | SignerNotAccepted => 4,
        VaultIncomplete | KeyFileDamaged | KeyFileTooCostly | DatabaseDamaged
        | PlaintextDatabase | IntegrityFailed | BackupDamaged | BackupForged | BackupUnsigned => 5,
        NewerVersion => 6,
        InvalidInput | BadRequest | SecretUnreadable | OpenEpisodeExists | PossibleDuplicate
        | NhsNumberTaken | NotFound | EpisodeClosed | DraftPending | ImportRefused | FileExists
        | PathInDataFolder | EnteredInError | ConcernClosed | MergeRefused | IdentityMismatch
        | NothingToReport | ReportMismatch => 7,
        Locked | Cancelled | Busy | VaultInUse => 8,
        MigrationFailed | DatabaseError | KeyWrapFailed => 9,
    }
}

/// The `--help` footer: how secrets are read, then each exit code with the error codes behind it.
pub fn help() -> String {
    let mut out = String::from(
        "Passphrases are never taken as arguments. They come from --passphrase-file FILE (- for standard\n\
         input), from a prompt when run in a terminal, or otherwise one per line from standard input.\n\n\
         Exit codes:\n",
    );
    for (n, meaning) in MEANINGS {
        out.push_str(&format!("  {n}  {meaning}\n"));
        let codes: Vec<&str> = ErrorCode::ALL
            .iter()
            .filter(|c| exit_code(**c) == *n)
            .map(|c| c.as_str())
            .collect();
        if !codes.is_empty() {
            out.push_str(&format!("     ({})\n", codes.join(", ")));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_code_has_a_documented_exit_code() {
        for c in ErrorCode::ALL {
            let n = exit_code(*c);
            assert!(
                MEANINGS.iter().any(|(m, _)| *m == n),
                "{c} → {n} is not documented"
            );
            assert!(
                ![0, 2].contains(&n),
                "{c} must not look like success or a usage error"
            );
            assert!(help().contains(c.as_str()), "{c} missing from --help");
        }
    }
}
