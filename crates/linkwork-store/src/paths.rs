//! The files that make up a vault. Everything lives in one data folder so a backup is one copy.

use std::path::{Path, PathBuf};

pub const META_FILE: &str = "vault.json";
pub const PASSPHRASE_KEY_FILE: &str = "key-passphrase.age";
pub const RECOVERY_KEY_FILE: &str = "key-recovery.age";
pub const DB_FILE: &str = "linkwork.db";
pub const BACKUP_DIR: &str = "backups";
/// Locked (never written) while a vault is open, so a second app or command line is refused.
pub const LOCK_FILE: &str = "linkwork.lock";
/// New key files wait here while a passphrase or recovery key change is under way.
pub const KEY_CHANGE_DIR: &str = "key-change";
/// The erasure records beside the database (keyed hashes and dates, nothing readable), so a
/// restore, which replaces the database, still knows who was erased.
pub const ERASURES_FILE: &str = "erasures.txt";

#[derive(Debug, Clone)]
pub struct VaultPaths {
    dir: PathBuf,
}

impl VaultPaths {
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self { dir: dir.into() }
    }
    pub fn dir(&self) -> &Path {
        &self.dir
    }
    pub fn meta(&self) -> PathBuf {
        self.dir.join(META_FILE)
    }
    pub fn passphrase_key(&self) -> PathBuf {
        self.dir.join(PASSPHRASE_KEY_FILE)
    }
    pub fn recovery_key(&self) -> PathBuf {
        self.dir.join(RECOVERY_KEY_FILE)
    }
    pub fn db(&self) -> PathBuf {
        self.dir.join(DB_FILE)
    }
    pub fn db_sidecars(&self) -> [PathBuf; 2] {
        [
            self.dir.join(format!("{DB_FILE}-wal")),
            self.dir.join(format!("{DB_FILE}-shm")),
        ]
    }
    pub fn backups(&self) -> PathBuf {
        self.dir.join(BACKUP_DIR)
    }
    pub fn key_change(&self) -> PathBuf {
        self.dir.join(KEY_CHANGE_DIR)
    }
    pub fn erasures(&self) -> PathBuf {
        self.dir.join(ERASURES_FILE)
    }
    pub fn instance_lock(&self) -> PathBuf {
        self.dir.join(LOCK_FILE)
    }
    /// Every file a vault may consist of, for "is anything here already?" checks.
    pub fn all_vault_files(&self) -> Vec<PathBuf> {
        let mut v = vec![
            self.meta(),
            self.passphrase_key(),
            self.recovery_key(),
            self.db(),
        ];
        v.extend(self.db_sidecars());
        v
    }
}
