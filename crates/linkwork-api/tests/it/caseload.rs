use crate::util::*;
use serde_json::{json, Value};

fn add(s: &linkwork_api::Session, r: Value) -> Value {
    call(s, "add_referral", r).unwrap()
}

fn person(s: &linkwork_api::Session, id: &Value) -> Value {
    call(s, "person", json!({"person_id": id})).unwrap()
}

fn contact(
    s: &linkwork_api::Session,
    episode: &Value,
    kind: &str,
    outcome: &str,
    days_ago: i64,
    notes: &str,
) -> Result<Value, linkwork_api::ApiError> {
    call(
        s,
        "add_contact",
        json!({"episode_id": episode, "occurred_at": format!("{}T10:30", crate::util::days_ago(days_ago)), "contact_type": kind,
               "duration_minutes": if outcome == "took_place" { Some(30) } else { None }, "outcome": outcome, "notes": notes}),
    )
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
    let err = call(
        &s,
        "add_referral",
        referral(Some("9434765919"), "Ada", "Lovelace", "1950-12-10", 2),
    )
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

    call(
        &s,
        "close_episode",
        json!({"episode_id": first["episode_id"], "reason": "goals_met", "closed_on": days_ago(1)}),
    )
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
    let people = call(&s, "intake_check", json!({"nhs_number": "9434765919"})).unwrap();
    assert_eq!(people["existing"]["id"], first["person_id"]);
}

#[test]
fn without_an_nhs_number_likely_duplicates_are_flagged_until_confirmed() {
    let (_t, s) = unlocked();
    let first = add(&s, referral(None, "Margaret", "Hughes", "1944-03-02", 10));
    let check = call(
        &s,
        "intake_check",
        json!({"given_name": "Maggie", "family_name": "hughes", "date_of_birth": "02/03/1944"}),
    )
    .unwrap();
    assert_eq!(check["possible_duplicates"].as_array().unwrap().len(), 1);
    assert_eq!(check["possible_duplicates"][0]["id"], first["person_id"]);

    let mut r = referral(None, "Maggie", "Hughes", "1944-03-02", 1);
    let err = call(&s, "add_referral", r.clone()).unwrap_err();
    assert_eq!(err.code.as_str(), "POSSIBLE_DUPLICATE");
    r["allow_possible_duplicate"] = json!(true);
    assert_eq!(add(&s, r)["new_person"], true);
    // Picking the existing record instead attaches to them (and their open episode blocks it).
    let err = call(
        &s,
        "add_referral",
        json!({"person_id": first["person_id"], "received_on": days_ago(0), "method": "phone", "source": "gp"}),
    )
    .unwrap_err();
    assert_eq!(err.code.as_str(), "OPEN_EPISODE_EXISTS");
}

