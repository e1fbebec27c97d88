//! The running app's state: which data folder, whether the vault is unlocked, and when the person
//! last did something (for the idle lock).

use crate::{error::ApiError, types::LockReason};
use linkwork_core::AutoLockMinutes;
use linkwork_store::{KdfCost, Vault};
use std::{
    path::{Path, PathBuf},
    sync::{Mutex, MutexGuard},
    time::{Duration, Instant, SystemTime},
};

pub struct Session {
    data_dir: PathBuf,
    kdf: KdfCost,
    inner: Mutex<Inner>,
    /// Apart from `inner`, so the progress bar can ask while an import holds the vault.
    import: Mutex<crate::types::ImportProgress>,
}

struct Inner {
    vault: Option<Vault>,
    auto_lock: AutoLockMinutes,
    activity: Activity,
    locked_reason: Option<LockReason>,
}

/// Both clocks: the monotonic one ignores wall-clock changes, but on Linux it stops while the
/// laptop sleeps. Lid closed for an hour must still count as an hour idle, so the wall clock is
/// checked too, and whichever says longer wins.
#[derive(Clone, Copy)]
struct Activity {
    mono: Instant,
    wall: SystemTime,
}

impl Activity {
    fn now() -> Self {
        Self {
            mono: Instant::now(),
            wall: SystemTime::now(),
        }
    }
    fn idle_for(&self, now: Activity) -> Duration {
        let mono = now.mono.saturating_duration_since(self.mono);
        let wall = now.wall.duration_since(self.wall).unwrap_or_default();
        mono.max(wall)
    }
}

impl Session {
    pub fn new(data_dir: impl Into<PathBuf>, kdf: KdfCost) -> Self {
        Self {
            data_dir: data_dir.into(),
            kdf,
            inner: Mutex::new(Inner {
                vault: None,
                auto_lock: AutoLockMinutes::DEFAULT,
                activity: Activity::now(),
                locked_reason: None,
            }),
            import: Mutex::new(Default::default()),
        }
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    pub(crate) fn kdf(&self) -> KdfCost {
        self.kdf
    }

    fn inner(&self) -> MutexGuard<'_, Inner> {
        // A panic in one command must not wedge every later one; the state itself stays valid.
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn is_unlocked(&self) -> bool {
        self.inner().vault.is_some()
    }

    pub(crate) fn locked_reason(&self) -> Option<LockReason> {
        self.inner().locked_reason
    }

    fn import_state(&self) -> MutexGuard<'_, crate::types::ImportProgress> {
        self.import.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub(crate) fn start_progress(&self) {
        *self.import_state() = crate::types::ImportProgress {
            running: true,
            done_bytes: 0,
            total_bytes: 0,
        };
    }

    pub(crate) fn set_progress(&self, done: u64, total: u64) {
        let mut p = self.import_state();
        p.done_bytes = done;
        p.total_bytes = total;
    }

    pub(crate) fn end_progress(&self) {
        self.import_state().running = false;
    }

    pub(crate) fn progress(&self) -> crate::types::ImportProgress {
        *self.import_state()
    }

    /// Records that the person did something (a command, a key press reported by the UI).
    pub fn touch(&self) {
        self.inner().activity = Activity::now();
    }

    /// Runs `f` with the unlocked vault, or fails with `LOCKED`. Counts as activity.
    pub(crate) fn with_vault<T>(
        &self,
        f: impl FnOnce(&mut Vault) -> Result<T, ApiError>,
    ) -> Result<T, ApiError> {
        let mut inner = self.inner();
        inner.activity = Activity::now();
        let vault = inner.vault.as_mut().ok_or_else(ApiError::locked)?;
        f(vault)
    }

    pub(crate) fn put_vault(&self, vault: Vault, auto_lock: AutoLockMinutes) {
        let mut inner = self.inner();
        inner.vault = Some(vault);
        inner.auto_lock = auto_lock;
        inner.locked_reason = None;
        inner.activity = Activity::now();
    }

    pub(crate) fn set_auto_lock(&self, minutes: AutoLockMinutes) {
        self.inner().auto_lock = minutes;
    }

    /// Locks now: closes the database and wipes the key. Saved work is already on disk.
    pub fn lock(&self, reason: LockReason) {
        let vault = {
            let mut inner = self.inner();
            inner.locked_reason = Some(reason);
            inner.vault.take()
        };
        if let Some(v) = vault {
            // Closing can only fail on an I/O error after every change was committed; the key
            // is wiped either way when `v` drops.
            let _ = v.lock();
        }
    }

    /// Locks if nothing has happened for the auto-lock time. Returns true if it locked now.
    /// The desktop shell calls this every few seconds.
    pub fn lock_if_idle(&self) -> bool {
        self.lock_if_idle_at(Instant::now(), SystemTime::now())
    }

    pub fn lock_if_idle_at(&self, mono: Instant, wall: SystemTime) -> bool {
        let idle = {
            let inner = self.inner();
            inner.vault.is_some()
                && inner.activity.idle_for(Activity { mono, wall }) >= inner.auto_lock.as_duration()
        };
        if idle {
            self.lock(LockReason::Idle);
        }
        idle
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if let Some(v) = self.inner().vault.take() {
            let _ = v.lock();
        }
    }
}
