//! Proactive outreach in the real app: a practice search of 20 people imported from its CSV, three
//! of them worked by keyboard alone (Alt+N for the next to call), and the third, who says yes,
//! becomes a referral on the caseload.

use fantoccini::key::Key;
use linkwork_e2e::Harness;

fn chord(modifier: Key, key: &str) -> String {
    format!("{}{key}{}", char::from(modifier), char::from(Key::Null))
}

/// A test-range NHS number (999…) with its Modulus 11 check digit, or none when `n` has none.
fn nhs(n: u32) -> Option<String> {
    let body = format!("999{n:06}");
    let sum: u32 = body
        .chars()
        .zip((2..=10).rev())
        .map(|(c, w)| c.to_digit(10).unwrap() * w)
        .sum();
    let check = 11 - sum % 11;
    match check {
        11 => Some(format!("{body}0")),
        10 => None,
        d => Some(format!("{body}{d}")),
    }
}

/// The person now being called, once it is someone other than `before`.
async fn calling_other_than(app: &linkwork_e2e::App, before: &str) -> String {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let now = app
            .wait("#outreach-calling-title")
            .await
            .text()
            .await
            .unwrap_or_default();
        if now != before && !now.is_empty() {
            return now;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "still calling {before}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn an_outreach_list_of_twenty_worked_by_keyboard_and_a_yes_becomes_a_referral() {
    let mut h = Harness::start("outreach").await;
    h.cli(&["init"]);
    h.cli(&[
        "practices",
        "add",
        "--name",
        "Calder Valley Surgery",
        "--ods",
        "B86002",
        "--system",
        "emis_web",
    ]);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("frailty.csv");
    let mut csv = String::from("\u{feff}\"Frailty register\"\r\n\"NHS Number\",\"Full Name\",\"Date of Birth\",\"Mobile Telephone\",\"Search Name\"\r\n");
    let people: Vec<String> = (1..).filter_map(nhs).take(20).collect();
    let families = ["ACKROYD", "BRIGHT", "COLLINS", "DARBY", "ELLIS"];
    for (i, n) in people.iter().enumerate() {
        csv.push_str(&format!(
            "\"{n}\",\"{}, Person{i}\",\"{:02}-Mar-19{}\",\"07700 9001{i:02}\",\"Frailty, moderate\"\r\n",
            families[i % families.len()],
            1 + i % 28,
            40 + i
        ));
    }
    std::fs::write(&file, csv).unwrap();

    let app = h.launch().await;
    app.unlock().await;
    let key = |k: Key| char::from(k).to_string();
    // Outreach is caseload work: opened from the caseload.
    app.wait_screen("caseload").await;
    app.tab_to("#open-outreach", false).await;
    app.keys(&key(Key::Enter)).await;
    app.wait_screen("outreach").await;
    app.wait("[data-testid='no-outreach-lists']").await;

    // The import: whose search, what it is called, the file; a preview; then all of it.
    app.tab_to("#outreach-practice", false).await;
    app.keys("Calder").await;
    app.fill("#outreach-name", "Frailty register, moderate")
        .await;
    app.pick_next(&file).await;
    app.click("#outreach-file").await;
    let preview = app
        .wait_text("[data-testid='outreach-preview']", "20 people")
        .await;
    assert!(preview.contains("Person0 Ackroyd"), "{preview}");
    h.shot(&app, "outreach-preview").await;
    app.click("#outreach-import").await;
    app.wait_screen("outreach-list").await;
    app.wait_text(
        "[data-testid='outreach-progress']",
        "20 people, 20 still to work",
    )
    .await;

    // By keyboard: Alt+N, the call's outcome, Enter for the next, and so on.
    app.keys(&chord(Key::Alt, "n")).await;
    let first = app
        .wait("#outreach-calling-title")
        .await
        .text()
        .await
        .unwrap();
    app.tab_to("#outreach-no_answer", false).await;
    app.keys(&key(Key::Enter)).await;
    app.wait_text("[data-testid='outreach-status']", "no answer")
        .await;
    assert_eq!(app.focused().await, "outreach-next");
    app.keys(&key(Key::Enter)).await;
    let second = calling_other_than(&app, &first).await;
    assert_ne!(first, second, "the next person");
    app.tab_to("#outreach-left_message", false).await;
    app.keys(&key(Key::Enter)).await;
    app.wait_text("[data-testid='outreach-status']", "left a message")
        .await;
    app.keys(&key(Key::Enter)).await;
    let third = calling_other_than(&app, &second).await;
    assert!(third != first && third != second, "{third}");
    app.tab_to("#outreach-reached", false).await;
    app.keys(&key(Key::Enter)).await;
    app.wait_text("[data-testid='outreach-status']", "reached")
        .await;
    assert_eq!(app.focused().await, "outreach-accept");
    h.shot(&app, "outreach-calling").await;
    app.keys(&key(Key::Enter)).await;
    app.wait_text("[data-testid='outreach-status']", "their referral is made")
        .await;
    app.wait_text(
        "[data-testid='outreach-progress']",
        "20 people, 19 still to work, 1 reached, 1 accepted",
    )
    .await;
    let states = app
        .client
        .execute(
            "return [...document.querySelectorAll(\"[data-testid='outreach-entries'] td[data-state]\")].map((c) => c.dataset.state);",
            vec![],
        )
        .await
        .unwrap();
    let states: Vec<String> = serde_json::from_value(states).unwrap();
    assert_eq!(
        states.iter().filter(|s| *s == "tried").count(),
        2,
        "{states:?}"
    );
    assert_eq!(
        states.iter().filter(|s| *s == "accepted").count(),
        1,
        "{states:?}"
    );
    assert_eq!(app.focused().await, "outreach-open-person");

    // Their record: a referral by proactive search, at the list's practice.
    app.keys(&key(Key::Enter)).await;
    app.wait_screen("person").await;
    let name = third.trim().to_string();
    app.wait_text("h1", &name).await;
    app.section("details").await;
    let details = app.text("[data-testid='person-details']").await;
    assert!(
        details.contains("Calder Valley Surgery, B86002, since "),
        "{details}"
    );
    app.click("[data-nav='caseload']").await;
    app.wait_screen("caseload").await;
    app.wait_text("main", &name).await;
    app.wait_text("#open-outreach", "Outreach: 19 to call")
        .await;
    app.quit().await;
}
