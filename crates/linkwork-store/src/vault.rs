//! The vault: a data folder holding an SQLCipher database and the age files that wrap its key.
//!
//! Lifecycle: [`Vault::inspect`] (no secrets needed) → [`Vault::create`] or [`Vault::unlock`] →
//! [`Vault::read`] and [`Vault::write`] (the one write path) → drop or [`Vault::lock`], which
//! closes the database and wipes the key.

use crate::{
    audit::{AuditAction, Entity},
    db,
    error::StoreError,
    files::write_vault_file,
    key_change,
    keys::{self, KdfCost, RawKey, RecoveryIdentity, RecoveryRecipient, VaultIdentity},
    migrations::{self, Migrated, Migration, MIGRATIONS},
    paths::VaultPaths,
    settings,
    write::{write_on, Read, Tx, Worker},
    Result,
};
use chrono::{DateTime, Utc};
use linkwork_core::{Clock, Passphrase, SystemClock};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use std::{
    fs,
    path::{Path, PathBuf},
    sync::Arc,
};

mod credentials;

const META_FORMAT: u32 = 1;

/// `vault.json`: the only plaintext file, and it holds no patient data — just what the unlock
/// screen needs before the database can be opened. Written last at creation, so its presence
/// marks a finished vault.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VaultMeta {
    pub format: u32,
    pub created_at: DateTime<Utc>,
    /// The recovery public key (`age1…`), if one is set up.
    pub recovery_recipient: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VaultState {
    /// Nothing here yet: creating a vault is safe. `folder_exists` is false when the folder itself is missing.
    Absent { folder_exists: bool },
    /// A complete vault, locked until a passphrase or recovery key opens it.
    Present(VaultMeta),
}

/// What proved the right to open the vault.
pub enum Credential<'a> {
    Passphrase(&'a Passphrase),
    Recovery(&'a RecoveryIdentity),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IntegrityReport {
    pub data_version: u32,
    pub problems: Vec<String>,
}

impl IntegrityReport {
    pub fn is_ok(&self) -> bool {
        self.problems.is_empty()
    }
}

/// How to open a vault: where time comes from, and which migrations to apply (tests add some).
#[derive(Clone)]
pub struct Options<'m> {
    pub clock: Arc<dyn Clock>,
    pub migrations: &'m [Migration],
    /// Open alongside the app (a scheduled `linkwork backup`): no instance lock is taken. SQLite
    /// keeps the connections safe; the lock only stops two people working in one vault at once.
    pub shared: bool,
    /// Folders a sync client copies to the cloud (OneDrive): a vault inside one is refused.
    pub synced_folders: Vec<PathBuf>,
}

impl Default for Options<'static> {
    fn default() -> Self {
        Self {
            clock: Arc::new(SystemClock),
            migrations: MIGRATIONS,
            shared: false,
            synced_folders: crate::platform::synced_folders(),
        }
    }
}

/// Refuses a data folder inside a folder that a sync client copies to the cloud and to other
/// computers: a copy taken mid-write is a damaged vault, and two laptops could open one vault.
pub(crate) fn refuse_synced(dir: &Path, synced: &[PathBuf]) -> Result<()> {
    match crate::platform::synced_folder_holding(dir, synced) {
        Some(synced) => Err(StoreError::DataFolderSynced {
            dir: dir.into(),
            synced,
        }),
        None => Ok(()),
    }
}

/// Held while a vault is open: a second app or command line on the same data folder is refused
/// rather than writing alongside, and two creates cannot race. An advisory lock (`flock`) on a
/// file of its own, never on the database; the kernel drops it when the process ends, however
/// it ends.
pub(crate) struct InstanceLock {
    _file: fs::File,
}

impl std::fmt::Debug for InstanceLock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("InstanceLock")
    }
}

impl InstanceLock {
    pub(crate) fn acquire(dir: &Path) -> Result<Self> {
        let path = VaultPaths::new(dir).instance_lock();
        let file =
            crate::platform::open_private(&path).map_err(|e| StoreError::io("open", &path, e))?;
        match file.try_lock() {
            Ok(()) => Ok(Self { _file: file }),
            Err(fs::TryLockError::WouldBlock) => Err(StoreError::VaultInUse(dir.into())),
            Err(fs::TryLockError::Error(e)) => Err(StoreError::io("lock", &path, e)),
        }
    }
}

/// An unlocked vault. Holding one means holding the key; dropping it closes the database and
/// wipes the key from memory.
pub struct Vault {
    _instance: Option<InstanceLock>,
    paths: VaultPaths,
    key: RawKey,
    conn: Connection,
    meta: VaultMeta,
    migrated: Migrated,
    opened_with_recovery: bool,
    clock: Arc<dyn Clock>,
}

