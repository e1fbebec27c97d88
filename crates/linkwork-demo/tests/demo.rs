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

#[test]
fn demo_records_look_real_but_could_never_reach_anyone() {
    let (_t, s) = unlocked();
    linkwork_demo::fill(&s, 120, 7).unwrap();
    let people = call(&s, "list_people", json!({})).unwrap();
    let (mut pams, mut waiting_tries) = (0, 0);
    for p in people.as_array().unwrap() {
        let rec = call(&s, "person", json!({"person_id": p["id"]})).unwrap();
        let phone = rec["person"]["phone"].as_str().unwrap();
        assert!(phone.starts_with("07700 900"), "Ofcom drama range: {phone}");
        for e in rec["episodes"].as_array().unwrap() {
            for pam in e["outcomes"]["pam"].as_array().unwrap() {
                pams += 1;
                assert_eq!(
                    pam["level_warning"],
                    Value::Null,
                    "level agrees with score: {pam}"
                );
            }
            if e["status"] == "waiting" {
                waiting_tries += e["contacts"].as_array().unwrap().len();
            }
        }
    }
    assert!(
        pams > 20 && waiting_tries > 0,
        "{pams} PAM records, {waiting_tries} tries"
    );
    let assets = call(&s, "search_assets", json!({"text": ""})).unwrap();
    let hits = assets["hits"].as_array().unwrap();
    assert!(!hits.is_empty());
    for a in hits {
        let a = call(&s, "asset", json!({"asset_id": a["id"]})).unwrap();
        for field in ["email", "website"] {
            if let Some(v) = a["asset"][field].as_str() {
                assert!(
                    v.ends_with("example.org") || v.contains("example.org/"),
                    "{field}: {v}"
                );
            }
        }
        assert!(a["asset"]["phone"]
            .as_str()
            .unwrap()
            .starts_with("01632 960"));
    }
}

/// A benchmark-sized vault looks lived in: people referred again, contacts entered in error, and
/// GP lines older than 90 days already entered. Checked on a small `Size::years` vault against the
/// same vault without those touches.
#[test]
fn a_lived_in_demo_has_rereferrals_corrections_and_entered_gp_lines() {
    let size = linkwork_demo::Size {
        people: 60,
        assets: 80,
        ..linkwork_demo::Size::years(1)
    };
    let fresh = linkwork_demo::Size {
        lived_in: false,
        ..size
    };
    let (_t1, lived) = unlocked();
    let (_t2, plain) = unlocked();
    let a = linkwork_demo::fill_sized(&lived, size, 5).unwrap();
    let b = linkwork_demo::fill_sized(&plain, fresh, 5).unwrap();
    assert_eq!(a, b, "the same people, episodes and contacts");
    assert!(a.episodes > a.people, "some people referred again: {a:?}");

    let tally = |s: &Session| {
        let (mut in_error, mut max_episodes) = (0, 0);
        for p in call(s, "list_people", json!({}))
            .unwrap()
            .as_array()
            .unwrap()
        {
            let rec = call(s, "person", json!({"person_id": p["id"]})).unwrap();
            let episodes = rec["episodes"].as_array().unwrap();
            max_episodes = max_episodes.max(episodes.len());
            in_error += episodes
                .iter()
                .flat_map(|e| e["contacts"].as_array().unwrap())
                .filter(|c| !c["entered_in_error"].is_null())
                .count();
        }
        let pending = call(s, "gp_checklist", json!({})).unwrap()["pending"]
            .as_u64()
            .unwrap();
        (in_error, max_episodes, pending)
    };
    let (lived_errors, lived_max, lived_pending) = tally(&lived);
    let (plain_errors, plain_max, plain_pending) = tally(&plain);
    assert!(
        lived_errors > 0 && plain_errors == 0,
        "{lived_errors} {plain_errors}"
    );
    assert!(lived_max >= 2 && plain_max == lived_max);
    assert!(
        lived_pending > 0 && lived_pending < plain_pending,
        "only the last 90 days' lines wait to be entered: {lived_pending} of {plain_pending}"
    );
}

/// The whole-caseload read (the report, the GP checklist) gives exactly the records the person
/// page gives, person by person, on a vault with every kind of row.
#[test]
fn all_person_records_match_each_person_record() {
    let (_t, s) = unlocked();
    let size = linkwork_demo::Size {
        people: 80,
        assets: 60,
        ..linkwork_demo::Size::years(1)
    };
    linkwork_demo::fill_sized(&s, size, 11).unwrap();
    let today = s.today();
    s.with_vault(|v| {
        let all = linkwork_store::person_record::all_person_records(
            v.read(),
            today,
            linkwork_store::person_record::Detail::Full,
        )?;
        assert_eq!(all.len(), 80);
        let (mut episodes, mut concerns) = (0, 0);
        for rec in &all {
            let one =
                linkwork_store::person_record::person_record(v.read(), &rec.person.id, today)?;
            assert_eq!(&one, rec, "{}", rec.person.id);
            episodes += rec.episodes.len();
            concerns += rec.concerns.len();
        }
        assert!(episodes > 80 && concerns > 0, "{episodes} {concerns}");
        // The report's and the checklist's read: the same records less what neither uses.
        let figures = linkwork_store::person_record::all_person_records(
            v.read(),
            today,
            linkwork_store::person_record::Detail::Figures,
        )?;
        let mut left_out = all;
        for rec in &mut left_out {
            rec.risk = false;
            rec.concerns.clear();
            rec.consent_history.clear();
            for e in &mut rec.episodes {
                e.goals.clear();
                e.actions.clear();
                for c in &mut e.contacts {
                    c.notes = None;
                }
                // What is next due, from the review alone (the figures read no actions).
                e.next_due = (e.status != linkwork_core::vocab::EpisodeStatus::Closed)
                    .then(|| linkwork_core::caseload::next_due(e, today))
                    .flatten();
            }
        }
        assert_eq!(figures, left_out);
        Ok(())
    })
    .unwrap();
}
