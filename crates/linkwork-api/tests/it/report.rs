//! The monthly report on a hand-made caseload whose every figure was worked out by hand (see the
//! comments), then exported, decrypted with the `age` command and read back from its CSV set and
//! its workbook (by calamine, an independent reader).

use crate::util::*;
use linkwork_api::types::*;
use linkwork_api::Session;
use linkwork_core::vocab;
use serde_json::{json, Value};
use std::collections::BTreeMap;

fn referral_on(
    nhs: Option<&str>,
    given: &str,
    received: &str,
    source: &str,
    method: &str,
    reasons: &[&str],
) -> ReferralForm {
    ReferralForm {
        person: PersonForm {
            nhs_number: nhs.map(String::from),
            given_name: Some(given.into()),
            family_name: Some("Fixture".into()),
            date_of_birth: Some("1950-01-01".into()),
            ..Default::default()
        },
        received_on: received.into(),
        method: Some(vocab::ReferralMethod::from_slug(method).expect("a method")),
        source: Some(vocab::ReferralSource::from_slug(source).expect("a source")),
        reasons: reasons
            .iter()
            .map(|r| vocab::ReferralReason::from_slug(r).expect("a reason"))
            .collect(),
        ..Default::default()
    }
}

fn contact(
    s: &Session,
    ep: &Value,
    at: &str,
    kind: &str,
    minutes: Option<u32>,
    outcome: &str,
) -> Value {
    let form = contact_form(
        ep,
        format!("{at}T10:00"),
        kind,
        minutes,
        outcome,
        "Secret note about the allotment",
    );
    let rec = j(s.api().add_contact(form)).unwrap();
    rec["episodes"][0]["contacts"][0]["id"].clone()
}

fn ons4(s: &Session, ep: &Value, on: &str, v: [&str; 4]) {
    j(s.api().add_ons4(Ons4Form {
        episode_id: id_of(ep),
        contact_id: None,
        recorded_on: Some(on.into()),
        life_satisfaction: v[0].into(),
        worthwhile: v[1].into(),
        happiness: v[2].into(),
        anxiety: v[3].into(),
    }))
    .unwrap();
}

fn asset(s: &Session, name: &str, category: &str, status: &str) -> Value {
    let form = AssetForm {
        name: name.into(),
        categories: vec![vocab::NeedCategory::from_slug(category).expect("a category")],
        delivery: Some(vocab::Delivery::InPerson),
        cost: Some(vocab::CostKind::Free),
        status: Some(vocab::AssetStatus::from_slug(status).expect("a status")),
        ..Default::default()
    };
    j(s.api().save_asset(form)).unwrap()["id"].clone()
}

/// An onward referral in the category `asset` was saved under (the `asset` helper's one).
fn onward(s: &Session, ep: &Value, asset: &Value, kind: &str, on: &str) -> Value {
    let category = j(s.api().asset(AssetArgs {
        asset_id: asset_id(asset),
    }))
    .unwrap()["asset"]["categories"][0]
        .clone();
    let rec = j(s.api().add_onward(OnwardForm {
        episode_id: id_of(ep),
        asset_id: Some(id_of(asset)),
        kind: Some(vocab::OnwardKind::from_slug(kind).expect("a kind")),
        referred_on: Some(on.into()),
        category: Some(id_of(&category)),
        notes: None,
        follow_up_on: None,
    }))
    .unwrap();
    let list = rec["episodes"][0]["onward"].as_array().unwrap();
    list.iter()
        .find(|o| o["referred_on"] == on && o["kind"] == kind)
        .unwrap()["id"]
        .clone()
}