impl std::fmt::Debug for Vault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Vault")
            .field("dir", &self.paths.dir())
            .finish_non_exhaustive()
    }
}

impl Vault {
    /// Looks at a data folder without any secret. Errors when a vault is there but incomplete, so a
    /// caller can never mistake a damaged vault for an empty folder and create over it.
    pub fn inspect(dir: &Path) -> Result<VaultState> {
        let paths = VaultPaths::new(dir);
        if !dir.is_dir() {
            return Ok(VaultState::Absent {
                folder_exists: false,
            });
        }
        if !paths.all_vault_files().iter().any(|p| p.exists()) {
            return Ok(VaultState::Absent {
                folder_exists: true,
            });
        }
        for required in [paths.meta(), paths.passphrase_key(), paths.db()] {
            if !required.exists() {
                let missing = required.file_name().unwrap().to_string_lossy().into_owned();
                return Err(StoreError::VaultIncomplete {
                    dir: dir.into(),
                    missing,
                });
            }
        }
        Ok(VaultState::Present(read_meta(&paths)?))
    }

    /// Creates a new vault in `dir` (made if missing; its parent must exist). Refuses if any vault
    /// file is already there. On failure, removes only what it wrote.
    pub fn create(
        dir: &Path,
        passphrase: &Passphrase,
        recovery: Option<&RecoveryRecipient>,
        cost: KdfCost,
    ) -> Result<Vault> {
        Self::create_with(dir, passphrase, recovery, cost, Options::default())
    }

    /// As [`Vault::create`], with a clock and migration list.
    pub fn create_with(
        dir: &Path,
        passphrase: &Passphrase,
        recovery: Option<&RecoveryRecipient>,
        cost: KdfCost,
        options: Options<'_>,
    ) -> Result<Vault> {
        let clock = options.clock;
        let paths = VaultPaths::new(dir);
        refuse_synced(dir, &options.synced_folders)?;
        make_private_folder(dir, true)?;
        let instance = InstanceLock::acquire(dir)?;
        if paths.all_vault_files().iter().any(|p| p.exists()) {
            return Err(StoreError::VaultExists(dir.into()));
        }
        let key = RawKey::generate();
        let built = (|| {
            write_vault_file(
                &paths.passphrase_key(),
                &keys::wrap_with_passphrase(&key, passphrase, cost)?,
            )?;
            if let Some(r) = recovery {
                write_vault_file(&paths.recovery_key(), &keys::wrap_to_recipient(&key, r)?)?;
            }
            let mut conn = db::open(&paths.db(), &key, db::Mode::New)?;
            let now = clock.now().to_rfc3339();
            let migrated =
                migrations::migrate(&mut conn, options.migrations, &now, |_, _, _| Ok(()))?;
            ensure_identity(&mut conn, &*clock, Some(passphrase), cost)?;
            write_on(&mut conn, &*clock, |tx| {
                tx.audit(AuditAction::Create, Entity::Vault, None)
            })?;
            let meta = VaultMeta {
                format: META_FORMAT,
                created_at: clock.now(),
                recovery_recipient: recovery.map(|r| r.as_str().to_string()),
            };
            write_meta(&paths, &meta)?;
            // SQLite's -wal and -shm: private already on Linux (SQLite copies the database's
            // mode) and on Windows (the folder's entry is inherited); made so wherever neither holds.
            tighten_all(&paths);
            Ok((conn, meta, migrated))
        })();
        match built {
            Ok((conn, meta, migrated)) => Ok(Vault {
                _instance: Some(instance),
                paths,
                key,
                conn,
                meta,
                migrated,
                opened_with_recovery: false,
                clock,
            }),
            Err(e) => {
                // Nothing was here before we started (checked above), so everything here is ours.
                for f in paths.all_vault_files() {
                    let _ = fs::remove_file(f);
                }
                Err(e)
            }
        }
    }

    /// Opens an existing vault with the passphrase or the recovery key.
    pub fn unlock(dir: &Path, credential: Credential<'_>) -> Result<Vault> {
        Self::unlock_with(dir, credential, Options::default())
    }

    /// As [`Vault::unlock`], with an explicit migration list (tests use this to exercise upgrades).
    pub fn unlock_with_migrations(
        dir: &Path,
        credential: Credential<'_>,
        list: &[Migration],
    ) -> Result<Vault> {
        Self::unlock_with(
            dir,
            credential,
            Options {
                migrations: list,
                ..Options::default()
            },
        )
    }