#[test]
fn bad_input_names_the_field_and_writes_nothing() {
    let (_t, s) = unlocked();
    let cases: Vec<(Value, &str, &str)> = vec![
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
        (
            // A value that does not fit is named by its field, never quoted back.
            json!({"person": {"given_name": "A", "family_name": "B"}, "received_on": days_ago(1), "method": "pigeon"}),
            "method",
            "expected one of `phone`",
        ),
        (
            json!({"person": {"given_name": "A", "family_name": "B"}, "received_on": days_ago(1), "method": "phone", "reasons": ["bingo"]}),
            "reasons",
            "unknown variant, expected one of",
        ),
    ];
    for (form, field, text) in cases {
        let err = call(&s, "add_referral", form).unwrap_err();
        assert_eq!(err.field.as_deref(), Some(field), "{}", err.message);
        assert!(err.message.contains(text), "{field}: {}", err.message);
        assert!(
            !err.message.contains("pigeon") && !err.message.contains("bingo"),
            "{}",
            err.message
        );
    }
    assert_eq!(
        call(&s, "caseload", json!({})).unwrap()["rows"]
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
    let err = call(&s, "add_contact", json!({"episode_id": ep, "occurred_at": format!("{}T10:00", days_ago(1)), "contact_type": "phone", "duration_minutes": 601, "outcome": "took_place"})).unwrap_err();
    assert_eq!(
        (err.field.as_deref(), err.message.as_str()),
        (
            Some("duration_minutes"),
            "The duration must be from 1 to 600 minutes."
        )
    );
    let err = call(&s, "add_contact", json!({"episode_id": ep, "occurred_at": format!("{}T10:00", days_ago(1)), "contact_type": "phone", "outcome": "took_place"})).unwrap_err();
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
    let form = r#"{"contact_type":"home_visit","notes":"Kitchen was cold; talked about the warm space at St Mary's \u2014 and her sister"}"#;
    call(&s, "save_draft", json!({"episode_id": ep, "form": form})).unwrap();
    call(&s, "lock", json!({})).unwrap();
    call(&s, "unlock", json!({"passphrase": PASS})).unwrap();
    let rec = person(&s, &r["person_id"]);
    assert_eq!(rec["episodes"][0]["draft"], form, "restored exactly");
    let row = &call(&s, "caseload", json!({})).unwrap()["rows"][0];
    assert_eq!(row["draft"], true);

    let err = call(
        &s,
        "close_episode",
        json!({"episode_id": ep, "reason": "other"}),
    )
    .unwrap_err();
    assert_eq!(err.code.as_str(), "DRAFT_PENDING");
    let rec = contact(&s, ep, "home_visit", "took_place", 0, "Kitchen was cold").unwrap();
    assert_eq!(rec["episodes"][0]["draft"], Value::Null);
    assert_eq!(
        call(
            &s,
            "save_draft",
            json!({"episode_id": ep, "form": "not json"})
        )
        .unwrap_err()
        .field
        .as_deref(),
        Some("draft")
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
    call(&s, "update_plan", json!({"episode_id": ep, "what_matters": "Getting back to the allotment", "needs": ["green_nature"], "next_review_on": days_ago(-14)})).unwrap();
    let rec = call(
        &s,
        "save_goal",
        json!({"episode_id": ep, "text": "Dig one bed by spring", "importance": 8}),
    )
    .unwrap();
    let goal = rec["episodes"][0]["goals"][0].clone();
    assert_eq!(
        (goal["importance"].as_u64(), goal["status"].as_str()),
        (Some(8), Some("not_started"))
    );
    let rec = call(&s, "save_goal", json!({"goal_id": goal["id"], "text": "Dig one bed by spring", "importance": 8, "status": "achieved"})).unwrap();
    assert_eq!(rec["episodes"][0]["goals"][0]["status"], "achieved");
    assert_eq!(
        call(
            &s,
            "save_goal",
            json!({"episode_id": ep, "text": "x", "importance": 11})
        )
        .unwrap_err()
        .field
        .as_deref(),
        Some("importance")
    );

    let rec = call(&s, "add_action", json!({"episode_id": ep, "who": "Raj", "what": "Ring the allotment society", "due_on": days_ago(-7)})).unwrap();
    let action = rec["episodes"][0]["actions"][0]["id"].clone();
    let rec = call(
        &s,
        "set_action_done",
        json!({"action_id": action, "done": true}),
    )
    .unwrap();
    assert!(rec["episodes"][0]["actions"][0]["done_on"].is_string());

    let rec = call(&s, "raise_concern", json!({"person_id": pid, "level": "medium", "concern": "Mentioned not eating", "action_taken": "Told GP"})).unwrap();
    assert_eq!(rec["risk"], true);
    assert_eq!(
        call(&s, "caseload", json!({})).unwrap()["rows"][0]["risk"],
        true
    );
    let concern = rec["concerns"][0]["id"].clone();
    let rec = call(
        &s,
        "close_concern",
        json!({"concern_id": concern, "note": "Eating well again"}),
    )
    .unwrap();
    assert_eq!(
        (
            rec["risk"].as_bool(),
            rec["concerns"][0]["entries"].as_array().unwrap().len()
        ),
        (Some(false), 2)
    );

    let err = call(&s, "close_episode", json!({"episode_id": ep, "reason": ""})).unwrap_err();
    assert_eq!(err.field.as_deref(), Some("close_reason"));
    let rec = call(
        &s,
        "close_episode",
        json!({"episode_id": ep, "reason": "goals_met", "note": "Back at the allotment"}),
    )
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
    call(
        &s,
        "close_episode",
        json!({"episode_id": d["episode_id"], "reason": "goals_met", "closed_on": days_ago(5)}),
    )
    .unwrap();

    let view = call(&s, "caseload", json!({})).unwrap();
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
        names(&call(&s, "caseload", json!({"sort": "name"})).unwrap()),
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
        names(&call(&s, "caseload", json!({"search": "lov"})).unwrap()),
        ["Ada Lovelace"]
    );
    assert_eq!(
        names(&call(&s, "caseload", json!({"search": "123 456"})).unwrap()),
        ["Raj Patel"]
    );
    assert_eq!(
        names(
            &call(
                &s,
                "caseload",
                json!({"status": "waiting", "sort": "waiting", "descending": true})
            )
            .unwrap()
        ),
        ["Ada Lovelace", "Raj Patel"]
    );
    assert_eq!(
        names(&call(&s, "caseload", json!({"status": "active"})).unwrap()),
        ["Tom Evans"]
    );
    // Each keystroke asks for the rows alone: the same rows, without the page's counters.
    for args in [
        json!({}),
        json!({"search": "lov"}),
        json!({"status": "waiting", "sort": "waiting", "descending": true}),
    ] {
        let rows = call(&s, "caseload_rows", args.clone()).unwrap();
        assert_eq!(rows, call(&s, "caseload", args).unwrap()["rows"]);
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
    let rec = call(&s, "update_person", json!({"person_id": a["person_id"], "person": {"nhs_number": "9434765919", "given_name": "Ada", "family_name": "King", "preferred_name": "Ada", "consent_to_share": "yes", "tags": ["loneliness"], "postcode": "hx1 2ab"}})).unwrap();
    assert_eq!(rec["person"]["family_name"], "King");
    assert_eq!(rec["person"]["postcode"], "HX1 2AB");
    assert!(
        rec["person"]["consent_recorded_on"].is_string(),
        "consent gets a date"
    );
    assert_eq!(rec["person"]["tags"], json!(["loneliness"]));
    let err = call(&s, "update_person", json!({"person_id": a["person_id"], "person": {"nhs_number": "9876543210", "given_name": "Ada", "family_name": "King"}})).unwrap_err();
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
        let d = call(
            &s,
            "contact_defaults",
            json!({"person_id": who["person_id"]}),
        )
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
        call(
            &s,
            "add_contact",
            json!({"episode_id": who["episode_id"], "occurred_at": format!("{}T10:30", days_ago(days)), "contact_type": kind,
                   "duration_minutes": minutes, "outcome": "took_place"}),
        )
        .unwrap()
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
    call(
        &s,
        "mark_entered_in_error",
        json!({"record": {"kind": "contact", "id": newest}, "reason": "Wrong person"}),
    )
    .unwrap();
    assert_eq!(defaults(&ada)[1], ("phone".into(), 10));
}