/// The fixture: five people, October 2026 reported on 21/11/2026.
fn fixture() -> (tempfile::TempDir, Session) {
    let (t, s) = unlocked();
    j(s.api().update_settings(UpdateSettingsArgs {
        auto_lock_minutes: 15,
        worker_name: Some("Asha Patel".into()),
        whole_time_equivalent: None,
    }))
    .unwrap();
    let choir = asset(&s, "Calder Choir", "arts_culture", "active");
    let money = asset(&s, "Calder Money Advice", "finance", "active");
    asset(
        &s,
        "Old Bowls Club",
        "physical_activity",
        "temporarily_closed",
    );

    // Ann: referred in September, seen before and during October, closed 25/10 (goals met).
    let a = j(s.api().add_referral(referral_on(
        Some("9434765919"),
        "Ann",
        "2026-09-10",
        "gp",
        "secure_email",
        &["loneliness"],
    )))
    .unwrap();
    let (ap, ae) = (a["person_id"].clone(), a["episode_id"].clone());
    j(s.api().update_person(UpdatePersonArgs {
        person_id: id_of(&ap),
        person: PersonForm {
            nhs_number: Some("9434765919".into()),
            given_name: Some("Ann".into()),
            family_name: Some("Fixture".into()),
            date_of_birth: Some("1950-01-01".into()),
            tags: vec![vocab::GroupTag::Carers],
            ..Default::default()
        },
    }))
    .unwrap();
    j(s.api().update_plan(PlanForm {
        episode_id: id_of(&ae),
        what_matters: Some("Secret plan".into()),
        needs: vec![
            vocab::NeedCategory::PhysicalActivity,
            vocab::NeedCategory::Finance,
        ],
        next_review_on: None,
    }))
    .unwrap();
    contact(&s, &ae, "2026-09-15", "phone", Some(30), "took_place");
    ons4(&s, &ae, "2026-09-15", ["3", "5", "4", "7"]);
    j(s.api().add_pam(PamForm {
        episode_id: id_of(&ae),
        contact_id: None,
        recorded_on: Some("2026-09-15".into()),
        score: "50.0".into(),
        level: "2".into(),
        version: Some(linkwork_core::outcomes::PamVersion::Pam13),
    }))
    .unwrap();
    contact(&s, &ae, "2026-10-05", "phone", Some(20), "took_place");
    contact(
        &s,
        &ae,
        "2026-10-12",
        "face_to_face",
        None,
        "did_not_attend",
    );
    contact(&s, &ae, "2026-10-20", "home_visit", Some(60), "took_place");
    ons4(&s, &ae, "2026-10-20", ["6", "5", "3", "4"]);
    j(s.api().add_pam(PamForm {
        episode_id: id_of(&ae),
        contact_id: None,
        recorded_on: Some("2026-10-20".into()),
        score: "55.0".into(),
        level: "3".into(),
        version: Some(linkwork_core::outcomes::PamVersion::Pam13),
    }))
    .unwrap();
    let o = onward(&s, &ae, &choir, "referral", "2026-10-06");
    j(s.api().record_onward_outcome(OnwardOutcomeForm {
        onward_id: id_of(&o),
        outcome: Some(vocab::OnwardOutcome::Attended),
        outcome_on: Some("2026-10-13".into()),
        barriers: vec![],
    }))
    .unwrap();
    let o = onward(&s, &ae, &money, "referral", "2026-10-07");
    j(s.api().record_onward_outcome(OnwardOutcomeForm {
        onward_id: id_of(&o),
        outcome: Some(vocab::OnwardOutcome::ServiceFull),
        outcome_on: Some("2026-10-14".into()),
        barriers: vec![vocab::Barrier::NoProvision],
    }))
    .unwrap();
    // Entered in error: counts nowhere.
    let wrong = onward(&s, &ae, &choir, "signpost", "2026-10-10");
    j(s.api().mark_entered_in_error(EnteredInErrorForm {
        record: linkwork_core::caseload::Correctable::Onward(id_of(&wrong)),
        reason: Some("Wrong person".into()),
    }))
    .unwrap();
    j(s.api().close_episode(CloseForm {
        episode_id: id_of(&ae),
        closed_on: Some("2026-10-25".into()),
        reason: Some(vocab::CloseReason::GoalsMet),
        note: None,
        concerns: vec![],
    }))
    .unwrap();

    // Bob: referred 03/10, first contact 08/10 (5 days), a baseline ONS4 only, still open.
    let b = j(s.api().add_referral(referral_on(
        None,
        "Bob",
        "2026-10-03",
        "self_referral",
        "phone",
        &["money_debt", "housing"],
    )))
    .unwrap();
    let (bp, be) = (b["person_id"].clone(), b["episode_id"].clone());
    j(s.api().update_person(UpdatePersonArgs {
        person_id: id_of(&bp),
        person: PersonForm {
            given_name: Some("Bob".into()),
            family_name: Some("Fixture".into()),
            date_of_birth: Some("1950-01-01".into()),
            tags: vec![vocab::GroupTag::FinancialHardship, vocab::GroupTag::Carers],
            ..Default::default()
        },
    }))
    .unwrap();
    j(s.api().update_plan(PlanForm {
        episode_id: id_of(&be),
        what_matters: None,
        needs: vec![vocab::NeedCategory::Housing, vocab::NeedCategory::Finance],
        next_review_on: None,
    }))
    .unwrap();
    contact(&s, &be, "2026-10-08", "phone", Some(15), "took_place");
    ons4(&s, &be, "2026-10-08", ["2", "2", "2", "8"]);
    onward(&s, &be, &money, "signpost", "2026-10-09");
    contact(&s, &be, "2026-10-15", "phone", None, "unable_to_contact");
    let wrong = contact(&s, &be, "2026-10-16", "video", Some(45), "took_place");
    j(s.api().mark_entered_in_error(EnteredInErrorForm {
        record: linkwork_core::caseload::Correctable::Contact(id_of(&wrong)),
        reason: Some("Wrong person".into()),
    }))
    .unwrap();

    // Cath: referred 20/10, never reached: waiting 32 days on 21/11.
    j(s.api().add_referral(referral_on(
        None,
        "Cath",
        "2026-10-20",
        "gp",
        "letter",
        &["loneliness"],
    )))
    .unwrap();

    // Dan: referred after the period.
    let d = j(s.api().add_referral(referral_on(
        None,
        "Dan",
        "2026-11-05",
        "gp",
        "phone",
        &["weight"],
    )))
    .unwrap();
    contact(
        &s,
        &d["episode_id"],
        "2026-11-06",
        "phone",
        Some(10),
        "took_place",
    );

    // Eve: seen in August, closed 30/09: supported in the last 12 months, not open in October.
    let e = j(s.api().add_referral(referral_on(
        None,
        "Eve",
        "2026-08-01",
        "vcse",
        "phone",
        &["bereavement"],
    )))
    .unwrap();
    contact(
        &s,
        &e["episode_id"],
        "2026-08-03",
        "phone",
        Some(25),
        "took_place",
    );
    j(s.api().close_episode(CloseForm {
        episode_id: id_of(&e["episode_id"]),
        closed_on: Some("2026-09-30".into()),
        reason: Some(vocab::CloseReason::GoalsMet),
        note: None,
        concerns: vec![],
    }))
    .unwrap();
    (t, s)
}

pub(crate) fn suppression(s: &Session, on: bool) {
    let suppression = if on {
        linkwork_report::Suppression::On
    } else {
        linkwork_report::Suppression::Off
    };
    j(s.api().update_report_settings(ReportSettingsForm {
        supervisor_keys: vec![],
        suppression,
    }))
    .unwrap();
}

pub(crate) fn table<'a>(preview: &'a Value, name: &str) -> &'a Value {
    preview["tables"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == name)
        .unwrap_or_else(|| panic!("no table {name}"))
}