    /// As [`Vault::unlock`], with a clock and migration list.
    pub fn unlock_with(
        dir: &Path,
        credential: Credential<'_>,
        options: Options<'_>,
    ) -> Result<Vault> {
        let Options {
            clock,
            migrations: list,
            shared,
            synced_folders,
        } = options;
        let paths = VaultPaths::new(dir);
        refuse_synced(dir, &synced_folders)?;
        match Self::inspect(dir)? {
            VaultState::Present(_) => {}
            VaultState::Absent {
                folder_exists: false,
            } => return Err(StoreError::DataFolderMissing(dir.into())),
            VaultState::Absent {
                folder_exists: true,
            } => return Err(StoreError::NoVault(dir.into())),
        };
        let instance = if shared {
            None
        } else {
            Some(InstanceLock::acquire(dir)?)
        };
        // A key change that reached the database but not the key files is finished first.
        if key_change::is_ready(&paths) {
            key_change::promote(&paths)?;
        }
        let (key, mut conn) = open_database(&paths, &credential)?;
        let meta = read_meta(&paths)?;
        let now = clock.now();
        let migrated = migrations::migrate(&mut conn, list, &now.to_rfc3339(), |c, from, to| {
            backup_before_migrating(c, &key, &paths, from, to, now)
        })?;
        write_on(&mut conn, &*clock, |tx| {
            tx.audit(AuditAction::Unlock, Entity::Vault, None)
        })?;
        // Vaults made before backups existed get their identity on first unlock.
        let passphrase = match credential {
            Credential::Passphrase(p) => Some(p),
            Credential::Recovery(_) => None,
        };
        ensure_identity(&mut conn, &*clock, passphrase, KdfCost::from_env())?;
        let opened_with_recovery = matches!(credential, Credential::Recovery(_));
        // Vaults made before every file was private, or a folder the desktop made at start-up.
        tighten_all(&paths);
        let mut vault = Vault {
            _instance: instance,
            paths,
            key,
            conn,
            meta,
            migrated,
            opened_with_recovery,
            clock,
        };
        // A key file weaker than the floor (an old or hand-made one) is rewrapped at the floor.
        if let Credential::Passphrase(p) = credential {
            let weak = fs::read(vault.paths.passphrase_key())
                .ok()
                .and_then(|b| keys::scrypt_log_n(&b))
                .is_some_and(|n| n < keys::MIN_LOG_N);
            if weak && KdfCost::from_env() == KdfCost::Calibrated {
                vault.rewrap_passphrase(p, KdfCost::InsecureForTests(keys::MIN_LOG_N))?;
            }
        }
        Ok(vault)
    }

