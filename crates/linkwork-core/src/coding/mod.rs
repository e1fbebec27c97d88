//! Coding for the GP record: the shipped SNOMED CT code map (plus the practice's local codes), the
//! rules that turn an episode's records into coded lines, and the paste-ready summary.
//!
//! Invariants: no code is ever made up — every concept id comes from `data/snomed-codes.csv` or was
//! added by the practice and passed the Verhoeff check; records entered in error make no line;
//! codes-only summaries hold no free text; no line holds a name or NHS number.

mod checklist;
mod engine;
pub mod fhir;
mod letter;
mod map;
#[cfg(test)]
mod tests;
mod verhoeff;

pub use checklist::*;
pub use engine::*;
pub use letter::*;
pub use map::*;
pub use verhoeff::*;
