//! Caseload handover in the real app: a colleague's package (made with the command line from
//! another vault) is previewed, its signer's fingerprint compared and accepted, and imported; then
//! one person is handed back to the colleague and their episode closed as handed over.

use linkwork_e2e::{workspace, Harness, PASS};
use std::{io::Write, path::Path, process::Stdio};

/// The `linkwork` command line on another data folder (the colleague's laptop); returns stdout.
fn linkwork(dir: &Path, args: &[&str]) -> String {
    run(dir, args).0
}

/// The signing fingerprint a colleague would read out (`linkwork handover key` says it on stderr).
fn fingerprint(dir: &Path) -> String {
    let said = run(dir, &["handover", "key"]).1;
    said.rsplit(": ").next().unwrap().trim().to_string()
}

/// stdout and stderr of a command that must succeed.
fn run(dir: &Path, args: &[&str]) -> (String, String) {
    let mut child = std::process::Command::new(workspace().join("target/debug/linkwork"))
        .args(args)
        .arg("--data-dir")
        .arg(dir)
        .env("LINKWORK_INSECURE_TEST_KDF", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let _ = child
        .stdin
        .take()
        .unwrap()
        .write_all(format!("{PASS}\n{PASS}\n").as_bytes());
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "linkwork {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[tokio::test]
async fn receive_a_handover_then_hand_someone_back() {
    let mut h = Harness::start("handover").await;
    h.cli(&["init"]);
    let shelf = tempfile::tempdir().unwrap();
    let colleague = shelf.path().join("colleague");
    linkwork(&colleague, &["init"]);
    linkwork(&colleague, &["demo", "--people", "10", "--seed", "2"]);
    let my_key = linkwork(&h.data_dir(), &["handover", "key"])
        .trim()
        .to_string();
    let their_key = linkwork(&colleague, &["handover", "key"])
        .trim()
        .to_string();
    let package = shelf.path().join("from-colleague.age");
    linkwork(
        &colleague,
        &[
            "handover",
            "export",
            "--to",
            &my_key,
            "--all-open",
            "--out",
            package.to_str().unwrap(),
        ],
    );

    let app = h.launch().await;
    app.unlock().await;
    app.click("[data-nav='settings']").await;
    app.wait_screen("settings").await;
    // The Backup section has loaded (its handover key last), so nothing moves under the click.
    app.wait("[data-testid='handover-key']").await;
    app.click("#open-handover").await;
    app.wait_screen("handover").await;

    // Preview first: who is new, and what would be added; nothing is written yet.
    app.pick_next(&package).await;
    app.click("#handover-choose").await;
    app.wait("[data-testid='handover-preview']").await;
    let rows = app
        .client
        .find_all(fantoccini::Locator::Css(
            "[data-testid='handover-preview'] tbody tr[data-matched='new']",
        ))
        .await
        .unwrap()
        .len();
    assert!(rows > 0);
    let would = app.text("[data-testid='handover-would-add']").await;
    assert!(
        would.contains(&format!(
            "{rows} {}",
            if rows == 1 { "person" } else { "people" }
        )),
        "{would}"
    );
    // A first handover from this colleague: the fingerprint to compare by phone, and a tick.
    let theirs = fingerprint(&colleague);
    assert_eq!(
        app.text("[data-testid='handover-fingerprint']").await,
        theirs
    );
    h.shot(&app, "preview").await;
    app.click("#handover-import").await;
    app.wait_text(".nhsuk-error-summary", "not accepted").await;
    app.click("#handover-fingerprint-matches").await;
    app.click("#handover-import").await;
    let done = app.wait_text("#handover-imported", "Imported").await;
    assert!(done.contains(&format!("{rows} ")), "{done}");
    app.wait_text("[data-testid='colleague-keys']", &theirs)
        .await;

    // The caseload now holds them.
    app.click("[data-nav='caseload']").await;
    let open = app
        .wait_text("[data-testid='count-open']", &rows.to_string())
        .await;
    assert_eq!(open, rows.to_string());

    // Hand the first of them back, and close their episode as handed over.
    app.click("[data-nav='settings']").await;
    app.wait("[data-testid='handover-key']").await;
    app.click("#open-handover").await;
    app.wait_screen("handover").await;
    // Nothing filled in: every problem at once, before any save dialog.
    app.click("#handover-send").await;
    let said = app
        .wait_text(".nhsuk-error-summary", "Choose the people to hand over")
        .await;
    assert!(
        said.contains("Enter your passphrase") && said.contains("handover key"),
        "{said}"
    );
    app.fill("#handover-to", &their_key).await;
    app.fill("#handover-to-name", "Asha Patel").await;
    app.click(".app-handover-people .nhsuk-checkboxes__input")
        .await;
    app.fill("#handover-passphrase", PASS).await;
    let back = shelf.path().join("back.age");
    app.pick_next(&back).await;
    app.click("#handover-send").await;
    app.wait_text("#handover-sent", "Saved back.age: 1 person")
        .await;
    app.click("#close-handed-over").await;
    app.wait_text("#handover-sent", "Closed 1 open episode as handed over")
        .await;
    h.shot(&app, "handed-back").await;
    app.click("[data-nav='caseload']").await;
    app.wait_text("[data-testid='count-open']", &(rows - 1).to_string())
        .await;

    // The colleague's vault takes it back: the same record, nothing duplicated.
    let taken = linkwork(
        &colleague,
        &["handover", "import", back.to_str().unwrap(), "--dry-run"],
    );
    assert!(taken.contains("same record"), "{taken}");
    app.quit().await;
}
