//! Service functions: what the `linkwork` command line needs beyond the command list, with the same
//! validation. Each is documented here so no side door goes unnoticed.
//!
//! - [`write_directory`]: the export written to any writer (the CLI's standard output).
//! - [`write_template`]: the CSV template to any writer (needs no vault: it holds no data).
//! - [`wait_for_job`]: polls `job_status` until a job ends (the CLI's progress lines).
//! - [`Session::with_vault`](crate::Session::with_vault): for the demo generator, which writes
//!   through the store's one write path.

use crate::{
    error::ApiError,
    handlers::{self, Result},
    session::Session,
    types::{ExportFormat, JobArgs, JobOutput, JobState},
};
use linkwork_core::{ids::JobId, ErrorCode};
use std::time::Duration;

pub fn write_directory(
    s: &Session,
    format: ExportFormat,
    out: &mut dyn std::io::Write,
) -> Result<u32> {
    let never = linkwork_oruk::StopFlag::default();
    s.with_vault(|v| {
        Ok(handlers::directory::write_directory(
            v.read(),
            format,
            out,
            &never,
        )?)
    })
}

pub fn write_template(out: &mut dyn std::io::Write) -> Result<()> {
    Ok(handlers::directory::write_template(out)?)
}

/// Waits for a job, telling `progress` how far it has got; its output, or why it did not finish.
pub fn wait_for_job(
    s: &Session,
    job_id: JobId,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<JobOutput> {
    loop {
        let view = handlers::job_status(
            s,
            JobArgs {
                job_id: job_id.clone(),
            },
        )?;
        progress(view.done, view.total);
        match view.state {
            JobState::Running => std::thread::sleep(Duration::from_millis(50)),
            JobState::Done => {
                return view.output.ok_or_else(|| {
                    ApiError::new(ErrorCode::Internal, "The task finished without a result.")
                })
            }
            JobState::Failed | JobState::Cancelled => {
                return Err(view.error.unwrap_or_else(|| {
                    ApiError::new(ErrorCode::Internal, "The task stopped without saying why.")
                }))
            }
        }
    }
}
