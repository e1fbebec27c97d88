use crate::util::*;
use linkwork_api::types::*;
use linkwork_core::vocab;
use serde_json::{json, Value};

fn person(s: &linkwork_api::Session, id: &Value) -> Value {
    j(s.api().person(PersonArgs {
        person_id: person_id(id),
    }))
    .unwrap()
}

fn contact(
    s: &linkwork_api::Session,
    episode: &Value,
    kind: &str,
    outcome: &str,
    days_ago: i64,
    notes: &str,
) -> Result<Value, linkwork_api::ApiError> {
    let at = format!("{}T10:30", crate::util::days_ago(days_ago));
    let minutes = (outcome == "took_place").then_some(30);
    j(s.api()
        .add_contact(contact_form(episode, at, kind, minutes, outcome, notes)))
}

#[test]
fn same_nhs_number_twice_is_one_person_with_two_episodes_never_two_open() {
    let (_t, s) = unlocked();
    let first = add(
        &s,
        referral(Some("943 476 5919"), "Ada", "Lovelace", "1950-12-10", 30),
    );
    assert_eq!(first["new_person"], true);

    // Second referral while the first is open: refused, pointing at the existing person.
    let err = j(s.api().add_referral(referral(
        Some("9434765919"),
        "Ada",
        "Lovelace",
        "1950-12-10",
        2,
    )))
    .unwrap_err();
    assert_eq!(err.code.as_str(), "OPEN_EPISODE_EXISTS");
    assert_eq!(
        err.related_person_id.as_deref(),
        first["person_id"].as_str()
    );
    assert!(
        err.message
            .starts_with("Ada Lovelace already has an open episode of care (referred "),
        "{}",
        err.message
    );

    j(s.api().close_episode(CloseForm {
        episode_id: id_of(&first["episode_id"]),
        closed_on: Some(days_ago(1)),
        reason: Some(vocab::CloseReason::GoalsMet),
        note: None,
        concerns: vec![],
    }))
    .unwrap();
    let second = add(
        &s,
        referral(Some("943-476-5919"), "Ada", "Lovelace", "1950-12-10", 0),
    );
    assert_eq!(second["new_person"], false);
    assert_eq!(second["person_id"], first["person_id"]);
    assert_ne!(second["episode_id"], first["episode_id"]);

    let rec = person(&s, &first["person_id"]);
    let statuses: Vec<&str> = rec["episodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["waiting", "closed"], "newest first, one open");
    assert_eq!(rec["person"]["nhs_number"], "943 476 5919");
    let people = j(s.api().intake_check(IntakeCheckArgs {
        nhs_number: Some("9434765919".into()),
        ..Default::default()
    }))
    .unwrap();
    assert_eq!(people["existing"]["id"], first["person_id"]);
}

#[test]
fn without_an_nhs_number_likely_duplicates_are_flagged_until_confirmed() {
    let (_t, s) = unlocked();
    let first = add(&s, referral(None, "Margaret", "Hughes", "1944-03-02", 10));
    let check = j(s.api().intake_check(IntakeCheckArgs {
        given_name: Some("Maggie".into()),
        family_name: Some("hughes".into()),
        date_of_birth: Some("02/03/1944".into()),
        ..Default::default()
    }))
    .unwrap();
    assert_eq!(check["possible_duplicates"].as_array().unwrap().len(), 1);
    assert_eq!(check["possible_duplicates"][0]["id"], first["person_id"]);

    let mut r = referral(None, "Maggie", "Hughes", "1944-03-02", 1);
    let err = j(s.api().add_referral(r.clone())).unwrap_err();
    assert_eq!(err.code.as_str(), "POSSIBLE_DUPLICATE");
    r.allow_possible_duplicate = true;
    assert_eq!(add(&s, r)["new_person"], true);
    // Picking the existing record instead attaches to them (and their open episode blocks it).
    let err = j(s.api().add_referral(ReferralForm {
        person_id: Some(person_id(&first["person_id"])),
        received_on: days_ago(0),
        method: Some(vocab::ReferralMethod::Phone),
        source: Some(vocab::ReferralSource::Gp),
        ..Default::default()
    }))
    .unwrap_err();
    assert_eq!(err.code.as_str(), "OPEN_EPISODE_EXISTS");
}

#[test]
fn bad_input_names_the_field_and_writes_nothing() {
    let (_t, s) = unlocked();
    let typed: Vec<(ReferralForm, &str, &str)> = vec![
        (
            referral(Some("943 476 5918"), "A", "B", "1950-01-01", 1),
            "nhs_number",
            "last digit does not match",
        ),
        (
            referral(None, "", "B", "1950-01-01", 1),
            "given_name",
            "Enter the given name.",
        ),
        (
            referral(None, "A", "B", "2999-01-01", 1),
            "date_of_birth",
            "cannot be in the future",
        ),
        (
            referral(None, "A", "B", "31/02/1950", 1),
            "date_of_birth",
            "must be a real date",
        ),
        (
            referral(None, "A", "B", "1950-01-01", -3),
            "received_on",
            "cannot be in the future",
        ),
    ];
    let typed = typed
        .into_iter()
        .map(|(form, field, text)| (j(s.api().add_referral(form)), field, text));
    // A value that does not fit (only the wire can carry one) is named by its field, never quoted back.
    let wire = [
        (
            json!({"person": {"given_name": "A", "family_name": "B"}, "received_on": days_ago(1), "method": "pigeon"}),
            "method",
            "expected one of `phone`",
        ),
        (
            json!({"person": {"given_name": "A", "family_name": "B"}, "received_on": days_ago(1), "method": "phone", "reasons": ["bingo"]}),
            "reasons",
            "unknown variant, expected one of",
        ),
    ]
    .map(|(form, field, text)| (call(&s, "add_referral", form), field, text));
    for (result, field, text) in typed.collect::<Vec<_>>().into_iter().chain(wire) {
        let err = result.unwrap_err();
        assert_eq!(err.field.as_deref(), Some(field), "{}", err.message);
        assert!(err.message.contains(text), "{field}: {}", err.message);
        assert!(
            !err.message.contains("pigeon") && !err.message.contains("bingo"),
            "{}",
            err.message
        );
    }
    assert_eq!(
        j(s.api().caseload(CaseloadArgs::default())).unwrap()["rows"]
            .as_array()
            .unwrap()
            .len(),
        0
    );
}

#[test]
fn contacts_activate_a_waiting_episode_only_when_they_take_place() {
    let (_t, s) = unlocked();
    let r = add(
        &s,
        referral(Some("9876543210"), "Tom", "Evans", "1961-06-01", 10),
    );
    let ep = &r["episode_id"];
    let rec = contact(&s, ep, "phone", "unable_to_contact", 9, "No answer").unwrap();
    assert_eq!(rec["episodes"][0]["status"], "waiting");
    assert_eq!(rec["episodes"][0]["days_to_first_contact"], Value::Null);
    let rec = contact(&s, ep, "phone", "took_place", 7, "Good chat").unwrap();
    assert_eq!(rec["episodes"][0]["status"], "active");
    assert_eq!(
        rec["episodes"][0]["days_to_first_contact"], 3,
        "computed: referral 10 days ago, first contact 7 days ago"
    );

    let err = contact(&s, ep, "phone", "took_place", -1, "tomorrow").unwrap_err();
    assert_eq!(err.field.as_deref(), Some("occurred_at"));
    let err = contact(&s, ep, "phone", "took_place", 20, "before the referral").unwrap_err();
    assert!(
        err.message.contains("before the referral was received"),
        "{}",
        err.message
    );
    let err = j(s.api().add_contact(ContactForm {
        episode_id: id_of(ep),
        occurred_at: format!("{}T10:00", days_ago(1)),
        contact_type: Some(vocab::ContactType::Phone),
        duration_minutes: Some(601),
        outcome: Some(vocab::ContactOutcome::TookPlace),
        notes: None,
    }))
    .unwrap_err();
    assert_eq!(
        (err.field.as_deref(), err.message.as_str()),
        (
            Some("duration_minutes"),
            "The duration must be from 1 to 600 minutes."
        )
    );
    let err = j(s.api().add_contact(ContactForm {
        episode_id: id_of(ep),
        occurred_at: format!("{}T10:00", days_ago(1)),
        contact_type: Some(vocab::ContactType::Phone),
        duration_minutes: None,
        outcome: Some(vocab::ContactOutcome::TookPlace),
        notes: None,
    }))
    .unwrap_err();
    assert_eq!(err.field.as_deref(), Some("duration_minutes"));
}

#[test]
fn a_draft_survives_a_lock_and_is_cleared_by_saving_the_contact() {
    let (_t, s) = unlocked();
    let r = add(
        &s,
        referral(Some("9999999999"), "Ivy", "Walker", "1938-02-14", 5),
    );
    let ep = &r["episode_id"];
    // Half-typed, as it was when the lock came.
    let draft = linkwork_core::caseload::ContactDraft {
        occurred_at: "20/11/2026 10:1".into(),
        contact_type: vocab::ContactType::HomeVisit,
        duration_minutes: "4o".into(),
        outcome: vocab::ContactOutcome::TookPlace,
        notes: "Kitchen was cold; talked about the warm space at St Mary's \u{2014} and her sister"
            .into(),
    };
    let form = serde_json::to_value(&draft).unwrap();
    j(s.api().save_draft(SaveDraftArgs {
        episode_id: id_of(ep),
        form: draft,
    }))
    .unwrap();
    j(s.api().lock(NoArgs {})).unwrap();
    j(s.api().unlock(UnlockArgs {
        passphrase: secret_of(PASS),
    }))
    .unwrap();
    let rec = person(&s, &r["person_id"]);
    assert_eq!(rec["episodes"][0]["draft"], form, "restored exactly");
    let row = &j(s.api().caseload(CaseloadArgs::default())).unwrap()["rows"][0];
    assert_eq!(row["draft"], true);

    let err = j(s.api().close_episode(CloseForm {
        episode_id: id_of(ep),
        closed_on: None,
        reason: Some(vocab::CloseReason::Other),
        note: None,
        concerns: vec![],
    }))
    .unwrap_err();
    assert_eq!(err.code.as_str(), "DRAFT_PENDING");
    let rec = contact(&s, ep, "home_visit", "took_place", 0, "Kitchen was cold").unwrap();
    assert_eq!(rec["episodes"][0]["draft"], Value::Null);
    // A contact type the core does not know (only the wire can carry one) is refused by name.
    let err = call(
        &s,
        "save_draft",
        json!({"episode_id": ep, "form": {"contact_type": "carrier_pigeon"}}),
    )
    .unwrap_err();
    assert_eq!(
        (err.code.as_str(), err.field.as_deref()),
        ("BAD_REQUEST", Some("form"))
    );
}

#[test]
fn plan_goals_actions_risks_and_closing() {
    let (_t, s) = unlocked();
    let r = add(
        &s,
        referral(Some("1234567881"), "Raj", "Patel", "1975-09-30", 40),
    );
    let (ep, pid) = (&r["episode_id"], &r["person_id"]);
    j(s.api().update_plan(PlanForm {
        episode_id: id_of(ep),
        what_matters: Some("Getting back to the allotment".into()),
        needs: vec![vocab::NeedCategory::GreenNature],
        next_review_on: Some(days_ago(-14)),
    }))
    .unwrap();
    let rec = j(s.api().save_goal(GoalForm {
        episode_id: Some(id_of(ep)),
        goal_id: None,
        text: Some("Dig one bed by spring".into()),
        importance: Some(8),
        status: None,
    }))
    .unwrap();
    let goal = rec["episodes"][0]["goals"][0].clone();
    assert_eq!(
        (goal["importance"].as_u64(), goal["status"].as_str()),
        (Some(8), Some("not_started"))
    );
    let rec = j(s.api().save_goal(GoalForm {
        episode_id: None,
        goal_id: Some(id_of(&goal["id"])),
        text: Some("Dig one bed by spring".into()),
        importance: Some(8),
        status: Some(vocab::GoalStatus::Achieved),
    }))
    .unwrap();
    assert_eq!(rec["episodes"][0]["goals"][0]["status"], "achieved");
    assert_eq!(
        j(s.api().save_goal(GoalForm {
            episode_id: Some(id_of(ep)),
            goal_id: None,
            text: Some("x".into()),
            importance: Some(11),
            status: None
        }))
        .unwrap_err()
        .field
        .as_deref(),
        Some("importance")
    );

    let rec = j(s.api().add_action(ActionForm {
        episode_id: id_of(ep),
        who: Some("Raj".into()),
        what: Some("Ring the allotment society".into()),
        due_on: Some(days_ago(-7)),
    }))
    .unwrap();
    let action = rec["episodes"][0]["actions"][0]["id"].clone();
    let rec = j(s.api().set_action_done(ActionDoneArgs {
        action_id: id_of(&action),
        done: true,
    }))
    .unwrap();
    assert!(rec["episodes"][0]["actions"][0]["done_on"].is_string());

    let rec = j(s.api().raise_concern(ConcernForm {
        person_id: id_of(pid),
        raised_on: None,
        raised_by: None,
        concern: Some("Mentioned not eating".into()),
        level: Some(vocab::RiskLevel::Medium),
        action_taken: Some("Told GP".into()),
        review_on: None,
    }))
    .unwrap();
    assert_eq!(rec["risk"], true);
    assert_eq!(
        j(s.api().caseload(CaseloadArgs::default())).unwrap()["rows"][0]["risk"],
        true
    );
    let concern = rec["concerns"][0]["id"].clone();
    let rec = j(s.api().close_concern(ConcernEntryForm {
        concern_id: id_of(&concern),
        recorded_on: None,
        note: Some("Eating well again".into()),
        action_taken: None,
        level: None,
        review_on: None,
    }))
    .unwrap();
    assert_eq!(
        (
            rec["risk"].as_bool(),
            rec["concerns"][0]["entries"].as_array().unwrap().len()
        ),
        (Some(false), 2)
    );

    let err = j(s.api().close_episode(CloseForm {
        episode_id: id_of(ep),
        closed_on: None,
        reason: None,
        note: None,
        concerns: vec![],
    }))
    .unwrap_err();
    assert_eq!(err.field.as_deref(), Some("close_reason"));
    let rec = j(s.api().close_episode(CloseForm {
        episode_id: id_of(ep),
        closed_on: None,
        reason: Some(vocab::CloseReason::GoalsMet),
        note: Some("Back at the allotment".into()),
        concerns: vec![],
    }))
    .unwrap();
    let e = &rec["episodes"][0];
    assert_eq!(
        (e["status"].as_str(), e["close_reason"].as_str()),
        (Some("closed"), Some("goals_met"))
    );
    let err = contact(&s, ep, "phone", "took_place", 0, "after closing").unwrap_err();
    assert_eq!(err.code.as_str(), "EPISODE_CLOSED");
}

#[test]
fn caseload_list_counters_search_and_sort() {
    let (_t, s) = unlocked();
    let a = add(
        &s,
        referral(Some("9434765919"), "Ada", "Lovelace", "1950-12-10", 20),
    ); // waiting 20 days
    let b = add(
        &s,
        referral(Some("9876543210"), "Tom", "Evans", "1961-06-01", 30),
    );
    contact(&s, &b["episode_id"], "phone", "took_place", 26, "first").unwrap(); // 4 days to first contact
    contact(&s, &b["episode_id"], "phone", "took_place", 3, "later").unwrap();
    let c = add(
        &s,
        referral(Some("1234567881"), "Raj", "Patel", "1975-09-30", 6),
    ); // waiting 6 days
    let d = add(
        &s,
        referral(Some("9999999999"), "Ivy", "Walker", "1938-02-14", 100),
    );
    contact(
        &s,
        &d["episode_id"],
        "face_to_face",
        "took_place",
        90,
        "seen",
    )
    .unwrap(); // 10 days to first contact
    j(s.api().close_episode(CloseForm {
        episode_id: id_of(&d["episode_id"]),
        closed_on: Some(days_ago(5)),
        reason: Some(vocab::CloseReason::GoalsMet),
        note: None,
        concerns: vec![],
    }))
    .unwrap();

    let view = j(s.api().caseload(CaseloadArgs::default())).unwrap();
    let k = &view["counters"];
    assert_eq!(
        (k["open"].as_u64(), k["waiting"].as_u64()),
        (Some(3), Some(2))
    );
    assert_eq!(k["median_days_waiting"], 13.0, "median of 20 and 6");
    assert_eq!(k["median_days_to_first_contact"], 7.0, "median of 4 and 10");
    assert_eq!(
        k["supported_last_12_months"], 2,
        "Tom and Ivy had contacts that took place"
    );
    assert_eq!(k["level"], "ok");

    let names = |v: &Value| {
        v["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["name"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        names(&view),
        ["Ada Lovelace", "Raj Patel", "Tom Evans"],
        "needing attention first: the longest wait, then the next, then the person being seen"
    );
    assert_eq!(
        names(
            &j(s.api().caseload(CaseloadArgs {
                sort: linkwork_core::caseload::CaseloadSort::Name,
                ..Default::default()
            }))
            .unwrap()
        ),
        ["Tom Evans", "Ada Lovelace", "Raj Patel"],
        "by family name"
    );
    let row = &view["rows"][0];
    assert_eq!(
        (row["days_waiting"].as_i64(), row["nhs_number"].as_str()),
        (Some(20), Some("943 476 5919"))
    );
    assert_eq!(view["rows"][2]["days_since_contact"], 3);

    assert_eq!(
        names(
            &j(s.api().caseload(CaseloadArgs {
                search: Some("lov".into()),
                ..Default::default()
            }))
            .unwrap()
        ),
        ["Ada Lovelace"]
    );
    assert_eq!(
        names(
            &j(s.api().caseload(CaseloadArgs {
                search: Some("123 456".into()),
                ..Default::default()
            }))
            .unwrap()
        ),
        ["Raj Patel"]
    );
    assert_eq!(
        names(
            &j(s.api().caseload(CaseloadArgs {
                status: Some(vocab::EpisodeStatus::Waiting),
                sort: linkwork_core::caseload::CaseloadSort::Waiting,
                descending: true,
                ..Default::default()
            }))
            .unwrap()
        ),
        ["Ada Lovelace", "Raj Patel"]
    );
    assert_eq!(
        names(
            &j(s.api().caseload(CaseloadArgs {
                status: Some(vocab::EpisodeStatus::Active),
                ..Default::default()
            }))
            .unwrap()
        ),
        ["Tom Evans"]
    );
    // Each keystroke asks for the rows alone: the same rows, without the page's counters.
    for args in [
        CaseloadArgs::default(),
        CaseloadArgs {
            search: Some("lov".into()),
            ..Default::default()
        },
        CaseloadArgs {
            status: Some(vocab::EpisodeStatus::Waiting),
            sort: linkwork_core::caseload::CaseloadSort::Waiting,
            descending: true,
            ..Default::default()
        },
    ] {
        let rows = j(s.api().caseload_rows(args.clone())).unwrap();
        assert_eq!(rows, j(s.api().caseload(args)).unwrap()["rows"]);
    }
    let _ = (a, c);
}

#[test]
fn person_details_can_be_edited_but_not_onto_someone_elses_nhs_number() {
    let (_t, s) = unlocked();
    let a = add(
        &s,
        referral(Some("9434765919"), "Ada", "Lovelace", "1950-12-10", 2),
    );
    add(
        &s,
        referral(Some("9876543210"), "Tom", "Evans", "1961-06-01", 2),
    );
    let rec = j(s.api().update_person(UpdatePersonArgs {
        person_id: id_of(&a["person_id"]),
        person: PersonForm {
            nhs_number: Some("9434765919".into()),
            given_name: Some("Ada".into()),
            family_name: Some("King".into()),
            preferred_name: Some("Ada".into()),
            postcode: Some("hx1 2ab".into()),
            consent_to_share: Some(vocab::ConsentToShare::Yes),
            tags: vec![vocab::GroupTag::Loneliness],
            ..Default::default()
        },
    }))
    .unwrap();
    assert_eq!(rec["person"]["family_name"], "King");
    assert_eq!(rec["person"]["postcode"], "HX1 2AB");
    assert!(
        rec["person"]["consent_recorded_on"].is_string(),
        "consent gets a date"
    );
    assert_eq!(rec["person"]["tags"], json!(["loneliness"]));
    let err = j(s.api().update_person(UpdatePersonArgs {
        person_id: id_of(&a["person_id"]),
        person: PersonForm {
            nhs_number: Some("9876543210".into()),
            given_name: Some("Ada".into()),
            family_name: Some("King".into()),
            ..Default::default()
        },
    }))
    .unwrap_err();
    assert_eq!(
        (err.code.as_str(), err.field.as_deref()),
        ("NHS_NUMBER_TAKEN", Some("nhs_number"))
    );
}

#[test]
fn a_new_contact_starts_as_long_as_this_persons_last_one_of_that_type() {
    let (_t, s) = unlocked();
    let ada = add(&s, referral(None, "Ada", "Long", "1950-01-01", 5));
    let bob = add(&s, referral(None, "Bob", "Short", "1960-01-01", 5));
    let defaults = |who: &Value| {
        let d = j(s.api().contact_defaults(PersonArgs {
            person_id: id_of(&who["person_id"]),
        }))
        .unwrap();
        let mut by_type: Vec<(String, u64)> = d["minutes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| {
                (
                    m["contact_type"].as_str().unwrap().to_string(),
                    m["minutes"].as_u64().unwrap(),
                )
            })
            .collect();
        by_type.sort();
        by_type
    };
    assert!(defaults(&ada).is_empty(), "nothing yet: the form asks");
    let with = |who: &Value, days: i64, kind: &str, minutes: u32| {
        let at = format!("{}T10:30", days_ago(days));
        let form = contact_form(
            &who["episode_id"],
            at,
            kind,
            Some(minutes),
            "took_place",
            "",
        );
        j(s.api().add_contact(form)).unwrap()
    };
    with(&ada, 3, "phone", 10);
    with(&ada, 2, "home_visit", 60);
    let rec = with(&ada, 1, "phone", 15);
    // Bob's hour-long visit, saved last, sets nothing for Ada, and Ada's phone call is not 60.
    with(&bob, 1, "home_visit", 90);
    assert_eq!(
        defaults(&ada),
        vec![("home_visit".into(), 60), ("phone".into(), 15)]
    );
    assert_eq!(defaults(&bob), vec![("home_visit".into(), 90)]);
    // A contact entered later for an earlier day does not count as the latest.
    with(&ada, 5, "phone", 45);
    assert_eq!(defaults(&ada)[1], ("phone".into(), 15));
    // A contact entered in error does not set the default.
    let newest = rec["episodes"][0]["contacts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["duration_minutes"] == 15)
        .unwrap()["id"]
        .clone();
    j(s.api().mark_entered_in_error(EnteredInErrorForm {
        record: linkwork_core::caseload::Correctable::Contact(id_of(&newest)),
        reason: Some("Wrong person".into()),
    }))
    .unwrap();
    assert_eq!(defaults(&ada)[1], ("phone".into(), 10));
}
