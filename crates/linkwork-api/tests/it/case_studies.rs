//! Case studies through the command list: none without consent; a draft from the record with no
//! identifier in it; identifiers typed in refused by field, stripped on request; the pack holds a
//! chosen case study only while consent stands.

use crate::util::*;
use linkwork_api::types::*;
use linkwork_core::{
    case_study::FindingKind,
    vocab::{ConsentDecision, ConsentPurpose},
};
use serde_json::json;

fn consent(s: &linkwork_api::Session, person: &serde_json::Value, d: ConsentDecision) {
    j(s.api().record_consent(ConsentForm {
        person_id: person_id(person),
        purpose: ConsentPurpose::CaseStudy,
        decision: Some(d),
        decided_on: None,
    }))
    .unwrap();
}

fn pack(
    s: &linkwork_api::Session,
    dir: &std::path::Path,
    name: &str,
) -> std::collections::BTreeMap<String, Vec<u8>> {
    let key = dir.join("supervisor.txt");
    if !key.exists() {
        let public = crate::standard_age::keygen(&key);
        j(s.api().update_report_settings(ReportSettingsForm {
            supervisor_keys: vec![text(&public)],
            suppression: linkwork_report::Suppression::On,
        }))
        .unwrap();
        j(s.api().update_settings(UpdateSettingsArgs {
            auto_lock_minutes: 15,
            worker_name: Some("Asha Patel".into()),
            whole_time_equivalent: None,
        }))
        .unwrap();
    }
    let out = dir.join(name);
    let done = run_job(
        s,
        "export_report",
        json!({"from": days_ago(0), "to": days_ago(0), "path": out}),
    );
    assert_eq!(done["state"], "done", "{done}");
    crate::report::unzip(&crate::standard_age::decrypt(&key, &out))
}

#[test]
fn a_case_study_needs_consent_holds_no_identifier_and_leaves_the_pack_when_consent_goes() {
    let (t, s) = unlocked();
    let api = s.api();
    let mut form = referral(Some("9434765919"), "Ivy", "Walker", "1948-02-14", 40);
    form.person.address = Some("12 Hebble Lane, Halifax".into());
    form.person.postcode = Some("HX1 2AB".into());
    let r = add(&s, form);
    let (p, e) = (r["person_id"].clone(), r["episode_id"].clone());
    took_place(&s, &e, 30);
    took_place(&s, &e, 0);

    // Without consent: no draft, nothing saved.
    let args = || CaseStudyDraftArgs {
        person_id: person_id(&p),
        episode_id: None,
    };
    let no = api.case_study_draft(args()).unwrap_err();
    assert!(
        no.message.contains("has not agreed to a case study"),
        "{}",
        no.message
    );
    let save = |title: &str, body: &str, in_report: bool| {
        api.save_case_study(CaseStudyForm {
            case_study_id: None,
            person_id: person_id(&p),
            episode_id: None,
            title: Some(title.into()),
            body: Some(body.into()),
            in_report,
        })
    };
    assert!(save(
        "Walking again",
        "She joined a walking group in week 2.",
        true
    )
    .is_err());

    consent(&s, &p, ConsentDecision::Given);
    let d = api.case_study_draft(args()).unwrap();
    assert!(
        d.body.contains("Support: 2 contacts from week 2 to week 6"),
        "{}",
        d.body
    );
    assert!(d.findings.iter().all(|f| !f.blocking), "{:?}", d.findings);
    for leak in [
        "Ivy",
        "Walker",
        "9434765919",
        "943 476 5919",
        "14/02/1948",
        "HX1",
        "Hebble",
        "Hussain",
    ] {
        assert!(!d.body.contains(leak), "{leak} in the draft: {}", d.body);
    }

    // Identifiers typed in: refused by field; the check names each; stripping takes them out.
    let typed = format!("{}\nIvy (943 476 5919) lives on Hebble Lane, HX1 2AB; seen 14/02/2026. Dr Hussain was pleased.", d.body);
    let e = save("Walking again", &typed, true).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("body"));
    assert!(e.message.starts_with("Nothing was saved:"), "{}", e.message);
    let checked = api
        .check_case_study(CaseStudyCheckArgs {
            person_id: person_id(&p),
            text: typed.clone(),
        })
        .unwrap();
    let kinds: Vec<_> = checked
        .findings
        .iter()
        .filter(|f| f.blocking)
        .map(|f| f.kind)
        .collect();
    for k in [
        FindingKind::Name,
        FindingKind::NhsNumber,
        FindingKind::Address,
        FindingKind::Postcode,
        FindingKind::Date,
    ] {
        assert!(kinds.contains(&k), "{k:?} not found: {kinds:?}");
    }
    assert!(
        !checked.stripped.contains("Ivy") && !checked.stripped.contains("HX1 2AB"),
        "{}",
        checked.stripped
    );
    let e = save("Ivy walks again", &checked.stripped, true).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("title"));
    let saved = save("Walking again", &checked.stripped, true).unwrap();
    assert_eq!(saved.len(), 1);
    assert!(saved[0].findings.iter().all(|f| !f.blocking));

    // In the pack while consent stands; out of it (and said so) once it is withdrawn.
    let preview = api
        .report_preview(ReportPeriod {
            from: Some(days_ago(0)),
            to: Some(days_ago(0)),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(preview.case_studies, vec!["Walking again".to_string()]);
    let files = pack(&s, t.path(), "with.age");
    let html = String::from_utf8(files["case-studies.html"].clone()).unwrap();
    assert!(
        html.contains("<h2>Walking again</h2>") && !html.contains("Ivy"),
        "{html}"
    );
    // The signed about.json names the case studies by digest, so the supervisor's merge takes
    // the pack as it was made.
    let merged = api
        .supervisor_merge(SupervisorMergeArgs {
            packs: vec![linkwork_api::chosen::ChosenFile::path_given(
                t.path().join("with.age"),
            )],
            identity: linkwork_api::chosen::ChosenFile::path_given(t.path().join("supervisor.txt")),
            passphrase: None,
            out: linkwork_api::chosen::ChosenFile::path_given(t.path().join("team")),
            no_suppression: false,
        })
        .unwrap();
    assert!(merged.packs[0].signed_by.is_some());

    consent(&s, &p, ConsentDecision::NotGiven);
    let preview = api
        .report_preview(ReportPeriod {
            from: Some(days_ago(0)),
            to: Some(days_ago(0)),
            ..Default::default()
        })
        .unwrap();
    assert!(preview.case_studies.is_empty());
    assert_eq!(
        preview.case_studies_left_out[0].why,
        "their consent to a case study is no longer given"
    );
    let files = pack(&s, t.path(), "without.age");
    assert!(
        !files.contains_key("case-studies.html"),
        "{:?}",
        files.keys()
    );
    // Nor can it be changed while consent is withdrawn.
    let e = api
        .save_case_study(CaseStudyForm {
            case_study_id: Some(saved[0].id.clone()),
            person_id: person_id(&p),
            episode_id: None,
            title: Some("Walking again".into()),
            body: Some("She walks each week.".into()),
            in_report: true,
        })
        .unwrap_err();
    assert!(e.message.contains("has not agreed"), "{}", e.message);
}
