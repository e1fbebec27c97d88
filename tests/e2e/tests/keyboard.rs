//! A link worker's everyday round with the keyboard alone: unlock, find a person, log a contact,
//! record ONS4, refer onward, mark the GP codes entered, export the monthly report, lock. No
//! clicks; the only help is choosing the report's file name, where the app would open the native
//! save dialog (which WebDriver cannot reach).

use fantoccini::key::Key;
use linkwork_e2e::{Harness, PASS};
use std::process::Command;

fn key(k: Key) -> String {
    char::from(k).to_string()
}

fn chord(modifier: Key, k: &str) -> String {
    format!("{}{k}{}", char::from(modifier), char::from(Key::Null))
}

#[tokio::test]
async fn a_whole_round_by_keyboard_alone() {
    let mut h = Harness::start("keyboard").await;
    h.cli(&["init"]);
    h.cli(&["demo", "--people", "20", "--seed", "9"]);
    let out = tempfile::tempdir().unwrap();
    let keygen = Command::new("age-keygen")
        .arg("-o")
        .arg(out.path().join("supervisor.txt"))
        .output()
        .expect("age-keygen (./dev test installs it)");
    let public = String::from_utf8(keygen.stderr).unwrap();
    let public = public.trim().trim_start_matches("Public key: ");
    h.cli(&[
        "report",
        "settings",
        "--worker-name",
        "Sam Okafor",
        "--supervisor-key",
        public,
    ]);
    let app = h.launch().await;

    // Unlock: the passphrase field has focus.
    app.wait_screen("unlock").await;
    assert_eq!(app.focused().await, "passphrase");
    app.keys(&format!("{PASS}{}", key(Key::Enter))).await;
    app.wait_screen("caseload").await;
    app.wait_focus("H1", "the caseload opens at its heading")
        .await;

    // Find a person: from the page heading to the search, type, Enter opens the first match.
    let who = app
        .wait("[data-testid='caseload-table'] tbody [data-person]")
        .await
        .attr("data-person")
        .await
        .unwrap()
        .unwrap();
    app.tab_to("#caseload-search", false).await;
    app.keys(&who).await;
    app.wait_text("[data-testid='caseload-table'] tbody", &who)
        .await;
    app.keys(&key(Key::Enter)).await;
    app.wait_screen("person").await;
    app.wait_text("main h1", &who).await;
    app.wait_focus("H1", "the person opens at their name").await;
    h.shot(&app, "person").await;

    // Log a contact: Alt+L opens the form on the notes; Ctrl+Enter saves it.
    app.keys(&chord(Key::Alt, "l")).await;
    app.wait("#contact-form").await;
    assert_eq!(app.focused().await, "contact_notes");
    app.keys("Phoned. Talked through the walking group; will try Thursday.")
        .await;
    app.keys(&chord(Key::Control, &key(Key::Enter))).await;
    app.wait("[data-testid='contact-saved']").await;
    app.wait_focus(
        "contact-saved",
        "saving a contact says so, and focus is there",
    )
    .await;

    // Start another note and throw it away: Alt+L, type, then Discard and its question (which
    // takes focus).
    app.keys(&chord(Key::Alt, "l")).await;
    app.wait("#contact-form").await;
    app.keys("Left a message.").await;
    app.tab_to("#discard-contact", false).await;
    app.keys(&key(Key::Enter)).await;
    app.wait_focus("discard-contact-confirm", "the question's yes takes focus")
        .await;
    app.keys(&key(Key::Enter)).await;
    app.wait_text("[data-testid='contact-saved']", "discarded")
        .await;
    app.wait_focus(
        "contact-saved",
        "discarding a note says so, and focus is there",
    )
    .await;

    // Record ONS4: Alt+4, Tab to the button, a number per question, Enter saves.
    app.keys(&chord(Key::Alt, "4")).await;
    app.wait("[data-section='outcomes']:not([hidden])").await;
    app.tab_to("#record-ons4", false).await;
    app.keys(&key(Key::Enter)).await;
    app.wait("[data-testid='ons4-form']").await;
    for (n, score) in ["7", "8", "6", "3"].iter().enumerate() {
        if n > 0 {
            app.keys(&key(Key::Tab)).await;
        }
        app.keys(score).await;
    }
    app.wait_text("[data-testid='band-anxiety']", "Low").await;
    app.keys(&key(Key::Enter)).await;
    // The form closes on saving (its own labels say "Life satisfaction" too, so wait for that).
    app.wait_gone("[data-testid='ons4-form']").await;
    app.wait_text("[data-testid='outcome-saved']", "ONS4 for")
        .await;
    app.wait_focus(
        "outcome-saved",
        "saving ONS4 says what was saved, and focus is there",
    )
    .await;

    // Refer onward: Alt+5, the button, type to find a service, Tab to it, Enter picks it, then save.
    app.keys(&chord(Key::Alt, "5")).await;
    app.wait("[data-section='onward']:not([hidden])").await;
    app.tab_to("#add-onward", false).await;
    app.keys(&key(Key::Enter)).await;
    assert_eq!(app.focused().await, "onward-asset");
    app.keys("walk").await;
    app.wait("[data-testid='onward-form'] [data-pick]").await;
    app.keys(&key(Key::Tab)).await;
    app.keys(&key(Key::Enter)).await;
    let chosen = app.text("[data-testid='onward-chosen']").await;
    assert_eq!(
        app.focused().await,
        "kind",
        "focus moves on to the next field"
    );
    // The category is chosen, never guessed: type ahead in the list.
    app.tab_to("#category", false).await;
    app.keys("Phys").await;
    assert_eq!(app.value("#category").await, "physical_activity");
    app.tab_to("[data-testid='onward-form'] button[type='submit']", false)
        .await;
    app.keys(&key(Key::Enter)).await;
    app.wait_text("[data-testid='onward-table']", &chosen).await;
    app.wait_focus(
        "onward-saved",
        "saving a referral says so, and focus is there",
    )
    .await;

    // Its outcome: Tab to "Record outcome", Enter, then save the form as it opens.
    app.tab_to(&format!("[data-record-outcome='{chosen}']"), false)
        .await;
    app.keys(&key(Key::Enter)).await;
    app.wait("[data-testid='onward-outcome-form']").await;
    app.tab_to(
        "[data-testid='onward-outcome-form'] button[type='submit']",
        false,
    )
    .await;
    app.keys(&key(Key::Enter)).await;
    app.wait_text("[data-testid='onward-saved']", "Outcome for")
        .await;
    app.wait_focus(
        "onward-saved",
        "saving an onward outcome says so, and focus is there",
    )
    .await;

    // Mark the GP codes entered: Alt+9, Tab to "Mark all entered", Enter.
    app.keys(&chord(Key::Alt, "9")).await;
    app.wait("[data-section='gp']:not([hidden])").await;
    app.tab_to("#gp-mark-all", false).await;
    app.keys(&key(Key::Enter)).await;
    app.wait_text("[data-testid='gp-status']", "entered").await;
    app.wait_focus(
        "gp-status",
        "marking lines entered says so, and focus is there",
    )
    .await;

    // The monthly report: back up to the navigation, Report, then Tab to export.
    app.tab_to("[data-nav='report']", true).await;
    app.keys(&key(Key::Enter)).await;
    app.wait_screen("report").await;
    app.wait("[data-table='caseload']").await;
    app.wait_focus("H1", "the report opens at its heading")
        .await;
    let sealed = out.path().join("report.age");
    app.pick_next(&sealed).await;
    app.tab_to("#export-report", false).await;
    app.keys(&key(Key::Enter)).await;
    let done = app.wait_text("#report-done", "is saved in").await;
    assert!(done.contains("supervisor's key"), "{done}");
    assert!(sealed.exists());
    app.wait_focus("export-report", "focus stays on the export button")
        .await;
    h.shot(&app, "report-exported").await;

    // Lock.
    app.keys(&chord(Key::Control, "l")).await;
    app.wait_screen("unlock").await;
    app.wait_focus("passphrase", "locked, focus is on the passphrase")
        .await;
    app.quit().await;
}
