//! Linkwork's domain types and rules.
//!
//! Architecture invariant: this crate does no I/O. It knows nothing of files, databases, age or
//! Tauri, so every rule here is unit-testable in microseconds and reusable by the store, the CLI and
//! the export code alike.

pub mod assets;
pub mod caseload;
pub mod dates;
pub mod error;
pub mod nhs;
pub mod outcomes;
pub mod secret;
pub mod settings;
pub mod vocab;

pub use error::{Coded, ValidationError};
pub use nhs::NhsNumber;
pub use secret::Passphrase;
pub use settings::AutoLockMinutes;
