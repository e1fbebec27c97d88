//! Who needs attention: concerns that outlive an episode, urgent referrals past their target,
//! people not reached, people who died (hazards H25 to H28).
use crate::util::*;
use linkwork_api::types::*;
use linkwork_core::coding::{LetterTo, SummaryMode};
use linkwork_core::vocab;
use serde_json::{json, Value};

fn tried(
    s: &linkwork_api::Session,
    episode: &Value,
    outcome: &str,
    days_ago: i64,
) -> Result<Value, linkwork_api::ApiError> {
    let at = format!("{}T10:30", crate::util::days_ago(days_ago));
    let minutes = (outcome == "took_place").then_some(20);
    j(s.api()
        .add_contact(contact_form(episode, at, "phone", minutes, outcome, "")))
}

fn names(v: &Value) -> Vec<String> {
    v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn closing_an_episode_decides_every_open_concern_and_kept_ones_stay_in_sight() {
    let (_t, s) = unlocked();
    let a = add(
        &s,
        referral(Some("9434765919"), "Ada", "Lovelace", "1950-12-10", 40),
    );
    tried(&s, &a["episode_id"], "took_place", 30).unwrap();
    let raise = |what: &str, review: &str| {
        j(s.api().raise_concern(ConcernForm {
            person_id: id_of(&a["person_id"]),
            raised_on: None,
            raised_by: None,
            concern: Some(text(what)),
            level: Some(vocab::RiskLevel::High),
            action_taken: None,
            review_on: Some(text(review)),
        }))
        .unwrap()
    };
    raise("Falls at home", &gb(days_ago(3)));
    let rec = raise("Not eating", &gb(days_ago(-10)));
    let id = |what: &str| {
        rec["concerns"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["concern"] == what)
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let (falls, eating) = (id("Falls at home"), id("Not eating"));

    // No decision: refused, naming each concern's field; nothing closes.
    let e = j(s.api().close_episode(CloseForm {
        episode_id: id_of(&a["episode_id"]),
        closed_on: None,
        reason: Some(vocab::CloseReason::GoalsMet),
        note: None,
        concerns: vec![],
    }))
    .unwrap_err();
    let fields: Vec<_> = e.problems.iter().map(|p| p.field.clone()).collect();
    assert_eq!(fields.len(), 2, "{fields:?}");
    assert!(
        fields.contains(&format!("concern-{falls}"))
            && fields.contains(&format!("concern-{eating}"))
    );
    assert!(e.problems[0]
        .message
        .contains("close it with a note, or keep it open"));
    // Closing one needs a note.
    let e = j(s.api().close_episode(CloseForm {
        episode_id: id_of(&a["episode_id"]),
        closed_on: None,
        reason: Some(vocab::CloseReason::GoalsMet),
        note: None,
        concerns: vec![
            ConcernOnClosing {
                concern_id: id_of(&falls),
                keep_open: Some(false),
                note: None,
            },
            ConcernOnClosing {
                concern_id: id_of(&eating),
                keep_open: Some(true),
                note: None,
            },
        ],
    }))
    .unwrap_err();
    assert_eq!(
        e.field.as_deref(),
        Some(format!("concern-{falls}-note").as_str())
    );
    let person = j(s.api().person(PersonArgs {
        person_id: person_id(&a["person_id"]),
    }))
    .unwrap();
    assert_eq!(person["episodes"][0]["status"], "active", "all or nothing");

    let rec = j(s.api().close_episode(CloseForm {
        episode_id: id_of(&a["episode_id"]),
        closed_on: None,
        reason: Some(vocab::CloseReason::GoalsMet),
        note: None,
        concerns: vec![
            ConcernOnClosing {
                concern_id: id_of(&falls),
                keep_open: Some(false),
                note: Some("Pendant alarm fitted".into()),
            },
            ConcernOnClosing {
                concern_id: id_of(&eating),
                keep_open: Some(true),
                note: None,
            },
        ],
    }))
    .unwrap();
    assert_eq!(rec["episodes"][0]["status"], "closed");
    let closed = rec["concerns"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["concern"] == "Falls at home")
        .unwrap();
    assert!(closed["closed_on"].is_string());
    assert!(closed["entries"]
        .to_string()
        .contains("Pendant alarm fitted"));

    // The kept concern is on the Open concerns list though the episode is closed, and counted.
    let list = j(s.api().open_concerns(NoArgs {})).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(
        (
            list[0]["concern"].as_str(),
            list[0]["episode_open"].as_bool(),
            list[0]["review_overdue"].as_bool()
        ),
        (Some("Not eating"), Some(false), Some(false))
    );
    let k = &j(s.api().caseload(CaseloadArgs::default())).unwrap()["counters"];
    assert_eq!(
        (
            k["open_concerns"].as_u64(),
            k["concern_reviews_overdue"].as_u64()
        ),
        (Some(1), Some(0))
    );

    // Its review date passes: marked overdue, on the list and the counter.
    j(s.api().update_concern(ConcernEntryForm {
        concern_id: id_of(&eating),
        recorded_on: None,
        note: Some("Daughter visiting daily".into()),
        action_taken: None,
        level: None,
        review_on: Some(gb(days_ago(1))),
    }))
    .unwrap();
    let list = j(s.api().open_concerns(NoArgs {})).unwrap();
    assert_eq!(
        (
            list[0]["review_on"].as_str(),
            list[0]["review_overdue"].as_bool()
        ),
        (Some(days_ago(1).as_str()), Some(true))
    );
    let k = &j(s.api().caseload(CaseloadArgs::default())).unwrap()["counters"];
    assert_eq!(k["concern_reviews_overdue"], 1);
}

#[test]
fn urgent_referrals_past_their_target_come_first_and_the_target_is_a_setting() {
    let (_t, s) = unlocked();
    add(
        &s,
        referral(Some("9434765919"), "Ada", "Lovelace", "1950-12-10", 20),
    );
    let mut urgent = referral(Some("9876543210"), "Ivy", "Walker", "1938-02-14", 4);
    urgent.priority = Some(vocab::Priority::Urgent);
    add(&s, urgent);
    let mut soon = referral(None, "Raj", "Patel", "1975-09-30", 1);
    soon.priority = Some(vocab::Priority::Urgent);
    add(&s, soon);

    let view = j(s.api().caseload(CaseloadArgs::default())).unwrap();
    assert_eq!(
        names(&view),
        ["Ivy Walker", "Raj Patel", "Ada Lovelace"],
        "past target, then urgent, then the long wait"
    );
    let ivy = &view["rows"][0];
    assert_eq!(
        (
            ivy["urgent_overdue"].as_bool(),
            ivy["first_contact_due_on"].as_str()
        ),
        (Some(true), Some(days_ago(1).as_str())),
        "default target: 3 days"
    );
    assert_eq!(view["rows"][1]["urgent_overdue"], false);
    assert_eq!(view["counters"]["urgent_overdue"], 1);
    assert_eq!(
        names(
            &j(s.api().caseload(CaseloadArgs {
                only: Some(linkwork_core::caseload::CaseloadFilter::UrgentOverdue),
                ..Default::default()
            }))
            .unwrap()
        ),
        ["Ivy Walker"]
    );

    // A practice with a 5-day target: Ivy is within it.
    let e = j(s.api().update_caseload_rules(CaseloadRulesForm {
        urgent_first_contact_days: "15".into(),
        not_reached_after: "2".into(),
        outreach_keep_months: "25".into(),
    }))
    .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("urgent_first_contact_days"));
    let settings = j(s.api().update_caseload_rules(CaseloadRulesForm {
        urgent_first_contact_days: "5".into(),
        not_reached_after: "2".into(),
        outreach_keep_months: "6".into(),
    }))
    .unwrap();
    assert_eq!(settings["urgent_first_contact_days"], 5);
    assert_eq!(settings["outreach_keep_months"], 6);
    let view = j(s.api().caseload(CaseloadArgs::default())).unwrap();
    assert_eq!(view["counters"]["urgent_overdue"], 0);
    assert_eq!(
        view["rows"][0]["first_contact_due_on"].as_str(),
        Some(days_ago(-1).as_str())
    );
}

#[test]
fn people_not_reached_are_marked_until_a_contact_takes_place() {
    let (_t, s) = unlocked();
    let a = add(
        &s,
        referral(Some("9434765919"), "Ada", "Lovelace", "1950-12-10", 20),
    );
    let b = add(
        &s,
        referral(Some("9876543210"), "Tom", "Evans", "1961-06-01", 20),
    );
    tried(&s, &a["episode_id"], "unable_to_contact", 10).unwrap();
    tried(&s, &b["episode_id"], "took_place", 12).unwrap();
    tried(&s, &b["episode_id"], "did_not_attend", 5).unwrap();
    let row = |v: &Value, name: &str| {
        v["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["name"] == name)
            .unwrap()
            .clone()
    };

    let view = j(s.api().caseload(CaseloadArgs::default())).unwrap();
    assert_eq!(
        view["counters"]["not_reached"], 0,
        "one try each is not yet a run of two"
    );
    tried(&s, &a["episode_id"], "left_message", 8).unwrap();
    tried(&s, &b["episode_id"], "did_not_attend", 2).unwrap();
    let view = j(s.api().caseload(CaseloadArgs::default())).unwrap();
    assert_eq!(
        (
            row(&view, "Ada Lovelace")["not_reached"].as_u64(),
            row(&view, "Tom Evans")["not_reached"].as_u64()
        ),
        (Some(2), Some(2))
    );
    assert_eq!(view["counters"]["not_reached"], 2);
    let rec = j(s.api().person(PersonArgs {
        person_id: person_id(&a["person_id"]),
    }))
    .unwrap();
    assert_eq!(rec["episodes"][0]["not_reached"], 2);

    // A contact that took place ends Tom's run; a rule of three tries takes Ada off too.
    tried(&s, &b["episode_id"], "took_place", 1).unwrap();
    assert_eq!(
        names(
            &j(s.api().caseload(CaseloadArgs {
                only: Some(linkwork_core::caseload::CaseloadFilter::NotReached),
                ..Default::default()
            }))
            .unwrap()
        ),
        ["Ada Lovelace"]
    );
    j(s.api().update_caseload_rules(CaseloadRulesForm {
        urgent_first_contact_days: "3".into(),
        not_reached_after: "3".into(),
        outreach_keep_months: "3".into(),
    }))
    .unwrap();
    assert_eq!(
        names(
            &j(s.api().caseload(CaseloadArgs {
                only: Some(linkwork_core::caseload::CaseloadFilter::NotReached),
                ..Default::default()
            }))
            .unwrap()
        ),
        Vec::<String>::new()
    );

    // The practice's policy: close as unable to contact (the referrer's letter follows in the UI).
    let rec = j(s.api().close_episode(CloseForm {
        episode_id: id_of(&a["episode_id"]),
        closed_on: None,
        reason: Some(vocab::CloseReason::UnableToContact),
        note: None,
        concerns: vec![],
    }))
    .unwrap();
    assert_eq!(
        rec["episodes"][0]["not_reached"],
        Value::Null,
        "closed: no longer asked about"
    );
}

#[test]
fn overdue_reviews_and_actions_are_counted_and_filtered() {
    let (_t, s) = unlocked();
    let a = add(
        &s,
        referral(Some("9434765919"), "Ada", "Lovelace", "1950-12-10", 60),
    );
    let b = add(
        &s,
        referral(Some("9876543210"), "Tom", "Evans", "1961-06-01", 60),
    );
    tried(&s, &a["episode_id"], "took_place", 50).unwrap();
    tried(&s, &b["episode_id"], "took_place", 50).unwrap();
    j(s.api().update_plan(PlanForm {
        episode_id: id_of(&a["episode_id"]),
        what_matters: Some("Getting out".into()),
        needs: vec![],
        next_review_on: Some(gb(days_ago(2))),
    }))
    .unwrap();
    j(s.api().update_plan(PlanForm {
        episode_id: id_of(&b["episode_id"]),
        what_matters: Some("Money".into()),
        needs: vec![],
        next_review_on: Some(gb(days_ago(-7))),
    }))
    .unwrap();
    j(s.api().add_action(ActionForm {
        episode_id: id_of(&b["episode_id"]),
        who: Some("Tom".into()),
        what: Some("Ring the credit union".into()),
        due_on: Some(gb(days_ago(1))),
    }))
    .unwrap();

    let view = j(s.api().caseload(CaseloadArgs::default())).unwrap();
    let k = &view["counters"];
    assert_eq!(
        (k["reviews_overdue"].as_u64(), k["actions_overdue"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(
        names(
            &j(s.api().caseload(CaseloadArgs {
                only: Some(linkwork_core::caseload::CaseloadFilter::ReviewsOverdue),
                ..Default::default()
            }))
            .unwrap()
        ),
        ["Ada Lovelace"]
    );
    assert_eq!(
        names(
            &j(s.api().caseload(CaseloadArgs {
                only: Some(linkwork_core::caseload::CaseloadFilter::ActionsOverdue),
                ..Default::default()
            }))
            .unwrap()
        ),
        ["Tom Evans"]
    );
}

#[test]
fn a_death_closes_the_open_episode_and_keeps_concerns_in_sight() {
    let (_t, s) = unlocked();
    let a = add(
        &s,
        referral(Some("9434765919"), "Ada", "Lovelace", "1950-12-10", 40),
    );
    tried(&s, &a["episode_id"], "took_place", 20).unwrap();
    j(s.api().raise_concern(ConcernForm {
        person_id: id_of(&a["person_id"]),
        raised_on: None,
        raised_by: None,
        concern: Some("Self-neglect".into()),
        level: Some(vocab::RiskLevel::High),
        action_taken: None,
        review_on: None,
    }))
    .unwrap();
    let death = |on: Option<String>, remove: bool| {
        j(s.api().record_death(DeathForm {
            person_id: id_of(&a["person_id"]),
            date_of_death: on,
            remove,
        }))
    };

    let e = death(Some(gb(days_ago(25))), false).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("date_of_death"));
    assert!(e.message.contains("took place on"), "{}", e.message);
    assert_eq!(
        death(None, false).unwrap_err().field.as_deref(),
        Some("date_of_death")
    );

    let rec = death(Some(gb(days_ago(5))), false).unwrap();
    assert_eq!(rec["person"]["date_of_death"], days_ago(5));
    let ep = &rec["episodes"][0];
    assert_eq!(
        (
            ep["status"].as_str(),
            ep["close_reason"].as_str(),
            ep["closed_on"].as_str()
        ),
        (Some("closed"), Some("deceased"), Some(days_ago(5).as_str()))
    );
    assert_eq!(
        j(s.api().caseload(CaseloadArgs::default())).unwrap()["rows"],
        json!([]),
        "off the caseload and its reminders"
    );
    let list = j(s.api().open_concerns(NoArgs {})).unwrap();
    assert_eq!(
        (
            list[0]["concern"].as_str(),
            list[0]["date_of_death"].as_str()
        ),
        (Some("Self-neglect"), Some(days_ago(5).as_str()))
    );

    // The letters say so.
    for to in [LetterTo::Gp, LetterTo::Referrer] {
        let letter = j(s.api().gp_letter(GpLetterArgs {
            episode_id: id_of(&a["episode_id"]),
            mode: SummaryMode::CodesOnly,
            to,
        }))
        .unwrap();
        let body = letter["body_html"].as_str().unwrap();
        assert!(
            body.contains("Died") && body.contains(&gb(days_ago(5))),
            "{to:?}: {body}"
        );
    }

    // No new referral for someone who died.
    let e = j(s.api().add_referral(referral(
        Some("9434765919"),
        "Ada",
        "Lovelace",
        "1950-12-10",
        0,
    )))
    .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("nhs_number"));

    // Recorded by mistake: taken back; the episode stays closed.
    let rec = death(None, true).unwrap();
    assert!(rec["person"]["date_of_death"].is_null());
    assert_eq!(rec["episodes"][0]["status"], "closed");
}
