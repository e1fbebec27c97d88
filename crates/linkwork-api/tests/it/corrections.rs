//! Records a link worker can correct: editing a person (audited by field, consent with a history),
//! entered in error (kept, struck through, out of every figure), and the risk log of separate concerns.

use crate::util::*;
use linkwork_api::types::*;
use linkwork_core::vocab;
use serde_json::{json, Value};

fn code(r: Result<Value, linkwork_api::ApiError>) -> (String, Option<String>) {
    let e = r.unwrap_err();
    (e.code.as_str().to_string(), e.field)
}

#[test]
fn editing_a_person_is_audited_by_field_name_and_consent_keeps_its_history() {
    let (_t, s) = unlocked();
    let settings = j(s.api().get_settings(NoArgs {})).unwrap();
    j(s.api().update_settings(UpdateSettingsArgs {
        auto_lock_minutes: settings["auto_lock_minutes"].as_u64().unwrap() as u32,
        worker_name: Some("Sam Okafor".into()),
        whole_time_equivalent: None,
    }))
    .unwrap();
    let mut r = referral(Some("9434765919"), "Ada", "Lovelace", "1950-12-10", 20);
    r.person.consent_to_share = Some(vocab::ConsentToShare::Yes);
    r.person.consent_recorded_on = Some(days_ago(20));
    r.person.phone = Some("07700 900123".into());
    let pid = add(&s, r)["person_id"].clone();
    let form = |phone: &str, consent: vocab::ConsentToShare, on: Option<String>| UpdatePersonArgs {
        person_id: id_of(&pid),
        person: PersonForm {
            nhs_number: Some("943 476 5919".into()),
            given_name: Some("Ada".into()),
            family_name: Some("Lovelace".into()),
            date_of_birth: Some("1950-12-10".into()),
            phone: Some(phone.into()),
            consent_to_share: Some(consent),
            consent_recorded_on: on,
            ..Default::default()
        },
    };
    let update = |args: UpdatePersonArgs| j(s.api().update_person(args));

    // Consent cannot go back to "not asked", nor be dated before the decision it replaces.
    assert_eq!(
        code(update(form(
            "07700 900123",
            vocab::ConsentToShare::NotAsked,
            None
        ))),
        ("INVALID_INPUT".into(), Some("consent_to_share".into()))
    );
    assert_eq!(
        code(update(form(
            "07700 900123",
            vocab::ConsentToShare::No,
            Some(days_ago(25))
        ))),
        ("INVALID_INPUT".into(), Some("consent_recorded_on".into()))
    );

    let mut changed = form("07700 900456", vocab::ConsentToShare::No, None);
    changed.person.preferred_contact = Some(vocab::PreferredContact::TextMessage);
    let rec = update(changed.clone()).unwrap();
    assert_eq!(rec["person"]["phone"], "07700 900456");
    assert_eq!(rec["person"]["preferred_contact"], "text_message");
    assert_eq!(rec["person"]["consent_to_share"], "no");
    assert_eq!(rec["person"]["consent_recorded_on"], days_ago(0));
    let history = rec["consent_history"].as_array().unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(
        (
            history[0]["decision"].as_str(),
            history[0]["recorded_by"].as_str()
        ),
        (Some("no"), Some("Sam Okafor"))
    );
    assert_eq!(
        (
            history[1]["decision"].as_str(),
            history[1]["decided_on"].as_str()
        ),
        (Some("yes"), Some(days_ago(20).as_str()))
    );

    // A form that leaves consent out keeps it.
    let kept = j(s.api().update_person(UpdatePersonArgs {
        person_id: id_of(&pid),
        person: PersonForm {
            nhs_number: Some("9434765919".into()),
            given_name: Some("Ada".into()),
            family_name: Some("Lovelace".into()),
            date_of_birth: Some("1950-12-10".into()),
            phone: Some("07700 900456".into()),
            preferred_contact: Some(vocab::PreferredContact::TextMessage),
            ..Default::default()
        },
    }))
    .unwrap();
    assert_eq!(kept["person"]["consent_to_share"], "no");

    // Saving the same details again changes nothing and adds no history.
    let again = update(changed).unwrap();
    assert_eq!(again["consent_history"].as_array().unwrap().len(), 2);

    let trail = s
        .api()
        .audit_page(AuditPageArgs { before: None })
        .unwrap()
        .rows;
    let updates: Vec<_> = trail
        .iter()
        .filter(|e| e.record == "Person" && e.action == "Changed")
        .collect();
    assert_eq!(updates.len(), 1, "one audited change: {trail:?}");
    assert_eq!(
        updates[0].fields,
        ["phone", "preferred_contact", "consent_to_share"]
    );
    assert!(
        !format!("{trail:?}").contains("900456"),
        "the audit trail names fields, never values"
    );
}

