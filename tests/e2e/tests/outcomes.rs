//! Outcomes in the real app: an ONS4 baseline typed with the keyboard only, a follow-up by mouse,
//! a PAM result; the person's chart, change table and the caseload summary show the right numbers.

use fantoccini::{key::Key, Locator};
use linkwork_e2e::{App, Harness};

fn key(k: Key) -> String {
    char::from(k).to_string()
}

fn days_ago(n: i64) -> String {
    (chrono::Local::now().date_naive() - chrono::Duration::days(n))
        .format("%d/%m/%Y")
        .to_string()
}

/// Types into whatever has focus, as a keyboard user does.
async fn type_keys(app: &App, keys: &str) {
    app.client
        .active_element()
        .await
        .unwrap()
        .send_keys(keys)
        .await
        .unwrap();
}

async fn referral(app: &App, nhs: &str, given: &str, family: &str, received: &str) {
    app.click("[data-nav='new-referral']").await;
    app.wait_screen("new-referral").await;
    app.fill("#nhs_number", nhs).await;
    app.fill("#given_name", given).await;
    app.fill("#family_name", family).await;
    app.fill("#received_on", received).await;
    app.select("#source", "gp").await;
    app.wait("#referral-form:not([data-checking])").await;
    app.click("#referral-form button[type='submit']").await;
    app.wait_screen("person").await;
}

