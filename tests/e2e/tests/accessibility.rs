//! Every screen of the real app, empty and full: axe-core (WCAG 2.2 A and AA) with no violation of
//! any impact, focus visible on every control, and a screenshot at 1440×900 and 1024×768 for the look-and-feel review
//! (`test-output/e2e/accessibility/`; what axe could not decide is in `axe-review.txt` there).

use fantoccini::key::Key;
use linkwork_e2e::{App, Harness, PASS};

/// Screenshots at both sizes, then axe at the smaller, where reflow problems show.
async fn check(h: &Harness, app: &App, screen: &str) {
    for (w, ht) in [(1440, 900), (1024, 768)] {
        app.client
            .set_window_size(w, ht)
            .await
            .expect("resize the window");
        // Let the layout settle (charts redraw on resize).
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        h.shot(app, &format!("{screen}-{w}")).await;
    }
    h.axe(app, screen).await;
    app.every_focus_visible(screen).await;
}

#[tokio::test]
async fn every_screen_passes_axe_empty_and_full() {
    let mut h = Harness::start("accessibility").await;
    let app = h.launch().await;

    // Before there is a vault: set up, and restore from a backup.
    app.wait_screen("create-vault").await;
    check(&h, &app, "create-vault").await;
    app.click("#open-restore").await;
    app.wait_screen("restore").await;
    check(&h, &app, "restore").await;
    app.click("#restore-back").await;
    app.fill("#passphrase", PASS).await;
    app.fill("#passphrase_confirm", PASS).await;
    app.click("#create-vault button[type='submit']").await;
    app.wait_screen("welcome").await;
    check(&h, &app, "welcome").await;
    app.click("#welcome-done").await;
    app.wait_screen("caseload").await;

    // An empty vault: each screen says what to do next.
    check(&h, &app, "caseload-empty").await;

    // Help on F1, searchable; About with the generated licence list.
    app.chord(&char::from(Key::F1).to_string()).await;
    app.wait_screen("help").await;
    app.wait("[data-testid='help-gp-codes'] tbody tr").await;
    check(&h, &app, "help").await;
    app.fill("#help-search", "handover key").await;
    app.wait_text("[data-testid='help-count']", "topics mention that")
        .await;
    let shown = |topic: &'static str| {
        let app = &app;
        async move {
            app.wait(&format!("section[data-topic='{topic}']"))
                .await
                .is_displayed()
                .await
                .unwrap()
        }
    };
    assert!(shown("handover").await, "the handover topic matches");
    assert!(!shown("ons4").await, "the ONS4 topic does not");
    check(&h, &app, "help-search").await;
    app.fill("#help-search", "about linkwork").await;
    app.wait_text("[data-testid='help-count']", "1 of").await;
    app.click("[data-topic='privacy'] .app-link-button").await;
    app.wait_screen("about").await;
    app.wait("[data-testid='about-components'] tbody tr").await;
    let listed = app
        .client
        .execute(
            "return [...document.querySelectorAll(\"[data-testid='about-components'] tbody tr\")]
               .map((r) => [...r.cells].map((c) => c.textContent));",
            vec![],
        )
        .await
        .unwrap();
    let listed: Vec<Vec<String>> = serde_json::from_value(listed).unwrap();
    for name in ["tauri", "rusqlite", "age", "react"] {
        let row = listed.iter().find(|r| r[0] == name);
        assert!(
            row.is_some_and(|r| !r[2].is_empty()),
            "{name} is in the licence list with its licence"
        );
    }
    let files = app.text("[data-testid='about-files']").await;
    assert!(
        files.contains("linkwork.db") && files.contains("key-passphrase.age"),
        "{files}"
    );
    check(&h, &app, "about").await;
    for (nav, screen) in [
        ("new-referral", "new-referral"),
        ("to-code", "to-code"),
        ("directory", "directory"),
        ("outcomes", "outcomes"),
        ("report", "report"),
        ("settings", "settings"),
    ] {
        app.click(&format!("[data-nav='{nav}']")).await;
        app.wait_screen(screen).await;
        check(&h, &app, &format!("{screen}-empty")).await;
    }

    // Locked: unlock, and the recovery screen.
    app.click("#lock-button").await;
    app.wait_screen("unlock").await;
    check(&h, &app, "unlock").await;
    app.click("[data-screen='unlock'] p:nth-of-type(1) .app-link-button")
        .await;
    app.wait_screen("recover").await;
    check(&h, &app, "recover").await;
    h.kill_app();

    // A full caseload and directory, and an outreach list.
    h.cli(&["demo", "--people", "40", "--seed", "11"]);
    h.outreach_list("B86001", "Frailty register");
    h.group_with_session("Tuesday walking group", 8);
    let app = h.launch().await;
    app.unlock().await;
    check(&h, &app, "caseload").await;
    app.click("#open-outreach").await;
    app.wait_screen("outreach").await;
    app.wait("[data-testid='outreach-lists']").await;
    check(&h, &app, "outreach").await;
    app.click("[data-testid='outreach-lists'] button[data-list]")
        .await;
    app.wait_screen("outreach-list").await;
    app.click("#outreach-next").await;
    app.wait("[data-testid='outreach-calling']").await;
    check(&h, &app, "outreach-calling").await;
    app.click("[data-nav='caseload']").await;
    app.wait_screen("caseload").await;
    app.click("#open-groups").await;
    app.wait_screen("groups").await;
    app.wait("[data-testid='group-list']").await;
    check(&h, &app, "groups").await;
    app.click("button[data-group]").await;
    app.wait_screen("group").await;
    check(&h, &app, "group").await;
    app.click("[data-testid='group-sessions'] button[data-session]")
        .await;
    app.wait("[data-testid='register']").await;
    check(&h, &app, "register").await;
    app.click("[data-nav='caseload']").await;
    app.wait_screen("caseload").await;
    app.click("#open-concerns").await;
    app.wait_screen("concerns").await;
    app.wait("[data-testid='concerns-table'] tbody tr").await;
    check(&h, &app, "concerns").await;
    app.click("[data-nav='caseload']").await;
    app.wait_screen("caseload").await;

    // A person: every section, and the forms behind its buttons.
    app.click("[data-testid='caseload-table'] tbody button[data-person]")
        .await;
    app.wait_screen("person").await;
    for section in [
        "overview", "contacts", "plan", "outcomes", "onward", "risks", "details", "history", "gp",
    ] {
        app.section(section).await;
        check(&h, &app, &format!("person-{section}")).await;
    }
    app.section("outcomes").await;
    app.click("#record-ons4").await;
    app.wait("#ons4-life_satisfaction-6").await;
    check(&h, &app, "person-ons4-form").await;
    app.section("onward").await;
    app.click("#add-onward").await;
    app.wait("[data-testid='onward-form']").await;
    check(&h, &app, "person-onward-form").await;
    app.section("risks").await;
    app.click("#raise-concern").await;
    app.wait("#raise-concern-form").await;
    check(&h, &app, "person-risk-form").await;
    app.click("#log-contact").await;
    app.wait("#contact-form").await;
    check(&h, &app, "person-log-contact").await;

    for (nav, screen) in [
        ("new-referral", "new-referral"),
        ("to-code", "to-code"),
        ("outcomes", "outcomes"),
        ("report", "report"),
        ("settings", "settings"),
        ("directory", "directory"),
    ] {
        app.click(&format!("[data-nav='{nav}']")).await;
        app.wait_screen(screen).await;
        check(&h, &app, screen).await;
    }
    app.click("[data-testid='asset-results'] tbody tr td:nth-child(2) button")
        .await;
    app.wait_screen("asset").await;
    check(&h, &app, "asset").await;
    app.click("#edit-asset").await;
    app.wait_screen("asset-editor").await;
    check(&h, &app, "asset-editor").await;
    app.click("[data-nav='directory']").await;
    app.click("#import-export").await;
    app.wait_screen("import").await;
    check(&h, &app, "import").await;
    app.click("[data-nav='settings']").await;
    app.click("#open-handover").await;
    app.wait_screen("handover").await;
    check(&h, &app, "handover").await;
    app.quit().await;
}
