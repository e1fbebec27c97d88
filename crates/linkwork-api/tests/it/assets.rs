use crate::util::*;
use linkwork_api::types::*;
use linkwork_core::vocab;
use serde_json::{json, Value};

fn choir() -> AssetForm {
    AssetForm {
        name: "Calder Community Choir".into(),
        organisation: Some("Calder Arts".into()),
        description: Some("A friendly choir; no auditions.".into()),
        categories: vec![
            vocab::NeedCategory::ArtsCulture,
            vocab::NeedCategory::Befriending,
        ],
        delivery: Some(vocab::Delivery::InPerson),
        cost: Some(vocab::CostKind::Free),
        status: Some(vocab::AssetStatus::Active),
        postcode: Some("hx7 5ab".into()),
        days_and_times: "Tue 19:00-21:00".into(),
        wheelchair_access: true,
        ..Default::default()
    }
}

fn field_error(r: Result<Value, linkwork_api::ApiError>) -> (String, String) {
    let e = r.unwrap_err();
    (e.field.unwrap_or_default(), e.message)
}

#[test]
fn assets_are_added_checked_found_and_kept_up_to_date() {
    let (_t, s) = unlocked();
    let bad = |patch: fn(&mut AssetForm)| {
        let mut f = choir();
        patch(&mut f);
        field_error(j(s.api().save_asset(f)))
    };
    assert_eq!(
        bad(|f| f.name = " ".into()),
        (
            "name".into(),
            "Enter the name of the group or service.".into()
        )
    );
    assert_eq!(
        bad(|f| (f.min_age, f.max_age) = (Some("60".into()), Some("18".into()))),
        (
            "max_age".into(),
            "The maximum age must not be below the minimum age.".into()
        )
    );
    assert_eq!(
        bad(|f| f.days_and_times = "Tue 7pm".into()),
        (
            "days_and_times".into(),
            "\"7pm\" is not a time; use 24-hour HH:MM, like 09:30.".into()
        )
    );
    // A category the core does not know can only arrive over the wire.
    let knitting = json!({"name": "Knit and natter", "categories": ["knitting"]});
    assert_eq!(
        field_error(call(&s, "save_asset", knitting)).0,
        "categories"
    );
    assert_eq!(
        j(s.api().search_assets(AssetSearchArgs::default())).unwrap()["total"],
        0,
        "nothing half-written"
    );

    let rec = j(s.api().save_asset(choir())).unwrap();
    let id = rec["id"].clone();
    assert_eq!(rec["asset"]["postcode"], "HX7 5AB");
    assert_eq!(rec["days_and_times"], "Tue 19:00-21:00");
    assert_eq!(rec["stale"], false, "a new asset counts as verified today");

    // As-you-type: a prefix of the last word is enough; the category label is searchable.
    let hits = j(s.api().search_assets(AssetSearchArgs {
        text: Some("calder cho".into()),
        ..Default::default()
    }))
    .unwrap();
    assert_eq!(hits["hits"][0]["name"], "Calder Community Choir");
    assert_eq!(
        j(s.api().search_assets(AssetSearchArgs {
            text: Some("arts and cul".into()),
            ..Default::default()
        }))
        .unwrap()["hits"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        j(s.api().search_assets(AssetSearchArgs {
            favourites_only: true,
            ..Default::default()
        }))
        .unwrap()["hits"]
            .as_array()
            .unwrap()
            .len(),
        0
    );

    let rec = j(s.api().set_asset_favourite(AssetFavouriteArgs {
        asset_id: id_of(&id),
        favourite: true,
    }))
    .unwrap();
    assert_eq!(rec["favourite"], true);
    let rec = j(s.api().set_asset_notes(AssetNotesArgs {
        asset_id: id_of(&id),
        notes: Some("Ask for Sam".into()),
    }))
    .unwrap();
    assert_eq!(rec["private_notes"], "Ask for Sam");
    let rec = j(s.api().verify_asset(AssetArgs {
        asset_id: asset_id(&id),
    }))
    .unwrap();
    assert_eq!(rec["last_verified_on"], days_ago(0));

    let edited = AssetForm {
        asset_id: Some(id_of(&id)),
        status: Some(vocab::AssetStatus::TemporarilyClosed),
        ..choir()
    };
    let rec = j(s.api().save_asset(edited)).unwrap();
    assert_eq!(
        (
            rec["asset"]["status"].clone(),
            rec["favourite"].clone(),
            rec["private_notes"].clone()
        ),
        (
            json!("temporarily_closed"),
            json!(true),
            json!("Ask for Sam")
        )
    );
    assert_eq!(
        j(s.api().search_assets(AssetSearchArgs {
            active_only: true,
            ..Default::default()
        }))
        .unwrap()["hits"]
            .as_array()
            .unwrap()
            .len(),
        0
    );
}

#[test]
fn onward_referral_outcomes_and_barriers_show_on_the_person_and_the_asset() {
    let (_t, s) = unlocked();
    let asset = j(s.api().save_asset(choir())).unwrap()["id"].clone();
    let added = j(s.api().add_referral(referral(
        Some("9434765919"),
        "Jean",
        "Hollis",
        "1950-03-02",
        30,
    )))
    .unwrap();
    let episode = added["episode_id"].clone();

    let e = call(
        &s,
        "add_onward",
        json!({"episode_id": episode, "asset_id": asset, "kind": "teleport"}),
    )
    .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("kind"));
    let e = j(s.api().add_onward(OnwardForm {
        episode_id: id_of(&episode),
        asset_id: Some(id_of(&asset)),
        referred_on: Some(days_ago(40)),
        kind: Some(vocab::OnwardKind::Referral),
        category: Some(vocab::NeedCategory::ArtsCulture),
        notes: None,
        follow_up_on: None,
    }))
    .unwrap_err();
    assert_eq!(
        (e.field.as_deref(), e.message.as_str()),
        (
            Some("referred_on"),
            "The onward referral cannot be before the referral to you was received."
        )
    );

    // The category decides the GP code: it is the link worker's choice, never the asset's first.
    let e = j(s.api().add_onward(OnwardForm {
        episode_id: id_of(&episode),
        asset_id: Some(id_of(&asset)),
        referred_on: None,
        kind: Some(vocab::OnwardKind::Referral),
        category: None,
        notes: None,
        follow_up_on: None,
    }))
    .unwrap_err();
    assert_eq!(
        (e.field.as_deref(), e.message.as_str()),
        (
            Some("category"),
            "Choose the category of this onward referral."
        )
    );
    let e = j(s.api().add_onward(OnwardForm {
        episode_id: id_of(&episode),
        asset_id: None,
        referred_on: Some("31/02/2026".into()),
        kind: None,
        category: None,
        notes: None,
        follow_up_on: None,
    }))
    .unwrap_err();
    let fields: Vec<_> = e.problems.iter().map(|p| p.field.as_str()).collect();
    assert_eq!(
        fields,
        ["asset_id", "referred_on", "kind", "category"],
        "every problem at once"
    );
    let rec = j(s.api().add_onward(OnwardForm {
        episode_id: id_of(&episode),
        asset_id: Some(id_of(&asset)),
        referred_on: None,
        kind: Some(vocab::OnwardKind::Referral),
        category: Some(vocab::NeedCategory::ArtsCulture),
        notes: Some("Rang the choir leader".into()),
        follow_up_on: Some("05/12/2099".into()),
    }))
    .unwrap();
    let onward = &rec["episodes"][0]["onward"][0];
    assert_eq!(
        (
            onward["asset_name"].clone(),
            onward["category"].clone(),
            onward["outcome"].clone()
        ),
        (
            json!("Calder Community Choir"),
            json!("arts_culture"),
            json!("pending")
        )
    );
    assert_eq!(onward["follow_up_on"], "2099-12-05");

    let rec = j(s.api().record_onward_outcome(OnwardOutcomeForm {
        onward_id: id_of(&onward["id"]),
        outcome: Some(vocab::OnwardOutcome::DidNotAttend),
        outcome_on: None,
        barriers: vec![vocab::Barrier::Cost, vocab::Barrier::Transport],
    }))
    .unwrap();
    let onward = &rec["episodes"][0]["onward"][0];
    assert_eq!(
        (
            onward["outcome"].clone(),
            onward["barriers"].clone(),
            onward["outcome_on"].clone()
        ),
        (
            json!("did_not_attend"),
            json!(["cost", "transport"]),
            json!(days_ago(0))
        )
    );

    let a = j(s.api().asset(AssetArgs {
        asset_id: asset_id(&asset),
    }))
    .unwrap();
    assert_eq!(
        (
            a["usage"]["referred"].clone(),
            a["usage"]["with_outcome"].clone(),
            a["attendance_percent"].clone()
        ),
        (json!(1), json!(1), json!(0))
    );
    assert_eq!(
        a["usage"]["barriers"],
        json!([{"barrier": "cost", "count": 1}, {"barrier": "transport", "count": 1}])
    );
}