/// Text with each run of white space (cell breaks included) as one space.
async fn row_text(app: &App, css: &str) -> String {
    app.wait(css).await;
    // innerText separates table cells (WebDriver's element text runs them together).
    let text = app
        .client
        .execute(
            "return document.querySelector(arguments[0]).innerText",
            vec![serde_json::json!(css)],
        )
        .await
        .unwrap();
    text.as_str()
        .unwrap()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Counts painted pixels, so a blank canvas (a chart that failed to draw) fails the test.
async fn painted(app: &App, css: &str) -> u64 {
    let script = "const c = document.querySelector(arguments[0]); const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                  let n = 0; for (let i = 3; i < d.length; i += 4) { if (d[i] > 0) n++; } return n;";
    app.client
        .execute(script, vec![serde_json::json!(css)])
        .await
        .unwrap()
        .as_u64()
        .unwrap()
}

#[tokio::test]
async fn ons4_by_keyboard_and_mouse_pam_and_the_change_they_show() {
    let mut h = Harness::start("outcomes").await;
    let app = h.launch().await;
    app.create_vault().await;
    referral(&app, "943 476 5919", "Ivy", "Walker", &days_ago(60)).await;

    // First contact: the baseline is now due.
    app.click("#log-contact").await;
    app.fill("#occurred_at", &format!("{} 10:00", days_ago(50)))
        .await;
    app.fill("#duration_minutes", "30").await;
    app.click("#save-contact").await;
    app.wait_text("[data-testid='contact-saved']", "Contact saved")
        .await;
    app.section("outcomes").await;
    app.wait_text(
        "[data-testid='reminders']",
        "Baseline ONS4 not recorded yet",
    )
    .await;

    // Baseline by keyboard only: Enter opens the form, number keys answer, Tab moves on.
    app.wait("#record-ons4")
        .await
        .send_keys(&key(Key::Enter))
        .await
        .unwrap();
    app.wait("[data-testid='ons4-form']").await;
    assert!(app
        .text("#ons4-introduction")
        .await
        .contains("There are no right or wrong answers."));
    // 1 then 0 is 10 only with nothing typed between.
    type_keys(&app, "1d0").await;
    assert_eq!(
        app.text("[data-testid='band-life_satisfaction']").await,
        "Score 0, band Low"
    );
    type_keys(&app, "10").await;
    assert_eq!(
        app.text("[data-testid='band-life_satisfaction']").await,
        "Score 10, band Very high"
    );
    type_keys(&app, "3").await;
    type_keys(&app, &key(Key::Tab)).await;
    type_keys(&app, "4").await;
    type_keys(&app, &key(Key::Tab)).await;
    type_keys(&app, "5").await;
    type_keys(&app, &key(Key::Tab)).await;
    type_keys(&app, "8").await;
    assert_eq!(
        app.text("[data-testid='band-anxiety']").await,
        "Score 8, band High"
    );
    assert_eq!(
        app.text("[data-testid='band-life_satisfaction']").await,
        "Score 3, band Low"
    );
    // Past the contact picker to the date, which is typed over.
    type_keys(&app, &key(Key::Tab)).await;
    type_keys(&app, &key(Key::Tab)).await;
    let date_focused: bool = app
        .client
        .execute("return document.activeElement.id === 'recorded_on'", vec![])
        .await
        .unwrap()
        .as_bool()
        .unwrap();
    assert!(date_focused, "Tab reaches the date field");
    type_keys(&app, &key(Key::Backspace).repeat(10)).await;
    type_keys(&app, &days_ago(50)).await;
    h.shot(&app, "ons4-baseline-keyboard").await;
    type_keys(&app, &key(Key::Enter)).await;
    app.wait_text("[data-testid='ons4-records']", "Baseline")
        .await;
    let records = row_text(&app, "[data-testid='ons4-records']").await;
    assert!(
        records.contains(&format!(
            "{} Baseline 3 Low 4 Low 5 Medium 8 High",
            days_ago(50)
        )),
        "{records}"
    );
    assert!(app
        .text("[data-testid='reminders']")
        .await
        .contains("Next ONS4 follow-up due by"));

    // Follow-up by mouse, today.
    app.click("#record-ons4").await;
    for (item, v) in [
        ("life_satisfaction", "7"),
        ("worthwhile", "4"),
        ("happiness", "9"),
        ("anxiety", "3"),
    ] {
        app.click(&format!("label[for='ons4-{item}-{v}']")).await;
    }
    app.click("#save-ons4").await;
    app.wait("[data-testid='ons4-change']").await;
    let row = |item: &str| format!("[data-testid='ons4-change'] tr[data-item='{item}']");
    assert_eq!(
        row_text(&app, &row("life_satisfaction")).await,
        "Life satisfaction 3 Low 7 High \u{2191} up 4 points, improved"
    );
    assert_eq!(
        row_text(&app, &row("worthwhile")).await,
        "Worthwhile 4 Low 4 Low \u{2192} no change"
    );
    assert_eq!(
        row_text(&app, &row("happiness")).await,
        "Happiness 5 Medium 9 Very high \u{2191} up 4 points, improved"
    );
    assert_eq!(
        row_text(&app, &row("anxiety")).await,
        "Anxiety (lower is better) 8 High 3 Low \u{2193} down 5 points, improved"
    );

    // A PAM result, exactly as the licensed tool reported it; a bad score is refused by name first.
    app.click("#record-pam").await;
    app.fill("#pam_score", "56.45").await;
    app.select("#pam_level", "3").await;
    app.click("#save-pam").await;
    app.wait_text("#pam_score-error", "at most one decimal place")
        .await;
    app.fill("#pam_score", "56.4").await;
    app.click("#save-pam").await;
    app.wait_text("[data-testid='pam-records']", "56.4").await;
    assert!(row_text(&app, "[data-testid='pam-records']")
        .await
        .contains("Baseline 56.4 3 Beginning to take action PAM-13"));

    // The chart is drawn (pixels on the canvas), and its table says the same numbers.
    assert!(
        painted(&app, "[data-testid='ons4-chart']").await > 2000,
        "the ONS4 chart is drawn"
    );
    app.client
        .execute(
            "document.querySelector('[data-testid=\"ons4-chart\"]').scrollIntoView()",
            vec![],
        )
        .await
        .unwrap();
    h.shot(&app, "person-outcomes").await;

    // Across the caseload: one person with two records.
    app.click("[data-nav='outcomes']").await;
    app.wait_screen("outcomes").await;
    app.wait_text("[data-testid='summary-table']", "Life satisfaction")
        .await;
    assert_eq!(
        row_text(
            &app,
            "[data-testid='summary-table'] tr[data-item='life_satisfaction']"
        )
        .await,
        "Life satisfaction 1 of 1 who started low (100%) 1 +4.0 up 4.0 on average (better) 100% 0% 0%"
    );
    assert_eq!(
        row_text(
            &app,
            "[data-testid='summary-table'] tr[data-item='anxiety']"
        )
        .await,
        "Anxiety 1 of 1 who started high (100%) 1 \u{2212}5.0 down 5.0 on average (better) 100% 0% 0%"
    );
    h.shot(&app, "caseload-outcomes").await;

    // Closing someone with no final measure asks, and never blocks.
    referral(&app, "999 999 9999", "Arthur", "Dent", &days_ago(20)).await;
    app.click("#log-contact").await;
    app.fill("#duration_minutes", "15").await;
    app.click("#save-contact").await;
    app.wait_text("[data-testid='episode-status']", "Active")
        .await;
    app.section("overview").await;
    app.click("#start-close").await;
    app.select("#close_reason", "declined").await;
    app.click("#close-episode").await;
    app.wait_text("[data-testid='final-prompt']", "No final ONS4 recorded")
        .await;
    h.shot(&app, "close-final-prompt").await;
    app.click("#close-without").await;
    app.wait_text("main", "No open episode").await;
    assert!(app
        .client
        .find(Locator::Css("[data-testid='final-prompt']"))
        .await
        .is_err());
    app.quit().await;
}

/// A vault filled by the command line opens in the app: a realistic caseload with follow-ups due.
#[tokio::test]
async fn a_demo_caseload_from_the_cli_shows_follow_ups_due() {
    let mut h = Harness::start("outcomes-demo").await;
    h.cli(&["init"]);
    h.cli(&["demo", "--people", "150", "--seed", "7"]);
    let app = h.launch().await;
    app.unlock().await;
    let due: u32 = app
        .text("[data-testid='count-follow-ups']")
        .await
        .parse()
        .unwrap();
    assert!(due > 0, "demo data has follow-ups due");
    app.click("button[data-sort='follow_up']").await;
    h.shot(&app, "caseload-by-follow-up").await;
    app.select("#caseload-show", "only:follow_ups").await;
    // The list refreshes a moment after the tick: wait for it to settle on the counted number.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let rows = app
            .client
            .find_all(Locator::Css("[data-testid='caseload-table'] tbody tr"))
            .await
            .unwrap()
            .len() as u32;
        if rows == due {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the filter shows {rows} rows; the counter says {due}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    h.shot(&app, "caseload-follow-ups-only").await;
    app.client
        .find(Locator::Css(
            "[data-testid='caseload-table'] tbody tr button",
        ))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    app.wait_screen("person").await;
    app.wait("[data-testid='header-reminders']").await;
    h.shot(&app, "person-follow-up-due").await;
    app.section("outcomes").await;
    app.wait("[data-testid='reminders']").await;
    app.quit().await;
}
