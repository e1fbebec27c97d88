//! Changing how the vault opens (passphrase, recovery key) as one step that a crash cannot split.
//!
//! A change gives the database a fresh key, so an old key file and the old passphrase open
//! nothing current. The new key files and `vault.json` are first written into a staging folder;
//! the database is re-encrypted (one SQLCipher transaction); a `ready` marker is written; then the
//! staged files are moved into place. Whatever the moment of a crash, the next unlock finds a
//! consistent vault:
//! - marker present: the move is finished, with no secret needed (it is only renames);
//! - no marker: the database holds the old key or the new one; the unlock tries the files in
//!   place, then the staged ones, and keeps whichever opens the database.

use crate::{
    error::StoreError,
    files::write_vault_file,
    paths::{VaultPaths, META_FILE, PASSPHRASE_KEY_FILE, RECOVERY_KEY_FILE},
    vault::VaultMeta,
    Result,
};
use std::{fs, path::PathBuf};

const READY: &str = "ready";

fn staged(paths: &VaultPaths, name: &str) -> PathBuf {
    paths.key_change().join(name)
}

/// Writes the new key files and description into a fresh staging folder.
pub(crate) fn stage(
    paths: &VaultPaths,
    passphrase_key: &[u8],
    recovery_key: Option<&[u8]>,
    meta: &VaultMeta,
) -> Result<()> {
    discard(paths)?;
    let dir = paths.key_change();
    crate::vault::make_private_folder(&dir, false)?;
    write_vault_file(&staged(paths, PASSPHRASE_KEY_FILE), passphrase_key)?;
    if let Some(r) = recovery_key {
        write_vault_file(&staged(paths, RECOVERY_KEY_FILE), r)?;
    }
    let json = serde_json::to_vec_pretty(meta).expect("meta serialises");
    write_vault_file(&staged(paths, META_FILE), &json)
}

/// The database now holds the new key: from here the change only goes forward.
pub(crate) fn mark_ready(paths: &VaultPaths) -> Result<()> {
    write_vault_file(
        &staged(paths, READY),
        b"the database holds the staged key\n",
    )
}

pub(crate) fn is_pending(paths: &VaultPaths) -> bool {
    paths.key_change().is_dir()
}

pub(crate) fn is_ready(paths: &VaultPaths) -> bool {
    staged(paths, READY).exists()
}

/// The staged passphrase key file, if a change is pending.
pub(crate) fn staged_passphrase_key(paths: &VaultPaths) -> PathBuf {
    staged(paths, PASSPHRASE_KEY_FILE)
}

pub(crate) fn staged_recovery_key(paths: &VaultPaths) -> PathBuf {
    staged(paths, RECOVERY_KEY_FILE)
}

/// Moves the staged files into place. Only renames, so it can run again after a crash part-way:
/// the description moves last, and says whether a recovery key file should remain.
pub(crate) fn promote(paths: &VaultPaths) -> Result<VaultMeta> {
    let meta_file = staged(paths, META_FILE);
    let meta: VaultMeta = match fs::read(&meta_file) {
        Ok(raw) => serde_json::from_slice(&raw).map_err(|_| StoreError::Io {
            action: "finish the key change in",
            path: paths.key_change(),
            reason: "its vault description is damaged".into(),
        })?,
        // Already moved: only the folder is left to remove.
        Err(_) => crate::vault::read_meta(paths)?,
    };
    let rename = |name: &str, to: PathBuf| -> Result<()> {
        let from = staged(paths, name);
        if from.exists() {
            crate::platform::replace(&from, &to)
                .map_err(|e| StoreError::io("move into place", &to, e))?;
        }
        Ok(())
    };
    rename(PASSPHRASE_KEY_FILE, paths.passphrase_key())?;
    if staged_recovery_key(paths).exists() {
        rename(RECOVERY_KEY_FILE, paths.recovery_key())?;
    } else if meta_file.exists() && meta.recovery_recipient.is_none() {
        let old = paths.recovery_key();
        if old.exists() {
            fs::remove_file(&old).map_err(|e| StoreError::io("remove", &old, e))?;
        }
    }
    rename(META_FILE, paths.meta())?;
    crate::files::sync_dir(paths.dir());
    discard(paths)?;
    Ok(meta)
}

/// Removes the staging folder (a change that never reached the database, or a finished one).
pub(crate) fn discard(paths: &VaultPaths) -> Result<()> {
    let dir = paths.key_change();
    if dir.exists() {
        fs::remove_dir_all(&dir).map_err(|e| StoreError::io("remove", &dir, e))?;
    }
    Ok(())
}
