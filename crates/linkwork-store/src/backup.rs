//! Backups: one age file holding a consistent snapshot of the database, which opens with the
//! vault's passphrase (as it was when the backup was made) or with the recovery key — and, with
//! the recovery key, with the stock `age` tool too.
//!
//! The age header has one X25519 stanza to the vault's own identity, one to the recovery recipient
//! when one is set, and a `linkwork-passphrase` stanza whose body is a standard age scrypt file
//! holding the vault's identity. (age allows its own scrypt stanza only alone in a header, so the
//! passphrase reaches the file key through the identity; no new cryptography is involved, and
//! other age tools skip a stanza type they do not know.) A backup is made without the passphrase:
//! the wrapped identity is kept in the database, rewrapped whenever the passphrase changes.
//!
//! The payload is a tar archive, in this order:
//! - `manifest.json` — [`Manifest`]: format, schema version, time, rows per table, SHA-256 of the
//!   database file, and the audit trail's anchor;
//! - `vault.json` — the vault's description (creation time, recovery public key);
//! - `snapshot.key` — the 32-byte key of the snapshot: a fresh key for each backup, never the live one;
//! - `linkwork.db` — the SQLCipher snapshot, written by `sqlcipher_export` inside one read
//!   transaction, so writers carry on and the copy is of one moment;
//! - `signature.json` (from format version 2) — the vault's Ed25519 signature over the other
//!   parts ([`signed_message`]; the database through the manifest's checksum). age alone shows
//!   damage, not forgery: anyone with the public handover key and a stanza copied from a leaked
//!   backup could make a file the passphrase opens. A restore accepts only a backup signed by the
//!   identity that opened it (with the passphrase) and that it holds.
//!
//! Nothing is ever written in plaintext: the snapshot is encrypted from its first byte, in a
//! private temporary folder that is removed afterwards. A restore checks everything before
//! anything in the target folder changes, then gives the database a fresh key.

use crate::{
    audit::{AuditAction, Entity},
    db,
    error::StoreError,
    files::write_vault_file,
    keys::{self, KdfCost, RawKey, RecoveryIdentity, RecoveryRecipient, VaultIdentity},
    migrations,
    paths::VaultPaths,
    settings,
    vault::{self, VaultMeta, VaultState},
    write::{write_on, Read, Worker},
    Result, Vault,
};
use age_core::format::{FileKey, Stanza};
use chrono::{DateTime, Utc};
use linkwork_core::{Clock, Passphrase};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::{
    collections::{BTreeMap, HashSet},
    fs::{self, File},
    io::{self, Read as _, Write},
    iter,
    path::{Path, PathBuf},
};
use zeroize::Zeroizing;

mod read;
use read::unpack_and_check;

pub const FORMAT: &str = "linkwork-backup";
/// 2: signed. Version 1 backups (unsigned) are verified and restored only when the person
/// says it is their own backup from before signing ([`RestoreTo::allow_unsigned`]).
pub const VERSION: u32 = 2;
/// Backup files are named `linkwork-backup-<time>.age`; automatic pruning only ever touches these.
pub const FILE_PREFIX: &str = "linkwork-backup-";
const PASSPHRASE_TAG: &str = "linkwork-passphrase";
const MANIFEST: &str = "manifest.json";
const VAULT: &str = "vault.json";
const KEY: &str = "snapshot.key";
const DB: &str = "linkwork.db";
const SIGNATURE: &str = "signature.json";

/// The signature part: the signer's public key and its signature, both hex.
#[derive(Serialize, Deserialize)]
struct SignatureFile {
    signer: String,
    signature: String,
}

/// What the signature covers: a label, then the SHA-256 of the manifest (which holds the
/// database's), the vault description and the snapshot key, exactly as archived.
fn signed_message(manifest: &[u8], vault: &[u8], key: &[u8]) -> Vec<u8> {
    let mut m = b"linkwork-backup-signature-v2\n".to_vec();
    for part in [manifest, vault, key] {
        m.extend_from_slice(&Sha256::digest(part));
    }
    m
}
/// The small members are read into memory; anything larger is not a Linkwork backup.
const SMALL_LIMIT: u64 = 1 << 20;

