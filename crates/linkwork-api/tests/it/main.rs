//! linkwork-api tests: every handler runs against a real encrypted vault, with no window.
//!
//! - `vault`: vault lifecycle, settings, idle lock, the command surface and its TypeScript.
//! - `window_files`: every file argument is a handle; the window's session refuses path strings.
//! - `caseload`: referrals, people, contacts and drafts, plans, risks, closing, the caseload list.
//! - `corrections`: editing people, consent history, entered in error, the risk log of concerns.
//! - `outcomes`: ONS4 and PAM records, roles, reminders, cut-offs, the caseload change summary.
//! - `practices`: the GP practices served (Settings): checked codes and names, counted records.
//! - `groups`: a group's register of 20, the GP lines it makes, a mistaken tick undone.
//! - `reach`: who is reached: optional details checked and merged; the report's tables by age, sex, ethnic group.
//! - `carers`: who cares for whom on both pages, a named carer referred in their own right, the report's carers.
//! - `case_studies`: none without consent, identifiers refused and stripped, the pack only while consent stands.
//! - `demo`: `demo_fill`, deterministic fake people, only into an empty vault.
//! - `assets`: the directory (add, edit, search, favourite, verify, notes), import preview and onward referrals.

mod assets;
mod attention;
mod backup;
mod carers;
mod case_studies;
mod caseload;
mod corrections;
mod demo;
mod file_names;
mod gp;
mod groups;
mod jobs;
// Runs `cargo metadata`: a check of the repository, made on Linux.
#[cfg(unix)]
mod licences;
mod outcomes;
mod outreach;
mod practices;
mod reach;
mod report;
#[path = "../../../../tests/support/standard_age.rs"]
mod standard_age;
mod util;
mod vault;
mod window_files;
