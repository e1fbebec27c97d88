//! The readers on their own (no vault): what the uk-profile examples map to, and exact problems.
//! Import into a real vault (all-or-nothing, idempotence, round trip) is tested in linkwork-store.

use linkwork_core::assets::{AssetInput, ImportProblem, Slot};
use linkwork_core::vocab::{AssetStatus, CostKind, Delivery};
use linkwork_oruk::{read, Record, Sink};
use std::path::{Path, PathBuf};

#[derive(Default)]
struct Collect {
    assets: Vec<(String, String, AssetInput)>,
    last_progress: (u64, u64),
}

impl Sink for Collect {
    fn asset(&mut self, r: Record) -> Result<(), ImportProblem> {
        self.assets.push((r.file, r.place, r.asset));
        Ok(())
    }
    fn progress(&mut self, done: u64, total: u64) {
        assert!(done <= total, "progress {done} of {total}");
        self.last_progress = (done, total);
    }
}

fn fixture(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(p)
}

fn read_ok(p: &str) -> Collect {
    let mut c = Collect::default();
    let out = read(&fixture(p), &mut c);
    assert!(out.problems.is_empty(), "{:#?}", out.problems);
    assert_eq!(
        c.last_progress.0, c.last_progress.1,
        "progress ends at 100%"
    );
    c
}

/// The uk-profile example service, as every ORUK form of it should arrive.
fn assert_example_service(a: &AssetInput) {
    assert_eq!(
        a.oruk_id.as_deref(),
        Some("ac148810-d857-441c-9679-408f346de14b")
    );
    assert_eq!(a.name, "Community Counselling");
    assert_eq!(a.organisation.as_deref(), Some("Example Organization Inc."));
    assert_eq!(a.status, Some(AssetStatus::Active));
    assert_eq!(a.website.as_deref(), Some("http://example.com/counselling"));
    assert_eq!(a.email.as_deref(), Some("email@example.com"));
    assert_eq!((a.min_age, a.max_age), (Some(12), Some(100)));
    assert!(a
        .description
        .as_deref()
        .unwrap()
        .starts_with("Counselling Services provided by trained professionals."));
}

#[test]
fn service_full_example_maps_every_field_linkwork_uses() {
    let c = read_ok("uk-profile/service_full.json");
    assert_eq!(c.assets.len(), 1);
    let (file, place, a) = &c.assets[0];
    assert_eq!(
        (file.as_str(), place.as_str()),
        ("service_full.json", "the top level")
    );
    assert_example_service(a);
    assert_eq!(a.cost, Some(CostKind::Paid));
    assert_eq!(a.cost_description.as_deref(), Some("fees_description"));
    assert_eq!(a.phone, None, "the JSON example's contact has no phones");
    assert_eq!(a.postcode.as_deref(), Some("ABC 1234"));
    assert_eq!(a.address.as_deref(), Some("1-30 Main Street, MyCity"));
    assert_eq!(a.delivery, Some(Delivery::InPerson));
    assert!(
        a.wheelchair_access && a.hearing_loop,
        "access flags read from the accessibility words"
    );
    assert_eq!(
        a.slots,
        [
            Slot {
                weekday: 4,
                opens_at: Some("10:00".into()),
                closes_at: Some("18:00".into())
            },
            Slot {
                weekday: 5,
                opens_at: Some("10:00".into()),
                closes_at: Some("18:00".into())
            }
        ]
    );
    assert_eq!(a.schedule_text.as_deref(), Some("The service is available from 10 am to 6pm weekdays. The service is not available on public holidays."));
}

#[test]
fn service_list_page_and_organization_full_examples_import() {
    let c = read_ok("uk-profile/service_list.json");
    assert!(!c.assets.is_empty());
    assert_eq!(c.assets[0].1, "/contents/0");
    assert_example_service(&c.assets[0].2);
    let c = read_ok("uk-profile/organization_full.json");
    assert_eq!(c.assets.len(), 1);
    assert_eq!(c.assets[0].1, "/services/0");
    assert_eq!(
        c.assets[0].2.organisation.as_deref(),
        Some("Example Organization Inc.")
    );
}

