//! The running app's state: which data folder, whether the vault is unlocked, when the person last
//! did something (for the idle lock), the clock, and the jobs running.
//!
//! Two locks, never held together for long: `state` (tiny, never held during I/O) answers
//! `status`, `lock` and the idle check at once; `vault` is held while a command uses the database.
//! Locking marks the state locked and cancels every job first, so neither a job nor a command
//! waiting on one can keep the vault open.

use crate::{error::ApiError, jobs::Jobs, types::LockReason};
use chrono::NaiveDate;
use linkwork_core::{AutoLockMinutes, Clock, SystemClock};
use linkwork_store::{KdfCost, Vault};
use std::{
    path::{Path, PathBuf},
    sync::{Arc, Mutex, MutexGuard},
    time::{Duration, Instant, SystemTime},
};

pub struct Session {
    data_dir: PathBuf,
    kdf: KdfCost,
    clock: Arc<dyn Clock>,
    state: Mutex<State>,
    vault: Mutex<Option<Vault>>,
    pub(crate) jobs: Jobs,
    /// Backups started on lock; they finish on their own connection after the vault closes.
    background: Mutex<Vec<std::thread::JoinHandle<()>>>,
    /// Open the vault alongside the app (see [`Session::share_vault`]).
    shared: std::sync::atomic::AtomicBool,
    /// The window's session: files only by the handles its dialogs issued.
    handles: Option<Arc<crate::chosen::Handles>>,
}

struct State {
    unlocked: bool,
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

/// A panic in one command must not wedge every later one; the state itself stays valid.
fn guard<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Session {
    /// The command list, typed ([`crate::commands::Client`]).
    pub fn api(&self) -> crate::commands::Client<'_> {
        crate::commands::Client::new(self)
    }

    pub fn new(data_dir: impl Into<PathBuf>, kdf: KdfCost) -> Self {
        Self::with_clock(data_dir, kdf, Arc::new(SystemClock))
    }

    /// The window's session: every file a command names must be one the shell's own dialog
    /// issued a handle for ([`Session::issue_file`]); a path string is refused.
    pub fn choosing_files_in_dialogs(mut self) -> Self {
        self.handles = Some(Arc::default());
        self
    }

    /// A handle for a file the person chose in a dialog opened from Rust (the shell's
    /// `choose_file`). `None` for a session that takes paths (the command line, tests).
    pub fn issue_file(&self, path: PathBuf, confirmed: bool) -> Option<String> {
        self.handles.as_ref().map(|h| h.issue(path, confirmed))
    }

    pub(crate) fn file_handles(&self) -> Option<&Arc<crate::chosen::Handles>> {
        self.handles.as_ref()
    }

    /// A session whose "now" and "today" come from `clock` (tests use a fixed one).
    pub fn with_clock(data_dir: impl Into<PathBuf>, kdf: KdfCost, clock: Arc<dyn Clock>) -> Self {
        Self {
            data_dir: data_dir.into(),
            kdf,
            clock,
            state: Mutex::new(State {
                unlocked: false,
                auto_lock: AutoLockMinutes::DEFAULT,
                activity: Activity::now(),
                locked_reason: None,
            }),
            vault: Mutex::new(None),
            jobs: Jobs::default(),
            handles: None,
            background: Mutex::new(Vec::new()),
            shared: std::sync::atomic::AtomicBool::new(false),
        }
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    pub(crate) fn clock(&self) -> Arc<dyn Clock> {
        Arc::clone(&self.clock)
    }

    pub(crate) fn kdf(&self) -> KdfCost {
        self.kdf
    }

    /// Today where the link worker is.
    pub fn today(&self) -> NaiveDate {
        self.clock.today()
    }

    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.clock.now()
    }

    /// Now on the laptop's wall clock (what a call's time is written as); noon today when the
    /// clock is one a test fixed to another day.
    pub fn now_local(&self) -> chrono::NaiveDateTime {
        use chrono::{TimeZone, Timelike};
        let local = chrono::Local
            .from_utc_datetime(&self.clock.now().naive_utc())
            .naive_local();
        let today = self.today();
        let at = if local.date() == today {
            local
        } else {
            today.and_hms_opt(12, 0, 0).expect("noon exists")
        };
        // Minutes, as every time in the records is kept.
        at.with_second(0)
            .and_then(|t| t.with_nanosecond(0))
            .unwrap_or(at)
    }

