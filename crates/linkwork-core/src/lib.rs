//! Linkwork's domain types and rules.
//!
//! Architecture invariant: this crate does no I/O (reading the system clock, in `clock.rs`, aside). It knows nothing of files, databases, age or
//! Tauri, so every rule here is unit-testable in microseconds and reusable by the store, the CLI and
//! the export code alike.

pub mod assets;
pub mod carers;
pub mod case_study;
pub mod caseload;
pub mod clock;
pub mod coding;
pub mod dates;
pub mod debug_switches;
pub mod drafts;
pub mod error;
pub mod file_names;
pub mod groups;
pub mod ids;
pub mod nhs;
pub mod outcomes;
pub mod outreach;
pub mod practices;
pub mod reach;
pub mod secret;
pub mod settings;
pub mod vocab;

pub use clock::{Clock, FixedClock, SystemClock};
pub use error::{AllValid, Coded, ErrorCode, FieldProblem, ValidationError};
pub use nhs::NhsNumber;
pub use secret::Passphrase;
pub use settings::AutoLockMinutes;
