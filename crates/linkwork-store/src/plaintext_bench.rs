//! Benchmark only: an unencrypted copy of a vault, so `linkwork-bench` can run the same store
//! functions on the same rows with and without SQLCipher and report what encryption costs.
//!
//! Compiled only with the `bench-plaintext` feature, which only `linkwork-bench` turns on; the
//! app and the command line are built without it (`linkwork-bench`'s tests check their feature
//! sets). Nothing here can turn a plaintext file into a [`Vault`]: the product's open path still
//! refuses it.

use crate::{write::write_on, Read, Result, StoreError, Tx, Vault};
use linkwork_core::Clock;
use rusqlite::{Connection, OpenFlags};
use std::{path::Path, sync::Arc};

/// Writes every table of the open vault to `dest` unencrypted (SQLCipher's export to an empty
/// key), with the same schema version.
pub fn export_plaintext(v: &Vault, dest: &Path) -> Result<()> {
    let conn = v.read().conn();
    let dest_str = dest.to_str().ok_or_else(|| StoreError::Io {
        action: "write the plaintext copy",
        path: dest.into(),
        reason: "the folder name is not valid text".into(),
    })?;
    std::fs::File::create(dest).map_err(|e| StoreError::io("write the plaintext copy", dest, e))?;
    conn.execute("ATTACH DATABASE ?1 AS plaintext KEY ''", [dest_str])?;
    let exported = conn.query_row("SELECT sqlcipher_export('plaintext')", [], |_| Ok(()));
    let version: u32 = conn.query_row("PRAGMA main.user_version", [], |r| r.get(0))?;
    let stamped = conn.execute_batch(&format!("PRAGMA plaintext.user_version = {version};"));
    conn.execute_batch("DETACH DATABASE plaintext")?;
    exported?;
    stamped?;
    Ok(())
}

/// An unencrypted database opened with the same connection settings as a vault's.
pub struct PlainDb {
    conn: Connection,
    clock: Arc<dyn Clock>,
}

impl PlainDb {
    pub fn open(path: &Path, clock: Arc<dyn Clock>) -> Result<Self> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags)?;
        crate::db::configure(&conn)?;
        Ok(Self { conn, clock })
    }
    pub fn read(&self) -> Read<'_> {
        Read::new(&self.conn)
    }
    pub fn write<T>(&mut self, f: impl FnOnce(&Tx<'_>) -> Result<T>) -> Result<T> {
        write_on(&mut self.conn, &*self.clock, f)
    }
}
