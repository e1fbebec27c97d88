//! Nothing typed about a person is left in plain text anywhere the app writes: sentinel strings
//! typed into a name, a contact note, a draft, a risk, a directory entry and both search boxes are
//! found in no file of the data folder (database, WAL, SHM, key files), the temp folder, the
//! webview's data and cache folders, or the app's output. Then the person gets a copy of their
//! records (which does hold them), is erased, and the scan is repeated.

use linkwork_e2e::Harness;
use std::path::{Path, PathBuf};

const GIVEN: &str = "Zyxquorva";
const FAMILY: &str = "Vexmortlan";
const NOTE: &str = "Qx7zNoteSentinel";
const DRAFT: &str = "Qx7zDraftSentinel";
const RISK: &str = "Qx7zRiskSentinel";
const ASSET: &str = "Qx7zAssetSentinel";
const SEARCH: &str = "Qx7zSearchSentinel";
const ALL: &[&str] = &[GIVEN, FAMILY, NOTE, DRAFT, RISK, ASSET, SEARCH];

fn files(p: &Path, out: &mut Vec<PathBuf>) {
    if p.is_dir() {
        for e in std::fs::read_dir(p).unwrap() {
            files(&e.unwrap().path(), out);
        }
    } else if p.is_file() {
        out.push(p.to_path_buf());
    }
}

/// Each file holding a sentinel, as UTF-8 or UTF-16 (WebKit keeps some text that way).
fn hits(places: &[PathBuf]) -> Vec<String> {
    let mut all = vec![];
    for p in places {
        files(p, &mut all);
    }
    assert!(
        all.len() > 5,
        "the scan found almost nothing to look at: {all:?}"
    );
    let mut found = vec![];
    for f in all {
        let bytes = std::fs::read(&f).unwrap_or_default();
        for s in ALL {
            let utf16: Vec<u8> = s.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
            let has = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
            if has(s.as_bytes()) || has(&utf16) {
                found.push(format!("{s} in {}", f.display()));
            }
        }
    }
    found
}

#[tokio::test]
async fn sentinels_typed_everywhere_leave_no_plain_trace_before_or_after_erasure() {
    let mut h = Harness::start_isolated("leak").await;
    let app = h.launch().await;
    app.create_vault().await;

    // A name.
    app.click("[data-nav='new-referral']").await;
    app.wait_screen("new-referral").await;
    app.fill("#nhs_number", "943 476 5919").await;
    app.fill("#given_name", GIVEN).await;
    app.fill("#family_name", FAMILY).await;
    app.click("#reasons-loneliness").await;
    app.select("#source", "gp").await;
    app.wait("#referral-form:not([data-checking])").await;
    app.click("#referral-form button[type='submit']").await;
    app.wait_screen("person").await;

    // A saved note, then a draft left unsaved.
    app.click("#log-contact").await;
    app.fill("#duration_minutes", "20").await;
    app.fill(
        "#contact_notes",
        &format!("Called. {NOTE} about the allotment."),
    )
    .await;
    app.click("#save-contact").await;
    app.wait_text("[data-testid='contact-saved']", "Contact saved")
        .await;
    app.click("#record-contact").await;
    app.fill("#contact_notes", &format!("Half written {DRAFT}"))
        .await;
    app.wait_text("[data-testid='draft-status']", "Draft saved")
        .await;

    // A risk.
    app.section("risks").await;
    app.click("#raise-concern").await;
    app.fill("#concern_text", &format!("Worried: {RISK}")).await;
    app.select("#concern_level", "medium").await;
    app.fill("#concern_action", "Told the GP").await;
    app.click("#raise-concern-form button[type='submit']").await;
    app.wait_text("[data-testid='risk-flag']", RISK).await;

    // A directory entry's notes, and both search boxes.
    app.click("[data-nav='directory']").await;
    app.wait_screen("directory").await;
    app.click("#add-asset").await;
    app.wait_screen("asset-editor").await;
    app.fill("#name", "Allotment society").await;
    app.fill("#description", &format!("Plots by the canal. {ASSET}"))
        .await;
    app.click("#categories-physical_activity").await;
    app.click("#save-asset").await;
    app.wait_screen("asset").await;
    app.click("[data-nav='directory']").await;
    app.wait_screen("directory").await;
    app.fill("#asset-search", SEARCH).await;
    app.click("[data-nav='caseload']").await;
    app.wait_screen("caseload").await;
    app.fill("#caseload-search", SEARCH).await;
    app.wait("[data-testid='caseload-empty']").await;
    app.fill("#caseload-search", FAMILY).await;
    app.wait_text("[data-testid='caseload-table'] tbody", FAMILY)
        .await;

    let found = hits(&h.written());
    assert!(found.is_empty(), "plain text left behind: {found:#?}");
    // The scan can fail: a sentinel put in the temp folder is found.
    let control = h.written()[2].join("control.txt");
    std::fs::write(
        &control,
        NOTE.encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect::<Vec<_>>(),
    )
    .unwrap();
    assert_eq!(hits(&h.written()).len(), 1);
    std::fs::remove_file(control).unwrap();
    // The webview's own data and cache folder is among what was scanned.
    assert!(h.written()[1]
        .join(".local/share/org.linkwork.desktop/WebKitCache")
        .is_dir());

    // Their copy holds everything (so the sentinels were really stored)…
    let shelf = tempfile::tempdir().unwrap();
    let copy = shelf.path().join("copy.zip");
    app.click(&format!("[data-person='{GIVEN} {FAMILY}']"))
        .await;
    app.wait_screen("person").await;
    app.section("details").await;
    app.click("#sar-start").await;
    app.click("#sar-plain").await;
    app.pick_next(&copy).await;
    app.click("#sar-form button[type='submit']").await;
    app.wait_text("#sar-done", "not encrypted").await;
    h.shot(&app, "subject-access").await;
    let zipped = std::fs::read(&copy).unwrap();
    assert!(zipped.len() > 1000);

    // …then they are erased, after typing their name.
    app.click("#erase-start").await;
    app.fill("#confirm_name", "someone else").await;
    app.click("#erase-confirm").await;
    app.wait_text("#confirm_name-error", "exactly as shown")
        .await;
    app.fill("#confirm_name", &format!("{GIVEN} {FAMILY}"))
        .await;
    h.shot(&app, "erase-confirm").await;
    app.click("#erase-confirm").await;
    app.wait_screen("caseload").await;
    app.wait_text("[data-testid='count-open']", "0").await;

    let found = hits(&h.written());
    assert!(
        found.is_empty(),
        "plain text left behind after erasure: {found:#?}"
    );

    // The audit trail in Settings says what happened, without a name, and its chain is intact.
    app.click("[data-nav='settings']").await;
    app.wait_screen("settings").await;
    app.wait("[data-testid='retention-none']").await;
    app.click("#audit-show").await;
    let rows = app.wait_text("[data-testid='audit-rows']", "Erased").await;
    assert!(rows.contains("Copy made for the person"), "{rows}");
    assert!(!rows.contains(FAMILY) && !rows.contains(NOTE), "{rows}");
    app.click("#audit-verify").await;
    app.wait_text("#audit-verdict", "intact").await;
    h.shot(&app, "settings-audit-trail").await;
    app.click("#lock-button").await;
    app.wait_screen("unlock").await;
    let found = hits(&h.written());
    assert!(
        found.is_empty(),
        "plain text left behind after locking: {found:#?}"
    );
}
