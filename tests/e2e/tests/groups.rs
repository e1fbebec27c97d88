//! A group's session run by keyboard in the real app: twenty people booked, the register ticked
//! with Space and the arrow keys (sixteen came, two sent apologies), saved; then a mistaken tick
//! undone, and the person's record showing what the register made.

use fantoccini::key::Key;
use linkwork_e2e::Harness;

/// A test-range NHS number (999…) with its Modulus 11 check digit, or none when `n` has none.
fn nhs(n: u32) -> Option<String> {
    let body = format!("999{n:06}");
    let sum: u32 = body
        .chars()
        .zip((2..=10).rev())
        .map(|(c, w)| c.to_digit(10).unwrap() * w)
        .sum();
    match 11 - sum % 11 {
        11 => Some(format!("{body}0")),
        10 => None,
        d => Some(format!("{body}{d}")),
    }
}

#[tokio::test]
async fn a_group_session_run_by_keyboard_and_a_mistaken_tick_undone() {
    let mut h = Harness::start("groups").await;
    h.cli(&["init"]);
    let numbers: Vec<String> = (1..).filter_map(nhs).take(20).collect();
    for (i, n) in numbers.iter().enumerate() {
        h.cli(&[
            "referral",
            "add",
            "--nhs-number",
            n,
            "--given-name",
            &format!("Walker{i:02}"),
            "--family-name",
            "Hebble",
            "--source",
            "gp",
            "--reason",
            "loneliness",
        ]);
    }
    h.cli(&[
        "groups",
        "add",
        "--name",
        "Tuesday walking group",
        "--place",
        "Hebble Park gates",
    ]);
    let mut book = vec!["groups", "book", "Tuesday walking group"];
    book.extend(numbers.iter().map(String::as_str));
    h.cli(&book);

    let app = h.launch().await;
    app.client.set_window_size(1024, 768).await.unwrap();
    app.unlock().await;
    let key = |k: Key| char::from(k).to_string();
    app.wait_screen("caseload").await;
    app.tab_to("#open-groups", false).await;
    app.keys(&key(Key::Enter)).await;
    app.wait_screen("groups").await;
    app.tab_to("button[data-group='Tuesday walking group']", false)
        .await;
    app.keys(&key(Key::Enter)).await;
    app.wait_screen("group").await;
    app.wait_focus("group-title", "a group's page starts at its heading")
        .await;
    app.wait_text("#booked-title", "Booked (20)").await;

    // A session today, its register straight after.
    app.tab_to("#session-add", false).await;
    app.keys(&key(Key::Enter)).await;
    app.wait_screen("register").await;
    app.wait_focus("register-title", "the register starts at its heading")
        .await;
    app.wait_text("[data-testid='register-count']", "0 of 20 people came")
        .await;
    app.tab_to("#register-came-0", false).await;
    for _ in 0..16 {
        app.keys(&format!("{}{}", key(Key::Space), key(Key::Down)))
            .await;
    }
    assert_eq!(app.focused().await, "register-came-16");
    app.keys(&key(Key::Tab)).await;
    assert_eq!(app.focused().await, "register-apologies-16");
    app.keys(&format!(
        "{}{}{}",
        key(Key::Space),
        key(Key::Down),
        key(Key::Space)
    ))
    .await;
    app.wait_text(
        "[data-testid='register-count']",
        "16 of 20 people came, 2 sent apologies",
    )
    .await;
    h.shot(&app, "register").await;
    app.tab_to("#register-save", false).await;
    app.keys(&key(Key::Enter)).await;
    app.wait_text(
        "[data-testid='register-saved']",
        "Register saved: 16 came, 2 sent apologies, 2 did not come. 20 contacts recorded.",
    )
    .await;

    // Walker00 did not come after all: unticked, saved again.
    app.tab_to("#register-came-0", true).await;
    app.keys(&key(Key::Space)).await;
    app.tab_to("#register-save", false).await;
    app.keys(&key(Key::Enter)).await;
    app.wait_text(
        "[data-testid='register-saved']",
        "Register saved: 15 came, 2 sent apologies, 3 did not come. 1 contact corrected.",
    )
    .await;
    app.tab_to("#register-back", true).await;
    app.keys(&key(Key::Enter)).await;
    app.wait_screen("group").await;
    let cells = app
        .client
        .execute(
            "return [...document.querySelectorAll(\"[data-testid='group-sessions'] tbody tr:first-child td\")].map((c) => c.innerText);",
            vec![],
        )
        .await
        .unwrap();
    let cells: Vec<String> = serde_json::from_value(cells).unwrap();
    assert_eq!(&cells[1..3], ["15", "5"], "{cells:?}");

    // Their record: the corrected contact kept, marked; the register's "did not come"; the group.
    app.tab_to(
        "[data-testid='group-members'] tbody tr:first-child button",
        false,
    )
    .await;
    app.keys(&key(Key::Enter)).await;
    app.wait_screen("person").await;
    app.wait_text("h1", "Walker00 Hebble").await;
    app.section("contacts").await;
    let contacts = app.text("[data-section='contacts']").await;
    assert!(
        contacts.contains("Booked on Tuesday walking group, did not come (register)."),
        "{contacts}"
    );
    assert!(contacts.contains("Register corrected"), "{contacts}");
    app.section("onward").await;
    app.wait_text(
        "[data-testid='person-groups']",
        "Tuesday walking group: came 0, missed 1",
    )
    .await;
    app.quit().await;
}