#[test]
fn an_edit_onto_another_persons_nhs_number_is_refused_and_names_them() {
    let (_t, s) = unlocked();
    let a = add(
        &s,
        referral(Some("9434765919"), "Ada", "Lovelace", "1950-12-10", 2),
    );
    let b = add(
        &s,
        referral(Some("9876543210"), "Tom", "Evans", "1961-06-01", 2),
    );
    let e = j(s.api().update_person(UpdatePersonArgs {
        person_id: id_of(&a["person_id"]),
        person: PersonForm {
            nhs_number: Some("987 654 3210".into()),
            given_name: Some("Ada".into()),
            family_name: Some("Lovelace".into()),
            ..Default::default()
        },
    }))
    .unwrap_err();
    assert_eq!(
        (
            e.code.as_str(),
            e.field.as_deref(),
            e.related_person_id.clone()
        ),
        (
            "NHS_NUMBER_TAKEN",
            Some("nhs_number"),
            b["person_id"].as_str().map(String::from)
        )
    );
    let ada = j(s.api().person(PersonArgs {
        person_id: person_id(&a["person_id"]),
    }))
    .unwrap();
    assert_eq!(
        ada["person"]["nhs_number"], "943 476 5919",
        "nothing was written"
    );
}

#[test]
fn a_contact_entered_in_error_leaves_every_figure_but_stays_in_the_record() {
    let (_t, s) = unlocked();
    let r = add(&s, referral(None, "Ann", "Ayre", "1950-01-01", 30));
    let ep = &r["episode_id"];
    let rec = took_place(&s, ep, 20);
    let contact = rec["episodes"][0]["contacts"][0]["id"].clone();
    let list = j(s.api().caseload(CaseloadArgs::default())).unwrap();
    assert_eq!(
        (
            list["counters"]["median_days_to_first_contact"].as_f64(),
            list["counters"]["supported_last_12_months"].as_u64(),
            list["rows"][0]["days_since_contact"].as_i64(),
            list["rows"][0]["status"].as_str()
        ),
        (Some(10.0), Some(1), Some(20), Some("active"))
    );

    let mark = |reason: &str| {
        j(s.api().mark_entered_in_error(EnteredInErrorForm {
            record: linkwork_core::caseload::Correctable::Contact(id_of(&contact)),
            reason: Some(text(reason)),
        }))
    };
    assert_eq!(
        code(mark(" ")),
        ("INVALID_INPUT".into(), Some("error_reason".into()))
    );
    let rec = mark("Wrong person: this was Ann Ayres").unwrap();
    let e = &rec["episodes"][0];
    assert_eq!(
        e["contacts"][0]["entered_in_error"]["reason"],
        "Wrong person: this was Ann Ayres"
    );
    assert_eq!(e["contacts"][0]["entered_in_error"]["on"], days_ago(0));
    assert_eq!(e["days_to_first_contact"], Value::Null);
    assert_eq!(
        e["status"], "waiting",
        "no live contact took place, so the person is still waiting"
    );

    let list = j(s.api().caseload(CaseloadArgs::default())).unwrap();
    assert_eq!(
        (
            list["counters"]["median_days_to_first_contact"].as_f64(),
            list["counters"]["supported_last_12_months"].as_u64(),
            list["counters"]["waiting"].as_u64(),
            list["rows"][0]["days_since_contact"].as_i64()
        ),
        (None, Some(0), Some(1), None)
    );
    assert_eq!(code(mark("again")).0, "ENTERED_IN_ERROR");
    let missing = j(s.api().mark_entered_in_error(EnteredInErrorForm {
        record: linkwork_core::caseload::Correctable::Contact(id_of(json!("no-such-id"))),
        reason: Some("wrong person".into()),
    }));
    assert_eq!(code(missing).0, "NOT_FOUND");
}