/// A table as row key → column name → shown value ("<5", "12", "33.3"), from its first column.
pub(crate) fn cells(preview: &Value, name: &str) -> BTreeMap<String, BTreeMap<String, String>> {
    let t = table(preview, name);
    let cols: Vec<String> = t["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap().to_string())
        .collect();
    t["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let r = r.as_array().unwrap();
            let shown = |c: &Value| match c["kind"].as_str().unwrap() {
                "suppressed" => "<5".to_string(),
                "too_few" => "too few".to_string(),
                "withheld" => "[c]".to_string(),
                "blank" => "".to_string(),
                "text" => c["value"].as_str().unwrap().to_string(),
                "count" => c["value"].to_string(),
                _ => format!("{:.1}", c["value"].as_f64().unwrap()),
            };
            (
                shown(&r[0]),
                cols.iter().cloned().zip(r.iter().map(shown)).collect(),
            )
        })
        .collect()
}

pub(crate) fn value(preview: &Value, table: &str, measure: &str) -> String {
    cells(preview, table)[measure]["value"].clone()
}

#[test]
fn every_section_matches_the_hand_worked_figures() {
    let (_t, s) = fixture();
    suppression(&s, false);
    let p = j(s.api().report_preview(ReportPeriod {
        month: Some("2026-10".into()),
        ..Default::default()
    }))
    .unwrap();
    assert_eq!(p["period_label"], "October 2026");
    assert_eq!(p["worker"], "Asha Patel");
    assert_eq!(p["file_name"], "linkwork-report-2026-10-asha-patel.age");
    let v = |t: &str, m: &str| value(&p, t, m);
    // Caseload: Ann open at the start; Bob and Cath at the end; Cath waiting; Bob's 5 days.
    assert_eq!(v("caseload", "open_at_start"), "1");
    assert_eq!(v("caseload", "open_at_end"), "2");
    assert_eq!(v("caseload", "new_referrals"), "2");
    assert_eq!(v("caseload", "closed"), "1");
    assert_eq!(v("caseload", "waiting_at_end"), "1");
    assert_eq!(v("caseload", "median_days_to_first_contact"), "5.0");
    assert_eq!(v("caseload", "re_referrals"), "0");
    // No one's sex or ethnic group is recorded: everyone is "not recorded", every group 0 (the
    // tables add what they never had, and the other figures stay as they were).
    for t in ["reach_by_sex", "reach_by_ethnic_group"] {
        let c = cells(&p, t);
        assert_eq!(
            c["not_recorded"]["referrals"],
            v("caseload", "new_referrals"),
            "{t}"
        );
        assert_eq!(
            c["not_recorded"]["supported"],
            v("outcomes", "episodes_supported"),
            "{t}"
        );
        let recorded: Vec<_> = c.iter().filter(|(k, _)| *k != "not_recorded").collect();
        assert!(recorded.len() >= 4, "{t}: every group has its row");
        assert!(
            recorded
                .iter()
                .all(|(_, r)| r["referrals"] == "0" && r["supported"] == "0"),
            "{t}: {recorded:?}"
        );
    }
    // No group has run: the groups table says so rather than leaving figures out.
    for m in [
        "groups_run",
        "sessions",
        "attendances",
        "people_attending",
        "only_through_groups",
    ] {
        assert_eq!(v("groups", m), "0", "{m}");
    }
    // As at 31/10, whenever the report is made: Bob was seen in 5 days; Cath had waited 11 days,
    // past 7 but not yet 14, so she is in the first share and not yet in the second.
    assert_eq!(v("caseload", "contacted_within_7_days_pct"), "50.0");
    assert_eq!(v("caseload", "waited_14_days_or_more_pct"), "0.0");
    // Ann, Bob and Eve (Dan's contact is after the period).
    assert_eq!(v("caseload", "supported_last_12_months"), "3");
    assert_eq!(v("caseload", "safe_maximum"), "250");
    assert_eq!(cells(&p, "closed_by_reason")["goals_met"]["episodes"], "1");
    // Activity: Bob's video call was entered in error.
    assert_eq!(v("activity", "contacts"), "5");
    assert_eq!(v("activity", "took_place"), "3");
    assert_eq!(v("activity", "did_not_attend"), "1");
    assert_eq!(v("activity", "did_not_attend_pct"), "25.0");
    assert_eq!(v("activity", "hours"), "1.6");
    assert_eq!(v("activity", "people_seen"), "2");
    let c = cells(&p, "contacts");
    assert_eq!(
        (
            c["phone"]["took_place"].as_str(),
            c["phone"]["unable_to_contact"].as_str(),
            c["phone"]["total"].as_str()
        ),
        ("2", "1", "3")
    );
    assert_eq!(c["face_to_face"]["did_not_attend"], "1");
    assert_eq!(c["home_visit"]["took_place"], "1");
    assert!(!c.contains_key("video"), "{c:?}");
    // Referrals in: Bob and Cath.
    let src = cells(&p, "referrals_by_source");
    assert_eq!(
        (
            src["gp"]["referrals"].as_str(),
            src["self_referral"]["referrals"].as_str(),
            src.len()
        ),
        ("1", "1", 2)
    );
    let method = cells(&p, "referrals_by_method");
    assert_eq!(
        (
            method["phone"]["referrals"].as_str(),
            method["letter"]["referrals"].as_str()
        ),
        ("1", "1")
    );
    let need = cells(&p, "referrals_by_need");
    assert_eq!(
        need.keys().collect::<Vec<_>>(),
        ["housing", "loneliness", "money_debt"]
    );
    let groups = cells(&p, "referrals_by_group");
    assert_eq!(
        (
            groups["carers"]["people"].as_str(),
            groups["financial_hardship"]["people"].as_str(),
            groups.len()
        ),
        ("1", "1", 2)
    );
    // Onward: the signpost entered in error is left out.
    let on = cells(&p, "onward_by_category");
    assert_eq!(on["arts_culture"]["referrals"], "1");
    assert_eq!(on["arts_culture"]["attended"], "1");
    assert_eq!(on["arts_culture"]["signposts"], "0");
    assert_eq!(on["arts_culture"]["attendance_pct"], "100.0");
    assert_eq!(
        (
            on["finance"]["signposts"].as_str(),
            on["finance"]["referrals"].as_str(),
            on["finance"]["not_attended"].as_str(),
            on["finance"]["pending"].as_str(),
            on["finance"]["attendance_pct"].as_str()
        ),
        ("1", "1", "1", "1", "0.0")
    );
    let barriers = cells(&p, "onward_barriers");
    assert_eq!(barriers["finance"]["barrier"], "no_provision");
    assert_eq!(barriers["finance"]["onward_referrals"], "1");
    // Gaps: Ann's physical activity and Bob's housing have no onward referral.
    let g = cells(&p, "gaps_by_category");
    assert_eq!(g["physical_activity"]["needs_without_onward"], "1");
    assert_eq!(g["housing"]["needs_without_onward"], "1");
    assert_eq!(
        (
            g["finance"]["needs_without_onward"].as_str(),
            g["finance"]["no_provision"].as_str(),
            g["finance"]["service_full"].as_str()
        ),
        ("0", "1", "1")
    );
    assert_eq!(
        cells(&p, "gaps_full_assets")["Calder Money Advice"]["times_full"],
        "1"
    );
    assert_eq!(v("directory", "closed_assets"), "1");
    assert_eq!(v("directory", "stale_assets"), "0");
    // Outcomes: Ann compared (life 3→6, worthwhile 5→5, happiness 4→3, anxiety 7→4); Bob baseline only.
    let o = cells(&p, "ons4");
    assert_eq!(
        (
            o["life_satisfaction"]["compared"].as_str(),
            o["life_satisfaction"]["mean_change"].as_str(),
            o["life_satisfaction"]["improved_pct"].as_str(),
            o["life_satisfaction"]["left_concern_band_pct"].as_str()
        ),
        ("1", "3.0", "100.0", "100.0")
    );
    assert_eq!(
        (
            o["worthwhile"]["same_pct"].as_str(),
            o["worthwhile"]["started_in_concern_band"].as_str(),
            o["worthwhile"]["left_concern_band_pct"].as_str()
        ),
        ("100.0", "0", "")
    );
    assert_eq!(
        (
            o["happiness"]["mean_change"].as_str(),
            o["happiness"]["worse_pct"].as_str(),
            o["happiness"]["left_concern_band_pct"].as_str()
        ),
        ("-1.0", "100.0", "0.0")
    );
    assert_eq!(
        (
            o["anxiety"]["mean_change"].as_str(),
            o["anxiety"]["improved_pct"].as_str(),
            o["anxiety"]["concern_band"].as_str(),
            o["anxiety"]["left_concern_band_pct"].as_str()
        ),
        ("-3.0", "100.0", "high", "100.0")
    );
    assert_eq!(v("outcomes", "ons4_compared"), "1");
    assert_eq!(v("outcomes", "ons4_baseline_only"), "1");
    assert_eq!(v("outcomes", "pam_compared"), "1");
    assert_eq!(v("outcomes", "pam_mean_change"), "5.0");
    assert_eq!(v("outcomes", "pam_within_year"), "1");
    assert_eq!(v("outcomes", "pam_gained_3_pct"), "100.0");
    assert_eq!(v("outcomes", "pam_baseline_only"), "0");
    // Supported means seen in the period: Ann and Bob, not Cath on the waiting list; both have a
    // score.
    assert_eq!(v("outcomes", "episodes_supported"), "2");
    assert_eq!(v("outcomes", "no_outcome_recorded"), "0");
    // Coding: the lines the GP summaries date in October, none entered yet; then all of them.
    let due: usize = all_episodes(&s)
        .iter()
        .map(|ep| {
            j(s.api().gp_summary(GpSummaryArgs {
                episode_id: id_of(ep),
                mode: linkwork_core::coding::SummaryMode::CodesOnly,
            }))
            .unwrap()["lines"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|l| {
                    !l["concept_id"].is_null() && l["on"].as_str().unwrap().starts_with("2026-10")
                })
                .count()
        })
        .sum();
    assert!(
        due >= 4,
        "Ann's seen, referred on and closed lines at least: {due}"
    );
    assert_eq!(v("coding", "due"), due.to_string());
    assert_eq!(v("coding", "entered"), "0");
    assert_eq!(v("coding", "outstanding"), due.to_string());
    j(s.api().gp_mark_entered_before(GpBeforeArgs {
        before: "01/11/2026".into(),
    }))
    .unwrap();
    let p = j(s.api().report_preview(ReportPeriod {
        month: Some("2026-10".into()),
        ..Default::default()
    }))
    .unwrap();
    assert_eq!(value(&p, "coding", "entered"), due.to_string());
    assert_eq!(value(&p, "coding", "outstanding"), "0");
    // Nothing identifying anywhere in the tables.
    let text = p.to_string();
    for banned in [
        "Ann",
        "Bob",
        "Fixture",
        "9434765919",
        "943 476 5919",
        "1950",
        "Secret",
    ] {
        assert!(!text.contains(banned), "{banned} in the report");
    }
}

