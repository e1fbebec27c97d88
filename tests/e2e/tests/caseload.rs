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
    app.click("#log-contact").await;
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
    // The next call starts as long as her last call; a home visit has no length yet, so it asks.
    app.click("#record-contact").await;
    assert_eq!(app.value("#duration_minutes").await, "20");
    app.select("#contact_type", "home_visit").await;
    assert_eq!(app.value("#duration_minutes").await, "");
    app.fill("#duration_minutes", "60").await;
    app.fill(
        "#contact_notes",
        "Home visit. Talked about the community choir on Thursdays.",
    )
    .await;
    app.click("#save-contact").await;
    app.wait_text("[data-testid='contacts']", "Home visit, 60 min")
        .await;
    // The hour-long visit does not become the next call's length; the next visit's, it does.
    app.click("#record-contact").await;
    assert_eq!(app.value("#duration_minutes").await, "20");
    app.select("#contact_type", "home_visit").await;
    assert_eq!(app.value("#duration_minutes").await, "60");
    app.click("#discard-contact").await;
    app.click("#discard-contact-confirm").await;
    app.wait_text("[data-testid='contact-saved']", "discarded")
        .await;
    app.section("overview").await;
    assert_eq!(
        app.text("[data-testid='days-to-first-contact']").await,
        "0 days"
    );

    // What matters, a goal and an action.
    app.section("plan").await;
    app.fill("#what_matters", "Singing again and not feeling so alone")
        .await;
    app.click("#add-goal").await;
    app.fill("#goal_text", "Go to choir practice").await;
    app.select("#importance", "9").await;
    app.click("#goal-form button[type='submit']").await;
    app.wait_text("[data-testid='goals']", "Go to choir practice")
        .await;
    app.click("#add-action").await;
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
    app.section("risks").await;
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

    // Closing asks for a reason, what happens to the open concern and about a final measure; then
    // the counters drop, and the concern kept open stays in sight.
    app.click("[data-person='Ivy Walker']").await;
    app.wait_screen("person").await;
    app.click("#start-close").await;
    app.click("#close-episode").await;
    app.wait_text("#close_reason-error", "Choose the reason for closing")
        .await;
    app.select("#close_reason", "goals_met").await;
    app.click("#close-episode").await;
    app.wait_text(
        "[data-concern-decision] .nhsuk-error-message",
        "close it with a note, or keep it open",
    )
    .await;
    h.shot(&app, "close-asks-about-the-concern").await;
    app.click("[data-concern-decision] input[id$='-keep']")
        .await;
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
    assert_eq!(app.text("[data-testid='count-concerns']").await, "1");
    app.click("#open-concerns").await;
    app.wait_screen("concerns").await;
    let row = app.text("[data-testid='concerns-table'] tbody tr").await;
    assert!(
        row.contains("Ivy Walker") && row.contains("stopped eating") && row.contains("Closed"),
        "{row}"
    );
    h.shot(&app, "open-concerns").await;
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

    app.click("#log-contact").await;
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
    app.click("#log-contact").await;
    app.fill("#duration_minutes", "15").await;
    app.fill("#contact_notes", "Talked about the choir (this was Ivy)")
        .await;
    app.click("#save-contact").await;
    app.wait_text("[data-testid='episode-status']", "Active")
        .await;
    let id = contact_row(&app, "this was Ivy").await;
    app.click(&format!("[data-contact='{id}'] .app-in-error-mark"))
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
    // The button pressed is gone: focus is on the note that replaced it.
    app.wait_focus("in-error-note", "marking a contact entered in error")
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
    app.section("details").await;
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
    app.wait_text("[data-testid='person-details']", "07700 900123")
        .await;
    let gp = app.text("[data-purpose='share_with_gp']").await;
    assert!(gp.contains("Given ("), "{gp}");
    app.click("[data-testid='consent-history'] summary").await;
    app.wait_text("[data-testid='consent-history']", "Given")
        .await;
    scroll_to(&app, "#details-title").await;
    h.shot(&app, "person-edited").await;

    // Two concerns; closing one leaves the flag on and lists the one still open.
    app.section("risks").await;
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
    app.section("details").await;
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
    app.section("overview").await;
    app.click("#start-close").await;
    app.select("#close_reason", "other").await;
    app.click("#close-episode").await;
    app.wait_text("main", "No open episode").await;
    // The merge panel kept its choice while the episode was closed.
    app.section("details").await;
    scroll_to(&app, "#merge-panel").await;
    h.shot(&app, "merge-confirm").await;
    app.click("#merge-confirm").await;
    // The kept record (with the NHS number) now has both episodes.
    app.wait_text("[data-testid='episode-status']", "Waiting")
        .await;
    app.section("history").await;
    let page = app.wait_text("main", "Past episodes").await;
    assert!(page.contains("987 654 3210"), "{page}");
    h.shot(&app, "merged").await;
    app.click("[data-nav='caseload']").await;
    app.wait_text("[data-testid='count-open']", "2").await;
    app.quit().await;
}