/// What a backup says about itself. Shown by `verify`; holds no patient data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: String,
    pub version: u32,
    /// The database's data version (`user_version`).
    pub schema_version: u32,
    pub created_at: DateTime<Utc>,
    /// Rows in each table at the moment of the snapshot.
    pub counts: BTreeMap<String, u64>,
    /// SHA-256 of `linkwork.db`, hex.
    pub sha256: String,
    /// Size of `linkwork.db` in bytes.
    pub bytes: u64,
    /// Where the audit trail stood at the snapshot (signed with the rest), so a later
    /// `audit verify --against` shows rows deleted since. Absent in backups before it was kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audit: Option<crate::audit::Anchor>,
}

/// What a backup needs from an unlocked vault ([`Vault::backup_source`]): its own connection (so
/// the session is free while the backup runs) and the keys to encrypt to.
pub struct Source {
    pub(crate) paths: crate::paths::VaultPaths,
    pub(crate) worker: Worker,
    pub(crate) meta: VaultMeta,
    pub(crate) identity: age::x25519::Recipient,
    pub(crate) signer: keys::Signer,
    pub(crate) wrapped_identity: Vec<u8>,
    pub(crate) recovery: Option<RecoveryRecipient>,
}

impl Source {
    /// True when the recovery key opens backups too.
    pub fn to_recovery(&self) -> bool {
        self.recovery.is_some()
    }

    /// Records a finished backup in the vault (the caseload's reminder counts from it), and
    /// deletes the copies made before schema upgrades: the backup holds everything they held.
    pub fn record(&mut self, at: DateTime<Utc>) -> Result<()> {
        self.worker.write(|tx| settings::mark_backup_made(tx, at))?;
        vault::prune_pre_migration_copies(&self.paths, None);
        Ok(())
    }
}