    /// Read access, for the query functions of this crate.
    pub fn read(&self) -> Read<'_> {
        Read::new(&self.conn)
    }

    /// The one write path: runs `f` in one transaction, committed only if it returns `Ok`.
    /// Store functions that change records take the [`Tx`] and audit each change in it.
    pub fn write<T>(&mut self, f: impl FnOnce(&Tx<'_>) -> Result<T>) -> Result<T> {
        write_on(&mut self.conn, &*self.clock, f)
    }

    /// A second connection for a long job, so the job never holds this one (or the session).
    pub fn worker(&self) -> Result<Worker> {
        let conn = db::open(&self.paths.db(), &self.key, db::Mode::Another)?;
        Ok(Worker::new(conn, Arc::clone(&self.clock)))
    }

    pub fn dir(&self) -> &Path {
        self.paths.dir()
    }

    pub fn meta(&self) -> &VaultMeta {
        &self.meta
    }

    /// What the last unlock did to the schema (`from == to` when nothing changed).
    pub fn migrated(&self) -> Migrated {
        self.migrated
    }

    /// The recovery public key, if set up and its key file is present.
    pub fn recovery_recipient(&self) -> Option<&str> {
        self.meta
            .recovery_recipient
            .as_deref()
            .filter(|_| self.paths.recovery_key().exists())
    }

    /// Closes the database (checkpointing the WAL) and wipes the key.
    pub fn lock(mut self) -> Result<()> {
        self.audit_vault(AuditAction::Lock, Entity::Vault)?;
        let Vault { conn, .. } = self;
        conn.close().map_err(|(_, e)| StoreError::Database(e))
    }

    /// The vault's own identity: its public key is the handover key; backups are encrypted to it.
    pub fn identity(&self) -> Result<VaultIdentity> {
        settings::vault_identity(self.read())?
            .ok_or_else(|| StoreError::IntegrityFailed("the vault's identity is missing".into()))
    }

    /// What a backup job needs: a second connection and the keys to encrypt to.
    pub fn backup_source(&self) -> Result<crate::backup::Source> {
        let r = self.read();
        let wrapped = settings::wrapped_identity(r)?.ok_or(StoreError::BackupNeedsPassphrase)?;
        let identity = self.identity()?;
        Ok(crate::backup::Source {
            paths: self.paths.clone(),
            worker: self.worker()?,
            meta: self.meta.clone(),
            identity: identity.age_recipient(),
            signer: identity.signer(),
            wrapped_identity: wrapped,
            recovery: self
                .recovery_recipient()
                .and_then(|r| RecoveryRecipient::parse("recovery", r).ok()),
        })
    }

    /// Moves every page into the main file and empties the WAL. After an erasure: with
    /// `secure_delete` the freed pages are zeroed, and no older copy of them stays in the WAL.
    /// (Jobs reading at the moment can hold part of the WAL back; the next checkpoint takes it.)
    /// The copy made before the last upgrade goes too: it would still hold what was erased.
    pub fn checkpoint(&mut self) -> Result<()> {
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        prune_pre_migration_copies(&self.paths, None);
        Ok(())
    }

    /// SQLCipher's page MAC check, SQLite's structural check and the foreign-key check.
    pub fn check(&mut self) -> Result<IntegrityReport> {
        let rows = |sql: &str| -> Result<Vec<String>> {
            let mut stmt = self.conn.prepare(sql)?;
            let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
            Ok(rows.collect::<Result<_, _>>()?)
        };
        let mut problems: Vec<String> = rows("PRAGMA cipher_integrity_check")?
            .into_iter()
            .map(|r| format!("encryption: {r}"))
            .collect();
        problems.extend(
            rows("PRAGMA integrity_check")?
                .into_iter()
                .filter(|r| r != "ok")
                .map(|r| format!("structure: {r}")),
        );
        for table in migrations::broken_links(&self.conn)? {
            problems.push(format!("broken link in table {table}"));
        }
        self.audit_vault(AuditAction::Check, Entity::Vault)?;
        Ok(IntegrityReport {
            data_version: migrations::version_of(&self.conn)?,
            problems,
        })
    }

    fn audit_vault(&mut self, action: AuditAction, entity: Entity) -> Result<()> {
        self.write(|tx| tx.audit(action, entity, None))
    }
}

/// Makes the vault's identity if it has none, and wraps it to `passphrase` when given and not yet
/// wrapped. The scrypt work happens outside the transaction.
fn ensure_identity(
    conn: &mut Connection,
    clock: &dyn Clock,
    passphrase: Option<&Passphrase>,
    cost: KdfCost,
) -> Result<()> {
    let r = Read::new(conn);
    let (made, identity) = match settings::vault_identity(r)? {
        Some(id) => (false, id),
        None => (true, VaultIdentity::generate()),
    };
    let wrap = match passphrase {
        Some(p) if made || settings::wrapped_identity(r)?.is_none() => {
            Some(identity.wrap_with_passphrase(p, cost)?)
        }
        _ => None,
    };
    if made || wrap.is_some() {
        write_on(conn, clock, |tx| {
            if made {
                settings::set_vault_identity(tx, &identity)?;
            }
            if let Some(w) = &wrap {
                settings::set_wrapped_identity(tx, w)?;
                if !made {
                    tx.audit(AuditAction::Update, Entity::VaultIdentity, None)?;
                }
            }
            Ok(())
        })?;
    }
    Ok(())
}

pub(crate) fn read_meta(paths: &VaultPaths) -> Result<VaultMeta> {
    let raw = fs::read(paths.meta()).map_err(|e| StoreError::io("read", paths.meta(), e))?;
    serde_json::from_slice(&raw).map_err(|_| StoreError::Io {
        action: "read",
        path: paths.meta(),
        reason: "it is not a Linkwork vault description".into(),
    })
}

/// Unwraps the key with `credential` from the key files in `passphrase_key` / `recovery_key`.
fn unwrap_key(
    credential: &Credential<'_>,
    passphrase_key: &Path,
    recovery_key: &Path,
) -> Result<RawKey> {
    match credential {
        Credential::Passphrase(p) => keys::unwrap_with_passphrase(passphrase_key, p),
        Credential::Recovery(id) => {
            if !recovery_key.exists() {
                return Err(StoreError::WrongRecoveryKey);
            }
            keys::unwrap_with_identity(recovery_key, id)
        }
    }
}