#[test]
fn outcome_records_and_onward_referrals_entered_in_error_leave_the_summaries() {
    let (_t, s) = unlocked();
    let r = add(&s, referral(None, "Ann", "Ayre", "1950-01-01", 120));
    let ep = &r["episode_id"];
    took_place(&s, ep, 110);
    let ons4 =
        |days: i64, v: &str| j(s.api().add_ons4(ons4_form(ep, days_ago(days), [v; 4]))).unwrap();
    ons4(100, "3");
    let rec = ons4(50, "8");
    let summary = || j(s.api().outcome_summary(OutcomeSummaryArgs::default())).unwrap();
    assert_eq!(summary()["ons4_people"], 1);
    let second = rec["episodes"][0]["outcomes"]["ons4"][1]["id"].clone();
    let rec = j(s.api().mark_entered_in_error(EnteredInErrorForm {
        record: linkwork_core::caseload::Correctable::Ons4(id_of(&second)),
        reason: Some("Recorded on the wrong person".into()),
    }))
    .unwrap();
    let outcomes = &rec["episodes"][0]["outcomes"];
    assert_eq!(outcomes["ons4"].as_array().unwrap().len(), 1);
    assert_eq!(outcomes["in_error"][0]["measure"], "ons4");
    assert_eq!(
        outcomes["in_error"][0]["summary"],
        "life satisfaction 8, worthwhile 8, happiness 8, anxiety 8"
    );
    assert_eq!(
        summary()["ons4_people"],
        0,
        "one live record is not a change"
    );

    let asset = j(s.api().save_asset(AssetForm {
        name: "Calder Choir".into(),
        categories: vec![vocab::NeedCategory::ArtsCulture],
        delivery: Some(vocab::Delivery::InPerson),
        cost: Some(vocab::CostKind::Free),
        status: Some(vocab::AssetStatus::Active),
        ..Default::default()
    }))
    .unwrap()["id"]
        .clone();
    let rec = j(s.api().add_onward(OnwardForm {
        episode_id: id_of(ep),
        asset_id: Some(id_of(&asset)),
        referred_on: None,
        kind: Some(vocab::OnwardKind::Referral),
        category: Some(vocab::NeedCategory::ArtsCulture),
        notes: None,
        follow_up_on: None,
    }))
    .unwrap();
    let onward = rec["episodes"][0]["onward"][0]["id"].clone();
    let usage = || {
        j(s.api().asset(AssetArgs {
            asset_id: asset_id(&asset),
        }))
        .unwrap()["usage"]["referred"]
            .clone()
    };
    assert_eq!(usage(), 1);
    let rec = j(s.api().mark_entered_in_error(EnteredInErrorForm {
        record: linkwork_core::caseload::Correctable::Onward(id_of(&onward)),
        reason: Some("Meant the other choir".into()),
    }))
    .unwrap();
    assert_eq!(
        rec["episodes"][0]["onward"][0]["entered_in_error"]["reason"],
        "Meant the other choir"
    );
    assert_eq!(usage(), 0);
    let e = j(s.api().record_onward_outcome(OnwardOutcomeForm {
        onward_id: id_of(&onward),
        outcome: Some(vocab::OnwardOutcome::Attended),
        outcome_on: Some(days_ago(0)),
        barriers: vec![],
    }))
    .unwrap_err();
    assert_eq!(e.code.as_str(), "ENTERED_IN_ERROR");
}

fn raise(s: &linkwork_api::Session, pid: &Value, what: &str, days: i64) -> Value {
    j(s.api().raise_concern(ConcernForm {
        person_id: id_of(pid),
        raised_on: Some(days_ago(days)),
        raised_by: Some("Daughter".into()),
        concern: Some(text(what)),
        level: Some(vocab::RiskLevel::High),
        action_taken: None,
        review_on: None,
    }))
    .unwrap()
}

fn concern_id(rec: &Value, what: &str) -> Value {
    rec["concerns"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["concern"] == what)
        .unwrap()["id"]
        .clone()
}