fn all_episodes(s: &Session) -> Vec<Value> {
    let people = j(s.api().list_people(PeopleArgs { search: None })).unwrap();
    people
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| {
            let rec = j(s.api().person(PersonArgs {
                person_id: person_id(&p["id"]),
            }))
            .unwrap();
            rec["episodes"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["id"].clone())
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn small_numbers_are_suppressed_at_the_boundaries() {
    let (_t, s) = fixture();
    let p = j(s.api().report_preview(ReportPeriod {
        month: Some("2026-10".into()),
        ..Default::default()
    }))
    .unwrap();
    assert_eq!(p["suppression"], "on");
    let v = |t: &str, m: &str| value(&p, t, m);
    // 1 to 4 hidden; 0 shown; 250 is a target, not people.
    assert_eq!(v("caseload", "open_at_start"), "<5");
    assert_eq!(v("caseload", "open_at_end"), "<5");
    assert_eq!(v("activity", "contacts"), "5");
    assert_eq!(v("activity", "took_place"), "<5");
    assert_eq!(v("directory", "stale_assets"), "0");
    assert_eq!(v("caseload", "safe_maximum"), "250");
    // Shares, means and medians of fewer than 5 people say so, never "<5" (which would read as
    // "under 5 %" or "under 5 days"); nothing to share of is blank.
    assert_eq!(v("activity", "did_not_attend_pct"), "too few");
    assert_eq!(v("caseload", "median_days_to_first_contact"), "too few");
    assert_eq!(cells(&p, "ons4")["worthwhile"]["left_concern_band_pct"], "");
    assert_eq!(
        cells(&p, "ons4")["life_satisfaction"]["mean_change"],
        "too few"
    );
    // 5 contacts, every type's total under 5 ("<5"): the contacts are not left recoverable.
    assert_eq!(cells(&p, "contacts")["phone"]["total"], "<5");
}

/// A report for October holds the same figures whenever it is made: waits and statuses are as at
/// 31/10, not as at the day of making.
#[test]
fn the_same_month_made_on_two_days_gives_the_same_figures() {
    let (t, s) = fixture();
    j(s.api().lock(NoArgs {})).unwrap();
    let made_on = |day: chrono::NaiveDate| {
        let clock = std::sync::Arc::new(linkwork_core::FixedClock::on(day));
        let s = Session::with_clock(
            t.path().join("data"),
            linkwork_store::KdfCost::InsecureForTests(10),
            clock,
        );
        j(s.api().unlock(UnlockArgs {
            passphrase: secret_of(PASS),
        }))
        .unwrap();
        // Every table the report holds, as the preview shows them.
        let tables = j(s.api().report_preview(ReportPeriod {
            month: Some("2026-10".into()),
            ..Default::default()
        }))
        .unwrap()["tables"]
            .clone();
        j(s.api().lock(NoArgs {})).unwrap();
        tables
    };
    let early = made_on(chrono::NaiveDate::from_ymd_opt(2026, 11, 2).unwrap());
    let late = made_on(chrono::NaiveDate::from_ymd_opt(2027, 3, 15).unwrap());
    assert!(early.as_array().is_some_and(|t| t.len() > 5), "{early}");
    assert_eq!(early, late);
}

#[test]
fn bad_periods_and_keys_are_refused_by_field() {
    let (_t, s) = fixture();
    let err = |args: ReportPeriod| {
        let e = j(s.api().report_preview(args)).unwrap_err();
        (e.code.as_str().to_string(), e.field.unwrap_or_default())
    };
    assert_eq!(
        err(ReportPeriod {
            month: Some("2026-12".into()),
            ..Default::default()
        }),
        ("INVALID_INPUT".into(), "month".into())
    );
    assert_eq!(
        err(ReportPeriod {
            month: Some("October".into()),
            ..Default::default()
        }),
        ("INVALID_INPUT".into(), "month".into())
    );
    assert_eq!(
        err(ReportPeriod {
            from: Some("2026-10-10".into()),
            to: Some("2026-10-01".into()),
            ..Default::default()
        }),
        ("INVALID_INPUT".into(), "to".into())
    );
    assert_eq!(
        err(ReportPeriod {
            from: Some("2026-10-10".into()),
            to: Some("2026-12-01".into()),
            ..Default::default()
        }),
        ("INVALID_INPUT".into(), "to".into())
    );
    assert_eq!(
        err(ReportPeriod {
            month: Some("2025-01".into()),
            ..Default::default()
        }),
        ("NOTHING_TO_REPORT".into(), "month".into())
    );
    // This month so far is a report to date.
    let p = j(s.api().report_preview(ReportPeriod {
        month: Some("2026-11".into()),
        ..Default::default()
    }))
    .unwrap();
    assert_eq!(p["period_label"], "November 2026 (to 21/11/2026)");
    assert!(p["month"].is_null());
    // Default: last month.
    assert_eq!(
        j(s.api().report_preview(ReportPeriod::default())).unwrap()["period_label"],
        "October 2026"
    );

    let bad = j(s.api().update_report_settings(ReportSettingsForm {
        supervisor_keys: vec!["age1notakey".into()],
        suppression: linkwork_report::Suppression::On,
    }))
    .unwrap_err();
    assert_eq!(bad.field.as_deref(), Some("supervisor_keys"));
    assert!(bad.message.contains("age1notakey"), "{}", bad.message);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.age");
    let none = j(s.api().export_report(ExportReportArgs {
        period: ReportPeriod {
            month: Some("2026-10".into()),
            ..Default::default()
        },
        path: linkwork_api::chosen::ChosenFile::path_given(&out),
        overwrite: false,
        passphrase: None,
        passphrase_confirm: None,
        plain_copy_path: None,
        plain_copy_overwrite: false,
        plain_copy_understood: false,
        supervisor_keys: vec![],
        files: Default::default(),
        no_suppression: false,
    }))
    .unwrap_err();
    assert_eq!(none.field.as_deref(), Some("passphrase"));
    let short = j(s.api().export_report(ExportReportArgs {
        period: ReportPeriod {
            month: Some("2026-10".into()),
            ..Default::default()
        },
        path: linkwork_api::chosen::ChosenFile::path_given(&out),
        overwrite: false,
        passphrase: Some(secret_of("short")),
        passphrase_confirm: Some(secret_of("short")),
        plain_copy_path: None,
        plain_copy_overwrite: false,
        plain_copy_understood: false,
        supervisor_keys: vec![],
        files: Default::default(),
        no_suppression: false,
    }))
    .unwrap_err();
    assert_eq!(short.field.as_deref(), Some("passphrase"));
    let unconfirmed = j(s.api().export_report(ExportReportArgs {
        period: ReportPeriod {
            month: Some("2026-10".into()),
            ..Default::default()
        },
        path: linkwork_api::chosen::ChosenFile::path_given(&out),
        overwrite: false,
        passphrase: Some(secret_of(PASS)),
        passphrase_confirm: Some(secret_of(PASS)),
        plain_copy_path: Some(linkwork_api::chosen::ChosenFile::path_given(
            dir.path().join("plain.zip"),
        )),
        plain_copy_overwrite: false,
        plain_copy_understood: false,
        supervisor_keys: vec![],
        files: Default::default(),
        no_suppression: false,
    }))
    .unwrap_err();
    assert_eq!(unconfirmed.field.as_deref(), Some("plain_copy_understood"));
    assert!(!out.exists());
}

pub(crate) fn unzip(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
    use std::io::Read;
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..z.len())
        .map(|i| {
            let mut f = z.by_index(i).unwrap();
            let mut b = vec![];
            f.read_to_end(&mut b).unwrap();
            (f.name().to_string(), b)
        })
        .collect()
}

#[test]
fn the_export_decrypts_with_age_and_its_csv_and_workbook_hold_the_same_figures() {
    let (_t, s) = fixture();
    let dir = tempfile::tempdir().unwrap();
    let key = dir.path().join("supervisor.txt");
    let public = crate::standard_age::keygen(&key);
    j(s.api().update_report_settings(ReportSettingsForm {
        supervisor_keys: vec![text(&public)],
        suppression: linkwork_report::Suppression::On,
    }))
    .unwrap();
    let out = dir.path().join("october.age");
    let done = run_job(
        &s,
        "export_report",
        json!({"month": "2026-10", "path": out}),
    );
    assert_eq!(done["state"], "done", "{done}");
    assert_eq!(
        done["output"]["report"]["encrypted_to"],
        "your supervisor's key"
    );
    let sealed = std::fs::read(&out).unwrap();
    assert!(sealed.starts_with(b"age-encryption.org/v1"));
    let zip = crate::standard_age::decrypt(&key, &out);
    let files = unzip(&zip);
    for f in [
        "figures.json",
        "README.txt",
        "report.html",
        "report.xlsx",
        "csv/caseload.csv",
        "csv/columns.csv",
        "csv/ons4.csv",
    ] {
        assert!(files.contains_key(f), "{f} missing: {:?}", files.keys());
    }
    // The figures file is exact (suppression is for presenting).
    let figures: Value = serde_json::from_slice(&files["figures.json"]).unwrap();
    assert_eq!(figures["format"], "linkwork-monthly-figures");
    assert_eq!(figures["caseload"]["open_at_end"], 2);
    assert_eq!(figures["activity"]["minutes"], 95);
    // Every CSV table and its sheet in the workbook hold the same values, and the preview's.
    let preview = j(s.api().report_preview(ReportPeriod {
        month: Some("2026-10".into()),
        ..Default::default()
    }))
    .unwrap();
    use calamine::Reader;
    let mut wb: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(files["report.xlsx"].clone()))
            .unwrap();
    for t in preview["tables"].as_array().unwrap() {
        let name = t["name"].as_str().unwrap();
        let bytes = &files[&format!("csv/{name}.csv")];
        // For Excel on Windows: UTF-8 marked as such, CR LF rows.
        assert!(
            bytes.starts_with(linkwork_core::file_names::CSV_BOM),
            "{name}"
        );
        assert!(bytes.ends_with(b"\r\n"), "{name}");
        let mut csv = csv::Reader::from_reader(&bytes[..]);
        let header: Vec<String> = csv.headers().unwrap().iter().map(String::from).collect();
        let cols: Vec<&str> = t["columns"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["name"].as_str().unwrap())
            .collect();
        assert_eq!(header, cols, "{name}");
        let rows: Vec<Vec<String>> = csv
            .records()
            .map(|r| r.unwrap().iter().map(String::from).collect())
            .collect();
        let range = wb.worksheet_range(&name[..name.len().min(31)]).unwrap();
        assert_eq!(rows.len(), t["rows"].as_array().unwrap().len(), "{name}");
        for (i, row) in rows.iter().enumerate() {
            for (j, text) in row.iter().enumerate() {
                let cell = range.get_value((3 + i as u32, j as u32));
                let from_xlsx = match cell {
                    Some(calamine::Data::Float(f)) if t["rows"][i][j]["kind"] == "percent" => {
                        format!("{:.1}", f * 100.0)
                    }
                    Some(calamine::Data::Float(f)) if t["rows"][i][j]["kind"] == "count" => {
                        format!("{f:.0}")
                    }
                    Some(calamine::Data::Float(f)) => format!("{f:.1}"),
                    Some(calamine::Data::Int(n)) => n.to_string(),
                    Some(calamine::Data::String(s)) => s.clone(),
                    None | Some(calamine::Data::Empty) => String::new(),
                    other => panic!("{name} {i},{j}: {other:?}"),
                };
                assert_eq!(&from_xlsx, text, "{name} row {i} column {j}");
            }
        }
    }
    // The HTML has charts, and no one's name, NHS number or notes.
    // The HTML holds no one's name, NHS number or notes; every charted value here is under 5, so
    // there is no chart to draw.
    let html = String::from_utf8(files["report.html"].clone()).unwrap();
    assert!(!html.contains("<svg") && !html.contains("<script"));
    for banned in [
        "Ann",
        "Bob",
        "Fixture",
        "9434765919",
        "943 476 5919",
        "Secret",
    ] {
        assert!(!html.contains(banned), "{banned} in the HTML");
    }
    // The month is marked exported (the caseload's reminder stops for it).
    assert_eq!(preview["exported"], true);
    // Without suppression (internal use): charts as inline SVG and the warning; a one-off
    // passphrase instead of the key, and an unencrypted copy after the warning.
    suppression(&s, false);
    let out2 = dir.path().join("pass.age");
    let plain = dir.path().join("plain.zip");
    let done = run_job(
        &s,
        "export_report",
        json!({"month": "2026-10", "path": out2, "passphrase": PASS, "passphrase_confirm": PASS, "plain_copy_path": plain, "plain_copy_understood": true}),
    );
    assert_eq!(done["state"], "done", "{done}");
    assert_eq!(done["output"]["report"]["encrypted_to"], "a passphrase");
    assert!(std::fs::read(&out2)
        .unwrap()
        .starts_with(b"age-encryption.org/v1"));
    assert_eq!(
        unzip(&std::fs::read(&plain).unwrap())["figures.json"],
        files["figures.json"]
    );
    assert_eq!(linkwork_store::platform::not_private(&plain).unwrap(), None);
    let newest = &j(s.api().audit_page(AuditPageArgs::default())).unwrap()["rows"][0];
    assert_eq!(
        (
            newest["action"].as_str(),
            newest["record"].as_str(),
            newest["record_id"].as_str()
        ),
        (
            Some("Saved to a file, unencrypted"),
            Some("Monthly report"),
            Some("2026-10")
        )
    );
    // Replacing needs confirmation.
    let again = j(s.api().export_report(ExportReportArgs {
        period: ReportPeriod {
            month: Some("2026-10".into()),
            ..Default::default()
        },
        path: linkwork_api::chosen::ChosenFile::path_given(&out),
        overwrite: false,
        passphrase: None,
        passphrase_confirm: None,
        plain_copy_path: None,
        plain_copy_overwrite: false,
        plain_copy_understood: false,
        supervisor_keys: vec![],
        files: Default::default(),
        no_suppression: false,
    }));
    assert_eq!(again.unwrap_err().code.as_str(), "FILE_EXISTS");
}