#[test]
fn csv_example_set_builds_the_same_service() {
    let c = read_ok("uk-profile/csv");
    assert_eq!(c.assets.len(), 1);
    let (file, place, a) = &c.assets[0];
    assert_eq!((file.as_str(), place.as_str()), ("services.csv", "row 2"));
    assert_example_service(a);
    assert_eq!(a.phone.as_deref(), Some("+44 1234 234567"));
    assert_eq!(a.postcode.as_deref(), Some("ABC 1234"));
    assert_eq!(a.cost, Some(CostKind::Paid));
    assert!(a.wheelchair_access && a.hearing_loop);
    assert_eq!(
        a.slots.iter().map(|s| s.weekday).collect::<Vec<_>>(),
        [4, 5]
    );
}

#[test]
fn a_single_service_missing_its_status_is_placed_at_the_top_level() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("one.json");
    std::fs::write(&path, r#"{"id": "a1", "name": "Choir"}"#).unwrap();
    let out = read(&path, &mut Collect::default());
    let listed: Vec<String> = out.problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(
        listed,
        ["one.json, the top level, field \"status\": \"status\" is required but missing."]
    );
}

#[test]
fn an_organisation_list_with_no_services_says_there_is_nothing_to_import() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("organizations.json");
    // As the ORUK API returns /organizations: no services, no status.
    std::fs::write(
        &path,
        r#"{"total_items": 2, "contents": [
            {"id": "o1", "name": "Age UK Calderdale", "description": "Older people's charity", "website": "https://example.org"},
            {"id": "o2", "name": "Calder Valley Trust", "website": "https://example.org/cvt"}
        ]}"#,
    )
    .unwrap();
    let mut c = Collect::default();
    let out = read(&path, &mut c);
    assert!(c.assets.is_empty());
    assert!(out.problems[0].whole_file, "{:#?}", out.problems);
    assert!(
        out.problems[0].message.starts_with(
            "This file lists 2 organisations and no services, so there is nothing to import."
        ),
        "{}",
        out.problems[0].message
    );
    // The published uk-profile organization_list example is recognised the same way.
    let example = read(
        &fixture("uk-profile/organization_list.json"),
        &mut Collect::default(),
    );
    assert!(
        example.problems[0]
            .message
            .contains("no services, so there is nothing to import"),
        "{:#?}",
        example.problems
    );
    // The second lacks a description, which the organisation schema (not the service one) needs.
    let rest: Vec<String> = out.problems[1..].iter().map(|p| p.to_string()).collect();
    assert_eq!(
        rest,
        ["organizations.json, /contents/1, field \"description\": \"description\" is required but missing."]
    );
}

#[test]
fn broken_formats_are_warnings_and_do_not_stop_a_service() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("one.json");
    std::fs::write(
        &path,
        r#"{"id": "a1", "name": "Choir", "status": "active", "email": "choir at example dot org", "url": "not a uri"}"#,
    )
    .unwrap();
    let mut c = Collect::default();
    let out = read(&path, &mut c);
    assert!(out.problems.is_empty(), "{:#?}", out.problems);
    assert_eq!(c.assets.len(), 1, "imported as it is");
    let fields: Vec<_> = out.warnings.iter().map(|w| w.field.clone()).collect();
    assert!(
        fields.contains(&Some("email".into())),
        "{:#?}",
        out.warnings
    );
}

#[test]
fn a_file_that_cannot_be_read_is_a_whole_file_problem() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cut.json");
    std::fs::write(
        &path,
        r#"{"contents": [{"id": "a1", "name": "Choir", "status": "active"}, {"id""#,
    )
    .unwrap();
    let out = read(&path, &mut Collect::default());
    assert_eq!(out.problems.len(), 1, "{:#?}", out.problems);
    assert!(out.problems[0].whole_file);
    let missing = read(&dir.path().join("nope.json"), &mut Collect::default());
    assert!(missing.problems[0].whole_file);
    let row = read(
        &fixture("uk-profile/service_full.json"),
        &mut Collect::default(),
    );
    assert!(row.problems.iter().all(|p| !p.whole_file));
}

