//! A case study in the real app: consent to one recorded on Details; the draft from the record;
//! an NHS number and a name typed into it caught and taken out; chosen for the report, where the
//! export panel names it.

use linkwork_e2e::Harness;

#[tokio::test]
async fn a_case_study_written_with_consent_and_its_identifiers_taken_out() {
    let mut h = Harness::start("case-study").await;
    h.cli(&["init"]);
    let received = (chrono::Local::now().date_naive() - chrono::Duration::days(40))
        .format("%d/%m/%Y")
        .to_string();
    h.cli(&[
        "referral",
        "add",
        "--nhs-number",
        "943 476 5919",
        "--given-name",
        "Ivy",
        "--family-name",
        "Walker",
        "--dob",
        "14/02/1948",
        "--received",
        &received,
        "--source",
        "gp",
        "--reason",
        "loneliness",
    ]);
    for days in [35, 4] {
        let at = (chrono::Local::now().date_naive() - chrono::Duration::days(days))
            .format("%d/%m/%Y 10:30")
            .to_string();
        h.cli(&[
            "contact",
            "add",
            "--person",
            "9434765919",
            "--at",
            &at,
            "--duration",
            "30",
        ]);
    }
    let app = h.launch().await;
    app.client.set_window_size(1024, 768).await.unwrap();
    app.unlock().await;
    app.wait_screen("caseload").await;
    app.click("[data-testid='caseload-table'] tbody button[data-person]")
        .await;
    app.wait_screen("person").await;

    // No consent yet: the Outcomes tab says what is needed and offers nothing to write.
    app.section("outcomes").await;
    app.wait("[data-testid='case-no-consent']").await;
    app.section("details").await;
    app.click("#consent-case_study").await;
    app.click("#consent-decision-yes").await;
    app.click("#save-consent").await;
    app.wait_gone("[data-testid='consent-form']").await;

    app.section("outcomes").await;
    app.click("#case-write").await;
    app.wait("[data-testid='case-editor']").await;
    let draft = app.value("#case-body").await;
    assert!(
        draft.contains("Support: 2 contacts from week 1 to week 6"),
        "{draft}"
    );
    assert!(
        !draft.contains("Ivy") && !draft.contains("Walker"),
        "{draft}"
    );
    app.wait("[data-testid='case-clean']").await;

    // Typed in: her first name and NHS number; the check names both, and they come out.
    // At the end of the draft, by keyboard.
    app.click("#case-body").await;
    app.keys(&format!(
        "{}{}{}",
        char::from(fantoccini::key::Key::Control),
        char::from(fantoccini::key::Key::End),
        char::from(fantoccini::key::Key::Null)
    ))
    .await;
    app.keys("Ivy says walking with others (943 476 5919) changed her weeks.")
        .await;
    let found = app
        .wait_text("[data-testid='case-findings']", "an NHS number")
        .await;
    assert!(
        found.contains("\u{201c}Ivy\u{201d} is a name from their record"),
        "{found}"
    );
    h.shot(&app, "case-study-findings").await;
    app.click("#case-strip").await;
    app.wait("[data-testid='case-clean']").await;
    let body = app.value("#case-body").await;
    assert!(
        body.contains("[name removed] says walking with others ([NHS number removed])"),
        "{body}"
    );
    app.fill("#case-title", "Walking with others").await;
    app.click("#case-in-report").await;
    app.click("#case-save").await;
    app.wait_text(
        "[data-testid='case-saved']",
        "Case study saved: \u{201c}Walking with others\u{201d}, chosen for the report.",
    )
    .await;
    app.wait_text("[data-testid='case-list']", "In the report")
        .await;

    // The report's export panel names it.
    app.click("[data-nav='report']").await;
    app.wait_screen("report").await;
    app.wait_text(
        "[data-testid='report-case-studies']",
        "\u{201c}Walking with others\u{201d}",
    )
    .await;
    app.quit().await;
}