#[test]
fn the_flag_stays_on_while_any_concern_is_open_whatever_the_dates() {
    let (_t, s) = unlocked();
    let pid = add(&s, referral(None, "Ann", "Ayre", "1950-01-01", 60))["person_id"].clone();
    assert_eq!(
        code(j(s.api().raise_concern(ConcernForm {
            person_id: id_of(&pid),
            raised_on: None,
            raised_by: None,
            concern: Some("Falls".into()),
            level: None,
            action_taken: None,
            review_on: None
        }))),
        ("INVALID_INPUT".into(), Some("concern_level".into()))
    );
    raise(&s, &pid, "Falls at home", 10);
    let rec = raise(&s, &pid, "Not eating", 5);
    let falls = concern_id(&rec, "Falls at home");
    let eating = concern_id(&rec, "Not eating");

    // Closing one concern closes only it.
    let rec = j(s.api().close_concern(ConcernEntryForm {
        concern_id: id_of(&eating),
        recorded_on: None,
        note: Some("Eating again, daughter visits daily".into()),
        action_taken: None,
        level: None,
        review_on: None,
    }))
    .unwrap();
    assert_eq!(rec["risk"], true, "falls is still open");
    assert_eq!(rec["concerns"][0]["id"], falls, "open concerns come first");
    assert_eq!(
        j(s.api().caseload(CaseloadArgs::default())).unwrap()["rows"][0]["risk"],
        true
    );

    // An update on a closed concern, or dated before the concern was raised, is refused.
    assert_eq!(
        code(j(s.api().update_concern(ConcernEntryForm {
            concern_id: id_of(&eating),
            recorded_on: None,
            note: Some("More".into()),
            action_taken: None,
            level: None,
            review_on: None
        })))
        .0,
        "CONCERN_CLOSED"
    );
    assert_eq!(
        code(j(s.api().update_concern(ConcernEntryForm {
            concern_id: id_of(&falls),
            recorded_on: Some(days_ago(11)),
            note: Some("OT visit".into()),
            action_taken: None,
            level: None,
            review_on: None
        }))),
        ("INVALID_INPUT".into(), Some("risk_on".into()))
    );
    let rec = j(s.api().update_concern(ConcernEntryForm {
        concern_id: id_of(&falls),
        recorded_on: None,
        note: Some("OT visit booked".into()),
        action_taken: None,
        level: Some(vocab::RiskLevel::Medium),
        review_on: None,
    }))
    .unwrap();
    assert_eq!(rec["concerns"][0]["level"], "medium");
    assert_eq!(rec["concerns"][0]["entries"].as_array().unwrap().len(), 2);

    let rec = j(s.api().close_concern(ConcernEntryForm {
        concern_id: id_of(&falls),
        recorded_on: None,
        note: Some("Rails fitted".into()),
        action_taken: None,
        level: None,
        review_on: None,
    }))
    .unwrap();
    assert_eq!(rec["risk"], false);

    // A back-dated concern, older than both closings, still turns the flag on.
    let rec = raise(&s, &pid, "Scam phone calls", 30);
    assert_eq!(rec["risk"], true);
    assert_eq!(rec["concerns"][0]["concern"], "Scam phone calls");

    // Marking its raising entered in error removes the whole concern from the flag; marking a
    // closing entered in error reopens that concern.
    let scam = concern_id(&rec, "Scam phone calls");
    let rec = j(s.api().mark_entered_in_error(EnteredInErrorForm {
        record: linkwork_core::caseload::Correctable::Concern(id_of(&scam)),
        reason: Some("Wrong person".into()),
    }))
    .unwrap();
    assert_eq!(rec["risk"], false);
    let closing = rec["concerns"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == falls)
        .unwrap()["entries"][2]["id"]
        .clone();
    let rec = j(s.api().mark_entered_in_error(EnteredInErrorForm {
        record: linkwork_core::caseload::Correctable::RiskEntry(id_of(&closing)),
        reason: Some("Rails not fitted yet".into()),
    }))
    .unwrap();
    assert_eq!(rec["risk"], true);
    assert_eq!(rec["concerns"][0]["id"], falls);
    assert_eq!(rec["concerns"][0]["closed_on"], Value::Null);
}

/// Rows of each table that belong to `person` (directly, or through an episode).
fn rows_of(s: &linkwork_api::Session, person: &Value) -> Vec<(String, usize)> {
    let rec = j(s.api().person(PersonArgs {
        person_id: person_id(person),
    }))
    .unwrap();
    let eps = rec["episodes"].as_array().unwrap();
    let n = |f: &dyn Fn(&Value) -> usize| eps.iter().map(f).sum::<usize>();
    let len = |v: &Value| v.as_array().map_or(0, |a| a.len());
    vec![
        ("episodes".into(), eps.len()),
        ("contacts".into(), n(&|e| len(&e["contacts"]))),
        ("goals".into(), n(&|e| len(&e["goals"]))),
        ("ons4".into(), n(&|e| len(&e["outcomes"]["ons4"]))),
        ("concerns".into(), len(&rec["concerns"])),
        ("consent".into(), len(&rec["consent_history"])),
        ("tags".into(), len(&rec["person"]["tags"])),
    ]
}