/// What opens a backup.
#[derive(Clone, Copy)]
pub enum Opener<'a> {
    /// The vault's passphrase when the backup was made.
    Passphrase(&'a Passphrase),
    Recovery(&'a RecoveryIdentity),
}

/// Progress: `(done, total)` bytes; return `false` to stop (the backup is then cancelled).
pub type Progress<'a> = &'a mut dyn FnMut(u64, u64) -> bool;

/// Writes a backup of `source` to `out`: the snapshot, then the encrypted archive.
pub fn write(
    source: &Source,
    out: &mut dyn Write,
    now: DateTime<Utc>,
    progress: Progress<'_>,
) -> Result<Manifest> {
    let tmp = private_temp_dir(None)?;
    let snap = tmp.path().join(DB);
    let key = RawKey::generate();
    let (schema_version, counts, audit) = snapshot(source.worker.conn(), &snap, &key)?;
    let (sha256, bytes) = hash_file(&snap)?;
    let manifest = Manifest {
        format: FORMAT.into(),
        version: VERSION,
        schema_version,
        created_at: now,
        counts,
        sha256,
        bytes,
        audit,
    };
    if !progress(0, bytes) {
        return Err(StoreError::Cancelled("backup"));
    }

    let passphrase = PassphraseStanza(source.wrapped_identity.clone());
    let mut recipients: Vec<&dyn age::Recipient> = vec![&source.identity, &passphrase];
    if let Some(r) = &source.recovery {
        recipients.push(r.age_recipient());
    }
    let wrap_err = |e: age::EncryptError| StoreError::KeyWrap(e.to_string());
    let encryptor = age::Encryptor::with_recipients(recipients.into_iter()).map_err(wrap_err)?;
    let io_err = |e: io::Error| match e.kind() {
        io::ErrorKind::Interrupted => StoreError::Cancelled("backup"),
        _ => StoreError::io("write", "the backup", e),
    };
    let mut sealed = encryptor.wrap_output(out).map_err(io_err)?;
    let (manifest_json, vault_json) = (to_json(&manifest), to_json(&source.meta));
    let signature = SignatureFile {
        signer: source.signer.public().to_hex(),
        signature: hex::encode(source.signer.sign(&signed_message(
            &manifest_json,
            &vault_json,
            key.bytes(),
        ))),
    };
    {
        let mut tar = tar::Builder::new(&mut sealed);
        append(&mut tar, MANIFEST, &manifest_json, now).map_err(io_err)?;
        append(&mut tar, VAULT, &vault_json, now).map_err(io_err)?;
        append(&mut tar, KEY, key.bytes(), now).map_err(io_err)?;
        let file = File::open(&snap).map_err(|e| StoreError::io("read", &snap, e))?;
        let mut counted = Counted {
            inner: file,
            done: 0,
            total: bytes,
            progress,
        };
        let mut h = header(bytes, now);
        tar.append_data(&mut h, DB, &mut counted).map_err(io_err)?;
        append(&mut tar, SIGNATURE, &to_json(&signature), now).map_err(io_err)?;
        tar.finish().map_err(io_err)?;
    }
    sealed.finish().map_err(io_err)?;
    Ok(manifest)
}

/// What a verified backup holds.
#[derive(Debug, Clone)]
pub struct Verified {
    pub manifest: Manifest,
    pub vault: VaultMeta,
    /// The signer's fingerprint; `None` for a backup made before backups were signed.
    pub signed_by: Option<String>,
}

/// Where and how a backup is restored.
#[derive(Debug, Clone, Copy)]
pub struct RestoreTo<'a> {
    /// The data folder to restore into.
    pub target: &'a Path,
    /// Replace a vault already there (it is moved aside, not deleted).
    pub replace: bool,
    /// Accept a backup made before backups were signed (format version 1), which cannot be
    /// told from a forgery: only for the person's own old backup.
    pub allow_unsigned: bool,
    /// What to do with people in the backup who were erased from the vault it replaces (by the
    /// erasure records kept beside that vault's database); `None` refuses when there are any.
    pub erased: Option<crate::handover::ErasedChoice>,
}

/// Decrypts and checks a backup without touching any vault: the archive, the checksum, SQLCipher's
/// page check, SQLite's structure and link checks, and the rows per table against the manifest.
/// The snapshot goes to a private temporary folder that is removed afterwards.
pub fn verify(file: &Path, opener: Opener<'_>) -> Result<Verified> {
    let tmp = private_temp_dir(None)?;
    let (verified, _key) = unpack_and_check(file, opener, &tmp.path().join(DB))?;
    Ok(verified)
}

/// What a restore did.
#[derive(Debug, Clone)]
pub struct Restored {
    pub dir: PathBuf,
    /// Where the vault that was in `dir` went (moved, never deleted).
    pub moved_aside: Option<PathBuf>,
    pub verified: Verified,
    /// People in the backup erased from the replaced vault since: erased again, or kept.
    pub erased: Vec<crate::rights::ErasedInBackup>,
    /// The replaced vault had erasure records, but this backup is from a data version that
    /// cannot be checked against them.
    pub erasures_unchecked: bool,
}

