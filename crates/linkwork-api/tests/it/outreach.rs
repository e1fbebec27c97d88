//! Outreach lists through the command list: a SystmOne search previewed and imported, a bad one
//! refused whole by line and column, calls logged, a yes made a referral, and rows of a closed
//! list removed at the first unlock after the months kept.

use crate::util::*;
use linkwork_api::{chosen::ChosenFile, types::*, Session};
use linkwork_core::{
    outreach::{OutreachOutcome, OutreachState},
    vocab::GpSystem,
};
use linkwork_store::KdfCost;

const LIST: &str = "\u{feff}NHS number,Surname,First name,Date of birth,Telephone number\r\n\
9434765919,Walker,Ivy,14/02/1948,07700 900001\r\n\
9990000093,Okafor,Sam,01/01/1950,07700 900002\r\n";

#[test]
fn a_search_is_previewed_imported_worked_and_a_yes_becomes_a_referral() {
    let (t, s) = unlocked();
    let api = s.api();
    let practice = api
        .save_practice(PracticeForm {
            practice_id: None,
            name: "Calder Valley Surgery".into(),
            ods_code: Some("B86002".into()),
            gp_system: Some(GpSystem::SystmOne),
        })
        .unwrap()
        .id;
    let file = t.path().join("search.csv");
    std::fs::write(&file, LIST).unwrap();
    let bad = t.path().join("bad.csv");
    std::fs::write(
        &bad,
        "NHS number,Surname,First name,Date of birth\n9434765918,Walker,Ivy,14/02/1948\n",
    )
    .unwrap();

    // A bad file: the preview lists the problem, and the import refuses naming it.
    let p = api
        .outreach_preview(OutreachFileArgs {
            path: ChosenFile::path_given(bad.clone()),
        })
        .unwrap();
    assert_eq!((p.rows.len(), p.problems.len()), (0, 1));
    assert_eq!(
        (p.problems[0].line, p.problems[0].column.as_str()),
        (2, "NHS number")
    );
    let args = |path: &std::path::Path, name: &str| OutreachImportArgs {
        path: ChosenFile::path_given(path.to_path_buf()),
        practice_id: Some(practice.clone()),
        name: name.into(),
        searched_on: "01/11/2026".into(),
    };
    let e = api.import_outreach(args(&bad, "Frailty")).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("path"));
    assert!(
        e.message
            .starts_with("Nothing was imported: Line 2, column \u{201c}NHS number\u{201d}"),
        "{}",
        e.message
    );
    assert!(api.outreach_lists(NoArgs {}).unwrap().is_empty());
    let e = api
        .import_outreach(OutreachImportArgs {
            practice_id: None,
            ..args(&file, "Frailty")
        })
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("practice_id"));

    let p = api
        .outreach_preview(OutreachFileArgs {
            path: ChosenFile::path_given(file.clone()),
        })
        .unwrap();
    assert_eq!((p.people, p.known, p.on_other_lists), (2, 0, 0));
    let v = api
        .import_outreach(args(&file, "Frailty register"))
        .unwrap();
    assert_eq!(v.list.people, 2);
    let list_id = v.list.id.clone();
    let ivy = v
        .entries
        .iter()
        .find(|e| e.given_name == "Ivy")
        .unwrap()
        .id
        .clone();
    let sam = v
        .entries
        .iter()
        .find(|e| e.given_name == "Sam")
        .unwrap()
        .id
        .clone();

    let v = api
        .log_outreach(OutreachLogArgs {
            entry_id: sam.clone(),
            outcome: Some(OutreachOutcome::NoAnswer),
            at: Some(format!("{}T09:15", days_ago(1))),
        })
        .unwrap();
    let row = v.entries.iter().find(|e| e.id == sam).unwrap();
    assert_eq!((row.state, row.attempts.len()), (OutreachState::Tried, 1));
    let e = api
        .log_outreach(OutreachLogArgs {
            entry_id: sam.clone(),
            outcome: None,
            at: None,
        })
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("outcome"));

    let a = api
        .accept_outreach(OutreachEntryArgs {
            entry_id: ivy.clone(),
        })
        .unwrap();
    let rec = api
        .person(PersonArgs {
            person_id: a.person_id.clone(),
        })
        .unwrap();
    assert_eq!(rec.person.nhs_number.as_deref(), Some("943 476 5919"));
    assert_eq!(
        rec.person.gp_practice_name.as_deref(),
        Some("Calder Valley Surgery")
    );
    assert_eq!(a.list.list.accepted, 1);
    let counters = api.caseload(CaseloadArgs::default()).unwrap().counters;
    assert_eq!(counters.outreach_to_work, 1, "Sam, tried once");
    // The month's report counts the calls: 2 called, 1 reached, 1 accepted (shown exactly with
    // small-number protection off; with it on, each is "<5").
    for (suppression, shown) in [
        (linkwork_report::Suppression::Off, ["2", "1", "1", "0"]),
        (linkwork_report::Suppression::On, ["<5", "<5", "<5", "0"]),
    ] {
        api.update_report_settings(ReportSettingsForm {
            supervisor_keys: vec![],
            suppression,
        })
        .unwrap();
        let p = j(api.report_preview(ReportPeriod {
            month: Some("2026-11".into()),
            ..Default::default()
        }))
        .unwrap();
        let t = p["tables"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["name"] == "outreach")
            .unwrap();
        let value = |measure: &str| {
            let row = t["rows"]
                .as_array()
                .unwrap()
                .iter()
                .find(|r| r[0]["value"] == measure)
                .unwrap();
            match row[2]["kind"].as_str().unwrap() {
                "suppressed" => "<5".to_string(),
                _ => row[2]["value"].to_string(),
            }
        };
        let got: Vec<String> = ["people_tried", "reached", "accepted", "declined"]
            .iter()
            .map(|m| value(m))
            .collect();
        assert_eq!(got, shown, "{suppression:?}");
    }
    // The audit trail says what was done, never to whom by name.
    let trail = api.audit_page(AuditPageArgs::default()).unwrap().rows;
    assert!(trail
        .iter()
        .any(|r| r.record == "Outreach list" && r.action == "Created"));
    assert!(trail
        .iter()
        .any(|r| r.record == "Person on an outreach list"));

    // Closed, then kept 3 months (the default): the first unlock after that removes Sam's row.
    api.close_outreach_list(OutreachCloseArgs {
        list_id: list_id.clone(),
        closed: true,
    })
    .unwrap();
    j(api.lock(NoArgs {})).unwrap();
    let later = std::sync::Arc::new(linkwork_core::FixedClock::on(
        today() + chrono::Months::new(3),
    ));
    let s2 = Session::with_clock(t.path().join("data"), KdfCost::InsecureForTests(10), later);
    j(s2.api().unlock(UnlockArgs {
        passphrase: secret_of(PASS),
    }))
    .unwrap();
    let v = s2
        .api()
        .outreach_list(OutreachListArgs { list_id })
        .unwrap();
    assert_eq!(v.entries.len(), 1, "Ivy's referral stays");
    assert_eq!(v.list.removed, 1);
}
