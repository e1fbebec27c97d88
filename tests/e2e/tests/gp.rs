//! GP coding in the real app: the to-code list worked through, the person's GP summary, the
//! letter (screenshot), the letter and FHIR files saved, and a local code in Settings.

use fantoccini::{key::Key, Locator};
use linkwork_e2e::Harness;

fn chord(modifier: Key, key: &str) -> String {
    format!("{}{key}{}", char::from(modifier), char::from(Key::Null))
}

#[tokio::test]
async fn coding_for_the_gp_record_from_list_to_letter() {
    let mut h = Harness::start("gp").await;
    h.cli(&["init"]);
    h.cli(&["demo", "--people", "12", "--seed", "5"]);
    let app = h.launch().await;
    app.unlock().await;

    // The to-code list: grouped by person with the NHS number, oldest first.
    app.click("[data-nav='to-code']").await;
    app.wait_screen("to-code").await;
    let count = app.text("[data-testid='to-code-count']").await;
    let pending: u32 = count.split(' ').next().unwrap().parse().expect(&count);
    assert!(pending > 12, "{count}");
    let first = app.wait("section[data-person]").await;
    let who = first.attr("data-person").await.unwrap().unwrap();
    let head = app.text("section[data-person] h2").await;
    assert!(head.contains("NHS 999 "), "{head}");
    h.shot(&app, "to-code").await;

    // Choose the first line and mark it entered.
    let key = app
        .wait("section[data-person] tbody tr")
        .await
        .attr("data-key")
        .await
        .unwrap()
        .unwrap();
    app.click("section[data-person] tbody tr .app-row-check")
        .await;
    app.click("#mark-chosen").await;
    app.wait_text("[data-testid='to-code-status']", "Marked 1 line entered")
        .await;
    // Marked by mistake: Undo puts it back, then it is marked again.
    app.click("#undo-mark").await;
    app.wait_text("[data-testid='to-code-status']", "1 line back on the list")
        .await;
    app.wait(&format!("tr[data-key='{key}']")).await;
    app.click(&format!("tr[data-key='{key}'] .app-row-check"))
        .await;
    app.click("#mark-chosen").await;
    app.wait_text("[data-testid='to-code-status']", "Marked 1 line entered")
        .await;
    let after = app.text("[data-testid='to-code-count']").await;
    assert!(after.starts_with(&format!("{} ", pending - 1)), "{after}");
    assert!(app
        .client
        .find(Locator::Css(&format!("tr[data-key='{key}']")))
        .await
        .is_err());

    // The person's GP summary (Alt+9): the line just marked shows as entered.
    app.click("section[data-person] .app-to-code-person__head button")
        .await;
    app.wait_screen("person").await;
    app.keys(&chord(Key::Alt, "9")).await;
    app.wait("[data-section='gp']:not([hidden])").await;
    assert_eq!(app.focused().await, "tab-gp");
    let row = app
        .wait_text(&format!("tr[data-key='{key}']"), "Entered ")
        .await;
    assert!(row.contains("Entered "), "{row}");
    // Codes only: no narrative, whatever the consent.
    app.click("label[for='gp-mode-codes_only']").await;
    app.wait("#gp-mode-codes_only:checked").await;
    assert!(app
        .client
        .find(Locator::Css("[data-testid='gp-narrative']"))
        .await
        .is_err());
    app.click("#gp-copy-all").await;
    app.wait_text("[data-testid='gp-status']", "Copied every line")
        .await;

    // The letter, as it prints.
    app.click("#gp-letter").await;
    let body = app
        .wait_text(
            "[data-testid='gp-letter-body']",
            "message to the GP practice",
        )
        .await;
    assert!(body.contains(&who), "{body}");
    assert!(body.contains("NHS number"), "{body}");
    assert_eq!(app.focused().await, "letter-title");
    // Bringing the letter into view scrolls the sections only: the header stays on screen.
    let top = app
        .client
        .execute(
            "return document.querySelector('.app-header').getBoundingClientRect().top",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(top.as_f64(), Some(0.0), "the header moved");
    h.shot(&app, "letter").await;

    let out = tempfile::tempdir().unwrap();
    let letter = out.path().join("letter.html");
    app.pick_next(&letter).await;
    app.click("#save-letter").await;
    app.wait_text("[data-testid='save-letter-done']", "Saved the letter")
        .await;
    let html = std::fs::read_to_string(&letter).unwrap();
    assert!(html.starts_with("<!doctype html>") && html.contains(&who));

    let fhir = out.path().join("bundle.json");
    app.pick_next(&fhir).await;
    app.click("#save-fhir").await;
    app.wait_text("[data-testid='save-fhir-done']", "Saved the FHIR file")
        .await;
    let b: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&fhir).unwrap()).unwrap();
    assert_eq!(b["resourceType"], "Bundle");
    assert_eq!(
        b["entry"][0]["resource"]["identifier"][0]["system"],
        "https://fhir.nhs.uk/Id/nhs-number"
    );
    // Saving again over it asks first.
    app.pick_next(&fhir).await;
    app.click("#save-fhir").await;
    app.wait("[data-testid='replace-question']").await;
    app.click("#replace-file").await;
    app.wait_text("[data-testid='save-fhir-done']", "Saved the FHIR file")
        .await;

    // Settings: a local code must be a real concept id; then it is listed as local.
    app.click("[data-nav='settings']").await;
    app.wait("[data-testid='code-map']").await;
    app.select("#local-code-use", "ons4.anxiety").await;
    app.fill("#local-code-id", "12345").await;
    app.fill("#local-code-term", "Anxiety score").await;
    app.click("#save-local-code").await;
    let err = app.wait_text("#local-code-id-error", "concept id").await;
    assert!(!err.is_empty());
    app.fill("#local-code-id", "138875005").await;
    app.click("#save-local-code").await;
    app.wait_text(
        "[data-testid='code-map'] tr[data-use='ons4.anxiety']",
        "Local",
    )
    .await;
    h.shot(&app, "code-map").await;
    // Removed by mistake: Undo puts it back.
    app.click("[data-testid='code-map'] tr[data-use='ons4.anxiety'] .app-link-button")
        .await;
    app.wait_text(
        "[data-testid='code-map'] [role='status']",
        "Local code removed",
    )
    .await;
    app.click("#undo-remove-local-code").await;
    app.wait_text("[data-testid='code-map'] [role='status']", "put back")
        .await;
    let back = app
        .text("[data-testid='code-map'] tr[data-use='ons4.anxiety']")
        .await;
    assert!(back.contains("138875005"), "{back}");
    app.quit().await;
}