/// Restores a backup into `target` as a working vault that `passphrase` opens (the backup's own
/// passphrase, or a new one after opening it with the recovery key). Everything is checked in a
/// staging folder beside `target` first; an existing vault there is replaced only when `replace`
/// is set, and then moved aside, not deleted. The restored database gets a fresh key, so the
/// backup file alone no longer matches the live key files.
pub fn restore(
    file: &Path,
    opener: Opener<'_>,
    to: RestoreTo<'_>,
    passphrase: &Passphrase,
    cost: KdfCost,
    clock: &dyn Clock,
) -> Result<Restored> {
    let RestoreTo {
        target, replace, ..
    } = to;
    let occupied = match Vault::inspect(target) {
        Ok(VaultState::Absent { folder_exists }) => folder_exists && !is_empty_dir(target),
        Ok(VaultState::Present(_)) | Err(_) => true,
    };
    if occupied && !replace {
        return Err(StoreError::RestoreWouldReplace(target.into()));
    }
    vault::refuse_synced(target, &crate::platform::synced_folders())?;
    // Not while it is open elsewhere: held until the old vault has moved aside.
    let _in_use = if occupied {
        Some(vault::InstanceLock::acquire(target)?)
    } else {
        None
    };
    let parent = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !parent.is_dir() {
        return Err(StoreError::DataFolderParentMissing(target.into()));
    }
    // Staged beside the target, so moving it into place is a rename on the same disk.
    let staging = private_temp_dir(Some(&parent))?;
    let paths = VaultPaths::new(staging.path());
    let (verified, old_key) = unpack_and_check(file, opener, &paths.db())?;
    if verified.signed_by.is_none() && !to.allow_unsigned {
        return Err(StoreError::BackupUnsigned(file.into()));
    }

    let new_key = RawKey::generate();
    {
        let conn = db::open_snapshot(&paths.db(), &old_key)?;
        db::rekey(&conn, &new_key)?;
        conn.close().map_err(|(_, e)| StoreError::Database(e))?;
    }
    let mut conn = db::open(&paths.db(), &new_key, db::Mode::Existing)?;
    let identity = settings::vault_identity(Read::new(&conn))?
        .ok_or_else(|| damaged(file, "it holds no vault identity"))?;
    let wrapped = identity.wrap_with_passphrase(passphrase, cost)?;
    // Erased stays erased: the vault being replaced keeps its erasure records beside its
    // database. A backup at this data version (same vault, so the same keyed hashes) is checked
    // against them before anything changes.
    let kept = if occupied {
        crate::rights::read_erasures_file(&VaultPaths::new(target).erasures())
    } else {
        vec![]
    };
    let checkable = migrations::version_of(&conn)? == migrations::latest_version()
        && crate::audit::keyed_hash(&conn, "probe", "").is_ok();
    let erased = if checkable && !kept.is_empty() {
        crate::rights::erased_in(&conn, &kept)?
    } else {
        vec![]
    };
    if !erased.is_empty() && to.erased.is_none() {
        return Err(StoreError::RestoreBringsBackErased(
            erased
                .iter()
                .map(|e| {
                    format!(
                        "{} (erased on {})",
                        e.name,
                        linkwork_core::dates::format_date_gb(e.erased.on)
                    )
                })
                .collect::<Vec<_>>()
                .join("; "),
        ));
    }
    write_on(&mut conn, clock, |tx| {
        settings::set_wrapped_identity(tx, &wrapped)?;
        tx.audit(AuditAction::Restore, Entity::Vault, None)?;
        if checkable {
            let brought_back: Vec<&String> = match to.erased {
                Some(crate::handover::ErasedChoice::BringBack) => {
                    erased.iter().flat_map(|e| &e.keys).collect()
                }
                _ => vec![],
            };
            let remembered: Vec<_> = kept
                .iter()
                .filter(|l| !brought_back.contains(&&l.key_hash))
                .cloned()
                .collect();
            crate::rights::remember_lines(tx, &remembered)?;
            if to.erased == Some(crate::handover::ErasedChoice::LeaveOut) {
                for e in &erased {
                    crate::rights::erase_person(tx, &e.person)?;
                }
            }
        }
        Ok(())
    })?;
    if checkable {
        crate::rights::write_erasures_file(&conn, &paths.erasures())?;
    }
    conn.close().map_err(|(_, e)| StoreError::Database(e))?;

    write_vault_file(
        &paths.passphrase_key(),
        &keys::wrap_with_passphrase(&new_key, passphrase, cost)?,
    )?;
    if let Some(r) = &verified.vault.recovery_recipient {
        let r = RecoveryRecipient::parse("recovery", r)
            .map_err(|_| damaged(file, "its recovery public key is not valid"))?;
        write_vault_file(
            &paths.recovery_key(),
            &keys::wrap_to_recipient(&new_key, &r)?,
        )?;
    }
    vault::write_meta(&paths, &verified.vault)?;

    // Only now does anything at the target change.
    let moved_aside = if target.exists() {
        if occupied {
            let aside = aside_name(target, clock.now());
            fs::rename(target, &aside).map_err(|e| StoreError::io("move aside", target, e))?;
            Some(aside)
        } else {
            fs::remove_dir(target).map_err(|e| StoreError::io("replace", target, e))?;
            None
        }
    } else {
        None
    };
    let staged = staging.keep();
    fs::rename(&staged, target).map_err(|e| StoreError::io("move into place", target, e))?;
    crate::files::sync_dir(&parent);
    Ok(Restored {
        dir: target.into(),
        moved_aside,
        verified,
        erasures_unchecked: !checkable && !kept.is_empty(),
        erased,
    })
}

