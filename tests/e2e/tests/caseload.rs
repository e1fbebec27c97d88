//! A link worker's week in the real app: referral, contacts, plan, risk, closing; and a home-visit
//! note that survives the app being killed.

use linkwork_e2e::Harness;

async fn add_referral(app: &linkwork_e2e::App, nhs: &str, given: &str, family: &str) {
    app.click("[data-nav='new-referral']").await;
    app.wait_screen("new-referral").await;
    app.fill("#nhs_number", nhs).await;
    app.fill("#given_name", given).await;
    app.fill("#family_name", family).await;
    app.fill("#date_of_birth", "14/02/1948").await;
    app.fill("#referrer_name", "Dr Amir Hussain").await;
    app.click("#reasons-loneliness").await;
    app.select("#source", "gp").await;
    app.wait("#referral-form:not([data-checking])").await;
    app.click("#referral-form button[type='submit']").await;
    app.wait_screen("person").await;
}

#[tokio::test]
async fn referral_contacts_plan_risk_close_and_the_counters() {
    let mut h = Harness::start("caseload").await;
    let app = h.launch().await;
    app.create_vault().await;
    app.wait_text("[data-testid='count-open']", "0").await;

    // A bad NHS number is refused by name; nothing is saved.
    app.click("[data-nav='new-referral']").await;
    app.wait_screen("new-referral").await;
    app.fill("#nhs_number", "943 476 5918").await;
    app.fill("#given_name", "Ivy").await;
    app.fill("#family_name", "Walker").await;
    app.select("#source", "gp").await;
    app.wait("#referral-form:not([data-checking])").await;
    app.click("#referral-form button[type='submit']").await;
    app.wait_text("#nhs_number-error", "last digit does not match")
        .await;
    h.shot(&app, "referral-bad-nhs-number").await;

    app.fill("#nhs_number", "943 476 5919").await;
    app.fill("#date_of_birth", "14/02/1948").await;
    app.select("#method", "nhs_ers").await;
    app.click("#reasons-loneliness").await;
    app.click("#reasons-money_debt").await;
    h.shot(&app, "referral-filled").await;
    app.select("#source", "gp").await;
    app.wait("#referral-form:not([data-checking])").await;
    app.click("#referral-form button[type='submit']").await;
    app.wait_screen("person").await;
    assert_eq!(app.text("[data-testid='episode-status']").await, "Waiting");
    h.shot(&app, "person-new").await;

    // The caseload shows one open, one waiting.
    app.click("[data-nav='caseload']").await;
    app.wait_text("[data-testid='count-open']", "1").await;
    assert_eq!(app.text("[data-testid='count-waiting']").await, "1");
    app.fill("#caseload-search", "943476").await;
    app.wait_text("[data-testid='caseload-table'] tbody", "Ivy Walker")
        .await;
    app.click("[data-person='Ivy Walker']").await;
    app.wait_screen("person").await;

    // A phone contact makes the episode active; a home visit follows.
    app.click("#record-contact").await;
    app.fill("#duration_minutes", "20").await;
    app.fill(
        "#contact_notes",
        "First call. Lives alone since her husband died; misses the choir.",
    )
    .await;
    app.click("#save-contact").await;
    app.wait_text("[data-testid='episode-status']", "Active")
        .await;
    // A save is confirmed, and focus goes to the confirmation, not back to the page.
    app.wait_text("[data-testid='contact-saved']", "Contact saved: phone")
        .await;
    let focused = app
        .client
        .execute("return document.activeElement.dataset.testid", vec![])
        .await
        .unwrap();
    assert_eq!(focused.as_str(), Some("contact-saved"));
    // The next contact starts as long as the last.
    app.click("#record-contact").await;
    assert_eq!(app.value("#duration_minutes").await, "20");
    app.select("#contact_type", "home_visit").await;
    app.fill("#duration_minutes", "60").await;
    app.fill(
        "#contact_notes",
        "Home visit. Talked about the community choir on Thursdays.",
    )
    .await;
    app.click("#save-contact").await;
    app.wait_text("[data-testid='contacts']", "Home visit, 60 min")
        .await;
    assert_eq!(
        app.text("[data-testid='days-to-first-contact']").await,
        "0 days"
    );

    // What matters, a goal and an action.
    app.fill("#what_matters", "Singing again and not feeling so alone")
        .await;
    app.fill("#goal_text", "Go to choir practice").await;
    app.select("#importance", "9").await;
    app.click("#goal-form button[type='submit']").await;
    app.wait_text("[data-testid='goals']", "Go to choir practice")
        .await;
    app.fill("#action_who", "Link worker").await;
    app.fill("#action_what", "Ring the choir leader").await;
    app.click("#action-form button[type='submit']").await;
    app.wait_text(
        "[data-testid='actions']",
        "Link worker: Ring the choir leader",
    )
    .await;
    h.shot(&app, "person-plan").await;

    // A risk shows on the header and the caseload.
    app.click("#raise-concern").await;
    app.fill("#concern_text", "Said she has stopped eating proper meals")
        .await;
    app.select("#concern_level", "medium").await;
    app.fill("#concern_action", "Told GP the same day").await;
    app.click("#raise-concern-form button[type='submit']").await;
    app.wait_text("[data-testid='risk-flag']", "stopped eating")
        .await;
    h.shot(&app, "person-risk").await;
    app.click("[data-nav='caseload']").await;
    app.wait_text("[data-testid='caseload-table'] tbody", "Risk")
        .await;
    assert!(app.text("[data-testid='gauge']").await.contains("1 of 250"));
    h.shot(&app, "caseload-one").await;

    // Closing asks for a reason (and about a final measure), then the counters drop.
    app.click("[data-person='Ivy Walker']").await;
    app.wait_screen("person").await;
    app.click("#close-episode").await;
    app.wait_text("#close_reason-error", "Choose the reason for closing")
        .await;
    app.select("#close_reason", "goals_met").await;
    app.click("#close-episode").await;
    // She was seen but has no ONS4: closing asks first, and closing without it is one click.
    app.wait_text("[data-testid='final-prompt']", "No final ONS4 recorded")
        .await;
    app.click("#close-without").await;
    app.wait_text("main", "No open episode").await;
    h.shot(&app, "person-closed").await;
    app.click("[data-nav='caseload']").await;
    app.wait_text("[data-testid='count-open']", "0").await;
    assert_eq!(app.text("[data-testid='count-waiting']").await, "0");
    assert!(
        app.text("[data-testid='gauge']").await.contains("1 of 250"),
        "still supported in the last 12 months"
    );
    app.quit().await;

    // No patient text in any file of the data folder.
    for (path, bytes) in walk(&h.data_dir()) {
        for needle in ["Walker", "choir", "9434765919", "stopped eating"] {
            assert!(
                !bytes.windows(needle.len()).any(|w| w == needle.as_bytes()),
                "{needle} found in {}",
                path.display()
            );
        }
    }
}

