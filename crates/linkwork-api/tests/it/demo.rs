//! `demo_fill`: the demo generator through its command, against real vaults: deterministic,
//! realistic, and never mixed with real data.

use crate::util::*;
use linkwork_api::types::*;
use linkwork_api::{ApiError, Session};
use serde_json::Value;

fn fill(s: &Session, a: DemoArgs) -> Result<DemoFilled, ApiError> {
    s.api().demo_fill(a)
}

fn people(n: u32, seed: u64) -> DemoArgs {
    DemoArgs {
        seed,
        years: None,
        people: Some(n),
        assets: None,
    }
}

#[test]
fn demo_data_is_deterministic_and_only_fills_an_empty_vault() {
    let (_t1, s1) = unlocked();
    let (_t2, s2) = unlocked();
    let a = fill(&s1, people(60, 42)).unwrap();
    let b = fill(&s2, people(60, 42)).unwrap();
    assert_eq!(a, b);
    assert_eq!(a.people, 60);
    let rows = |s: &Session| {
        j(s.api().caseload(CaseloadArgs::default())).unwrap()["rows"]
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
    let summary = |s: &Session| j(s.api().outcome_summary(OutcomeSummaryArgs::default())).unwrap();
    assert_eq!(summary(&s1), summary(&s2));
    assert!(
        summary(&s1)["ons4_people"].as_u64().unwrap() >= 10,
        "{}",
        summary(&s1)
    );
    let err = fill(&s1, people(5, 1)).unwrap_err();
    assert!(
        err.message.contains("only goes into an empty vault"),
        "{}",
        err.message
    );
}

#[test]
fn demo_records_look_real_but_could_never_reach_anyone() {
    let (_t, s) = unlocked();
    fill(&s, people(120, 7)).unwrap();
    let people = j(s.api().list_people(PeopleArgs::default())).unwrap();
    let (mut pams, mut waiting_tries) = (0, 0);
    for p in people.as_array().unwrap() {
        let rec = j(s.api().person(PersonArgs {
            person_id: person_id(&p["id"]),
        }))
        .unwrap();
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
    let assets = j(s.api().search_assets(AssetSearchArgs {
        text: Some("".into()),
        ..Default::default()
    }))
    .unwrap();
    let hits = assets["hits"].as_array().unwrap();
    assert!(!hits.is_empty());
    for a in hits {
        let a = j(s.api().asset(AssetArgs {
            asset_id: asset_id(&a["id"]),
        }))
        .unwrap();
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
/// only the last 90 days' GP lines still waiting to be entered (the demo crate's own tests check
/// the same people come without those touches).
#[test]
fn a_lived_in_demo_has_rereferrals_corrections_and_entered_gp_lines() {
    let (_t, s) = unlocked();
    let a = fill(
        &s,
        DemoArgs {
            seed: 5,
            years: Some(1),
            people: Some(60),
            assets: Some(80),
        },
    )
    .unwrap();
    assert!(a.episodes > a.people, "some people referred again: {a:?}");
    let (mut in_error, mut max_episodes) = (0, 0);
    for p in j(s.api().list_people(PeopleArgs::default()))
        .unwrap()
        .as_array()
        .unwrap()
    {
        let rec = j(s.api().person(PersonArgs {
            person_id: person_id(&p["id"]),
        }))
        .unwrap();
        let episodes = rec["episodes"].as_array().unwrap();
        max_episodes = max_episodes.max(episodes.len());
        in_error += episodes
            .iter()
            .flat_map(|e| e["contacts"].as_array().unwrap())
            .filter(|c| !c["entered_in_error"].is_null())
            .count();
    }
    assert!(
        in_error > 0 && max_episodes >= 2,
        "{in_error} {max_episodes}"
    );
    let list = s.api().gp_checklist(NoArgs {}).unwrap();
    let oldest = list
        .people
        .iter()
        .flat_map(|p| &p.lines)
        .map(|l| l.on)
        .min();
    assert!(list.pending > 0, "recent lines wait to be entered");
    assert!(
        oldest >= Some(today() - chrono::Duration::days(90)),
        "older lines are marked entered: {oldest:?}"
    );
}

#[test]
fn a_demo_size_out_of_range_is_refused_by_field() {
    let (_t, s) = unlocked();
    let field = |a: DemoArgs| fill(&s, a).unwrap_err().field.unwrap_or_default();
    let zero_years = DemoArgs {
        years: Some(0),
        ..people(5, 1)
    };
    assert_eq!(field(zero_years), "years");
    assert_eq!(field(people(1_000_000, 1)), "people");
    // Nothing was written: the vault still takes a demo.
    assert_eq!(fill(&s, people(3, 1)).unwrap().people, 3);
}
