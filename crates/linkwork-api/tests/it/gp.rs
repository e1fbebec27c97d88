//! GP coding through the command surface on a real vault: the summary, local codes, the checklist
//! and its corrections.

use crate::util::*;
use linkwork_api::types::*;
use linkwork_api::Session;
use linkwork_core::coding::{LetterTo, SummaryMode};
use linkwork_core::vocab;
use serde_json::{json, Value};

fn contact(s: &Session, ep: &Value, days: i64, outcome: &str) -> Value {
    let at = format!("{}T10:30", days_ago(days));
    let minutes = (outcome == "took_place").then_some(20);
    let form = contact_form(ep, at, "phone", minutes, outcome, "Talked about the choir");
    j(s.api().add_contact(form)).unwrap()
}

fn lines(summary: &Value) -> Vec<(String, String)> {
    summary["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["use"].as_str().unwrap_or("text").to_string(),
                l["concept_id"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

fn summary(s: &Session, ep: &Value, mode: SummaryMode) -> Value {
    j(s.api().gp_summary(GpSummaryArgs {
        episode_id: id_of(ep),
        mode,
    }))
    .unwrap()
}

#[test]
fn an_episode_gives_its_coded_lines_and_closing_twice_is_refused() {
    let (_t, s) = unlocked();
    let r = j(s.api().add_referral(referral(
        Some("9434765919"),
        "Ivy",
        "Walker",
        "1948-02-14",
        30,
    )))
    .unwrap();
    let ep = r["episode_id"].clone();
    j(s.api().update_offer(OfferForm {
        episode_id: id_of(&ep),
        offered_on: Some(days_ago(29)),
        accepted_on: Some(days_ago(28)),
        declined_on: None,
    }))
    .unwrap();
    contact(&s, &ep, 27, "did_not_attend");
    contact(&s, &ep, 26, "took_place");
    contact(&s, &ep, 20, "took_place");
    j(s.api().close_episode(CloseForm {
        episode_id: id_of(&ep),
        closed_on: None,
        reason: Some(vocab::CloseReason::GoalsMet),
        note: None,
        concerns: vec![],
    }))
    .unwrap();
    let sum = summary(&s, &ep, SummaryMode::CodesOnly);
    // Newest first: closed, seen, seen + accepted (the first contact that took place), offered.
    assert_eq!(
        lines(&sum),
        [
            ("episode.closed".to_string(), "1362721000000106".to_string()),
            ("contact.held".into(), "1362931000000106".into()),
            ("contact.held".into(), "1362931000000106".into()),
            ("episode.accepted".into(), "871731000000106".into()),
            ("episode.offered".into(), "871691000000100".into()),
        ]
    );
    assert_eq!(sum["mode"], "codes_only");
    let text = sum["text"].as_str().unwrap();
    for banned in ["Ivy", "Walker", "943 476 5919", "9434765919", "choir"] {
        assert!(!text.contains(banned), "{banned}: {text}");
    }
    // Full needs consent to share: without it the summary stays codes only.
    assert_eq!(summary(&s, &ep, SummaryMode::Full)["mode"], "codes_only");
    let err = j(s.api().close_episode(CloseForm {
        episode_id: id_of(&ep),
        closed_on: None,
        reason: Some(vocab::CloseReason::GoalsMet),
        note: None,
        concerns: vec![],
    }))
    .unwrap_err();
    assert_eq!(err.code.as_str(), "EPISODE_CLOSED");
}

#[test]
fn a_local_code_must_be_a_real_concept_id_and_then_codes_its_event() {
    let (_t, s) = unlocked();
    let bad = j(s.api().set_gp_local_code(LocalCodeArgs {
        practice_id: None,
        code_use: Some(linkwork_core::coding::CodeUse::Ons4Anxiety),
        concept_id: "871731000000107".into(),
        term: "Anxiety score".into(),
    }))
    .unwrap_err();
    assert_eq!(bad.field.as_deref(), Some("concept_id"));
    assert!(bad.message.contains("Verhoeff"), "{}", bad.message);
    let no_use = j(s.api().set_gp_local_code(LocalCodeArgs {
        practice_id: None,
        code_use: None,
        concept_id: "138875005".into(),
        term: "x".into(),
    }))
    .unwrap_err();
    assert_eq!(no_use.field.as_deref(), Some("use"));
    let map = j(s.api().set_gp_local_code(LocalCodeArgs {
        practice_id: None,
        code_use: Some(linkwork_core::coding::CodeUse::Ons4Anxiety),
        concept_id: "138875005".into(),
        term: "Practice anxiety score".into(),
    }))
    .unwrap();
    assert_eq!(map["entries"][0]["local"], true);
    assert_eq!(map["entries"][0]["use"], "ons4.anxiety");

    let r = j(s
        .api()
        .add_referral(referral(None, "Tom", "Evans", "1961-06-01", 10)))
    .unwrap();
    let ep = r["episode_id"].clone();
    contact(&s, &ep, 5, "took_place");
    j(s.api()
        .add_ons4(ons4_form(&ep, days_ago(5), ["4", "5", "6", "7"])))
    .unwrap();
    let sum = summary(&s, &ep, SummaryMode::CodesOnly);
    let anxiety = sum["lines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["use"] == "ons4.anxiety")
        .unwrap()
        .clone();
    assert_eq!(
        (anxiety["concept_id"].as_str(), anxiety["value"].as_str()),
        (Some("138875005"), Some("7"))
    );
    // The other items have no code: text, so not in codes-only.
    assert!(!sum["text"].as_str().unwrap().contains("life satisfaction"));
    let map = j(s.api().remove_gp_local_code(RemoveLocalCodeArgs {
        practice_id: None,
        code_use: linkwork_core::coding::CodeUse::Ons4Anxiety,
    }))
    .unwrap();
    assert!(map["entries"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["local"] == false));
}

#[test]
fn the_checklist_is_worked_through_and_a_later_error_asks_for_a_correction() {
    let (_t, s) = unlocked();
    let r = j(s.api().add_referral(referral(
        Some("9434765919"),
        "Ivy",
        "Walker",
        "1948-02-14",
        30,
    )))
    .unwrap();
    let ep = r["episode_id"].clone();
    contact(&s, &ep, 20, "took_place");
    let rec = contact(&s, &ep, 10, "took_place");
    let list = j(s.api().gp_checklist(NoArgs {})).unwrap();
    assert_eq!(list["pending"], 2);
    assert_eq!(list["people"][0]["nhs_number"], "943 476 5919");
    // No practice recorded: the worklist says so (and can still filter to them).
    assert_eq!(list["people"][0]["practice"], Value::Null);
    let mut with_practice = referral(Some("9876543210"), "Ron", "Hale", "1950-03-01", 20);
    with_practice.person.gp_practice_ods = Some("B86002".into());
    let ron = j(s.api().add_referral(with_practice)).unwrap();
    contact(&s, &ron["episode_id"], 5, "took_place");
    let both = j(s.api().gp_checklist(NoArgs {})).unwrap();
    let ron_row = both["people"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "Ron Hale")
        .unwrap();
    assert_eq!(ron_row["practice"], "B86002", "the ODS code when no name");
    mark(&s, keys_in(&ron_row["lines"])).unwrap();
    let keys = keys_in(&list["people"][0]["lines"]);
    let after = mark(&s, keys.clone()).unwrap();
    assert_eq!(after["pending"], 0);
    assert_eq!(after["people"], json!([]));
    // Undo puts them back; marking again takes them off.
    let undone = j(s
        .api()
        .gp_unmark_entered(GpLinesArgs { keys: keys.clone() }))
    .unwrap();
    assert_eq!(undone["pending"], 2);
    let after = mark(&s, keys).unwrap();
    assert_eq!(after["pending"], 0);

    // The newest contact was on the wrong person: the GP record needs correcting.
    let newest = rec["episodes"][0]["contacts"][0]["id"].clone();
    j(s.api().mark_entered_in_error(EnteredInErrorForm {
        record: linkwork_core::caseload::Correctable::Contact(id_of(&newest)),
        reason: Some("Wrong person".into()),
    }))
    .unwrap();
    let list = j(s.api().gp_checklist(NoArgs {})).unwrap();
    let fix = list["to_correct"].as_array().unwrap();
    assert_eq!(fix.len(), 1);
    assert_eq!(
        fix[0]["mark"]["key"],
        format!("contact:{}:held", newest.as_str().unwrap())
    );
    assert_eq!(fix[0]["name"], "Ivy Walker");
    let done = j(s.api().gp_mark_corrected(GpLinesArgs {
        keys: vec![text(&fix[0]["mark"]["key"])],
    }))
    .unwrap();
    assert_eq!(done["to_correct"], json!([]));
}

#[test]
fn an_assets_service_type_picks_the_onward_code() {
    let (_t, s) = unlocked();
    let asset = j(s.api().save_asset(AssetForm {
        name: "Calder Community Mental Health Team".into(),
        categories: vec![vocab::NeedCategory::MentalHealth],
        delivery: Some(vocab::Delivery::InPerson),
        days_and_times: "".into(),
        cost: Some(vocab::CostKind::Free),
        status: Some(vocab::AssetStatus::Active),
        ..Default::default()
    }))
    .unwrap()["id"]
        .clone();
    let r = j(s
        .api()
        .add_referral(referral(None, "Tom", "Evans", "1961-06-01", 10)))
    .unwrap();
    let ep = r["episode_id"].clone();
    j(s.api().add_onward(OnwardForm {
        episode_id: id_of(&ep),
        asset_id: Some(id_of(&asset)),
        referred_on: None,
        kind: Some(vocab::OnwardKind::Referral),
        category: Some(vocab::NeedCategory::MentalHealth),
        notes: None,
        follow_up_on: None,
    }))
    .unwrap();
    let codes = |s: &Session| lines(&summary(s, &ep, SummaryMode::CodesOnly));
    // "Referral to mental health team" reads as a statutory team: the category alone is words.
    assert_eq!(codes(&s), [], "the category: mental health");
    for (service_type, code) in [
        ("mental_health_team", "390866009"),
        ("bereavement", "306249006"),
    ] {
        let rec = j(s.api().set_asset_service_type(AssetServiceTypeArgs {
            asset_id: id_of(&asset),
            service_type: vocab::ServiceType::from_slug(service_type),
        }))
        .unwrap();
        assert_eq!(rec["service_type"], service_type);
        assert_eq!(codes(&s)[0].1, code, "the service type: {service_type}");
    }
}

#[test]
fn the_letter_and_the_fhir_file_are_saved_where_asked_and_never_in_the_data_folder() {
    let (t, s) = unlocked();
    let r = j(s.api().add_referral(referral(
        Some("9434765919"),
        "Ivy",
        "Walker",
        "1948-02-14",
        30,
    )))
    .unwrap();
    let ep = r["episode_id"].clone();
    contact(&s, &ep, 26, "took_place");

    // No consent to share recorded: the letter says so and holds the coded record only.
    let l = j(s.api().gp_letter(GpLetterArgs {
        episode_id: id_of(&ep),
        mode: linkwork_core::coding::SummaryMode::Full,
        to: linkwork_core::coding::LetterTo::Gp,
    }))
    .unwrap();
    assert_eq!(l["mode"], "codes_only");
    assert_eq!(l["full_allowed"], false);
    let body = l["body_html"].as_str().unwrap();
    assert!(
        body.contains("Ivy Walker") && body.contains("943 476 5919"),
        "{body}"
    );
    assert!(body.contains("1362931000000106"), "{body}");

    let out = t.path().join("letter.html");
    let saved = j(s.api().save_gp_file(SaveGpFileArgs {
        episode_id: id_of(&ep),
        mode: linkwork_core::coding::SummaryMode::Full,
        format: GpFileFormat::LetterHtml,
        to: Default::default(),
        path: linkwork_api::chosen::ChosenFile::path_given(&out),
        overwrite: false,
    }))
    .unwrap();
    assert_eq!(saved["what"], "letter");
    assert_eq!(saved["mode"], "codes_only");
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        l["html"].as_str().unwrap()
    );
    // A letter holds a person's details: readable by this user only, and the saving audited.
    assert_eq!(linkwork_store::platform::not_private(&out).unwrap(), None);
    let page = j(s.api().audit_page(AuditPageArgs::default())).unwrap();
    let newest = &page["rows"][0];
    assert_eq!(
        (
            newest["action"].as_str(),
            newest["record"].as_str(),
            newest["record_id"].as_str()
        ),
        (
            Some("Saved to a file, unencrypted"),
            Some("Episode"),
            ep.as_str()
        )
    );
    let e = j(s.api().save_gp_file(SaveGpFileArgs {
        episode_id: id_of(&ep),
        mode: linkwork_core::coding::SummaryMode::Full,
        format: GpFileFormat::FhirJson,
        to: Default::default(),
        path: linkwork_api::chosen::ChosenFile::path_given(&out),
        overwrite: false,
    }))
    .unwrap_err();
    assert_eq!(
        (e.code.as_str(), e.field.as_deref()),
        ("FILE_EXISTS", Some("path"))
    );
    j(s.api().save_gp_file(SaveGpFileArgs {
        episode_id: id_of(&ep),
        mode: linkwork_core::coding::SummaryMode::Full,
        format: GpFileFormat::FhirJson,
        to: Default::default(),
        path: linkwork_api::chosen::ChosenFile::path_given(&out),
        overwrite: true,
    }))
    .unwrap();
    let b: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(b["resourceType"], "Bundle");
    assert_eq!(
        b["entry"][0]["resource"]["identifier"][0]["value"],
        "9434765919"
    );

    let inside = s.data_dir().join("letter.html");
    let e = j(s.api().save_gp_file(SaveGpFileArgs {
        episode_id: id_of(&ep),
        mode: linkwork_core::coding::SummaryMode::Full,
        format: GpFileFormat::LetterHtml,
        to: Default::default(),
        path: linkwork_api::chosen::ChosenFile::path_given(&inside),
        overwrite: false,
    }))
    .unwrap_err();
    assert_eq!(e.code.as_str(), "PATH_IN_DATA_FOLDER");
    assert!(!inside.exists());
}

fn keys_of(list: &Value) -> Vec<String> {
    list["people"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| keys_in(&p["lines"]))
        .collect()
}

/// The keys of a list of coded lines.
fn keys_in(lines: &Value) -> Vec<String> {
    lines
        .as_array()
        .unwrap()
        .iter()
        .map(|l| text(&l["key"]))
        .collect()
}

fn mark(s: &Session, keys: Vec<String>) -> Result<Value, linkwork_api::ApiError> {
    j(s.api().gp_mark_entered(GpLinesArgs { keys }))
}

/// The review's measured case, through the command surface: the first contact marked entered in
/// error moves the entered "accepted" line to the next contact; the to-code list asks for both
/// corrections, and marking the moved one corrected re-marks it at its new date.
#[test]
fn a_moved_accepted_line_is_a_correction_old_to_new_until_marked_corrected() {
    let (_t, s) = unlocked();
    let r = j(s.api().add_referral(referral(
        Some("9434765919"),
        "Ivy",
        "Walker",
        "1948-02-14",
        30,
    )))
    .unwrap();
    let ep = r["episode_id"].clone();
    j(s.api().update_offer(OfferForm {
        episode_id: id_of(&ep),
        offered_on: Some(days_ago(29)),
        accepted_on: Some(days_ago(28)),
        declined_on: None,
    }))
    .unwrap();
    let first = contact(&s, &ep, 20, "took_place")["episodes"][0]["contacts"][0]["id"].clone();
    contact(&s, &ep, 12, "took_place");
    let list = j(s.api().gp_checklist(NoArgs {})).unwrap();
    mark(&s, keys_of(&list)).unwrap();
    j(s.api().mark_entered_in_error(EnteredInErrorForm {
        record: linkwork_core::caseload::Correctable::Contact(id_of(&first)),
        reason: Some("Wrong person".into()),
    }))
    .unwrap();
    let list = j(s.api().gp_checklist(NoArgs {})).unwrap();
    assert_eq!(
        list["pending"], 0,
        "nothing new: the moved line is a correction"
    );
    let fix = list["to_correct"].as_array().unwrap();
    let accepted = fix
        .iter()
        .find(|c| c["mark"]["key"].as_str().unwrap().ends_with(":accepted"))
        .expect("the accepted line comes back");
    let (was, now) = (
        linkwork_core::dates::format_date_gb(days_ago_date(20)),
        linkwork_core::dates::format_date_gb(days_ago_date(12)),
    );
    assert!(
        accepted["why"]
            .as_str()
            .unwrap()
            .contains(&format!("date {was} \u{2192} {now}")),
        "{}",
        accepted["why"]
    );
    assert_eq!(accepted["now"]["on"], days_ago(12));
    assert_eq!(fix.len(), 2, "and the seen line of the contact in error");
    let keys = fix.iter().map(|c| text(&c["mark"]["key"])).collect();
    let done = j(s.api().gp_mark_corrected(GpLinesArgs { keys })).unwrap();
    assert_eq!(done["to_correct"], json!([]));
    assert_eq!(
        done["pending"], 0,
        "the moved line is marked entered at its new date"
    );
    let entered = summary(&s, &ep, SummaryMode::CodesOnly)["entered"].clone();
    assert!(entered
        .as_object()
        .unwrap()
        .keys()
        .any(|k| k.ends_with(":accepted")));
}

/// Seen with no answer to the offer: the episode says so, the to-code list warns, and the answer
/// recorded on the contact's day places the "accepted" line there.
#[test]
fn the_answer_to_the_offer_is_asked_for_and_places_the_accepted_code() {
    let (_t, s) = unlocked();
    let r = j(s.api().add_referral(referral(
        Some("9434765919"),
        "Ivy",
        "Walker",
        "1948-02-14",
        30,
    )))
    .unwrap();
    let ep = r["episode_id"].clone();
    let rec = contact(&s, &ep, 20, "took_place");
    assert_eq!(rec["episodes"][0]["acceptance_missing"], true);
    let list = j(s.api().gp_checklist(NoArgs {})).unwrap();
    assert_eq!(list["no_acceptance"][0]["episode_id"], ep);
    assert_eq!(list["no_acceptance"][0]["first_seen"], days_ago(20));
    let e = j(s.api().record_answer(AnswerForm {
        episode_id: id_of(&ep),
        answer: None,
        on: Some("31/02/2026".into()),
    }))
    .unwrap_err();
    let fields: Vec<_> = e.problems.iter().map(|p| p.field.as_str()).collect();
    assert_eq!(fields, ["answer", "on"]);
    let on = linkwork_core::dates::format_date_gb(days_ago_date(20));
    let rec = j(s.api().record_answer(AnswerForm {
        episode_id: id_of(&ep),
        answer: Some(vocab::OfferAnswer::Accepted),
        on: Some(text(&on)),
    }))
    .unwrap();
    assert_eq!(rec["episodes"][0]["acceptance_missing"], false);
    assert_eq!(rec["episodes"][0]["accepted_on"], days_ago(20));
    let accepted: Vec<_> = summary(&s, &ep, SummaryMode::CodesOnly)["lines"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["use"] == "episode.accepted")
        .map(|l| l["on"].clone())
        .collect();
    assert_eq!(accepted, [json!(days_ago(20))]);
    assert_eq!(
        j(s.api().gp_checklist(NoArgs {})).unwrap()["no_acceptance"],
        json!([])
    );
    // Declining as well is refused: one answer.
    let both = j(s.api().record_answer(AnswerForm {
        episode_id: id_of(&ep),
        answer: Some(vocab::OfferAnswer::Declined),
        on: Some(text(&on)),
    }))
    .unwrap_err();
    assert_eq!(both.field.as_deref(), Some("declined_on"));
}

#[test]
fn events_the_referrer_codes_leave_the_to_code_list() {
    let (_t, s) = unlocked();
    let r = j(s.api().add_referral(referral(
        Some("9434765919"),
        "Ivy",
        "Walker",
        "1948-02-14",
        30,
    )))
    .unwrap();
    let ep = r["episode_id"].clone();
    j(s.api().update_offer(OfferForm {
        episode_id: id_of(&ep),
        offered_on: Some(days_ago(29)),
        accepted_on: Some(days_ago(28)),
        declined_on: None,
    }))
    .unwrap();
    contact(&s, &ep, 20, "took_place");
    assert_eq!(j(s.api().gp_checklist(NoArgs {})).unwrap()["pending"], 3);
    let e = j(s.api().set_gp_referrer_codes(ReferrerCodesArgs {
        practice_id: None,
        as_every_practice: false,
        code_uses: vec![linkwork_core::coding::CodeUse::ContactHeld],
    }))
    .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("uses"));
    let map = j(s.api().set_gp_referrer_codes(ReferrerCodesArgs {
        practice_id: None,
        as_every_practice: false,
        code_uses: vec![
            linkwork_core::coding::CodeUse::EpisodeOffered,
            linkwork_core::coding::CodeUse::EpisodeAccepted,
        ],
    }))
    .unwrap();
    assert_eq!(
        map["by_referrer"],
        json!(["episode.offered", "episode.accepted"])
    );
    let list = j(s.api().gp_checklist(NoArgs {})).unwrap();
    assert_eq!(list["pending"], 1);
    assert_eq!(list["people"][0]["lines"][0]["use"], "contact.held");
    let sum = summary(&s, &ep, SummaryMode::CodesOnly);
    let referrers: Vec<_> = sum["lines"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["by_referrer"] == true)
        .map(|l| l["use"].clone())
        .collect();
    assert_eq!(
        referrers,
        [json!("episode.accepted"), json!("episode.offered")]
    );
    assert!(!sum["text"].as_str().unwrap().contains("871731000000106"));
}

/// Each letter follows the consent for its purpose; the referrer's never holds the risk log.
#[test]
fn the_referrers_letter_follows_its_own_consent_and_never_holds_risks() {
    let (_t, s) = unlocked();
    let r = j(s.api().add_referral(referral(
        Some("9434765919"),
        "Ivy",
        "Walker",
        "1948-02-14",
        30,
    )))
    .unwrap();
    let (ep, pid) = (r["episode_id"].clone(), r["person_id"].clone());
    contact(&s, &ep, 20, "took_place");
    j(s.api().raise_concern(ConcernForm {
        person_id: id_of(&pid),
        raised_on: None,
        raised_by: None,
        concern: Some("Falls at home".into()),
        level: Some(vocab::RiskLevel::High),
        action_taken: None,
        review_on: None,
    }))
    .unwrap();
    j(s.api().record_consent(ConsentForm {
        person_id: id_of(&pid),
        purpose: vocab::ConsentPurpose::ShareWithGp,
        decision: Some(vocab::ConsentDecision::Given),
        decided_on: None,
    }))
    .unwrap();
    let letter = |to: LetterTo| {
        j(s.api().gp_letter(GpLetterArgs {
            episode_id: id_of(&ep),
            mode: SummaryMode::Full,
            to,
        }))
        .unwrap()
    };
    let gp = letter(LetterTo::Gp);
    assert_eq!(gp["mode"], "full");
    assert!(gp["body_html"].as_str().unwrap().contains("Falls at home"));
    let notice = letter(LetterTo::Referrer);
    assert_eq!(
        notice["mode"], "codes_only",
        "GP consent is not referrer consent"
    );
    let body = notice["body_html"].as_str().unwrap();
    assert!(
        body.contains("First contacted") && !body.contains("Falls"),
        "{body}"
    );

    let e = j(s.api().record_consent(ConsentForm {
        person_id: id_of(&pid),
        purpose: vocab::ConsentPurpose::ShareWithReferrer,
        decision: None,
        decided_on: Some("x".into()),
    }))
    .unwrap_err();
    let fields: Vec<_> = e.problems.iter().map(|p| p.field.as_str()).collect();
    assert_eq!(fields, ["decision", "decided_on"]);
    let rec = j(s.api().record_consent(ConsentForm {
        person_id: id_of(&pid),
        purpose: vocab::ConsentPurpose::ShareWithReferrer,
        decision: Some(vocab::ConsentDecision::Given),
        decided_on: None,
    }))
    .unwrap();
    assert_eq!(rec["consent_history"][0]["purpose"], "share_with_referrer");
    assert_eq!(
        rec["person"]["consent_to_share"], "yes",
        "the GP's stays as it was"
    );
    let full = letter(LetterTo::Referrer);
    assert_eq!(full["mode"], "full");
    let body = full["body_html"].as_str().unwrap();
    assert!(body.contains("What matters") && !body.contains("Falls") && !body.contains("Risks"));
    // Never dated before the decision it replaces.
    let e = j(s.api().record_consent(ConsentForm {
        person_id: id_of(&pid),
        purpose: vocab::ConsentPurpose::ShareWithReferrer,
        decision: Some(vocab::ConsentDecision::NotGiven),
        decided_on: Some(text(linkwork_core::dates::format_date_gb(days_ago_date(
            40,
        )))),
    }))
    .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("decided_on"));
}
