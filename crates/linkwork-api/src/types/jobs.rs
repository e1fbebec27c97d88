//! Long operations (import, export; reports and backups next) run as jobs: started by a command
//! that returns at once, watched with `job_status`, stopped with `cancel_job` or by locking.

use crate::ApiError;
use linkwork_core::{assets::ImportReport, ids::JobId};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::ExportView;

#[derive(Debug, Clone, Deserialize, TS)]
pub struct JobArgs {
    pub job_id: JobId,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct JobStarted {
    pub job_id: JobId,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum JobKind {
    ImportAssets,
    ExportAssets,
    ExportReport,
    Backup,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum JobState {
    Running,
    Done,
    Failed,
    /// Stopped by the person or by locking; nothing was changed.
    Cancelled,
}

/// What a finished job produced.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(tag = "kind", content = "report", rename_all = "snake_case")]
pub enum JobOutput {
    Import(ImportReport),
    Export(ExportView),
    Report(super::ReportExported),
    Backup(super::BackupMade),
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct JobView {
    pub job_id: JobId,
    pub kind: JobKind,
    pub state: JobState,
    /// How far it has got, in bytes read or records written.
    #[ts(type = "number")]
    pub done: u64,
    #[ts(type = "number")]
    pub total: u64,
    /// When done.
    pub output: Option<JobOutput>,
    /// When failed (or cancelled: what stopped it).
    pub error: Option<ApiError>,
}
