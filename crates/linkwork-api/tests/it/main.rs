//! linkwork-api tests: every handler runs against a real encrypted vault, with no window.
//!
//! - `vault`: vault lifecycle, settings, idle lock, the command surface and its TypeScript.
//! - `caseload`: referrals, people, contacts and drafts, plans, risks, closing, the caseload list.

mod caseload;
mod util;
mod vault;
