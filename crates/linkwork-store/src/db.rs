//! Opening SQLCipher connections. Private to the crate: only `Vault` holds a key to pass in.

use crate::{error::StoreError, keys::RawKey, Result};
use rusqlite::{Connection, OpenFlags};
use std::{fs::File, io::Read, path::Path, time::Duration};

const PLAINTEXT_SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// The file must already exist.
    Existing,
    /// Another connection to a database this process already has open and proved encrypted (a
    /// job's worker). Its header is not read again: closing any other file descriptor on the
    /// database would drop every POSIX lock this process holds on it, and another process could
    /// then checkpoint or reset the WAL under the open connections and corrupt the database.
    Another,
    /// The file must not exist yet (vault creation only).
    New,
}

/// Opens `path` with `key`, proving the key is right before returning, then applies the
/// connection settings every Linkwork connection uses.
pub(crate) fn open(path: &Path, key: &RawKey, mode: Mode) -> Result<Connection> {
    let conn = open_keyed(path, key, mode)?;
    configure(&conn)?;
    Ok(conn)
}

/// Opens a backup's snapshot: keyed and proved like any database, but left in its own journal
/// mode, since a snapshot is only checked and re-keyed, never worked in.
pub(crate) fn open_snapshot(path: &Path, key: &RawKey) -> Result<Connection> {
    open_keyed(path, key, Mode::Existing)
}

/// Re-encrypts every page with `new` (SQLCipher's rekey, in one transaction: a crash leaves the
/// old key or the new one). SQLCipher reports success even when it rolled back, so the caller
/// proves the result by opening the file again with the new key.
pub(crate) fn rekey(conn: &Connection, new: &RawKey) -> Result<()> {
    let literal = new.sqlcipher_literal();
    // SAFETY: the handle is this open connection's; the key is read for the length given.
    let rc = unsafe {
        rusqlite::ffi::sqlite3_rekey_v2(
            conn.handle(),
            c"main".as_ptr(),
            literal.as_ptr().cast(),
            literal.len() as std::ffi::c_int,
        )
    };
    check_rc(rc)
}

/// Gives SQLCipher the raw key through its C call, not a `PRAGMA key` string that SQLite would
/// parse and copy; the literal form (`x'…'`) means "a raw key, no key derivation".
fn key(conn: &Connection, key: &RawKey) -> Result<()> {
    let literal = key.sqlcipher_literal();
    // SAFETY: as in `rekey`.
    let rc = unsafe {
        rusqlite::ffi::sqlite3_key_v2(
            conn.handle(),
            c"main".as_ptr(),
            literal.as_ptr().cast(),
            literal.len() as std::ffi::c_int,
        )
    };
    check_rc(rc)
}

fn check_rc(rc: std::ffi::c_int) -> Result<()> {
    if rc == rusqlite::ffi::SQLITE_OK {
        return Ok(());
    }
    Err(StoreError::Database(rusqlite::Error::SqliteFailure(
        rusqlite::ffi::Error::new(rc),
        None,
    )))
}

fn open_keyed(path: &Path, key: &RawKey, mode: Mode) -> Result<Connection> {
    match mode {
        Mode::Existing => refuse_plaintext(path)?,
        Mode::Another => {}
        // Made here, private from its first byte (SQLite gives -wal and -shm the same mode); an
        // empty file is a new database to SQLite.
        Mode::New => match crate::keys::create_private(path) {
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                return Err(StoreError::VaultExists(
                    path.parent().unwrap_or(path).into(),
                ))
            }
            Err(e) => return Err(StoreError::io("create the database", path, e)),
        },
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags)?;
    // Quiet SQLCipher's own stderr logging (a wrong key is an expected, handled event).
    let _ = conn.execute_batch("PRAGMA cipher_log_level = NONE;");
    // A build linked against plain SQLite would silently ignore `PRAGMA key` and write plaintext.
    let cipher: Option<String> = conn
        .query_row("PRAGMA cipher_version", [], |r| r.get(0))
        .ok();
    if cipher.as_deref().unwrap_or("").is_empty() {
        return Err(StoreError::EncryptionUnavailable);
    }
    // Freed SQLite memory (pages, the key schedule) is wiped; a process-wide switch that can
    // only be turned on. Read back: a build that ignores it fails closed.
    conn.execute_batch("PRAGMA cipher_memory_security = ON;")?;
    if !pragma_on(&conn, "cipher_memory_security")? {
        return Err(StoreError::EncryptionUnavailable);
    }
    harden(&conn)?;
    self::key(&conn, key)?;
    // The first read proves the key: SQLCipher reports SQLITE_NOTADB for a wrong key or a damaged file.
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    })
    .map_err(|e| match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => StoreError::DatabaseDamaged(path.into()),
        _ => StoreError::Database(e),
    })?;
    Ok(conn)
}