/// Runs a script in the page and returns its value.
async fn js(app: &linkwork_e2e::App, script: &str) -> serde_json::Value {
    app.client.execute(script, vec![]).await.unwrap()
}

/// Sizes the window so its page is `w`×`h` CSS pixels (the window frame differs by platform).
/// A resize lands asynchronously (an earlier one can still arrive after a later request), so it
/// settles only when the page has had the right size twice in a row.
async fn viewport(app: &linkwork_e2e::App, w: u32, h: u32) {
    let inner = || async {
        let v = js(app, "return [window.innerWidth, window.innerHeight]").await;
        (v[0].as_i64().unwrap(), v[1].as_i64().unwrap())
    };
    let (mut ow, mut oh) = (w as i64, h as i64);
    let mut settled = 0;
    for _ in 0..40 {
        app.client
            .set_window_size(ow.max(200) as u32, oh.max(200) as u32)
            .await
            .unwrap();
        tokio::time::sleep(std::time::Duration::from_millis(150)).await;
        let (iw, ih) = inner().await;
        if (iw, ih) == (w as i64, h as i64) {
            settled += 1;
            if settled == 2 {
                return;
            }
            continue;
        }
        settled = 0;
        // Grow or shrink the outer size by the difference (the window frame).
        ow += w as i64 - iw;
        oh += h as i64 - ih;
    }
    assert_eq!(inner().await, (w as i64, h as i64), "page size");
}

/// Ids that occur more than once in the page.
async fn duplicate_ids(app: &linkwork_e2e::App) -> Vec<String> {
    let v = js(
        app,
        "const seen = {}; for (const e of document.querySelectorAll('[id]')) seen[e.id] = (seen[e.id] || 0) + 1;
         return Object.keys(seen).filter(k => seen[k] > 1);",
    )
    .await;
    serde_json::from_value(v).unwrap()
}

/// Keys as WebDriver sends them: a modifier, the key, then release.
fn chord(modifier: fantoccini::key::Key, key: &str) -> String {
    format!(
        "{}{key}{}",
        char::from(modifier),
        char::from(fantoccini::key::Key::Null)
    )
}

