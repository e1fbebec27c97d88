//! The demo generator against real vaults: deterministic, realistic, and never mixed with real data.

use chrono::NaiveDate;
use linkwork_api::{commands::dispatch, Session};
use linkwork_core::FixedClock;
use linkwork_store::KdfCost;
use serde_json::{json, Value};
use std::sync::Arc;

fn unlocked() -> (tempfile::TempDir, Session) {
    let t = tempfile::tempdir().unwrap();
    let clock = Arc::new(FixedClock::on(
        NaiveDate::from_ymd_opt(2026, 11, 21).unwrap(),
    ));
    let s = Session::with_clock(t.path().join("data"), KdfCost::InsecureForTests(10), clock);
    let pass = "correct horse battery staple";
    dispatch(
        &s,
        "create_vault",
        json!({"passphrase": pass, "passphrase_confirm": pass}),
    )
    .unwrap();
    (t, s)
}

fn call(s: &Session, cmd: &str, args: Value) -> Result<Value, linkwork_api::ApiError> {
    dispatch(s, cmd, args)
}

#[test]
fn demo_data_is_deterministic_and_only_fills_an_empty_vault() {
    let (_t1, s1) = unlocked();
    let (_t2, s2) = unlocked();
    let a = linkwork_demo::fill(&s1, 60, 42).unwrap();
    let b = linkwork_demo::fill(&s2, 60, 42).unwrap();
    assert_eq!(a, b);
    assert_eq!(a.people, 60);
    let rows = |s: &linkwork_api::Session| {
        call(s, "caseload", json!({})).unwrap()["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| (r["name"].clone(), r["nhs_number"].clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(rows(&s1), rows(&s2));
    assert!(
        rows(&s1)
            .iter()
            .all(|(_, n)| n.as_str().unwrap().starts_with("999")),
        "test-range NHS numbers only"
    );
    // Outcome trajectories: enough records for a summary, and the same summary from the same seed.
    assert!(a.outcomes > 60, "{a:?}");
    let summary = |s: &linkwork_api::Session| call(s, "outcome_summary", json!({})).unwrap();
    assert_eq!(summary(&s1), summary(&s2));
    assert!(
        summary(&s1)["ons4_people"].as_u64().unwrap() >= 10,
        "{}",
        summary(&s1)
    );
    let err = linkwork_demo::fill(&s1, 5, 1).unwrap_err();
    assert!(
        err.message.contains("only goes into an empty vault"),
        "{}",
        err.message
    );
}
