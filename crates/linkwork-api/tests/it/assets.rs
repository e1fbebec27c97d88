use crate::util::*;
use serde_json::{json, Value};

fn choir() -> Value {
    json!({
        "name": "Calder Community Choir", "organisation": "Calder Arts", "description": "A friendly choir; no auditions.",
        "categories": ["arts_culture", "befriending"], "delivery": "in_person", "cost": "free", "status": "active",
        "postcode": "hx7 5ab", "days_and_times": "Tue 19:00-21:00", "wheelchair_access": true,
    })
}

fn field_error(r: Result<Value, linkwork_api::ApiError>) -> (String, String) {
    let e = r.unwrap_err();
    (e.field.unwrap_or_default(), e.message)
}

#[test]
fn assets_are_added_checked_found_and_kept_up_to_date() {
    let (_t, s) = unlocked();
    let bad = |patch: Value| {
        let mut f = choir();
        f.as_object_mut()
            .unwrap()
            .extend(patch.as_object().unwrap().clone());
        field_error(call(&s, "save_asset", f))
    };
    assert_eq!(
        bad(json!({"name": " "})),
        (
            "name".into(),
            "Enter the name of the group or service.".into()
        )
    );
    assert_eq!(
        bad(json!({"min_age": "60", "max_age": "18"})),
        (
            "max_age".into(),
            "The maximum age must not be below the minimum age.".into()
        )
    );
    assert_eq!(
        bad(json!({"days_and_times": "Tue 7pm"})),
        (
            "days_and_times".into(),
            "\"7pm\" is not a time; use 24-hour HH:MM, like 09:30.".into()
        )
    );
    assert_eq!(bad(json!({"categories": ["knitting"]})).0, "categories");
    assert_eq!(
        call(&s, "search_assets", json!({})).unwrap()["total"],
        0,
        "nothing half-written"
    );

    let rec = call(&s, "save_asset", choir()).unwrap();
    let id = rec["id"].clone();
    assert_eq!(rec["asset"]["postcode"], "HX7 5AB");
    assert_eq!(rec["days_and_times"], "Tue 19:00-21:00");
    assert_eq!(rec["stale"], false, "a new asset counts as verified today");

    // As-you-type: a prefix of the last word is enough; the category label is searchable.
    let hits = call(&s, "search_assets", json!({"text": "calder cho"})).unwrap();
    assert_eq!(hits["hits"][0]["name"], "Calder Community Choir");
    assert_eq!(
        call(&s, "search_assets", json!({"text": "arts and cul"})).unwrap()["hits"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        call(&s, "search_assets", json!({"favourites_only": true})).unwrap()["hits"]
            .as_array()
            .unwrap()
            .len(),
        0
    );

    let rec = call(
        &s,
        "set_asset_favourite",
        json!({"asset_id": id, "favourite": true}),
    )
    .unwrap();
    assert_eq!(rec["favourite"], true);
    let rec = call(
        &s,
        "set_asset_notes",
        json!({"asset_id": id, "notes": "Ask for Sam"}),
    )
    .unwrap();
    assert_eq!(rec["private_notes"], "Ask for Sam");
    let rec = call(&s, "verify_asset", json!({"asset_id": id})).unwrap();
    assert_eq!(rec["last_verified_on"], days_ago(0));

    let mut edited = choir();
    edited["asset_id"] = id.clone();
    edited["status"] = json!("temporarily_closed");
    let rec = call(&s, "save_asset", edited).unwrap();
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
        call(&s, "search_assets", json!({"active_only": true})).unwrap()["hits"]
            .as_array()
            .unwrap()
            .len(),
        0
    );
}

#[test]
fn onward_referral_outcomes_and_barriers_show_on_the_person_and_the_asset() {
    let (_t, s) = unlocked();
    let asset = call(&s, "save_asset", choir()).unwrap()["id"].clone();
    let added = call(
        &s,
        "add_referral",
        referral(Some("9434765919"), "Jean", "Hollis", "1950-03-02", 30),
    )
    .unwrap();
    let episode = added["episode_id"].clone();

    let e = call(
        &s,
        "add_onward",
        json!({"episode_id": episode, "asset_id": asset, "kind": "teleport"}),
    )
    .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("kind"));
    let e = call(&s, "add_onward", json!({"episode_id": episode, "asset_id": asset, "kind": "referral", "category": "arts_culture", "referred_on": days_ago(40)})).unwrap_err();
    assert_eq!(
        (e.field.as_deref(), e.message.as_str()),
        (
            Some("referred_on"),
            "The onward referral cannot be before the referral to you was received."
        )
    );

    // The category decides the GP code: it is the link worker's choice, never the asset's first.
    let e = call(
        &s,
        "add_onward",
        json!({"episode_id": episode, "asset_id": asset, "kind": "referral", "category": ""}),
    )
    .unwrap_err();
    assert_eq!(
        (e.field.as_deref(), e.message.as_str()),
        (
            Some("category"),
            "Choose the category of this onward referral."
        )
    );
    let e = call(
        &s,
        "add_onward",
        json!({"episode_id": episode, "asset_id": "", "kind": "", "referred_on": "31/02/2026"}),
    )
    .unwrap_err();
    let fields: Vec<_> = e.problems.iter().map(|p| p.field.as_str()).collect();
    assert_eq!(
        fields,
        ["asset_id", "referred_on", "kind", "category"],
        "every problem at once"
    );
    let rec = call(&s, "add_onward", json!({"episode_id": episode, "asset_id": asset, "kind": "referral", "category": "arts_culture", "notes": "Rang the choir leader", "follow_up_on": "05/12/2099"})).unwrap();
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

    let rec = call(&s, "record_onward_outcome", json!({"onward_id": onward["id"], "outcome": "did_not_attend", "barriers": ["cost", "transport"]})).unwrap();
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

    let a = call(&s, "asset", json!({"asset_id": asset})).unwrap();
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
    assert_eq!(call(&s, "search_assets", json!({})).unwrap()["total"], 0);
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
    let newest = &call(&s, "audit_page", json!({})).unwrap()["rows"][0];
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
        call(s, "audit_page", json!({})).unwrap()["rows"]
            .as_array()
            .unwrap()
            .len()
    };
    let before = rows(&s);
    let text = s
        .api()
        .directory_text(linkwork_api::types::DirectoryTextArgs {
            format: linkwork_api::types::ExportFormat::OrukJson,
        })
        .unwrap();
    assert!(text.contains("Community Counselling"));
    assert_eq!(rows(&s), before + 1);
    s.lock(linkwork_api::types::LockReason::Requested);
    let template = s
        .api()
        .asset_template_text(linkwork_api::types::NoArgs {})
        .unwrap();
    assert!(template.lines().count() >= 2, "{template}");
    call(&s, "unlock", json!({"passphrase": PASS})).unwrap();
    let e = call(&s, "export_assets", json!({"path": out, "format": "xml"})).unwrap_err();
    assert_eq!(
        (e.code.as_str(), e.field.as_deref()),
        ("BAD_REQUEST", Some("format"))
    );
}
