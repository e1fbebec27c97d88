//! Every file name Linkwork proposes is one Windows accepts, whatever the worker's name or the
//! person's (issue 31: the practice laptop runs Windows).
use crate::util::*;
use linkwork_api::types::*;
use linkwork_core::coding::{LetterTo, SummaryMode};
use linkwork_core::file_names::windows_problem;

fn valid(name: &str) {
    assert_eq!(windows_problem(name), None, "{name:?}");
}

#[test]
fn proposed_file_names_are_valid_on_windows() {
    let (_t, s) = unlocked();
    let r = j(s
        .api()
        .add_referral(referral(Some("9434765919"), "Con", "Nul", "1950-12-10", 60)))
    .unwrap();
    // The longest name Settings takes (100 characters), and one too long to reach a file name.
    let long = "Anna-Maria ".repeat(10)[..100].to_string();
    let too_long = "Anna-Maria ".repeat(30);
    let mut named = 0;
    for worker in [
        "Asha Patel",
        "CON",
        "Zoë Ó'Brien",
        "Sam: \"the\" <link> worker?",
        ". .",
        &long,
        too_long.trim(),
    ] {
        let set = j(s.api().update_settings(UpdateSettingsArgs {
            auto_lock_minutes: 15,
            worker_name: Some(text(worker)),
            whole_time_equivalent: None,
        }));
        if let Err(e) = set {
            // A name the settings refuse never reaches a file name.
            assert_eq!(e.field.as_deref(), Some("worker_name"), "{worker:?}: {e:?}");
            continue;
        }
        named += 1;
        for args in [
            ReportPeriod {
                month: Some("2026-10".into()),
                ..Default::default()
            },
            ReportPeriod {
                month: None,
                from: Some("01/09/2026".into()),
                to: Some("15/11/2026".into()),
            },
        ] {
            let p = j(s.api().report_preview(args)).unwrap();
            valid(p["file_name"].as_str().unwrap());
        }
    }
    assert_eq!(
        named, 6,
        "every name but the one over 100 characters is taken"
    );
    valid(&linkwork_store::backup::file_name(chrono::Utc::now()));

    for to in [LetterTo::Gp, LetterTo::Referrer] {
        let l = j(s.api().gp_letter(GpLetterArgs {
            episode_id: id_of(&r["episode_id"]),
            mode: SummaryMode::CodesOnly,
            to,
        }))
        .unwrap();
        valid(l["file_name"].as_str().unwrap());
    }
}