/// The newest-first list of backup files in `folder` made by Linkwork (by name), for pruning.
pub fn list(folder: &Path) -> Result<Vec<PathBuf>> {
    let mut found: Vec<PathBuf> = fs::read_dir(folder)
        .map_err(|e| StoreError::io("read the folder", folder, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(FILE_PREFIX) && n.ends_with(".age"))
        })
        .collect();
    // Names carry a sortable UTC time.
    found.sort();
    found.reverse();
    Ok(found)
}

/// A backup file name for `now`, to the millisecond so that two backups a second apart both
/// keep theirs: `linkwork-backup-20261206T101500123Z.age`.
pub fn file_name(now: DateTime<Utc>) -> String {
    format!("{FILE_PREFIX}{}.age", now.format("%Y%m%dT%H%M%S%3fZ"))
}

/// A new backup file in `folder` for about `now`: a later millisecond if that name is taken, so
/// names stay unique and in time order.
pub fn new_file_in(folder: &Path, now: DateTime<Utc>) -> PathBuf {
    (0..)
        .map(|ms| folder.join(file_name(now + chrono::Duration::milliseconds(ms))))
        .find(|p| !p.exists())
        .expect("some millisecond is free")
}

/// Copies the consistent state of the open database into a new SQLCipher file keyed with `key`.
type Snapshot = (u32, BTreeMap<String, u64>, Option<crate::audit::Anchor>);

fn snapshot(conn: &Connection, dest: &Path, key: &RawKey) -> Result<Snapshot> {
    let dest_str = dest.to_str().ok_or_else(|| StoreError::Io {
        action: "write the backup",
        path: dest.into(),
        reason: "the folder name is not valid text".into(),
    })?;
    keys::create_private(dest).map_err(|e| StoreError::io("write the backup", dest, e))?;
    conn.execute(
        "ATTACH DATABASE ?1 AS snapshot KEY ?2",
        rusqlite::params![dest_str, &*key.sqlcipher_literal()],
    )?;
    let copied = (|| -> Result<Snapshot> {
        // One read transaction: the export and the counts see the same moment, whatever other
        // connections write meanwhile.
        conn.execute_batch("BEGIN")?;
        let inside = (|| {
            conn.query_row("SELECT count(*) FROM main.sqlite_master", [], |_| Ok(()))?;
            let version: u32 = conn.query_row("PRAGMA main.user_version", [], |r| r.get(0))?;
            conn.query_row("SELECT sqlcipher_export('snapshot')", [], |_| Ok(()))?;
            conn.execute_batch(&format!("PRAGMA snapshot.user_version = {version};"))?;
            Ok((
                version,
                count_tables(conn, "main")?,
                crate::audit::anchor_on(conn)?,
            ))
        })();
        let end = if inside.is_ok() { "COMMIT" } else { "ROLLBACK" };
        conn.execute_batch(end)?;
        inside
    })();
    let detached = conn.execute_batch("DETACH DATABASE snapshot");
    let copied = copied?;
    detached?;
    Ok(copied)
}

