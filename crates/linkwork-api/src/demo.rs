//! `demo_fill`: a new, empty vault filled with deterministic fake people (linkwork-demo) for
//! training, screenshots, tests and benchmarks. A command like any other, so the command line and
//! the benchmark reach the generator through the command list; it refuses a vault with anything in
//! it, so it can never mix with real records.

use crate::{handlers::Result, session::Session, ApiError};
use chrono::Duration;
use linkwork_core::{ErrorCode, ValidationError};
use linkwork_demo::Size;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// More than any practice's caseload: a bigger vault is a benchmark's job (`years`).
const MOST_PEOPLE: u32 = 20_000;
const MOST_YEARS: u32 = 50;
const MOST_ASSETS: u32 = 100_000;

#[derive(Debug, Clone, Deserialize, TS)]
pub struct DemoArgs {
    /// The same seed (and the same today) gives the same people.
    #[serde(default = "one")]
    pub seed: u64,
    /// Link-worker-years: per year about 300 people, 360 episodes, 3,000 contacts, 1,200 outcome
    /// records, 1,000 directory entries and 800 onward referrals, some records entered in error
    /// and older GP lines marked entered. Without it, a classic demo of `people` (default 50).
    #[serde(default)]
    pub years: Option<u32>,
    /// How many people (overrides the count `years` gives).
    #[serde(default)]
    pub people: Option<u32>,
    /// How many community assets (overrides the count the size gives).
    #[serde(default)]
    pub assets: Option<u32>,
}

fn one() -> u64 {
    1
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct DemoFilled {
    pub people: u32,
    pub episodes: u32,
    pub contacts: u32,
    /// ONS4 and PAM records.
    pub outcomes: u32,
    pub assets: u32,
    pub onward: u32,
}

fn size(a: &DemoArgs) -> Result<Size> {
    let within = |field: &str, n: Option<u32>, lo: u32, hi: u32, what: &str| match n {
        Some(n) if n < lo || n > hi => Err(ApiError::from(ValidationError::new(
            field,
            format!("The {what} is a number from {lo} to {hi}."),
        ))),
        _ => Ok(()),
    };
    within("years", a.years, 1, MOST_YEARS, "scale (link-worker-years)")?;
    within("people", a.people, 0, MOST_PEOPLE, "number of people")?;
    within(
        "assets",
        a.assets,
        0,
        MOST_ASSETS,
        "number of community assets",
    )?;
    let mut size = match a.years {
        Some(years) => Size::years(years),
        None => Size::people(a.people.unwrap_or(50)),
    };
    size.people = a.people.unwrap_or(size.people);
    size.assets = a.assets.unwrap_or(size.assets);
    Ok(size)
}

/// Fills the unlocked, empty vault in one transaction: all of it, or none. A lived-in vault
/// (`years`) then has its GP lines older than 90 days marked as entered, as in one in use.
pub fn demo_fill(s: &Session, a: DemoArgs) -> Result<DemoFilled> {
    let size = size(&a)?;
    let d = s.with_vault(|v| Ok(v.write(|tx| linkwork_demo::fill_in_sized(tx, size, a.seed))?))?;
    if size.lived_in {
        let before = linkwork_core::dates::format_date_gb(s.today() - Duration::days(90));
        match crate::handlers::gp_mark_entered_before(s, crate::types::GpBeforeArgs { before }) {
            Ok(_) => {}
            // Nothing that old to mark: a tiny demo.
            Err(e) if e.code == ErrorCode::NotFound => {}
            Err(e) => return Err(e),
        }
    }
    Ok(DemoFilled {
        people: d.people,
        episodes: d.episodes,
        contacts: d.contacts,
        outcomes: d.outcomes,
        assets: d.assets,
        onward: d.onward,
    })
}
