//! The one write path. Every change to the database happens inside [`Tx`], which a [`Vault`] (or a
//! job's [`Worker`]) opens, commits when the closure succeeds and rolls back when it fails. A `Tx`
//! also carries the session's clock, so record and audit times come from one place.
//!
//! Reads go through [`Read`], which can only be handed to this crate's query functions: no caller
//! outside the store ever holds a raw connection.
//!
//! [`Vault`]: crate::Vault

use crate::{
    audit::{AuditAction, Entity},
    Result,
};
use chrono::NaiveDate;
use linkwork_core::Clock;
use rusqlite::{Connection, TransactionBehavior};
use std::sync::Arc;

/// Read access to an open vault, for the query functions in this crate.
#[derive(Clone, Copy)]
pub struct Read<'c> {
    conn: &'c Connection,
}

impl<'c> Read<'c> {
    pub(crate) fn new(conn: &'c Connection) -> Self {
        Self { conn }
    }
    pub(crate) fn conn(&self) -> &'c Connection {
        self.conn
    }
}

/// One write transaction. Store functions that change records take `&Tx` and record a typed audit
/// row with [`Tx::audit`] for every record they change.
pub struct Tx<'c> {
    tx: rusqlite::Transaction<'c>,
    clock: &'c dyn Clock,
    /// Audit rows written, and writes that need none: a debug build refuses to commit a
    /// transaction that changed rows with neither (see [`transact`]).
    audited: std::cell::Cell<bool>,
}

impl Tx<'_> {
    pub fn read(&self) -> Read<'_> {
        Read::new(&self.tx)
    }
    pub(crate) fn conn(&self) -> &Connection {
        &self.tx
    }
    /// Now, as stored in `*_at` columns (RFC 3339, UTC).
    pub(crate) fn now(&self) -> String {
        self.clock.now().to_rfc3339()
    }
    pub fn today(&self) -> NaiveDate {
        self.clock.today()
    }
    /// Appends an audit row (never content: what was done to which record, when) in this transaction.
    pub fn audit(&self, action: AuditAction, entity: Entity, id: Option<&str>) -> Result<()> {
        self.audited.set(true);
        crate::audit::record(&self.tx, &self.now(), action, entity, id, &[])
    }
    /// Says this write needs no audit row of its own: `why` is for the reader (a draft saved again
    /// every few seconds, whose first save was audited; bookkeeping that holds no record).
    pub(crate) fn unaudited(&self, why: &'static str) {
        let _ = why;
        self.audited.set(true);
    }
    /// As [`Tx::audit`], naming the fields that changed. Names are `'static` so no value can slip in.
    pub(crate) fn audit_fields(
        &self,
        action: AuditAction,
        entity: Entity,
        id: &str,
        fields: &[&'static str],
    ) -> Result<()> {
        self.audited.set(true);
        crate::audit::record(&self.tx, &self.now(), action, entity, Some(id), fields)
    }
}

/// What to do with a transaction whose work succeeded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    Commit,
    /// Undo it (a preview, or a feed with problems) but still return the result.
    RollBack,
}

/// Runs `f` in one IMMEDIATE transaction on `conn`: committed if it returns `Ok`, else rolled back.
pub(crate) fn write_on<T>(
    conn: &mut Connection,
    clock: &dyn Clock,
    f: impl FnOnce(&Tx<'_>) -> Result<T>,
) -> Result<T> {
    transact(conn, clock, |tx| Ok((f(tx)?, Keep::Commit)))
}

fn transact<T>(
    conn: &mut Connection,
    clock: &dyn Clock,
    f: impl FnOnce(&Tx<'_>) -> Result<(T, Keep)>,
) -> Result<T> {
    let before = conn.total_changes();
    let tx = Tx {
        tx: conn.transaction_with_behavior(TransactionBehavior::Immediate)?,
        clock,
        audited: std::cell::Cell::new(false),
    };
    let (out, keep) = f(&tx)?;
    match keep {
        Keep::Commit => {
            // Every change leaves an audit row, or says why it needs none: in a debug build (and
            // so in every test) a write path that forgot fails at once, not in an inspection.
            debug_assert!(
                tx.audited.get() || tx.tx.total_changes() == before,
                "a write transaction changed rows but recorded no audit row (Tx::audit, or Tx::unaudited with why)"
            );
            tx.tx.commit()?
        }
        Keep::RollBack => tx.tx.rollback()?,
    }
    Ok(out)
}

/// A second connection to an unlocked vault, for a long job (an import, an export) that must not
/// hold the session while it runs. It has no key of its own: SQLCipher keeps the key it was opened
/// with inside the connection, and dropping the worker closes it.
pub struct Worker {
    conn: Connection,
    clock: Arc<dyn Clock>,
}

impl Worker {
    pub(crate) fn new(conn: Connection, clock: Arc<dyn Clock>) -> Self {
        Self { conn, clock }
    }
    pub fn read(&self) -> Read<'_> {
        Read::new(&self.conn)
    }
    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }
    pub fn write<T>(&mut self, f: impl FnOnce(&Tx<'_>) -> Result<T>) -> Result<T> {
        write_on(&mut self.conn, &*self.clock, f)
    }
    /// As [`Worker::write`], but `f` decides whether its work is kept.
    pub fn transact<T>(&mut self, f: impl FnOnce(&Tx<'_>) -> Result<(T, Keep)>) -> Result<T> {
        transact(&mut self.conn, &*self.clock, f)
    }
}

#[cfg(all(test, debug_assertions))]
mod tests {
    use super::*;
    use linkwork_core::clock::SystemClock;

    fn table() -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute("CREATE TABLE t (x INTEGER)", []).unwrap();
        conn
    }

    #[test]
    #[should_panic(expected = "recorded no audit row")]
    fn a_write_that_changes_rows_without_an_audit_row_is_refused_in_debug_builds() {
        let _ = write_on(&mut table(), &SystemClock, |tx| {
            tx.conn().execute("INSERT INTO t VALUES (1)", [])?;
            Ok(())
        });
    }

    #[test]
    fn a_write_that_says_why_it_needs_no_audit_row_or_changes_nothing_commits() {
        let mut conn = table();
        write_on(&mut conn, &SystemClock, |tx| {
            tx.conn().execute("INSERT INTO t VALUES (1)", [])?;
            tx.unaudited("a test table that holds no record");
            Ok(())
        })
        .unwrap();
        write_on(&mut conn, &SystemClock, |tx| {
            tx.conn()
                .query_row("SELECT count(*) FROM t", [], |r| r.get::<_, i64>(0))?;
            Ok(())
        })
        .unwrap();
        // A preview that is rolled back needs none either.
        transact(&mut conn, &SystemClock, |tx| {
            tx.conn().execute("INSERT INTO t VALUES (2)", [])?;
            Ok(((), Keep::RollBack))
        })
        .unwrap();
        let n: i64 = conn
            .query_row("SELECT count(*) FROM t", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 1);
    }
}
