//! Linkwork's one typed command surface.
//!
//! Every action the UI (through `src-tauri`) or the `linkwork` CLI can take is a handler here:
//! `fn(&Session, Args) -> Result<Output, ApiError>`. [`commands!`](crate::commands) lists them
//! once; from that list come the IPC dispatcher and the generated TypeScript in
//! `ui/src/generated/api.ts` (a test fails when the committed file is stale).
//!
//! Architecture invariants:
//! - No Tauri here: handlers run in `cargo test` with no window.
//! - Secrets travel inward only: no output type carries a passphrase, key or identity.
//! - The session owns the unlocked vault; locking drops it (closing the database, wiping the key).
//! - Long operations are jobs on their own connection: `status`, `lock` and the idle lock never
//!   wait for them, and locking cancels them with nothing half-written.
//! - The command list is the only way in: the window calls [`commands::dispatch`], everything else
//!   (the CLI, the benchmark, tests) the typed [`commands::Client`] (`session.api()`). Handlers
//!   and the session's vault are private to this crate, so no side door can be written:
//!
//! ```
//! fn through_the_list(s: &linkwork_api::Session) {
//!     let _ = s.api().status(linkwork_api::types::NoArgs {});
//! }
//! ```
//! ```compile_fail,E0603
//! fn a_handler_by_name(s: &linkwork_api::Session) {
//!     let _ = linkwork_api::handlers::status(s, linkwork_api::types::NoArgs {});
//! }
//! ```
//! ```compile_fail,E0624
//! fn the_vault_itself(s: &linkwork_api::Session) {
//!     let _ = s.with_vault(|_| Ok::<(), linkwork_api::ApiError>(()));
//! }
//! ```
//! ```compile_fail,E0603
//! fn a_handler_from_its_module() {
//!     let _ = linkwork_api::supervisor::supervisor_identity;
//! }
//! ```

pub mod bindings;
pub mod chosen;
pub mod commands;
mod demo;
pub mod error;
mod handlers;
mod jobs;
pub mod licences;
pub mod session;
mod subject_access;
mod supervisor;
pub mod types;

pub use error::ApiError;
pub use linkwork_core::{debug_switches, ErrorCode};
pub use session::Session;

/// Where Linkwork keeps its vault unless told otherwise: the OS per-user *local* app-data folder
/// for our identifier (`~/.local/share/org.linkwork.desktop` on Linux). On Windows that is
/// `AppData\Local`, never `Roaming`, which a domain may copy to a server at every logon.
pub fn default_data_dir() -> Option<std::path::PathBuf> {
    dirs::data_local_dir().map(|d| d.join(APP_IDENTIFIER))
}

/// Must match `identifier` in src-tauri/tauri.conf.json.
pub const APP_IDENTIFIER: &str = "org.linkwork.desktop";

/// `--data-dir` wins, then `LINKWORK_DATA_DIR`, then the OS default.
pub fn resolve_data_dir(flag: Option<std::path::PathBuf>) -> Result<std::path::PathBuf, ApiError> {
    flag.or_else(|| std::env::var_os("LINKWORK_DATA_DIR").filter(|v| !v.is_empty()).map(Into::into))
        .or_else(default_data_dir)
        .ok_or_else(|| ApiError::new(linkwork_core::ErrorCode::NoDataFolder, "Linkwork cannot find a folder for its data on this computer. Give one with --data-dir or LINKWORK_DATA_DIR."))
}

pub use linkwork_store::{no_core_dumps, wipe::WipeOnFree};

/// Replaces the panic message with one that carries no payload: a panic message can quote the
/// value that caused it, and that value may be patient data. Binaries call this first thing.
pub fn quiet_panics(program: &'static str) {
    std::panic::set_hook(Box::new(move |info| {
        let at = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!("{program}: internal error{at}. Work saved before this point is safe. Please report this.");
    }));
}