    pub(crate) fn store_options(&self) -> linkwork_store::Options<'static> {
        linkwork_store::Options {
            clock: Arc::clone(&self.clock),
            shared: self.shared.load(std::sync::atomic::Ordering::Relaxed),
            ..Default::default()
        }
    }

    /// The next unlock opens the vault alongside an app that may have it open (a scheduled
    /// `linkwork backup`), instead of being refused as a second session.
    pub fn share_vault(&self) {
        self.shared
            .store(true, std::sync::atomic::Ordering::Relaxed);
    }

    pub fn is_unlocked(&self) -> bool {
        guard(&self.state).unlocked
    }

    pub(crate) fn locked_reason(&self) -> Option<LockReason> {
        guard(&self.state).locked_reason
    }

    /// Records that the person did something (a command, a key press reported by the UI).
    pub fn touch(&self) {
        guard(&self.state).activity = Activity::now();
    }

    /// Runs `f` with the unlocked vault, or fails with `LOCKED`. Counts as activity. For handlers
    /// only: outside this crate, the command list is the way in.
    pub(crate) fn with_vault<T>(
        &self,
        f: impl FnOnce(&mut Vault) -> Result<T, ApiError>,
    ) -> Result<T, ApiError> {
        self.touch();
        let mut vault = guard(&self.vault);
        // A lock may have begun while this command waited for the vault.
        if !self.is_unlocked() {
            return Err(ApiError::locked());
        }
        let vault = vault.as_mut().ok_or_else(ApiError::locked)?;
        f(vault)
    }

    pub(crate) fn put_vault(&self, vault: Vault, auto_lock: AutoLockMinutes) {
        let mut slot = guard(&self.vault);
        *slot = Some(vault);
        let mut state = guard(&self.state);
        state.unlocked = true;
        state.auto_lock = auto_lock;
        state.locked_reason = None;
        state.activity = Activity::now();
    }

    pub(crate) fn set_auto_lock(&self, minutes: AutoLockMinutes) {
        guard(&self.state).auto_lock = minutes;
    }

    /// Locks now: cancels every job (nothing they did is kept), closes the database and wipes the
    /// key. Saved work is already on disk.
    pub fn lock(&self, reason: LockReason) {
        {
            let mut state = guard(&self.state);
            state.unlocked = false;
            state.locked_reason = Some(reason);
        }
        self.jobs.cancel_all();
        let vault = guard(&self.vault).take();
        // Each job's connection holds the key inside SQLCipher until it closes.
        self.jobs.wait_all(Duration::from_secs(10));
        self.jobs.forget_all();
        if let Some(v) = vault {
            // The backup on lock runs on its own thread and connection: locking never waits for it.
            if let Some(work) = crate::handlers::backup::on_lock(self, &v) {
                if let Ok(h) = std::thread::Builder::new()
                    .name("linkwork-backup".into())
                    .spawn(work)
                {
                    guard(&self.background).push(h);
                }
            }
            // Closing can only fail on an I/O error after every change was committed; the key
            // is wiped either way when `v` drops.
            let _ = v.lock();
        }
    }

    /// Waits for backups started on lock to finish (at exit, so the process does not cut one off).
    pub fn wait_for_background(&self) {
        let threads: Vec<_> = guard(&self.background).drain(..).collect();
        for t in threads {
            let _ = t.join();
        }
    }

    /// Locks if nothing has happened for the auto-lock time. Returns true if it locked now.
    /// The desktop shell calls this every few seconds.
    pub fn lock_if_idle(&self) -> bool {
        self.lock_if_idle_at(Instant::now(), SystemTime::now())
    }

    pub fn lock_if_idle_at(&self, mono: Instant, wall: SystemTime) -> bool {
        let idle = {
            let state = guard(&self.state);
            state.unlocked
                && state.activity.idle_for(Activity { mono, wall }) >= state.auto_lock.as_duration()
        };
        if idle {
            self.lock(LockReason::Idle);
        }
        idle
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if self.is_unlocked() || guard(&self.vault).is_some() {
            self.lock(LockReason::Requested);
        }
        self.wait_for_background();
    }
}