#[test]
fn merging_two_records_moves_every_row_and_loses_nothing() {
    let (_t, s) = unlocked();
    // Ann was first recorded without an NHS number; a later referral came with one.
    let old = add(&s, referral(None, "Ann", "Ayre", "1950-01-01", 200));
    took_place(&s, &old["episode_id"], 190);
    let form = ons4_form(&old["episode_id"], days_ago(190), ["3", "4", "5", "6"]);
    j(s.api().add_ons4(form)).unwrap();
    j(s.api().save_goal(GoalForm {
        episode_id: Some(id_of(&old["episode_id"])),
        goal_id: None,
        text: Some("Walk to the shop".into()),
        importance: Some(7),
        status: None,
    }))
    .unwrap();
    j(s.api().close_episode(CloseForm {
        episode_id: id_of(&old["episode_id"]),
        closed_on: Some(days_ago(100)),
        reason: Some(vocab::CloseReason::GoalsMet),
        note: None,
        concerns: vec![],
    }))
    .unwrap();
    raise(&s, &old["person_id"], "Falls at home", 150);
    j(s.api().update_person(UpdatePersonArgs {
        person_id: id_of(&old["person_id"]),
        person: PersonForm {
            given_name: Some("Ann".into()),
            family_name: Some("Ayre".into()),
            date_of_birth: Some("1950-01-01".into()),
            phone: Some("07700 900111".into()),
            consent_to_share: Some(vocab::ConsentToShare::Yes),
            tags: vec![vocab::GroupTag::Frailty],
            ..Default::default()
        },
    }))
    .unwrap();

    let mut r = referral(Some("9434765919"), "Anne", "Ayre", "1950-01-01", 10);
    r.person.phone = Some("07700 900222".into());
    r.allow_possible_duplicate = true;
    let new = add(&s, r);
    took_place(&s, &new["episode_id"], 5);

    let keep = &new["person_id"];
    let other = &old["person_id"];
    let before: Vec<(String, usize)> = rows_of(&s, keep)
        .into_iter()
        .zip(rows_of(&s, other))
        .map(|((t, a), (_, b))| (t, a + b))
        .collect();

    // Refused: the same record twice; while a note is unsaved.
    let merge = || {
        j(s.api().merge_people(MergeArgs {
            keep_id: id_of(keep),
            other_id: id_of(other),
        }))
    };
    assert_eq!(
        code(j(s.api().merge_people(MergeArgs {
            keep_id: id_of(keep),
            other_id: id_of(keep)
        })))
        .0,
        "MERGE_REFUSED"
    );
    j(s.api().save_draft(SaveDraftArgs {
        episode_id: id_of(&new["episode_id"]),
        form: linkwork_core::caseload::ContactDraft {
            occurred_at: String::new(),
            contact_type: vocab::ContactType::Phone,
            duration_minutes: String::new(),
            outcome: vocab::ContactOutcome::TookPlace,
            notes: "half".into(),
        },
    }))
    .unwrap();
    assert_eq!(code(merge()).0, "DRAFT_PENDING");
    j(s.api().discard_draft(EpisodeArgs {
        episode_id: id_of(&new["episode_id"]),
    }))
    .unwrap();

    let rec = merge().unwrap();
    assert_eq!(rows_of(&s, keep), before, "every row moved across");
    assert_eq!(
        code(j(s.api().person(PersonArgs {
            person_id: person_id(other)
        })))
        .0,
        "NOT_FOUND"
    );
    let p = &rec["person"];
    assert_eq!(p["nhs_number"], "943 476 5919");
    assert_eq!(
        p["phone"], "07700 900222",
        "the kept record's own details win"
    );
    assert_eq!(
        p["consent_to_share"], "yes",
        "the newest consent decision of either record"
    );
    assert!(
        p["notes"].as_str().unwrap().contains("phone: 07700 900111")
            && p["notes"].as_str().unwrap().contains("name: Ann Ayre"),
        "what differed is kept in the notes: {}",
        p["notes"]
    );
    assert_eq!(rec["risk"], true, "the concern came across, still open");
    assert_eq!(code(merge()).0, "NOT_FOUND");
}

#[test]
fn records_with_two_nhs_numbers_or_two_open_episodes_are_not_merged() {
    let (_t, s) = unlocked();
    let a = add(
        &s,
        referral(Some("9434765919"), "Ann", "Ayre", "1950-01-01", 10),
    );
    let b = add(
        &s,
        referral(Some("9876543210"), "Ann", "Ayre", "1950-01-01", 10),
    );
    let c = add(
        &s,
        ReferralForm {
            person: PersonForm {
                given_name: Some("Ann".into()),
                family_name: Some("Ayre".into()),
                ..Default::default()
            },
            received_on: days_ago(3),
            method: Some(vocab::ReferralMethod::Phone),
            source: Some(vocab::ReferralSource::SelfReferral),
            allow_possible_duplicate: true,
            ..Default::default()
        },
    );
    let e = j(s.api().merge_people(MergeArgs {
        keep_id: id_of(&a["person_id"]),
        other_id: id_of(&b["person_id"]),
    }))
    .unwrap_err();
    assert_eq!(e.code.as_str(), "MERGE_REFUSED");
    assert!(e.message.contains("different NHS numbers"), "{}", e.message);
    let e = j(s.api().merge_people(MergeArgs {
        keep_id: id_of(&a["person_id"]),
        other_id: id_of(&c["person_id"]),
    }))
    .unwrap_err();
    assert!(
        e.message.contains("Both records have an open episode"),
        "{}",
        e.message
    );
    assert_eq!(
        j(s.api().list_people(PeopleArgs::default()))
            .unwrap()
            .as_array()
            .unwrap()
            .len(),
        3,
        "nothing changed"
    );
}