#[test]
fn the_caseload_reminds_in_the_first_week_until_last_month_is_exported() {
    let t = tempfile::tempdir().unwrap();
    let clock = std::sync::Arc::new(linkwork_core::FixedClock::on(
        chrono::NaiveDate::from_ymd_opt(2026, 11, 3).unwrap(),
    ));
    let s = Session::with_clock(
        t.path().join("data"),
        linkwork_store::KdfCost::InsecureForTests(10),
        clock,
    );
    create(&s);
    j(s.api().update_settings(UpdateSettingsArgs {
        auto_lock_minutes: 15,
        worker_name: Some("Asha Patel".into()),
        whole_time_equivalent: None,
    }))
    .unwrap();
    // A new vault has nothing to report: no reminder until someone is on the caseload.
    let view = j(s.api().caseload(CaseloadArgs::default())).unwrap();
    assert!(view["report_due"].is_null(), "{}", view["report_due"]);
    let r = j(s.api().add_referral(referral_on(
        None,
        "Ann",
        "2026-10-02",
        "gp",
        "phone",
        &["loneliness"],
    )))
    .unwrap();
    let view = j(s.api().caseload(CaseloadArgs::default())).unwrap();
    assert_eq!(view["report_due"], "October 2026");
    contact(
        &s,
        &r["episode_id"],
        "2026-10-03",
        "phone",
        Some(10),
        "took_place",
    );
    let done = run_job(
        &s,
        "export_report",
        json!({"month": "2026-10", "path": t.path().join("r.age"), "passphrase": PASS, "passphrase_confirm": PASS}),
    );
    assert_eq!(done["state"], "done", "{done}");
    assert!(j(s.api().caseload(CaseloadArgs::default())).unwrap()["report_due"].is_null());
}