/// Opens the database with the key `credential` unwraps. While a key change is pending (see
/// [`crate::key_change`]) the staged key files are tried too: whichever key opens the database
/// is the real one, and the change is finished or dropped to match.
fn open_database(paths: &VaultPaths, credential: &Credential<'_>) -> Result<(RawKey, Connection)> {
    let open = |pass: &Path, rec: &Path| -> Result<(RawKey, Connection)> {
        let key = unwrap_key(credential, pass, rec)?;
        let conn = db::open(&paths.db(), &key, db::Mode::Existing)?;
        Ok((key, conn))
    };
    let in_place = open(&paths.passphrase_key(), &paths.recovery_key());
    if !key_change::is_pending(paths) {
        return in_place;
    }
    match in_place {
        // The change never reached the database.
        Ok(opened) => {
            key_change::discard(paths)?;
            Ok(opened)
        }
        Err(first) => match open(
            &key_change::staged_passphrase_key(paths),
            &key_change::staged_recovery_key(paths),
        ) {
            Ok(opened) => {
                key_change::mark_ready(paths)?;
                key_change::promote(paths)?;
                Ok(opened)
            }
            // The old key unwrapped but the database has moved on: for this person, that
            // passphrase (or recovery key) is simply no longer the right one.
            Err(_) => Err(match (first, credential) {
                (StoreError::DatabaseDamaged(_), Credential::Passphrase(_)) => {
                    StoreError::WrongPassphrase
                }
                (StoreError::DatabaseDamaged(_), Credential::Recovery(_)) => {
                    StoreError::WrongRecoveryKey
                }
                (other, _) => other,
            }),
        },
    }
}

pub(crate) fn write_meta(paths: &VaultPaths, meta: &VaultMeta) -> Result<()> {
    let json = serde_json::to_vec_pretty(meta).expect("meta serialises");
    write_vault_file(&paths.meta(), &json)
}

/// The data folder and each of its files private to this user (0700/0600, or an owner-only ACL on
/// Windows), whatever made them (best effort: a file system without permissions, such as a FAT
/// stick, is left as it is).
fn tighten_all(paths: &VaultPaths) {
    let _ = keys::tighten(paths.dir());
    let mut files = paths.all_vault_files();
    files.push(paths.instance_lock());
    if let Ok(list) = fs::read_dir(paths.backups()) {
        let _ = keys::tighten(&paths.backups());
        files.extend(list.filter_map(|e| e.ok().map(|e| e.path())));
    }
    for f in files.iter().filter(|f| f.exists()) {
        let _ = keys::tighten(f);
    }
}

/// Makes `dir` (its parent must exist) and restricts it to this user; a folder that is there
/// already (the desktop makes its data folder at start-up) is restricted too.
pub(crate) fn make_private_folder(dir: &Path, allow_existing: bool) -> Result<()> {
    if dir.is_dir() && allow_existing {
        return keys::tighten(dir).map_err(|e| StoreError::io("protect the folder", dir, e));
    }
    if dir
        .parent()
        .is_some_and(|p| !p.as_os_str().is_empty() && !p.is_dir())
    {
        return Err(StoreError::DataFolderParentMissing(dir.into()));
    }
    crate::platform::create_private_dir(dir)
        .map_err(|e| StoreError::io("create the folder", dir, e))
}

fn backup_before_migrating(
    conn: &Connection,
    key: &RawKey,
    paths: &VaultPaths,
    from: u32,
    to: u32,
    now: DateTime<Utc>,
) -> Result<()> {
    let dir = paths.backups();
    make_private_folder(&dir, true)?;
    let stamp = now.format("%Y%m%dT%H%M%SZ");
    let dest = dir.join(format!("linkwork-v{from}-before-v{to}-{stamp}.db"));
    db::export_encrypted(conn, key, &dest)?;
    // Only the newest copy is kept: older ones would keep records erased since.
    prune_pre_migration_copies(paths, Some(&dest));
    Ok(())
}

/// Deletes the copies made before schema upgrades, except `keep`: after a backup (which holds
/// everything) none is needed, and an erased record must not survive in one.
pub(crate) fn prune_pre_migration_copies(paths: &VaultPaths, keep: Option<&Path>) {
    let Ok(list) = fs::read_dir(paths.backups()) else {
        return;
    };
    for f in list.filter_map(|e| e.ok().map(|e| e.path())) {
        let ours = f.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
            n.starts_with("linkwork-v") && n.contains("-before-v") && n.ends_with(".db")
        });
        if ours && Some(f.as_path()) != keep {
            let _ = fs::remove_file(&f);
        }
    }
}