#[test]
fn a_known_nhs_number_under_another_name_must_be_confirmed_and_nothing_typed_is_lost() {
    let (_t, s) = unlocked();
    let first = add(
        &s,
        referral(Some("9434765919"), "Ada", "Lovelace", "1950-12-10", 300),
    );
    j(s.api().close_episode(CloseForm {
        episode_id: id_of(&first["episode_id"]),
        closed_on: Some(days_ago(200)),
        reason: Some(vocab::CloseReason::GoalsMet),
        note: None,
        concerns: vec![],
    }))
    .unwrap();
    let check = j(s.api().intake_check(IntakeCheckArgs {
        nhs_number: Some("943 476 5919".into()),
        given_name: Some("Ada".into()),
        family_name: Some("King".into()),
        date_of_birth: Some("10/12/1950".into()),
    }))
    .unwrap();
    assert_eq!(check["existing"]["name"], "Ada Lovelace");
    assert_eq!(check["identity_differs"], true);

    let mut r = referral(Some("9434765919"), "Ada", "King", "1950-12-10", 5);
    r.person.phone = Some("07700 900333".into());
    let e = j(s.api().add_referral(r.clone())).unwrap_err();
    assert_eq!(
        (
            e.code.as_str(),
            e.field.as_deref(),
            e.related_person_id.clone()
        ),
        (
            "IDENTITY_MISMATCH",
            Some("nhs_number"),
            first["person_id"].as_str().map(String::from)
        )
    );
    assert!(
        e.message
            .contains("belongs to Ada Lovelace, born 10/12/1950"),
        "{}",
        e.message
    );
    assert!(
        e.message
            .contains("this referral says Ada King, born 10/12/1950"),
        "{}",
        e.message
    );
    assert_eq!(
        j(s.api().person(PersonArgs {
            person_id: person_id(&first["person_id"])
        }))
        .unwrap()["episodes"]
            .as_array()
            .unwrap()
            .len(),
        1,
        "nothing saved"
    );

    // "Same person, keep the stored details": the typed name is kept in the referral's notes, and a
    // blank stored phone is filled in.
    r.identity = Some(vocab::IdentityResolution::KeepDetails);
    let added = add(&s, r);
    assert_eq!(added["person_id"], first["person_id"]);
    let rec = j(s.api().person(PersonArgs {
        person_id: person_id(&first["person_id"]),
    }))
    .unwrap();
    assert_eq!(rec["person"]["family_name"], "Lovelace");
    assert_eq!(rec["person"]["phone"], "07700 900333");
    let notes = rec["episodes"][0]["referral_notes"].as_str().unwrap();
    assert!(
        notes.contains("name and date of birth Ada King, born 10/12/1950"),
        "{notes}"
    );
}