/// A pack is signed by the vault that made it: the merge names the signer (the fingerprint the
/// link worker reads out), and refuses a pack whose figures were changed after signing, or whose
/// signature was taken off while its about file stayed; a pack with neither (from before
/// signing) merges, marked unsigned.
#[test]
fn the_merge_shows_each_packs_signer_and_refuses_a_doctored_pack() {
    use linkwork_api::{
        chosen::ChosenFile,
        types::{SecretInput, SupervisorKeygenArgs, SupervisorMergeArgs},
    };
    let (_t, s) = fixture();
    let dir = tempfile::tempdir().unwrap();
    let identity = dir.path().join("supervisor.age");
    let sup = || {
        SecretInput(linkwork_core::Passphrase::new(
            "the supervisor's passphrase".into(),
        ))
    };
    let public = s
        .api()
        .supervisor_keygen(SupervisorKeygenArgs {
            path: ChosenFile::path_given(identity.clone()),
            overwrite: false,
            passphrase: sup(),
            passphrase_confirm: sup(),
        })
        .unwrap()
        .public;
    j(s.api().update_report_settings(ReportSettingsForm {
        supervisor_keys: vec![text(&public)],
        suppression: linkwork_report::Suppression::On,
    }))
    .unwrap();
    let plain = dir.path().join("october.zip");
    let done = run_job(
        &s,
        "export_report",
        json!({"month": "2026-10", "path": dir.path().join("october.age"), "plain_copy_path": plain, "plain_copy_understood": true}),
    );
    assert_eq!(done["state"], "done", "{done}");
    let fingerprint = j(s.api().handover_key(NoArgs {})).unwrap()["fingerprint"]
        .as_str()
        .unwrap()
        .to_string();
    let merge = |files: &[std::path::PathBuf], out: &str| {
        s.api().supervisor_merge(SupervisorMergeArgs {
            packs: files
                .iter()
                .map(|f| ChosenFile::path_given(f.clone()))
                .collect(),
            identity: ChosenFile::path_given(identity.clone()),
            passphrase: Some(sup()),
            out: ChosenFile::path_given(dir.path().join(out)),
            no_suppression: false,
        })
    };
    let m = merge(&[dir.path().join("october.age")], "team").unwrap();
    assert_eq!(m.packs[0].worker, "Asha Patel");
    assert_eq!(m.packs[0].signed_by.as_deref(), Some(fingerprint.as_str()));
    assert!(m.packs[0].audit_rows.unwrap() > 0);

    let files = unzip(&std::fs::read(&plain).unwrap());
    type Members = BTreeMap<String, Vec<u8>>;
    let repack = |name: &str, change: &dyn Fn(&mut Members)| {
        let mut f = files.clone();
        change(&mut f);
        let path = dir.path().join(name);
        let list: Vec<(String, Vec<u8>)> = f.into_iter().collect();
        std::fs::write(&path, linkwork_report::pack::zip(&list)).unwrap();
        path
    };
    let doctored = repack("doctored.zip", &|f| {
        let text = String::from_utf8(f["figures.json"].clone()).unwrap();
        let changed = text.replacen("\"minutes\": 95", "\"minutes\": 950", 1);
        assert_ne!(changed, text);
        f.insert("figures.json".into(), changed.into_bytes());
    });
    let unsigned_but_about = repack("stripped.zip", &|f| {
        f.remove("signature.json");
    });
    // Case studies put into a pack after it was signed (the signed about.json names none).
    let smuggled = repack("smuggled.zip", &|f| {
        f.insert(
            linkwork_report::pack::CASE_STUDIES.into(),
            b"<h2>Someone's story</h2>".to_vec(),
        );
    });
    let old_with_stories = repack("old-stories.zip", &|f| {
        f.remove("signature.json");
        f.remove("about.json");
        f.insert(
            linkwork_report::pack::CASE_STUDIES.into(),
            b"<h2>Someone's story</h2>".to_vec(),
        );
    });
    for (what, file) in [
        ("doctored", doctored),
        ("stripped", unsigned_but_about),
        ("smuggled", smuggled),
        ("old-stories", old_with_stories),
    ] {
        let e = merge(&[file], what).unwrap_err();
        assert_eq!(e.code.as_str(), "BACKUP_FORGED", "{what}: {}", e.message);
        assert!(e.message.contains("Nothing was merged"), "{}", e.message);
        assert!(!dir.path().join(what).exists(), "{what}: nothing written");
    }
    let old = repack("old.zip", &|f| {
        f.remove("signature.json");
        f.remove("about.json");
    });
    let m = merge(&[old], "old-team").unwrap();
    assert_eq!(m.packs[0].signed_by, None);
}