#[test]
fn import_preview_then_import_as_jobs_then_export() {
    let (t, s) = unlocked();
    let feed = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../linkwork-oruk/tests/fixtures/uk-profile/service_full.json");
    let preview = run_job(&s, "import_assets", json!({"path": feed, "dry_run": true}));
    assert_eq!(preview["state"], "done");
    assert_eq!(
        preview["done"], preview["total"],
        "progress reached the end"
    );
    let report = &preview["output"]["report"];
    assert_eq!(preview["output"]["kind"], "import");
    assert_eq!(
        (report["added"].clone(), report["committed"].clone()),
        (json!(1), json!(false))
    );
    assert_eq!(
        j(s.api().search_assets(AssetSearchArgs::default())).unwrap()["total"],
        0
    );
    let done = run_job(&s, "import_assets", json!({"path": feed, "dry_run": false}));
    let report = &done["output"]["report"];
    assert_eq!(
        (report["added"].clone(), report["committed"].clone()),
        (json!(1), json!(true))
    );

    let out = t.path().join("export.json");
    let v = run_job(
        &s,
        "export_assets",
        json!({"path": out, "format": "oruk-json"}),
    );
    assert_eq!(v["output"]["report"]["assets"], 1);
    assert!(std::fs::read_to_string(&out)
        .unwrap()
        .contains("Community Counselling"));
    assert_eq!(linkwork_store::platform::not_private(&out).unwrap(), None);
    let newest = &j(s.api().audit_page(AuditPageArgs::default())).unwrap()["rows"][0];
    assert_eq!(
        (newest["action"].as_str(), newest["record"].as_str()),
        (
            Some("Saved to a file, unencrypted"),
            Some("Directory entry")
        )
    );
    // The same directory as text (a script's standard output), through the typed client, is
    // audited like the file; the template needs no vault.
    let rows = |s: &linkwork_api::Session| {
        j(s.api().audit_page(AuditPageArgs::default())).unwrap()["rows"]
            .as_array()
            .unwrap()
            .len()
    };
    let before = rows(&s);
    let text = s
        .api()
        .directory_text(DirectoryTextArgs {
            format: ExportFormat::OrukJson,
        })
        .unwrap();
    assert!(text.contains("Community Counselling"));
    assert_eq!(rows(&s), before + 1);
    s.lock(LockReason::Requested);
    let template = s.api().asset_template_text(NoArgs {}).unwrap();
    assert!(template.lines().count() >= 2, "{template}");
    j(s.api().unlock(UnlockArgs {
        passphrase: secret_of(PASS),
    }))
    .unwrap();
    let e = call(&s, "export_assets", json!({"path": out, "format": "xml"})).unwrap_err();
    assert_eq!(
        (e.code.as_str(), e.field.as_deref()),
        ("BAD_REQUEST", Some("format"))
    );
}