#[test]
fn same_person_update_details_and_a_record_without_a_number_is_found_by_name() {
    let (_t, s) = unlocked();
    let first = add(
        &s,
        referral(Some("9434765919"), "Ada", "Lovelace", "1950-12-10", 300),
    );
    j(s.api().close_episode(CloseForm {
        episode_id: id_of(&first["episode_id"]),
        closed_on: Some(days_ago(200)),
        reason: Some(vocab::CloseReason::GoalsMet),
        note: None,
        concerns: vec![],
    }))
    .unwrap();
    let mut r = referral(Some("9434765919"), "Ada", "King", "1950-12-10", 5);
    r.identity = Some(vocab::IdentityResolution::UpdateDetails);
    add(&s, r);
    let rec = j(s.api().person(PersonArgs {
        person_id: person_id(&first["person_id"]),
    }))
    .unwrap();
    assert_eq!(rec["person"]["family_name"], "King");

    // Tom was first recorded without an NHS number; a referral with one finds him by name and date
    // of birth, and choosing him adds the number to his record.
    let tom = add(&s, referral(None, "Tom", "Evans", "1961-06-01", 300));
    j(s.api().close_episode(CloseForm {
        episode_id: id_of(&tom["episode_id"]),
        closed_on: Some(days_ago(200)),
        reason: Some(vocab::CloseReason::GoalsMet),
        note: None,
        concerns: vec![],
    }))
    .unwrap();
    let check = j(s.api().intake_check(IntakeCheckArgs {
        nhs_number: Some("9876543210".into()),
        given_name: Some("Tom".into()),
        family_name: Some("Evans".into()),
        date_of_birth: Some("1961-06-01".into()),
    }))
    .unwrap();
    assert_eq!(check["possible_duplicates"][0]["id"], tom["person_id"]);
    let r = referral(Some("9876543210"), "Tom", "Evans", "1961-06-01", 3);
    assert_eq!(
        code(j(s.api().add_referral(r.clone()))).0,
        "POSSIBLE_DUPLICATE"
    );
    let mut picked = r;
    picked.person_id = Some(id_of(&tom["person_id"]));
    let added = add(&s, picked);
    assert_eq!(added["new_person"], false);
    let rec = j(s.api().person(PersonArgs {
        person_id: person_id(&tom["person_id"]),
    }))
    .unwrap();
    assert_eq!(rec["person"]["nhs_number"], "987 654 3210");
}

#[test]
fn numbers_from_other_schemes_are_warned_about_not_refused() {
    let (_t, s) = unlocked();
    let chi = linkwork_core::NhsNumber::from_first_nine(150352123).unwrap();
    let check = j(s.api().intake_check(IntakeCheckArgs {
        nhs_number: Some(text(chi.as_str())),
        ..Default::default()
    }))
    .unwrap();
    assert!(
        check["nhs_warning"]
            .as_str()
            .unwrap()
            .contains("Scottish CHI"),
        "{check}"
    );
    let check = j(s.api().intake_check(IntakeCheckArgs {
        nhs_number: Some("4010232137".into()),
        ..Default::default()
    }));
    assert!(check.is_err() || check.unwrap()["nhs_warning"].is_null());
    add(
        &s,
        referral(Some(chi.as_str()), "Isla", "Munro", "1952-03-15", 1),
    );
}

#[test]
fn offer_dates_are_checked_against_the_referral_and_each_other() {
    let (_t, s) = unlocked();
    let r = add(&s, referral(None, "Ann", "Ayre", "1950-01-01", 20));
    let ep = &r["episode_id"];
    let offer = |o: Value, a: Value, d: Value| {
        j(s.api().update_offer(OfferForm {
            episode_id: id_of(ep),
            offered_on: o.as_str().map(String::from),
            accepted_on: a.as_str().map(String::from),
            declined_on: d.as_str().map(String::from),
        }))
    };
    assert_eq!(
        code(offer(json!(days_ago(21)), Value::Null, Value::Null))
            .1
            .as_deref(),
        Some("offered_on")
    );
    assert_eq!(
        code(offer(json!(days_ago(-1)), Value::Null, Value::Null))
            .1
            .as_deref(),
        Some("offered_on")
    );
    assert_eq!(
        code(offer(
            json!(days_ago(10)),
            json!(days_ago(5)),
            json!(days_ago(4))
        ))
        .1
        .as_deref(),
        Some("declined_on")
    );
    assert_eq!(
        code(offer(json!(days_ago(10)), json!(days_ago(12)), Value::Null))
            .1
            .as_deref(),
        Some("accepted_on")
    );
    let rec = offer(json!(days_ago(10)), json!(days_ago(9)), Value::Null).unwrap();
    assert_eq!(rec["episodes"][0]["accepted_on"], days_ago(9));
}

#[test]
fn a_part_time_worker_has_a_smaller_safe_caseload() {
    let (_t, s) = unlocked();
    let bad = j(s.api().update_settings(UpdateSettingsArgs {
        auto_lock_minutes: 10,
        worker_name: None,
        whole_time_equivalent: Some("1.5".into()),
    }));
    assert_eq!(
        code(bad),
        ("INVALID_INPUT".into(), Some("whole_time_equivalent".into()))
    );
    let view = j(s.api().update_settings(UpdateSettingsArgs {
        auto_lock_minutes: 10,
        worker_name: None,
        whole_time_equivalent: Some("0.6".into()),
    }))
    .unwrap();
    assert_eq!(
        (
            view["whole_time_equivalent"].as_str(),
            view["safe_caseload"].as_u64()
        ),
        (Some("0.6"), Some(150))
    );
    let counters = &j(s.api().caseload(CaseloadArgs::default())).unwrap()["counters"];
    assert_eq!(
        (
            counters["safe_max"].as_u64(),
            counters["amber_over"].as_u64()
        ),
        (Some(150), Some(120))
    );
    // Left out, it stays as it was.
    let view = j(s.api().update_settings(UpdateSettingsArgs {
        auto_lock_minutes: 12,
        worker_name: None,
        whole_time_equivalent: None,
    }))
    .unwrap();
    assert_eq!(view["whole_time_equivalent"], "0.6");
}