/// The report by GP practice: each person counted at the practice they were registered at, the
/// columns adding up to the figures for everyone, small numbers hidden, and a practice's small
/// row not left recoverable from the total and the other rows.
#[test]
fn the_report_by_practice_adds_up_and_hides_what_would_give_a_small_practice_away() {
    use linkwork_core::vocab::GpSystem;
    let (_t, s) = unlocked();
    let save = |name: &str, ods: Option<&str>| {
        s.api()
            .save_practice(PracticeForm {
                practice_id: None,
                name: name.into(),
                ods_code: ods.map(String::from),
                gp_system: Some(GpSystem::EmisWeb),
            })
            .unwrap()
            .id
    };
    let calder = save("Calder Valley Surgery", Some("B86002"));
    let hebble = save("Hebble Brook Practice", None);
    let names = ["Ann", "Bob", "Cat", "Dan", "Eve", "Fay", "Gus", "Hal"];
    for (i, name) in names.iter().enumerate() {
        let mut r = referral_on(
            None,
            name,
            &format!("2026-10-{:02}", i + 1),
            "gp",
            "phone",
            &["loneliness"],
        );
        r.person.family_name = Some(format!("Fixture{i}"));
        r.person.practice_id = Some(if i < 6 {
            calder.clone()
        } else {
            hebble.clone()
        });
        let added = j(s.api().add_referral(r)).unwrap();
        contact(
            &s,
            &added["episode_id"],
            &format!("2026-10-{:02}", i + 10),
            "phone",
            Some(20),
            "took_place",
        );
    }
    suppression(&s, false);
    let p = j(s.api().report_preview(ReportPeriod {
        month: Some("2026-10".into()),
        ..Default::default()
    }))
    .unwrap();
    let rows = cells(&p, "practices");
    assert_eq!(
        rows.keys().collect::<Vec<_>>(),
        ["B86002", "hebble brook practice"]
    );
    let row = |k: &str| rows[k].clone();
    assert_eq!(row("B86002")["label"], "Calder Valley Surgery");
    for (k, n) in [("B86002", "6"), ("hebble brook practice", "2")] {
        for col in ["new_referrals", "episodes_supported", "contacts_took_place"] {
            assert_eq!(row(k)[col], n, "{k} {col}");
        }
    }
    assert_eq!(value(&p, "caseload", "new_referrals"), "8");

    // With small numbers protected: Hebble Brook's 2 is "<5", and either the total or Calder's 6
    // is hidden too, or 8 − 6 would give the 2 away.
    suppression(&s, true);
    let p = j(s.api().report_preview(ReportPeriod {
        month: Some("2026-10".into()),
        ..Default::default()
    }))
    .unwrap();
    let rows = cells(&p, "practices");
    assert_eq!(rows["hebble brook practice"]["new_referrals"], "<5");
    let shown = |v: &str| v.parse::<u64>().is_ok();
    assert!(
        !(shown(&value(&p, "caseload", "new_referrals"))
            && shown(&rows["B86002"]["new_referrals"])),
        "{rows:?}"
    );
    assert!(
        !(shown(&value(&p, "activity", "took_place"))
            && shown(&rows["B86002"]["contacts_took_place"])),
        "{rows:?}"
    );
    // Nothing about a person in it; the practices' names are not about anyone.
    let text = p.to_string();
    for banned in ["Ann", "Fixture", "1950"] {
        assert!(!text.contains(banned), "{banned} in the report");
    }
}