/// Rows per ordinary table (FTS shadow tables and SQLite's own are left out).
fn count_tables(conn: &Connection, schema: &str) -> Result<BTreeMap<String, u64>> {
    let names: Vec<String> = {
        let mut stmt = conn.prepare(
            "SELECT name FROM pragma_table_list WHERE schema = ?1 AND type = 'table'
             AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )?;
        let rows = stmt.query_map([schema], |r| r.get(0))?;
        rows.collect::<std::result::Result<_, _>>()?
    };
    let mut out = BTreeMap::new();
    for name in names {
        let sql = format!(
            "SELECT count(*) FROM \"{schema}\".\"{}\"",
            name.replace('"', "\"\"")
        );
        let n: i64 = conn.query_row(&sql, [], |r| r.get(0))?;
        out.insert(name, n as u64);
    }
    Ok(out)
}

fn hash_file(path: &Path) -> Result<(String, u64)> {
    let mut f = File::open(path).map_err(|e| StoreError::io("read", path, e))?;
    let mut h = Sha256::new();
    let n = io::copy(&mut f, &mut h).map_err(|e| StoreError::io("read", path, e))?;
    Ok((hex::encode(h.finalize()), n))
}

fn header(size: u64, now: DateTime<Utc>) -> tar::Header {
    let mut h = tar::Header::new_ustar();
    h.set_size(size);
    h.set_mode(0o600);
    h.set_mtime(now.timestamp().max(0) as u64);
    h
}

fn append<W: Write>(
    tar: &mut tar::Builder<W>,
    name: &str,
    bytes: &[u8],
    now: DateTime<Utc>,
) -> io::Result<()> {
    let mut h = header(bytes.len() as u64, now);
    tar.append_data(&mut h, name, bytes)
}

fn to_json<T: Serialize>(v: &T) -> Vec<u8> {
    serde_json::to_vec_pretty(v).expect("serialises")
}

/// Reports progress while the snapshot is copied into the archive, and stops when asked.
struct Counted<'p, R> {
    inner: R,
    done: u64,
    total: u64,
    progress: Progress<'p>,
}

impl<R: io::Read> io::Read for Counted<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.done += n as u64;
        if !(self.progress)(self.done, self.total) {
            return Err(io::Error::new(io::ErrorKind::Interrupted, "cancelled"));
        }
        Ok(n)
    }
}

/// The `linkwork-passphrase` stanza: the vault's identity, wrapped to the passphrase.
struct PassphraseStanza(Vec<u8>);

impl age::Recipient for PassphraseStanza {
    fn wrap_file_key(
        &self,
        _: &FileKey,
    ) -> std::result::Result<(Vec<Stanza>, HashSet<String>), age::EncryptError> {
        Ok((
            vec![Stanza {
                tag: PASSPHRASE_TAG.into(),
                args: vec![],
                body: self.0.clone(),
            }],
            HashSet::new(),
        ))
    }
}

fn damaged(file: &Path, reason: &str) -> StoreError {
    StoreError::BackupDamaged {
        file: file.into(),
        reason: reason.into(),
    }
}

/// A folder only this user can read, removed when dropped (also on error).
fn private_temp_dir(inside: Option<&Path>) -> Result<tempfile::TempDir> {
    let mut b = tempfile::Builder::new();
    b.prefix(".linkwork-");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        b.permissions(fs::Permissions::from_mode(0o700));
    }
    let made = match inside {
        Some(dir) => b.tempdir_in(dir),
        None => b.tempdir(),
    };
    let made = made.and_then(|d| crate::platform::tighten(d.path()).map(|()| d));
    made.map_err(|e| {
        StoreError::io(
            "make a private folder in",
            inside.unwrap_or(Path::new("the temporary folder")),
            e,
        )
    })
}

fn is_empty_dir(dir: &Path) -> bool {
    fs::read_dir(dir).is_ok_and(|mut d| d.next().is_none())
}

/// `<folder>.replaced-<time>`, beside it.
fn aside_name(target: &Path, now: DateTime<Utc>) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "linkwork".into());
    target.with_file_name(format!("{name}.replaced-{}", now.format("%Y%m%dT%H%M%SZ")))
}