fn walk(dir: &std::path::Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let mut out = vec![];
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push((p.clone(), std::fs::read(&p).unwrap()));
        }
    }
    out
}

#[tokio::test]
async fn a_home_visit_note_survives_the_app_being_killed() {
    let mut h = Harness::start("draft-recovery").await;
    let app = h.launch().await;
    app.create_vault().await;
    add_referral(&app, "999 999 9999", "Arthur", "Dent").await;

    app.click("#record-contact").await;
    app.select("#contact_type", "home_visit").await;
    let note = "Home visit. Kitchen cold; heating broken since October.\nWants help with the boiler grant — and to see his grandson.";
    // WebDriver types a line break as the Enter key, not "\n".
    app.fill(
        "#contact_notes",
        &note.replace('\n', &char::from(fantoccini::key::Key::Enter).to_string()),
    )
    .await;
    // Autosave runs every few seconds; wait until it says so, then pull the plug mid-note.
    app.wait_text("[data-testid='draft-status']", "Draft saved at")
        .await;
    h.shot(&app, "writing").await;
    h.kill_app();

    let app = h.launch().await;
    app.unlock().await;
    app.wait_text("[data-testid='caseload-table'] tbody", "Unsaved note")
        .await;
    app.click("[data-person='Arthur Dent']").await;
    app.wait("[data-testid='draft-offer']").await;
    h.shot(&app, "draft-offered").await;
    app.click("#restore-draft").await;
    assert_eq!(
        app.value("#contact_notes").await,
        note,
        "the draft comes back exactly"
    );
    assert_eq!(app.value("#contact_type").await, "home_visit");
    app.fill("#duration_minutes", "45").await;
    app.click("#save-contact").await;
    app.wait_text("[data-testid='contacts']", "Kitchen cold")
        .await;
    app.quit().await;

    // Saving cleared the draft: a fresh launch offers nothing.
    let app = h.launch().await;
    app.unlock().await;
    assert!(!app
        .text("[data-testid='caseload-table'] tbody")
        .await
        .contains("Unsaved note"));
    app.click("[data-person='Arthur Dent']").await;
    app.wait_screen("person").await;
    assert!(app
        .client
        .find(fantoccini::Locator::Css("[data-testid='draft-offer']"))
        .await
        .is_err());
    app.quit().await;
}