#[test]
fn the_waiting_list_shows_attempts_long_waits_and_the_national_bands() {
    let (_t, s) = unlocked();
    let mut urgent = referral(None, "Una", "Urgent", "1950-01-01", 3);
    urgent.priority = Some(vocab::Priority::Urgent);
    add(&s, urgent);
    let long = add(&s, referral(None, "Lena", "Long", "1950-01-01", 30));
    add(&s, referral(None, "Mo", "Medium", "1950-01-01", 20));
    let quick = add(&s, referral(None, "Quinn", "Quick", "1950-01-01", 40));
    took_place(&s, &quick["episode_id"], 37);
    let tried = |days: i64, kind: &str, outcome: &str| {
        let at = format!("{}T09:00", days_ago(days));
        let form = contact_form(&long["episode_id"], at, kind, None, outcome, "");
        j(s.api().add_contact(form)).unwrap();
    };
    tried(25, "phone", "unable_to_contact");
    tried(24, "text_message", "left_message");
    let e = j(s.api().add_contact(ContactForm {
        episode_id: id_of(&long["episode_id"]),
        occurred_at: format!("{}T09:00", days_ago(20)),
        contact_type: Some(vocab::ContactType::Phone),
        duration_minutes: None,
        outcome: Some(vocab::ContactOutcome::Cancelled),
        notes: None,
    }))
    .unwrap_err();
    assert_eq!(
        (e.field.as_deref(), e.message.as_str()),
        (
            Some("outcome"),
            "Say who cancelled: the person, or the link worker."
        )
    );

    let view = j(s.api().caseload(CaseloadArgs {
        status: Some(vocab::EpisodeStatus::Waiting),
        sort: linkwork_core::caseload::CaseloadSort::Waiting,
        descending: true,
        ..Default::default()
    }))
    .unwrap();
    let rows = view["rows"].as_array().unwrap();
    let names: Vec<&str> = rows.iter().map(|r| r["name"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        ["Una Urgent", "Lena Long", "Mo Medium"],
        "urgent first, then the longest wait"
    );
    let lena = &rows[1];
    assert_eq!(
        (lena["attempts"].as_u64(), lena["wait_band"].as_str()),
        (Some(2), Some("over_four_weeks"))
    );
    assert_eq!(
        lena["last_attempt"],
        json!({"on": days_ago(24), "contact_type": "text_message", "outcome": "left_message"})
    );
    assert_eq!(
        (rows[2]["wait_band"].as_str(), rows[0]["wait_band"].as_str()),
        (Some("over_two_weeks"), None)
    );

    // Within 7 days: Quinn (3 days) of Quinn, Lena and Mo (Una, 3 days in, is not known yet).
    // 14 days or more: Lena and Mo, of those three.
    let k = &view["counters"];
    assert_eq!(k["contacted_within_7_days"], json!({"n": 1, "of": 3}));
    assert_eq!(k["waited_14_days_or_more"], json!({"n": 2, "of": 3}));
}

#[test]
fn zoom_steps_are_remembered() {
    let (_t, s) = unlocked();
    assert_eq!(
        j(s.api().get_settings(NoArgs {})).unwrap()["zoom_percent"],
        100
    );
    j(s.api().zoom(ZoomArgs {
        change: ZoomChange::Larger,
    }))
    .unwrap();
    let view = j(s.api().zoom(ZoomArgs {
        change: ZoomChange::Larger,
    }))
    .unwrap();
    assert_eq!(view["zoom_percent"], 125);
    j(s.api().lock(NoArgs {})).unwrap();
    j(s.api().unlock(UnlockArgs {
        passphrase: secret_of(PASS),
    }))
    .unwrap();
    assert_eq!(
        j(s.api().get_settings(NoArgs {})).unwrap()["zoom_percent"],
        125
    );
    assert_eq!(
        j(s.api().zoom(ZoomArgs {
            change: ZoomChange::Reset
        }))
        .unwrap()["zoom_percent"],
        100
    );
    assert_eq!(
        code(call(&s, "zoom", json!({"change": "huge"}))).0,
        "BAD_REQUEST"
    );
}
