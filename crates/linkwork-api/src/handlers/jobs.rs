//! Watching and cancelling jobs. Neither waits for the vault, so both answer while a job runs.

use super::Result;
use crate::{session::Session, types::*};

pub fn job_status(s: &Session, a: JobArgs) -> Result<JobView> {
    s.jobs.view(&a.job_id)
}

/// Asks the job to stop; it stops at its next step and keeps nothing it did.
pub fn cancel_job(s: &Session, a: JobArgs) -> Result<JobView> {
    s.jobs.cancel(&a.job_id)?;
    s.jobs.view(&a.job_id)
}
