use crate::util::*;
use linkwork_api::types::*;
use linkwork_api::{ApiError, Session};
use linkwork_core::vocab;
use serde_json::{json, Value};

fn ons4(s: &Session, episode: &Value, days: i64, a: [&str; 4]) -> Result<Value, ApiError> {
    j(s.api().add_ons4(ons4_form(episode, days_ago(days), a)))
}

fn pam(
    s: &Session,
    episode: &Value,
    days: i64,
    score: &str,
    level: &str,
) -> Result<Value, ApiError> {
    j(s.api().add_pam(PamForm {
        episode_id: episode_id(episode),
        contact_id: None,
        recorded_on: Some(days_ago(days)),
        score: score.into(),
        level: level.into(),
        version: Some(linkwork_core::outcomes::PamVersion::Pam13),
    }))
}

fn episode_with_id<'a>(rec: &'a Value, id: &Value) -> &'a Value {
    rec["episodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == *id)
        .unwrap()
}

fn values(record: &Value) -> Vec<Value> {
    record["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["value"].clone())
        .collect()
}

#[test]
fn baseline_follow_up_and_final_within_each_episode() {
    let (_t, s) = unlocked();
    let first = add(
        &s,
        referral(Some("9434765919"), "Ada", "Lovelace", "1950-12-10", 200),
    );
    let e1 = &first["episode_id"];
    took_place(&s, e1, 190);
    ons4(&s, e1, 190, ["3", "4", "declined", "8"]).unwrap();
    ons4(&s, e1, 120, ["5", "5", "5", "6"]).unwrap();
    ons4(&s, e1, 60, ["7", "6", "6", "3"]).unwrap();
    ons4(&s, e1, 100, ["4", "4", "4", "7"]).unwrap(); // entered late: sorts by date
    j(s.api().close_episode(CloseForm {
        episode_id: id_of(e1),
        closed_on: Some(days_ago(55)),
        reason: Some(vocab::CloseReason::GoalsMet),
        note: None,
        concerns: vec![],
    }))
    .unwrap();

    let second = add(
        &s,
        referral(Some("9434765919"), "Ada", "Lovelace", "1950-12-10", 10),
    );
    let e2 = &second["episode_id"];
    took_place(&s, e2, 5);
    let rec = ons4(&s, e2, 5, ["6", "6", "6", "4"]).unwrap();

    let ep1 = &episode_with_id(&rec, e1)["outcomes"];
    let roles: Vec<&str> = ep1["ons4"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["role"].as_str().unwrap())
        .collect();
    assert_eq!(roles, ["baseline", "follow_up", "follow_up", "final"]);
    assert_eq!(
        values(&ep1["ons4"][0]),
        [json!(3), json!(4), Value::Null, json!(8)]
    );
    assert_eq!(ep1["ons4"][0]["items"][3]["band_label"], "High");
    assert_eq!(ep1["ons4"][0]["items"][3]["tone"], "poor");
    let change = ep1["ons4_change"].as_array().unwrap();
    assert_eq!(change[0]["summary"], "\u{2191} up 4 points, improved");
    assert_eq!(
        (
            change[0]["baseline"]["band"].as_str(),
            change[0]["latest"]["band"].as_str()
        ),
        (Some("low"), Some("high"))
    );
    assert_eq!(
        change[2]["direction"],
        Value::Null,
        "declined at baseline: not compared"
    );
    assert_eq!(change[3]["summary"], "\u{2193} down 5 points, improved");
    assert_eq!(
        ep1["reminders"],
        json!([]),
        "closed episodes have no reminders"
    );

    let ep2 = &episode_with_id(&rec, e2)["outcomes"];
    assert_eq!(ep2["ons4"][0]["role"], "baseline");
    assert_eq!(ep2["ons4_change"], Value::Null);
    assert_eq!(
        ep2["final_missing"],
        json!(["ons4"]),
        "a baseline alone is not a final"
    );
    let next = &ep2["reminders"][0];
    assert_eq!(next["state"], "upcoming");
    assert!(next["text"]
        .as_str()
        .unwrap()
        .starts_with("Next ONS4 follow-up due by "));
}

#[test]
fn bad_answers_are_refused_naming_the_item_and_nothing_is_written() {
    let (_t, s) = unlocked();
    let r = add(&s, referral(None, "Bo", "Peep", "1960-01-01", 30));
    let e = &r["episode_id"];
    let other = add(&s, referral(None, "Tom", "Thumb", "1970-01-01", 30));
    let other_contact =
        took_place(&s, &other["episode_id"], 3)["episodes"][0]["contacts"][0]["id"].clone();

    let cases: Vec<(Result<Value, ApiError>, &str, &str)> = vec![
        (ons4(&s, e, 1, ["7", "11", "5", "5"]), "worthwhile", "Worthwhile must be a whole number from 0 to 10, or \u{201c}declined\u{201d} if the person chose not to answer."),
        (ons4(&s, e, 1, ["7", "5", "", "5"]), "happiness", "Choose an answer for happiness (0 to 10), or \u{201c}declined to answer\u{201d}."),
        (ons4(&s, e, 1, ["7", "5", "5", "6.5"]), "anxiety", "Anxiety must be a whole number from 0 to 10, or \u{201c}declined\u{201d} if the person chose not to answer."),
        (ons4(&s, e, 1, ["declined"; 4]), "life_satisfaction", "All four questions were declined, so there is nothing to record. Note that the person declined in the contact instead."),
        (ons4(&s, e, 40, ["7", "5", "5", "5"]), "recorded_on", ""),
        (ons4(&s, e, -2, ["7", "5", "5", "5"]), "recorded_on", ""),
        (pam(&s, e, 1, "100.1", "4"), "pam_score", "The PAM score must be a number from 0 to 100 with at most one decimal place, like 56.4."),
        (pam(&s, e, 1, "56.45", "3"), "pam_score", ""),
        (pam(&s, e, 1, "56.4", "5"), "pam_level", "The PAM level must be 1, 2, 3 or 4, as the tool reported it."),
        (j(s.api().add_pam(PamForm { episode_id: id_of(e), contact_id: None, recorded_on: None, score: "50".into(), level: "2".into(), version: None })), "pam_version", "Choose the PAM version."),
        (j(s.api().add_ons4(Ons4Form { contact_id: Some(id_of(&other_contact)), recorded_on: None, ..ons4_form(e, String::new(), ["1"; 4]) })), "contact_id", ""),
    ];
    for (i, (result, field, message)) in cases.into_iter().enumerate() {
        let err = result.unwrap_err();
        assert_eq!(err.code.as_str(), "INVALID_INPUT", "case {i}");
        assert_eq!(
            err.field.as_deref(),
            Some(field),
            "case {i}: {}",
            err.message
        );
        if !message.is_empty() {
            assert_eq!(err.message, message, "case {i}");
        }
    }
    // A value from no list is not a form mistake but a bad request, still naming the field.
    let err = call(
        &s,
        "add_pam",
        json!({"episode_id": e, "score": "50", "level": "2", "version": "pam_99"}),
    )
    .unwrap_err();
    assert_eq!(
        (err.code.as_str(), err.field.as_deref()),
        ("BAD_REQUEST", Some("version"))
    );
    assert!(!err.message.contains("pam_99"), "{}", err.message);
    assert!(
        err.message.contains("expected `pam_13` or `pam_10`"),
        "{}",
        err.message
    );
    let rec = j(s.api().person(PersonArgs {
        person_id: person_id(&r["person_id"]),
    }))
    .unwrap();
    assert_eq!(rec["episodes"][0]["outcomes"]["ons4"], json!([]));
    assert_eq!(rec["episodes"][0]["outcomes"]["pam"], json!([]));
}

#[test]
fn every_problem_in_a_form_is_reported_at_once_each_beside_its_field() {
    let (_t, s) = unlocked();
    let r = add(&s, referral(None, "Bo", "Peep", "1960-01-01", 30));
    let e = &r["episode_id"];
    let fields = |err: ApiError| -> Vec<String> {
        assert_eq!(err.code.as_str(), "INVALID_INPUT");
        assert_eq!(err.field.as_deref(), Some(err.problems[0].field.as_str()));
        err.problems.into_iter().map(|p| p.field).collect()
    };
    // Three answers missing: three problems, in the order of the form.
    let err = ons4(&s, e, 1, ["7", "", "", ""]).unwrap_err();
    assert_eq!(fields(err), ["worthwhile", "happiness", "anxiety"]);
    // A bad date and a missing duration: both, not only the date.
    let err = j(s.api().add_contact(ContactForm {
        episode_id: id_of(e),
        occurred_at: "31/02/2026 10:00".into(),
        contact_type: Some(vocab::ContactType::Phone),
        duration_minutes: None,
        outcome: Some(vocab::ContactOutcome::TookPlace),
        notes: None,
    }))
    .unwrap_err();
    assert_eq!(fields(err), ["occurred_at", "duration_minutes"]);
    let err = j(s.api().add_pam(PamForm {
        episode_id: id_of(e),
        contact_id: None,
        recorded_on: Some("tomorrow".into()),
        score: "101".into(),
        level: "9".into(),
        version: None,
    }))
    .unwrap_err();
    assert_eq!(
        fields(err),
        ["recorded_on", "pam_score", "pam_level", "pam_version"]
    );
    // A referral with nothing filled in names every field it needs.
    let blank = PersonForm {
        given_name: Some("".into()),
        family_name: Some("".into()),
        ..Default::default()
    };
    let err = j(s.api().add_referral(ReferralForm {
        person: blank,
        ..Default::default()
    }))
    .unwrap_err();
    assert_eq!(
        fields(err),
        [
            "given_name",
            "family_name",
            "received_on",
            "method",
            "source"
        ]
    );
    let rec = j(s.api().person(PersonArgs {
        person_id: person_id(&r["person_id"]),
    }))
    .unwrap();
    assert_eq!(rec["episodes"][0]["contacts"], json!([]));
}

#[test]
fn follow_ups_fall_due_on_the_caseload_and_can_be_filtered() {
    let (_t, s) = unlocked();
    let overdue = add(&s, referral(None, "Olive", "Overdue", "1950-01-01", 200));
    took_place(&s, &overdue["episode_id"], 190);
    ons4(&s, &overdue["episode_id"], 90, ["5", "5", "5", "5"]).unwrap(); // due 6 days ago
    let due = add(&s, referral(None, "Dora", "Due", "1950-01-01", 200));
    took_place(&s, &due["episode_id"], 190);
    ons4(&s, &due["episode_id"], 80, ["5", "5", "5", "5"]).unwrap(); // due in 4 days
    let fresh = add(&s, referral(None, "Fred", "Fresh", "1950-01-01", 30));
    took_place(&s, &fresh["episode_id"], 20);
    ons4(&s, &fresh["episode_id"], 20, ["5", "5", "5", "5"]).unwrap();
    let unmeasured = add(&s, referral(None, "Una", "Unmeasured", "1950-01-01", 30));
    took_place(&s, &unmeasured["episode_id"], 10);
    let wally = add(&s, referral(None, "Wally", "Waiting", "1950-01-01", 3));
    let rec = j(s.api().person(PersonArgs {
        person_id: person_id(&wally["person_id"]),
    }))
    .unwrap();
    assert_eq!(
        rec["episodes"][0]["outcomes"]["final_missing"],
        json!([]),
        "never seen: no final to ask for"
    );
    assert_eq!(rec["episodes"][0]["outcomes"]["reminders"], json!([]));

    let view = j(s.api().caseload(CaseloadArgs {
        sort: linkwork_core::caseload::CaseloadSort::FollowUp,
        ..Default::default()
    }))
    .unwrap();
    let rows: Vec<(String, Value)> = view["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["name"].as_str().unwrap().to_string(),
                r["follow_up"]["state"].clone(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("Olive Overdue".into(), json!("overdue")),
            ("Dora Due".into(), json!("due")),
            ("Una Unmeasured".into(), json!("due")),
            ("Fred Fresh".into(), Value::Null),
            ("Wally Waiting".into(), Value::Null),
        ]
    );
    assert_eq!(
        view["rows"][0]["follow_up"]["text"].as_str().unwrap(),
        format!("ONS4 follow-up overdue since {}", gb(days_ago(6)))
    );
    assert_eq!(
        view["rows"][2]["follow_up"]["text"],
        "Baseline ONS4 not recorded yet"
    );
    assert_eq!(
        (
            view["counters"]["follow_ups_due"].as_u64(),
            view["counters"]["follow_ups_overdue"].as_u64()
        ),
        (Some(2), Some(1))
    );

    let only_due = j(s.api().caseload(CaseloadArgs {
        only: Some(linkwork_core::caseload::CaseloadFilter::FollowUps),
        ..Default::default()
    }))
    .unwrap();
    assert_eq!(only_due["rows"].as_array().unwrap().len(), 3);

    // A shorter interval makes Fred due too.
    j(s.api().update_outcome_settings(OutcomeSettingsForm {
        follow_up_weeks: "4".into(),
        ..Default::default()
    }))
    .unwrap();
    let view = j(s.api().caseload(CaseloadArgs {
        only: Some(linkwork_core::caseload::CaseloadFilter::FollowUps),
        ..Default::default()
    }))
    .unwrap();
    assert_eq!(view["rows"].as_array().unwrap().len(), 4);
}

#[test]
fn pam_cut_offs_come_from_the_organisation_and_only_flag() {
    let (_t, s) = unlocked();
    let r = add(&s, referral(None, "Pat", "Pam", "1950-01-01", 60));
    let e = &r["episode_id"];
    let rec = pam(&s, e, 50, "47.5", "3").unwrap();
    assert_eq!(
        rec["episodes"][0]["outcomes"]["pam"][0]["level_warning"],
        Value::Null,
        "no cut-offs: accepted as entered"
    );
    assert_eq!(
        rec["episodes"][0]["outcomes"]["pam"][0]["score_text"],
        "47.5"
    );

    let err = j(s.api().update_outcome_settings(OutcomeSettingsForm {
        follow_up_weeks: "12".into(),
        pam_level2_from: Some("47.1".into()),
        pam_level3_from: Some("55.2".into()),
        ..Default::default()
    }))
    .unwrap_err();
    assert_eq!(
        (err.field.as_deref(), err.message.as_str()),
        (
            Some("pam_level4_from"),
            "Enter all three PAM cut-offs, or leave all three blank."
        )
    );
    let err = j(s.api().update_outcome_settings(OutcomeSettingsForm {
        follow_up_weeks: "12".into(),
        pam_level2_from: Some("60".into()),
        pam_level3_from: Some("55.2".into()),
        pam_level4_from: Some("67".into()),
    }))
    .unwrap_err();
    assert_eq!(err.field.as_deref(), Some("pam_level3_from"));
    let err = j(s.api().update_outcome_settings(OutcomeSettingsForm {
        follow_up_weeks: "0".into(),
        ..Default::default()
    }))
    .unwrap_err();
    assert_eq!(err.field.as_deref(), Some("follow_up_weeks"));

    let view = j(s.api().update_outcome_settings(OutcomeSettingsForm {
        follow_up_weeks: "12".into(),
        pam_level2_from: Some("47.1".into()),
        pam_level3_from: Some("55.2".into()),
        pam_level4_from: Some("67".into()),
    }))
    .unwrap();
    assert_eq!(
        (
            view["pam_level2_from"].as_str(),
            view["pam_level4_from"].as_str()
        ),
        (Some("47.1"), Some("67.0"))
    );
    let rec = pam(&s, e, 10, "68.0", "4").unwrap();
    let pams = &rec["episodes"][0]["outcomes"]["pam"];
    assert_eq!(
        pams[0]["level_warning"],
        "Level 3 does not match a score of 47.5 under your organisation\u{2019}s cut-offs (they give level 2). Check the report from the PAM tool."
    );
    assert_eq!(pams[1]["level_warning"], Value::Null);
    let change = &rec["episodes"][0]["outcomes"]["pam_change"];
    assert_eq!(
        (change["difference"].as_f64(), change["gain_of_3"].as_bool()),
        (Some(20.5), Some(true))
    );
    assert_eq!(change["summary"], "\u{2191} up 20.5 points, improved");

    // A record entered in error leaves the figures but stays, struck through.
    let id = pams[1]["id"].clone();
    let mark = || {
        j(s.api().mark_entered_in_error(EnteredInErrorForm {
            record: linkwork_core::caseload::Correctable::Pam(id_of(&id)),
            reason: Some("Typed the wrong score".into()),
        }))
    };
    let rec = mark().unwrap();
    let outcomes = &rec["episodes"][0]["outcomes"];
    assert_eq!(outcomes["pam"].as_array().unwrap().len(), 1);
    assert_eq!(outcomes["pam_change"], Value::Null);
    assert_eq!(
        (
            outcomes["in_error"][0]["summary"].as_str(),
            outcomes["in_error"][0]["entered_in_error"]["reason"].as_str()
        ),
        (Some("score 68.0, level 4"), Some("Typed the wrong score"))
    );
    assert_eq!(mark().unwrap_err().code.as_str(), "ENTERED_IN_ERROR");
}

#[test]
fn caseload_summary_compares_each_baseline_with_the_latest_record_in_the_period() {
    let (_t, s) = unlocked();
    let a = add(&s, referral(None, "Ann", "A", "1950-01-01", 300));
    let ea = &a["episode_id"];
    // The baseline is before the period, but it is still Ann's baseline: 2 → 7 for life.
    ons4(&s, ea, 250, ["2", "4", "5", "8"]).unwrap();
    ons4(&s, ea, 150, ["3", "4", "5", "8"]).unwrap();
    ons4(&s, ea, 50, ["7", "4", "8", "3"]).unwrap();
    pam(&s, ea, 250, "45.0", "1").unwrap();
    pam(&s, ea, 50, "52.1", "2").unwrap();
    let b = add(&s, referral(None, "Ben", "B", "1950-01-01", 300));
    let eb = &b["episode_id"];
    ons4(&s, eb, 150, ["6", "declined", "2", "2"]).unwrap();
    ons4(&s, eb, 60, ["5", "7", "2", "6"]).unwrap();
    j(s.api().add_pam(PamForm {
        episode_id: id_of(eb),
        contact_id: None,
        recorded_on: Some(days_ago(150)),
        score: "60.0".into(),
        level: "3".into(),
        version: Some(linkwork_core::outcomes::PamVersion::Pam10),
    }))
    .unwrap();
    pam(&s, eb, 60, "62.0", "3").unwrap();
    let c = add(&s, referral(None, "Cat", "C", "1950-01-01", 300));
    ons4(&s, &c["episode_id"], 100, ["1", "1", "1", "9"]).unwrap(); // a baseline with no follow-up

    let sum = j(s.api().outcome_summary(OutcomeSummaryArgs {
        from: Some(gb(days_ago(200))),
        to: Some(gb(days_ago(0))),
    }))
    .unwrap();
    assert_eq!(
        (
            sum["ons4_people"].as_u64(),
            sum["ons4_baseline_only"].as_u64()
        ),
        (Some(2), Some(1))
    );
    let life = &sum["items"][0];
    assert_eq!(
        (
            life["n"].as_u64(),
            life["improved"].as_u64(),
            life["worse"].as_u64()
        ),
        (Some(2), Some(1), Some(1))
    );
    assert_eq!(life["mean_change"].as_f64(), Some(2.0)); // (+5 −1) / 2
    assert_eq!(
        (
            life["started_in_concern_band"].as_u64(),
            life["moved_out_of_concern_band"].as_u64()
        ),
        (Some(1), Some(1))
    );
    assert_eq!(
        sum["items"][1]["n"], 1,
        "declined at baseline is left out of that item"
    );
    let anx = &sum["items"][3];
    assert_eq!(anx["mean_change"].as_f64(), Some(-0.5)); // (−5 +4) / 2
    assert_eq!(anx["mean_change_text"], "down 0.5 on average (better)");
    assert_eq!(anx["concern_band"], "high");
    let p = &sum["pam"];
    assert_eq!(
        (
            p["n"].as_u64(),
            p["gained_3"].as_u64(),
            p["mixed_versions"].as_u64()
        ),
        (Some(2), Some(1), Some(1))
    );
    assert!((p["mean_change"].as_f64().unwrap() - 4.55).abs() < 1e-9); // (7.1 + 2.0) / 2

    let err = j(s.api().outcome_summary(OutcomeSummaryArgs {
        from: Some(gb(days_ago(0))),
        to: Some(gb(days_ago(5))),
    }))
    .unwrap_err();
    assert_eq!(err.field.as_deref(), Some("to"));
}