#[test]
fn a_feed_file_over_the_size_limit_is_refused_unread() {
    let t = tempfile::tempdir().unwrap();
    let f = t.path().join("huge.json");
    // Sparse: the size is real to the file system, no disk is used.
    std::fs::File::create(&f)
        .unwrap()
        .set_len(linkwork_oruk::MAX_FEED_FILE_BYTES + 1)
        .unwrap();
    let mut c = Collect::default();
    let out = linkwork_oruk::read(&f, &mut c);
    assert_eq!(out.problems.len(), 1);
    assert!(
        out.problems[0]
            .message
            .starts_with("This file is 256 MB; Linkwork imports files up to 256 MB."),
        "{}",
        out.problems[0].message
    );
    assert!(c.assets.is_empty());
}

/// The template is written for Excel on Windows (a byte-order mark, CR LF rows), and reads back
/// the same, as does a file Excel saved as "CSV UTF-8" or a plain one without the mark.
#[test]
fn the_template_is_written_for_excel_and_reads_back_with_or_without_the_mark() {
    let mut bytes = Vec::new();
    linkwork_oruk::template::write_example(&mut bytes).unwrap();
    assert!(bytes.starts_with(linkwork_core::file_names::CSV_BOM));
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert!(text.lines().count() >= 2);
    assert_eq!(
        text.matches("\r\n").count(),
        text.matches('\n').count(),
        "CR LF rows"
    );
    let t = tempfile::tempdir().unwrap();
    for (name, content) in [
        ("excel.csv", bytes.clone()),
        ("plain.csv", bytes[3..].to_vec()),
    ] {
        let file = t.path().join(name);
        std::fs::write(&file, content).unwrap();
        let mut c = Collect::default();
        let out = read(&file, &mut c);
        assert!(out.problems.is_empty(), "{name}: {:#?}", out.problems);
        assert_eq!(c.assets.len(), 1, "{name}");
        assert_eq!(c.assets[0].2.name, "Tuesday Walking Group", "{name}");
    }
}

#[test]
fn a_cell_that_starts_like_a_formula_is_written_as_text_and_reads_back_as_it_was() {
    let asset = AssetInput {
        name: "=HYPERLINK(\"http://example.invalid\",\"Open\")".into(),
        description: Some("@SUM(1)".into()),
        phone: Some("+44 1422 000000".into()),
        eligibility: Some("-1 is fine".into()),
        access_notes: Some("Ask at the desk = fine".into()),
        ..AssetInput::default()
    };
    let mut bytes = Vec::new();
    linkwork_oruk::template::write(&mut bytes, std::iter::once((String::new(), &asset))).unwrap();
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let row = rdr.records().next().unwrap().unwrap();
    // As a spreadsheet sees them: no cell starts with a formula character.
    for cell in row.iter() {
        assert!(
            !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
            "{cell:?} would run as a formula"
        );
    }
    assert!(row
        .iter()
        .any(|c| c == "'=HYPERLINK(\"http://example.invalid\",\"Open\")"));
    assert!(row.iter().any(|c| c == "Ask at the desk = fine"));
    let t = tempfile::tempdir().unwrap();
    let file = t.path().join("directory.csv");
    std::fs::write(&file, &bytes).unwrap();
    let mut c = Collect::default();
    let out = read(&file, &mut c);
    assert!(out.problems.is_empty(), "{:#?}", out.problems);
    let back = &c.assets[0].2;
    assert_eq!(back.name, asset.name);
    assert_eq!(back.description, asset.description);
    assert_eq!(back.phone, asset.phone);
    assert_eq!(back.eligibility, asset.eligibility);
}