/// Scrolls `css` to the top of the window, so a screenshot shows it.
async fn scroll_to(app: &linkwork_e2e::App, css: &str) {
    app.wait(css).await;
    app.client
        .execute(
            "document.querySelector(arguments[0]).scrollIntoView()",
            vec![serde_json::json!(css)],
        )
        .await
        .unwrap();
}

/// A contact in the Contacts table whose text contains `needle`: its `data-contact` id.
async fn contact_row(app: &linkwork_e2e::App, needle: &str) -> String {
    let rows = app
        .client
        .find_all(fantoccini::Locator::Css(
            "[data-testid='contacts'] tbody tr",
        ))
        .await
        .unwrap();
    for r in rows {
        if r.text().await.unwrap().contains(needle) {
            return r.attr("data-contact").await.unwrap().unwrap();
        }
    }
    panic!("no contact says {needle:?}");
}

#[tokio::test]
async fn correct_a_record_edit_details_enter_in_error_and_work_the_risk_log() {
    let mut h = Harness::start("corrections").await;
    let app = h.launch().await;
    app.create_vault().await;
    add_referral(&app, "943 476 5919", "Ivy", "Walker").await;
    add_referral(&app, "987 654 3210", "Tom", "Evans").await;

    // A call logged on Tom that was really Ivy's: marked entered in error, kept struck through.
    app.click("#record-contact").await;
    app.fill("#duration_minutes", "15").await;
    app.fill("#contact_notes", "Talked about the choir (this was Ivy)")
        .await;
    app.click("#save-contact").await;
    app.wait_text("[data-testid='episode-status']", "Active")
        .await;
    let id = contact_row(&app, "this was Ivy").await;
    app.click(&format!(
        "[data-contact='{id}'] button[aria-label^='Mark contact']"
    ))
    .await;
    app.click(&format!("[data-contact='{id}'] button[type='submit']"))
        .await;
    app.wait_text(&format!("[data-contact='{id}']"), "Enter the reason")
        .await;
    app.fill(
        &format!("#error_reason-{id}"),
        "Wrong person: this was Ivy Walker",
    )
    .await;
    app.click(&format!("[data-contact='{id}'] button[type='submit']"))
        .await;
    app.wait_text(&format!("[data-contact='{id}']"), "Entered in error")
        .await;
    assert_eq!(
        app.text("[data-testid='episode-status']").await,
        "Waiting",
        "no real contact took place, so Tom is back on the waiting list"
    );
    scroll_to(&app, "[data-testid='contacts']").await;
    h.shot(&app, "contact-entered-in-error").await;

    // Edit Ivy's phone and consent; an NHS number already in use is refused, naming the field.
    app.click("[data-nav='caseload']").await;
    app.click("[data-person='Ivy Walker']").await;
    app.wait_screen("person").await;
    // The window title names the person once the page has loaded.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while app.client.title().await.unwrap() != "Ivy Walker – Person – Linkwork" {
        assert!(
            std::time::Instant::now() < deadline,
            "title: {}",
            app.client.title().await.unwrap()
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    app.click("#edit-person").await;
    app.fill("#nhs_number", "987 654 3210").await;
    app.click("#edit-person-form button[type='submit']").await;
    app.wait_text("#nhs_number-error", "already has the NHS number")
        .await;
    scroll_to(&app, "#edit-person-form").await;
    h.shot(&app, "edit-person-nhs-taken").await;
    app.fill("#nhs_number", "943 476 5919").await;
    app.fill("#phone", "07700 900123").await;
    app.select("#consent_to_share", "yes").await;
    h.shot(&app, "edit-person-filled").await;
    app.click("#edit-person-form button[type='submit']").await;
    let details = app
        .wait_text("[data-testid='person-details']", "07700 900123")
        .await;
    assert!(details.contains("Yes ("), "{details}");
    app.click("[data-testid='consent-history'] summary").await;
    app.wait_text("[data-testid='consent-history']", "Given")
        .await;
    scroll_to(&app, "#details-title").await;
    h.shot(&app, "person-edited").await;

    // Two concerns; closing one leaves the flag on and lists the one still open.
    for (what, level) in [("Falls at home", "high"), ("Scam phone calls", "low")] {
        app.click("#raise-concern").await;
        app.fill("#concern_text", what).await;
        app.select("#concern_level", level).await;
        app.click("#raise-concern-form button[type='submit']").await;
        app.wait_text("[data-testid='risk-flag']", what).await;
    }
    scroll_to(&app, "#risk-title").await;
    h.shot(&app, "two-concerns").await;
    app.click("[data-concern='Falls at home'] .app-concern__actions button:nth-child(2)")
        .await;
    app.fill("#risk_note", "Grab rails fitted; no falls for a month")
        .await;
    app.click("#close-concern-form button[type='submit']").await;
    // The closed concern shows under "Closed concerns"; then the flag lists only the open one.
    app.wait_text("#risk-title ~ details summary", "Closed concerns (1)")
        .await;
    let flag = app.text("[data-testid='risk-flag']").await;
    assert!(
        flag.contains("Scam phone calls") && !flag.contains("Falls"),
        "{flag}"
    );
    app.click("#risk-title ~ details summary").await;
    scroll_to(&app, "#risk-title").await;
    h.shot(&app, "one-concern-closed").await;
    scroll_to(&app, "main").await;
    h.shot(&app, "one-concern-closed-header").await;

    // A referral with Ivy's NHS number under another name shows both and asks which is right.
    app.click("[data-nav='new-referral']").await;
    app.wait_screen("new-referral").await;
    app.fill("#nhs_number", "943 476 5919").await;
    app.fill("#given_name", "Ivy").await;
    app.fill("#family_name", "Walters").await;
    let shown = app
        .wait_text("[data-testid='identity-check']", "Ivy Walker")
        .await;
    assert!(shown.contains("Ivy Walters"), "{shown}");
    app.select("#source", "gp").await;
    app.wait("#referral-form:not([data-checking])").await;
    app.click("#referral-form button[type='submit']").await;
    app.wait_text("#nhs_number-error", "belongs to Ivy Walker")
        .await;
    scroll_to(&app, "[data-testid='identity-check']").await;
    h.shot(&app, "identity-check").await;
    app.click("[data-nav='caseload']").await;
    app.wait_screen("caseload").await;

    // Tom referred again without his NHS number makes a second record; merge it into the first.
    app.click("[data-nav='new-referral']").await;
    app.wait_screen("new-referral").await;
    app.fill("#given_name", "Tom").await;
    app.fill("#family_name", "Evans").await;
    app.fill("#date_of_birth", "14/02/1948").await;
    app.click("#reasons-loneliness").await;
    app.wait_text("[data-testid='possible-duplicates']", "Tom Evans")
        .await;
    app.click("#confirm-new").await;
    app.select("#source", "gp").await;
    app.wait("#referral-form:not([data-checking])").await;
    app.click("#referral-form button[type='submit']").await;
    app.wait_screen("person").await;
    let details = app.text("[data-testid='person-details']").await;
    assert!(!details.contains("07700"), "a new record: {details}");
    app.click("#merge-start").await;
    app.fill("#merge_search", "evans").await;
    app.click("[data-merge-candidate='Tom Evans']").await;
    app.click("#merge-keep-other").await;
    app.click("#merge-confirm").await;
    app.wait_text("#merge-panel", "Both records have an open episode")
        .await;
    h.shot(&app, "merge-refused-two-open").await;
    app.select("#close_reason", "other").await;
    app.click("#close-episode").await;
    app.wait_text("main", "No open episode").await;
    // The merge panel kept its choice while the episode was closed.
    scroll_to(&app, "#merge-panel").await;
    h.shot(&app, "merge-confirm").await;
    app.click("#merge-confirm").await;
    // The kept record (with the NHS number) now has both episodes.
    app.wait_text("[data-testid='episode-status']", "Waiting")
        .await;
    let page = app.wait_text("main", "Past episodes").await;
    assert!(page.contains("987 654 3210"), "{page}");
    h.shot(&app, "merged").await;
    app.click("[data-nav='caseload']").await;
    app.wait_text("[data-testid='count-open']", "2").await;
    app.quit().await;
}
