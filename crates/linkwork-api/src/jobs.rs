//! Jobs: long operations on their own thread and their own database connection, so they never
//! hold the session. One mechanism for all of them: a job id, progress to poll, a cancel flag
//! (set by `cancel_job` or by locking), and a typed result kept until the next lock.

use crate::{
    error::ApiError,
    types::{JobKind, JobOutput, JobState, JobView},
};
use linkwork_core::{ids::JobId, ErrorCode};
use linkwork_oruk::StopFlag;
use linkwork_store::StoreError;
use std::{
    collections::BTreeMap,
    sync::{
        atomic::{AtomicU64, Ordering},
        Arc, Mutex, MutexGuard,
    },
    thread::JoinHandle,
    time::{Duration, Instant},
};

/// What a running job can see: its stop flag and its progress counters.
#[derive(Clone, Default)]
pub struct JobCtx {
    pub stop: StopFlag,
    done: Arc<AtomicU64>,
    total: Arc<AtomicU64>,
}

impl JobCtx {
    pub fn progress(&self, done: u64, total: u64) {
        self.done.store(done, Ordering::Relaxed);
        self.total.store(total, Ordering::Relaxed);
    }
}

struct Job {
    kind: JobKind,
    ctx: JobCtx,
    outcome: Arc<Mutex<Option<Result<JobOutput, ApiError>>>>,
    thread: Option<JoinHandle<()>>,
}

#[derive(Default)]
pub(crate) struct Jobs {
    jobs: Mutex<BTreeMap<JobId, Job>>,
}

fn guard<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Jobs {
    /// Starts `run` on its own thread. Refused while another job is still running: a second
    /// import on top of a first would only wait for it.
    pub fn start(
        &self,
        kind: JobKind,
        run: impl FnOnce(&JobCtx) -> Result<JobOutput, ApiError> + Send + 'static,
    ) -> Result<JobId, ApiError> {
        let mut jobs = guard(&self.jobs);
        if jobs.values().any(|j| guard(&j.outcome).is_none()) {
            return Err(ApiError::new(
                ErrorCode::Busy,
                "Linkwork is still busy with an import or export. Wait for it to finish, or cancel it.",
            ));
        }
        // Only finished jobs remain; keep the last few for late readers.
        while jobs.len() >= 8 {
            let oldest = jobs.keys().next().cloned().expect("not empty");
            jobs.remove(&oldest);
        }
        let id = JobId::new(uuid::Uuid::new_v4().to_string());
        let ctx = JobCtx::default();
        let outcome = Arc::new(Mutex::new(None));
        let thread = {
            let (ctx, outcome) = (ctx.clone(), Arc::clone(&outcome));
            std::thread::Builder::new()
                .name("linkwork-job".into())
                .spawn(move || {
                    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run(&ctx)))
                        .unwrap_or_else(|_| {
                            Err(ApiError::new(
                                ErrorCode::Internal,
                                "Linkwork hit an internal error in this task; nothing it was doing was kept. Please report this.",
                            ))
                        });
                    *guard(&outcome) = Some(result);
                })
                .map_err(|e| ApiError::new(ErrorCode::Internal, format!("Linkwork could not start the task: {e}.")))?
        };
        jobs.insert(
            id.clone(),
            Job {
                kind,
                ctx,
                outcome,
                thread: Some(thread),
            },
        );
        Ok(id)
    }

    /// Whether a job is still running (and so holds a connection to the database).
    pub fn any_running(&self) -> bool {
        guard(&self.jobs)
            .values()
            .any(|j| guard(&j.outcome).is_none())
    }

    pub fn view(&self, id: &JobId) -> Result<JobView, ApiError> {
        let jobs = guard(&self.jobs);
        let job = jobs
            .get(id)
            .ok_or_else(|| ApiError::from(StoreError::NotFound("task")))?;
        let (state, output, error) = match &*guard(&job.outcome) {
            None => (JobState::Running, None, None),
            Some(Ok(out)) => (JobState::Done, Some(out.clone()), None),
            Some(Err(e)) if e.code == ErrorCode::Cancelled => {
                (JobState::Cancelled, None, Some(e.clone()))
            }
            Some(Err(e)) => (JobState::Failed, None, Some(e.clone())),
        };
        Ok(JobView {
            job_id: id.clone(),
            kind: job.kind,
            state,
            done: job.ctx.done.load(Ordering::Relaxed),
            total: job.ctx.total.load(Ordering::Relaxed),
            output,
            error,
        })
    }

    pub fn cancel(&self, id: &JobId) -> Result<(), ApiError> {
        let jobs = guard(&self.jobs);
        let job = jobs
            .get(id)
            .ok_or_else(|| ApiError::from(StoreError::NotFound("task")))?;
        job.ctx.stop.store(true, Ordering::Relaxed);
        Ok(())
    }

    pub fn cancel_all(&self) {
        for job in guard(&self.jobs).values() {
            job.ctx.stop.store(true, Ordering::Relaxed);
        }
    }

    /// Waits (up to `limit`) for every job thread to end, so none still holds a connection.
    pub fn wait_all(&self, limit: Duration) {
        let threads: Vec<JoinHandle<()>> = guard(&self.jobs)
            .values_mut()
            .filter_map(|j| j.thread.take())
            .collect();
        let deadline = Instant::now() + limit;
        for t in threads {
            while !t.is_finished() && Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(2));
            }
            if t.is_finished() {
                let _ = t.join();
            }
        }
    }

    /// Forgets every job and its result (on lock: a report must not outlive the unlocked session).
    pub fn forget_all(&self) {
        guard(&self.jobs).clear();
    }
}