/// Whether a boolean pragma reads back as on (SQLCipher answers some as text, some as numbers).
fn pragma_on(conn: &Connection, name: &str) -> Result<bool> {
    use rusqlite::types::Value;
    let v: Value = conn.query_row(&format!("PRAGMA {name}"), [], |r| r.get(0))?;
    Ok(match v {
        Value::Integer(n) => n == 1,
        Value::Text(t) => matches!(t.trim(), "1" | "on" | "ON"),
        _ => false,
    })
}

/// A database file is data, never code: the schema's triggers and views may not call functions
/// with side effects (`trusted_schema` off), and SQL cannot alter the schema's own storage
/// (defensive mode), so a doctored backup or handover cannot plant behaviour. Read back.
fn harden(conn: &Connection) -> Result<()> {
    use rusqlite::config::DbConfig;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_TRUSTED_SCHEMA, false)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_DEFENSIVE, true)?;
    if conn.db_config(DbConfig::SQLITE_DBCONFIG_TRUSTED_SCHEMA)?
        || !conn.db_config(DbConfig::SQLITE_DBCONFIG_DEFENSIVE)?
        || pragma_on(conn, "trusted_schema")?
    {
        return Err(StoreError::EncryptionUnavailable);
    }
    Ok(())
}

pub(crate) fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(Duration::from_secs(5))?;
    // A person's record alone uses a dozen statements; rusqlite keeps 16 by default, so a page
    // that also lists the caseload would prepare them all again every time.
    conn.set_prepared_statement_cache_capacity(128);
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    debug_assert_eq!(mode.to_lowercase(), "wal");
    conn.execute_batch(
        "PRAGMA synchronous = FULL;
         PRAGMA foreign_keys = ON;
         PRAGMA temp_store = MEMORY;
         PRAGMA secure_delete = ON;
         -- Pages are decrypted into this cache; the 2 MB default makes every caseload query
         -- decrypt the contact table again. Ten link-worker-years with a 10,000-service
         -- directory is 38.5 MB: at 32 MB the monthly report decrypted most of it every time.
         PRAGMA cache_size = -64000;",
    )?;
    Ok(())
}

/// Fails closed on a database that was written without encryption (e.g. by another tool).
fn refuse_plaintext(path: &Path) -> Result<()> {
    let mut header = [0u8; 16];
    let mut f = File::open(path).map_err(|e| StoreError::io("open the database", path, e))?;
    match f.read_exact(&mut header) {
        Ok(()) if &header == PLAINTEXT_SQLITE_HEADER => {
            Err(StoreError::PlaintextDatabase(path.into()))
        }
        Ok(()) => Ok(()),
        // Shorter than a header: cannot be a usable database of either kind.
        Err(_) => Err(StoreError::DatabaseDamaged(path.into())),
    }
}

/// Writes an encrypted copy of the open database to `dest` with the same key, and checks the copy
/// opens. Used before migrating, so a failed or unwanted upgrade can be rolled back by hand.
pub(crate) fn export_encrypted(conn: &Connection, key: &RawKey, dest: &Path) -> Result<()> {
    let dest_str = dest.to_str().ok_or_else(|| StoreError::Io {
        action: "write the backup",
        path: dest.into(),
        reason: "the folder name is not valid text".into(),
    })?;
    // ATTACH inherits this connection's no-create flag; an empty file is a valid empty database.
    crate::keys::create_private(dest).map_err(|e| StoreError::io("write the backup", dest, e))?;
    conn.execute(
        "ATTACH DATABASE ?1 AS backup KEY ?2",
        rusqlite::params![dest_str, &*key.sqlcipher_literal()],
    )?;
    let exported = conn.query_row("SELECT sqlcipher_export('backup')", [], |_| Ok(()));
    let user_version: u32 = conn.query_row("PRAGMA main.user_version", [], |r| r.get(0))?;
    let stamped = conn.execute_batch(&format!("PRAGMA backup.user_version = {user_version};"));
    conn.execute_batch("DETACH DATABASE backup")?;
    exported?;
    stamped?;
    let copy = open(dest, key, Mode::Existing)?;
    let copied: u32 = copy.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if copied != user_version {
        return Err(StoreError::IntegrityFailed(format!(
            "the backup {} did not verify",
            dest.display()
        )));
    }
    Ok(())
}