/// The "accepted" code needs a date: after the first contact that takes place, Linkwork asks.
/// Then the two letters: the referrer's holds no risk section, whatever the consent; the GP's
/// holds this episode's concern.
#[tokio::test]
async fn the_accepted_question_and_two_letters_that_share_only_what_consent_covers() {
    let mut h = Harness::start("gp-letters").await;
    let app = h.launch().await;
    app.create_vault().await;
    app.click("[data-nav='new-referral']").await;
    app.wait_screen("new-referral").await;
    app.fill("#nhs_number", "943 476 5919").await;
    app.fill("#given_name", "Ruth").await;
    app.fill("#family_name", "Ackroyd").await;
    app.fill("#referrer_name", "Dr Amir Shah").await;
    app.select("#source", "gp").await;
    app.wait("#referral-form:not([data-checking])").await;
    app.click("#referral-form button[type='submit']").await;
    app.wait_screen("person").await;

    // The first contact that took place: asked whether Ruth accepted support.
    app.click("#log-contact").await;
    app.fill("#duration_minutes", "20").await;
    app.fill("#contact_notes", "First call. Happy to meet next week.")
        .await;
    app.click("#save-contact").await;
    let q = app
        .wait_text(
            "[data-testid='acceptance-question']",
            "Has Ruth accepted support?",
        )
        .await;
    assert!(q.contains("Accepted on "), "{q}");
    h.shot(&app, "accepted-question").await;
    app.click("#acceptance-accepted").await;
    app.wait_text(
        "[data-testid='acceptance-said']",
        "Recorded: Ruth accepted support on",
    )
    .await;
    assert_eq!(app.focused().await, "acceptance-said");
    app.section("overview").await;
    app.wait_text("[data-testid='offer']", "accepted ").await;
    // A second contact does not ask again.
    app.click("#log-contact").await;
    app.fill("#duration_minutes", "15").await;
    app.fill("#contact_notes", "Talked about the walking group.")
        .await;
    app.click("#save-contact").await;
    app.wait_text("[data-testid='contact-saved']", "Contact saved")
        .await;
    assert!(app
        .client
        .find(Locator::Css("[data-testid='acceptance-question']"))
        .await
        .is_err());

    // A concern, and consent to share with the GP and with the referrer.
    app.section("risks").await;
    app.click("#raise-concern").await;
    app.fill("#concern_text", "Falls at home").await;
    app.select("#concern_level", "high").await;
    app.click("#raise-concern-form button[type='submit']").await;
    app.wait_text("[data-testid='risk-flag']", "Falls at home")
        .await;
    app.section("details").await;
    for purpose in ["share_with_gp", "share_with_referrer"] {
        app.click(&format!("#consent-{purpose}")).await;
        app.click("label[for='consent-decision-yes']").await;
        app.click("#save-consent").await;
        app.wait_text(&format!("[data-purpose='{purpose}']"), "Given")
            .await;
    }
    h.shot(&app, "consent").await;

    // The referrer's letter: what matters and support, never the risk log.
    app.section("gp").await;
    app.click("#referrer-letter").await;
    let body = app
        .wait_text("[data-testid='gp-letter-body']", "message to the referrer")
        .await;
    assert!(body.contains("Dr Amir Shah"), "{body}");
    assert!(!body.contains("Risks") && !body.contains("Falls"), "{body}");
    h.shot(&app, "referrer-letter").await;
    app.click("#letter-close").await;
    assert_eq!(app.focused().await, "referrer-letter");
    app.click("#gp-letter").await;
    let body = app
        .wait_text(
            "[data-testid='gp-letter-body']",
            "message to the GP practice",
        )
        .await;
    assert!(
        body.contains("Risks") && body.contains("Falls at home"),
        "{body}"
    );
    app.quit().await;
}