#[tokio::test]
async fn everyday_screens_by_keyboard_at_1024_by_768() {
    use fantoccini::key::Key;
    let mut h = Harness::start("everyday").await;
    h.cli(&["init"]);
    h.cli(&["demo", "--people", "150", "--seed", "3"]);
    // As the caseload looks mid-month: backed up, last month's report sent (in a month's first
    // week both reminders would otherwise stand above the list, whatever day the suite runs).
    let out = h.data_dir().with_file_name("out");
    std::fs::create_dir_all(&out).unwrap();
    let path = |f: &str| out.join(f).to_str().unwrap().to_string();
    std::fs::write(out.join("report-pass"), "a passphrase for the supervisor\n").unwrap();
    h.cli(&["backup", "--out", &path("backup.age")]);
    h.cli(&["report", "settings", "--worker-name", "Sam Jones"]);
    h.cli(&[
        "report",
        "monthly",
        "--report-passphrase-file",
        &path("report-pass"),
        "--out",
        &path("report.age"),
    ]);
    let app = h.launch().await;
    app.unlock().await;
    viewport(&app, 1024, 768).await;

    // The caseload opens needing-attention first: those rows carry the most (an overdue review,
    // the tries at a first contact), so at least six fit; sorted by name, ten or more people are
    // on the first screen once the recovery warning is put away.
    app.click("#hide-recovery-warning").await;
    app.wait("[data-testid='caseload-table'] tbody tr:nth-child(12)")
        .await;
    let visible = || async {
        js(
            &app,
            "return [...document.querySelectorAll(\"[data-testid='caseload-table'] tbody tr\")]
                .filter(r => r.getBoundingClientRect().bottom <= window.innerHeight).length",
        )
        .await
        .as_u64()
        .unwrap()
    };
    h.shot(&app, "caseload-1024x768").await;
    let first = visible().await;
    assert!(
        first >= 6,
        "{first} rows on screen in needs-attention order"
    );
    app.click("button[data-sort='name']").await;
    // The rows follow a moment after the click: wait until they are in family-name order.
    let by_family = "const n = [...document.querySelectorAll(\"[data-testid='caseload-table'] tbody [data-person]\")]
                       .map(b => b.dataset.person.split(' ').slice(-1)[0]);
                     return n.length > 0 && n.every((x, i) => i === 0 || n[i - 1].localeCompare(x) <= 0);";
    while js(&app, by_family).await != true {
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    h.shot(&app, "caseload-by-name-1024x768").await;
    let by_name = visible().await;
    assert!(by_name >= 10, "{by_name} rows on screen by name");
    app.click("#sort-attention").await;
    while js(
        &app,
        "return !!document.querySelector(\"[data-testid='sorted-by']\")",
    )
    .await
        == true
    {
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }

    // Find someone, then log a phone call by keyboard: Down to them, Alt+L, the note, Ctrl+Enter.
    let who = app
        .wait("[data-testid='caseload-table'] tbody tr:nth-child(3) [data-person]")
        .await
        .attr("data-person")
        .await
        .unwrap()
        .unwrap();
    app.fill("#caseload-search", &who).await;
    app.wait_text("[data-testid='caseload-table'] tbody tr:first-child", &who)
        .await;
    let mut presses = 0;
    app.keys(&char::from(Key::Down).to_string()).await;
    presses += 1;
    assert_eq!(
        js(&app, "return document.activeElement.dataset.person").await,
        serde_json::json!(who)
    );
    app.keys(&chord(Key::Alt, "l")).await;
    presses += 1;
    app.wait_screen("person").await;
    app.wait("#contact-form").await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while app.focused().await != "contact_notes" {
        assert!(
            std::time::Instant::now() < deadline,
            "focus: {}",
            app.focused().await
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    // Defaults: a phone call that took place, now, as long as this person's latest phone call
    // (the contacts table is newest first), not as long as whatever was saved last for anyone.
    assert_eq!(app.value("#contact_type").await, "phone");
    assert_eq!(app.value("#outcome").await, "took_place");
    let latest_call = js(
        &app,
        "for (const r of document.querySelectorAll(\"[data-testid='contacts'] tbody tr:not(.app-in-error)\")) {
           const m = r.cells[1].textContent.match(/^Phone, (\\d+) min/); if (m) return m[1]; }
         return null;",
    )
    .await;
    let minutes = app.value("#duration_minutes").await;
    match latest_call.as_str() {
        Some(m) => assert_eq!(minutes, m, "as long as their latest call"),
        // No call in this episode: from an earlier one, or empty and asked for.
        None if minutes.is_empty() => {
            app.fill("#duration_minutes", "10").await;
            app.wait("#contact_notes").await.click().await.unwrap();
        }
        None => {}
    }
    app.keys("Rang about the walking group; going on Tuesday.")
        .await;
    h.shot(&app, "call-form-1024x768").await;
    // Save is on the first screen.
    let save_bottom = js(
        &app,
        "return document.getElementById('save-contact').getBoundingClientRect().bottom",
    )
    .await;
    assert!(
        save_bottom.as_f64().unwrap() <= 768.0,
        "Save at {save_bottom}"
    );
    app.keys(&chord(Key::Control, &char::from(Key::Enter).to_string()))
        .await;
    presses += 1;
    let saved = app
        .wait_text("[data-testid='contact-saved']", "Contact saved: phone")
        .await;
    assert!(presses <= 8, "{presses} key presses");
    assert_eq!(app.focused().await, "contact-saved", "{saved}");
    app.wait_text("[data-testid='contacts']", "walking group")
        .await;

    // The workspace: Alt+1 is the overview; the header stays on screen.
    app.keys(&chord(Key::Alt, "1")).await;
    app.wait("[data-section='overview']:not([hidden])").await;
    assert_eq!(app.focused().await, "tab-overview");
    let overview = app.text("[data-testid='overview']").await;
    assert!(overview.contains("Last contact"), "{overview}");
    h.shot(&app, "person-workspace-1024x768").await;
    assert_eq!(duplicate_ids(&app).await, Vec::<String>::new());

    // An ONS4 with three answers missing: three errors, each linked to its question.
    app.keys(&chord(Key::Alt, "4")).await;
    app.click("#record-ons4").await;
    app.click("label[for='ons4-life_satisfaction-6']").await;
    app.click("#save-ons4").await;
    app.wait("[data-testid='error-summary']").await;
    let links = js(
        &app,
        "return [...document.querySelectorAll(\"[data-testid='error-summary'] a\")].map(a => a.getAttribute('href'))",
    )
    .await;
    assert_eq!(
        links,
        serde_json::json!(["#worthwhile", "#happiness", "#anxiety"])
    );
    let invalid = js(
        &app,
        "return document.querySelectorAll('[aria-invalid=true]').length",
    )
    .await;
    assert_eq!(invalid, serde_json::json!(3));
    assert_ne!(app.focused().await, "BODY");
    h.shot(&app, "three-errors").await;
    // A link takes focus to its question.
    app.click("[data-testid='error-summary'] a[href='#happiness']")
        .await;
    assert_eq!(app.focused().await, "ons4-happiness-0");
    // With every form of the workspace open at once, no id is used twice; opening one focuses
    // its first field.
    for (section, opener, first) in [
        ("contacts", "#record-contact", "contact_notes"),
        ("plan", "#add-goal", "goal_text"),
        ("plan", "#add-action", "action_who"),
        ("onward", "#add-onward", "onward-asset"),
        ("risks", "#raise-concern", "concern_text"),
        ("overview", "#start-close", "close_reason"),
    ] {
        app.section(section).await;
        app.click(opener).await;
        assert_eq!(app.focused().await, first, "opening {opener}");
    }
    assert_eq!(duplicate_ids(&app).await, Vec::<String>::new());

    // The directory reaches result 150 of 300.
    app.click("[data-nav='directory']").await;
    app.wait_screen("directory").await;
    app.wait_text("[data-testid='asset-count']", "300").await;
    h.shot(&app, "directory-1024x768").await;
    app.click("#more-assets").await;
    let nth = "[data-testid='asset-results'] tbody tr:nth-child(150)";
    app.wait(nth).await;
    scroll_to(&app, nth).await;
    h.shot(&app, "directory-result-150").await;

    // The same screens on a wide screen use its width.
    viewport(&app, 1440, 900).await;
    let width = js(
        &app,
        "return document.querySelector('main').getBoundingClientRect().width",
    )
    .await;
    assert!(width.as_f64().unwrap() > 1300.0, "main is {width} wide");
    h.shot(&app, "directory-1440x900").await;
    app.click("[data-nav='caseload']").await;
    app.wait("[data-testid='caseload-table']").await;
    h.shot(&app, "caseload-1440x900").await;
    app.click(&format!("[data-log='{who}']")).await;
    app.wait("#contact-form").await;
    h.shot(&app, "call-form-1440x900").await;
    app.keys(&chord(Key::Alt, "1")).await;
    h.shot(&app, "person-workspace-1440x900").await;
    app.quit().await;
}

/// An urgent referral past its target and a person not reached: marked on the caseload and their
/// page, and "Close and tell the referrer" closes as unable to contact, then opens the letter.
#[tokio::test]
async fn urgent_and_not_reached_are_marked_and_closing_tells_the_referrer() {
    let mut h = Harness::start("attention").await;
    h.cli(&["init"]);
    let ago = |n: i64| {
        (chrono::Local::now().date_naive() - chrono::Duration::days(n))
            .format("%d/%m/%Y")
            .to_string()
    };
    h.cli(&[
        "referral",
        "add",
        "--nhs-number",
        "9434765919",
        "--given-name",
        "Ivy",
        "--family-name",
        "Walker",
        "--dob",
        "14/02/1948",
        "--source",
        "gp",
        "--priority",
        "urgent",
        "--received",
        &ago(5),
    ]);
    h.cli(&[
        "referral",
        "add",
        "--nhs-number",
        "9876543210",
        "--given-name",
        "Tom",
        "--family-name",
        "Evans",
        "--dob",
        "01/06/1961",
        "--source",
        "gp",
        "--received",
        &ago(20),
    ]);
    for (days, outcome) in [(10, "unable_to_contact"), (4, "left_message")] {
        h.cli(&[
            "contact",
            "add",
            "--person",
            "9876543210",
            "--at",
            &format!("{} 10:30", ago(days)),
            "--outcome",
            outcome,
        ]);
    }
    let app = h.launch().await;
    app.unlock().await;
    app.wait_text("[data-testid='attention']", "1 urgent overdue")
        .await;
    assert!(app
        .text("[data-testid='attention']")
        .await
        .contains("1 not reached"));
    let first = app
        .text("[data-testid='caseload-table'] tbody tr:first-child")
        .await;
    assert!(
        first.contains("Ivy Walker") && first.contains("Urgent: first contact overdue"),
        "{first}"
    );
    app.click("[data-count='not_reached']").await;
    app.wait_text("[data-testid='not-reached']", "Not reached: 2 tries")
        .await;
    h.shot(&app, "caseload-not-reached").await;
    app.click("[data-person='Tom Evans']").await;
    app.wait_screen("person").await;
    app.wait_text(
        "[data-testid='not-reached-callout']",
        "last 2 tries did not reach Tom",
    )
    .await;
    h.shot(&app, "person-not-reached").await;
    app.click("#close-not-reached").await;
    assert_eq!(app.value("#close_reason").await, "unable_to_contact");
    app.click("#close-episode").await;
    app.wait_text("[data-testid='gp-letter-view']", "Letter to the referrer")
        .await;
    h.shot(&app, "referrer-letter-after-not-reached").await;
    let letter = app.text("[data-testid='gp-letter-view']").await;
    assert!(
        letter.contains(&ago(0)) && letter.contains("Not yet"),
        "closed today, never contacted: {letter}"
    );
    assert!(!letter.contains("Risk"), "{letter}");
    app.quit().await;
}
