use crate::util::*;
use linkwork_core::assets::ImportReport;
use linkwork_core::vocab::{AssetStatus, CostKind, Delivery, NeedCategory, ReferralRoute};
use linkwork_store::assets::{self, AssetInput, Slot};
use linkwork_store::{asset_io, Read, Vault};
use std::path::{Path, PathBuf};

fn fixture(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../linkwork-oruk/tests/fixtures")
        .join(p)
}

fn import(v: &Vault, path: &Path, dry_run: bool) -> ImportReport {
    let mut last = (0, 0);
    let r = asset_io::import(
        &mut v.worker().unwrap(),
        path,
        dry_run,
        &mut |d, t| last = (d, t),
        &Default::default(),
    )
    .unwrap();
    assert_eq!(last.0, last.1, "progress reaches the end");
    r
}

type Writer =
    fn(Read<'_>, &mut dyn std::io::Write, &linkwork_oruk::StopFlag) -> linkwork_store::Result<u32>;

fn export(v: &Vault, path: &Path, write: Writer) -> u32 {
    let mut f = std::fs::File::create(path).unwrap();
    write(v.read(), &mut f, &Default::default()).unwrap()
}

fn counts(r: &ImportReport) -> (u32, u32, u32) {
    (r.added, r.updated, r.unchanged)
}

#[test]
fn uk_profile_examples_import_once_and_reimport_changes_nothing() {
    let (_t, dir) = vault_dir();
    let v = new_vault(&dir);
    // Preview first: counts, nothing written.
    let r = import(&v, &fixture("uk-profile/service_full.json"), true);
    assert_eq!(
        (counts(&r), r.committed, r.problems.len()),
        ((1, 0, 0), false, 0)
    );
    assert_eq!(assets::count(v.read()).unwrap(), 0);

    let r = import(&v, &fixture("uk-profile/service_full.json"), false);
    assert_eq!((counts(&r), r.committed), ((1, 0, 0), true));
    let all = assets::all_assets(v.read()).unwrap();
    let a = &all[0].1;
    assert_eq!(a.name, "Community Counselling");
    assert_eq!(a.organisation.as_deref(), Some("Example Organization Inc."));
    assert_eq!(a.postcode.as_deref(), Some("ABC 1234"));
    assert_eq!(
        (a.min_age, a.max_age, a.cost, a.status),
        (
            Some(12),
            Some(100),
            Some(CostKind::Paid),
            Some(AssetStatus::Active)
        )
    );
    assert_eq!(a.slots.len(), 2);

    // The same service again, from the JSON page and from the CSV set: nothing changes.
    assert_eq!(
        counts(&import(&v, &fixture("uk-profile/service_full.json"), false)),
        (0, 0, 1)
    );
    let csv = import(&v, &fixture("uk-profile/csv"), false);
    assert_eq!(csv.problems, vec![]);
    assert!(
        csv.ignored_files.contains(&"funding.csv".to_string()),
        "{:?}",
        csv.ignored_files
    );
    // The CSV set carries a phone number the JSON example does not: an update, then unchanged.
    assert_eq!(counts(&csv), (0, 1, 0));
    assert_eq!(
        counts(&import(&v, &fixture("uk-profile/csv"), false)),
        (0, 0, 1)
    );
    assert_eq!(assets::count(v.read()).unwrap(), 1);
}

#[test]
fn a_newer_feed_updates_by_oruk_id_and_keeps_local_notes_favourite_and_verification() {
    let (_t, dir) = vault_dir();
    let mut v = new_vault(&dir);
    import(&v, &fixture("uk-profile/service_full.json"), false);
    let id = assets::all_assets(v.read()).unwrap()[0].0.clone();
    v.write(|tx| assets::set_favourite(tx, &id, true)).unwrap();
    v.write(|tx| assets::set_private_notes(tx, &id, Some("Ask for Sam at reception")))
        .unwrap();
    v.write(|tx| assets::verify(tx, &id, today())).unwrap();

    let newer = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(fixture("uk-profile/service_full.json"))
        .unwrap()
        .replace(
            "\"status\": \"active\"",
            "\"status\": \"temporarily closed\"",
        );
    let path = newer.path().join("service_full.json");
    std::fs::write(&path, text).unwrap();
    assert_eq!(counts(&import(&v, &path, false)), (0, 1, 0));
    let rec = assets::asset(v.read(), &id, today()).unwrap();
    assert_eq!(rec.asset.status, Some(AssetStatus::TemporarilyClosed));
    assert!(rec.favourite);
    assert_eq!(
        rec.private_notes.as_deref(),
        Some("Ask for Sam at reception")
    );
    assert_eq!(rec.last_verified_on, Some(today()));
}

/// Every bad-input kind: the exact problem (file, place, field, message), and nothing imported
/// even though each feed also holds a good service.
#[test]
fn bad_input_is_refused_whole_with_each_problem_placed() {
    let cases: &[(&str, &str)] = &[
        ("bad/malformed.json", "malformed.json, line 2, column 31: This is not valid JSON: expected `,` or `}`."),
        ("bad/wrong_type.json", "wrong_type.json, /contents/1, field \"minimum_age\": \"eighteen\" should be of type \"number\"."),
        (
            "bad/unknown_status.json",
            "unknown_status.json, /contents/1, field \"status\": \"open\" is not one of the allowed values: \"active\", \"inactive\", \"defunct\", \"temporarily closed\".",
        ),
        ("bad/missing_required.json", "missing_required.json, /contents/1, field \"name\": \"name\" is required but missing."),
        (
            "bad/duplicate_ids.json",
            "duplicate_ids.json, /contents/1/id, field \"id\": The id \"0b6a3c1e-2f43-4a7e-9d2b-5a1c8e3f7a01\" is used by more than one service; each service needs its own.",
        ),
        ("bad/broken_link", "contacts.csv, row 3, field \"service_id\": No service in services.csv has the id \"ffffffff-0000-4000-8000-000000000000\"."),
        ("bad/wrong_header", "services.csv, row 1, field \"nmae\": \"nmae\" is not a column of services.csv in Open Referral UK. Check the header row for typing mistakes."),
        ("bad/not_utf8", "services.csv, row 2, field \"name\": This file is not UTF-8 text. In Excel, save it as \"CSV UTF-8 (Comma delimited)\" and import it again."),
    ];
    let (_t, dir) = vault_dir();
    let v = new_vault(&dir);
    import(&v, &fixture("uk-profile/service_full.json"), false);
    let before = assets::all_assets(v.read()).unwrap();
    for (path, expected) in cases {
        for dry_run in [true, false] {
            let r = import(&v, &fixture(path), dry_run);
            let listed: Vec<String> = r.problems.iter().map(|p| p.to_string()).collect();
            assert!(
                listed.contains(&expected.to_string()),
                "{path}: expected\n  {expected}\ngot\n  {}",
                listed.join("\n  ")
            );
            assert!(!r.committed, "{path}");
        }
        assert_eq!(
            assets::all_assets(v.read()).unwrap(),
            before,
            "{path} changed the directory"
        );
    }
    // The wrong header also names the missing required column.
    let r = import(&v, &fixture("bad/wrong_header"), false);
    assert!(r.problems.iter().any(|p| p.to_string() == "services.csv, row 1, field \"name\": The header row has no \"name\" column, which Open Referral UK requires."));
}

fn rich_asset(n: usize) -> AssetInput {
    let cats = NeedCategory::ALL;
    AssetInput {
        name: format!("Asset {n}"),
        organisation: (!n.is_multiple_of(3)).then(|| format!("Organisation {}", n % 7)),
        description: Some(format!("Description of asset {n}.")),
        categories: vec![cats[n % cats.len()], cats[(n + 5) % cats.len()]],
        lga_service_type: n
            .is_multiple_of(4)
            .then(|| "esdServiceType:836".to_string()),
        phone: n.is_multiple_of(2).then(|| format!("01422 {:06}", n)),
        email: Some(format!("hello{n}@example.org")),
        website: (!n.is_multiple_of(5)).then(|| format!("https://example.org/{n}")),
        address: (n % 6 != 1).then(|| format!("{n} High Street, Halifax")),
        postcode: (n % 6 != 1).then(|| format!("HX{} {}AB", n % 9 + 1, n % 10)),
        delivery: Some([Delivery::InPerson, Delivery::Online, Delivery::Both][n % 3]),
        schedule_text: (n % 2 == 1).then(|| "Every week in term time".to_string()),
        slots: if n.is_multiple_of(3) {
            vec![]
        } else {
            vec![
                Slot {
                    weekday: (n % 7 + 1) as u8,
                    opens_at: Some("10:00".into()),
                    closes_at: Some("12:30".into()),
                },
                Slot {
                    weekday: 7,
                    opens_at: None,
                    closes_at: None,
                },
            ]
        },
        cost: Some([CostKind::Free, CostKind::Paid, CostKind::Unknown][n % 3]),
        cost_description: (n % 3 == 1).then(|| "£3 a session".to_string()),
        min_age: n.is_multiple_of(2).then_some(18),
        max_age: n.is_multiple_of(4).then_some(99),
        eligibility: (n % 2 == 1).then(|| "Adults living alone".to_string()),
        wheelchair_access: n.is_multiple_of(2),
        hearing_loop: n.is_multiple_of(3),
        transport: n.is_multiple_of(4),
        access_notes: n
            .is_multiple_of(5)
            .then(|| "Ramp at the side door\nParking behind the hall".to_string()),
        referral_route: [
            None,
            Some(ReferralRoute::SelfReferral),
            Some(ReferralRoute::FormalReferral),
        ][n % 3],
        referral_how: n
            .is_multiple_of(2)
            .then(|| "Phone the coordinator".to_string()),
        status: Some(
            [
                AssetStatus::Active,
                AssetStatus::TemporarilyClosed,
                AssetStatus::Inactive,
                AssetStatus::Defunct,
            ][n % 4],
        ),
        ..Default::default()
    }
}

/// Shared fields only, ignoring the ids each vault gives its assets.
fn directory(r: Read<'_>) -> Vec<AssetInput> {
    let mut all: Vec<AssetInput> = assets::all_assets(r)
        .unwrap()
        .into_iter()
        .map(|(_, a)| a)
        .collect();
    all.sort_by(|a, b| a.name.cmp(&b.name));
    all
}

#[test]
fn export_validates_and_imports_into_a_fresh_vault_as_the_same_directory() {
    let (_t, dir) = vault_dir();
    let mut v = new_vault(&dir);
    for n in 0..24 {
        v.write(|tx| assets::add_asset(tx, &rich_asset(n))).unwrap();
    }
    import(&v, &fixture("uk-profile/csv"), false);
    let out = tempfile::tempdir().unwrap();
    let json = out.path().join("directory.json");
    assert_eq!(export(&v, &json, asset_io::write_oruk_json), 25);

    // Validate the file itself against the shipped uk-profile schema, item by item.
    let page: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let schema: serde_json::Value = serde_json::from_str(include_str!(
        "../../../linkwork-oruk/schema/compiled/service.json"
    ))
    .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let contents = page["contents"].as_array().unwrap();
    assert_eq!(contents.len(), 25);
    for item in contents {
        assert!(validator.is_valid(item), "{item}");
    }

    let (_t2, dir2) = vault_dir();
    let fresh = new_vault(&dir2);
    assert_eq!(counts(&import(&fresh, &json, false)), (25, 0, 0));
    let mut expected = directory(v.read());
    // On the way out a local asset gains its own id as its ORUK id, and its organisation a stable
    // derived id; everything else matches.
    let original_ids: std::collections::HashMap<String, String> = assets::all_assets(v.read())
        .unwrap()
        .into_iter()
        .map(|(id, a)| (a.name.clone(), a.oruk_id.unwrap_or(id.to_string())))
        .collect();
    for a in &mut expected {
        a.oruk_id = Some(original_ids[&a.name].clone());
        if a.organisation_oruk_id.is_none() {
            a.organisation_oruk_id = a
                .organisation
                .as_ref()
                .map(|o| linkwork_oruk::model::derived_id("organization", o));
        }
    }
    let got = directory(fresh.read());
    for (e, g) in expected.iter().zip(&got) {
        assert_eq!(e, g);
    }
    assert_eq!(expected.len(), got.len());
    // And importing the export again changes nothing.
    assert_eq!(counts(&import(&fresh, &json, false)), (0, 0, 25));

    // The plain CSV template round-trips too.
    let csv = out.path().join("directory.csv");
    export(&v, &csv, asset_io::write_csv);
    let (_t3, dir3) = vault_dir();
    let third = new_vault(&dir3);
    let r = import(&third, &csv, false);
    assert_eq!((counts(&r), r.problems), ((25, 0, 0), vec![]));
    let mut from_csv = directory(third.read());
    for a in &mut from_csv {
        a.organisation_oruk_id = None;
    }
    let mut expected_csv = expected.clone();
    for a in &mut expected_csv {
        a.organisation_oruk_id = None;
    }
    assert_eq!(from_csv, expected_csv);
}

#[test]
fn a_stopped_export_leaves_no_file() {
    let (t, dir) = vault_dir();
    let mut v = new_vault(&dir);
    for n in 0..3 {
        v.write(|tx| assets::add_asset(tx, &rich_asset(n))).unwrap();
    }
    let stop = linkwork_oruk::StopFlag::default();
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    for write in [asset_io::write_oruk_json as Writer, asset_io::write_csv] {
        let out = t.path().join("directory.out");
        let e =
            linkwork_store::files::save(&out, &dir, linkwork_store::files::Overwrite::Never, |w| {
                write(v.read(), w, &stop)
            })
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "The export was cancelled, so nothing was changed."
        );
        assert!(!out.exists());
        assert_eq!(
            std::fs::read_dir(t.path()).unwrap().count(),
            1,
            "only the vault folder"
        );
    }
}
