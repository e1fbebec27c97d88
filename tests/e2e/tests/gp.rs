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

    // The to-code worklist: a row per person with their practice, NHS number, lines waiting and
    // the oldest, the one waiting longest first.
    app.click("[data-nav='to-code']").await;
    app.wait_screen("to-code").await;
    let count = app.text("[data-testid='to-code-count']").await;
    let pending: u32 = count.split(' ').next().unwrap().parse().expect(&count);
    assert!(pending > 12, "{count}");
    let row = app
        .text("[data-testid='to-code-people'] tbody tr[data-person]")
        .await;
    assert!(row.contains("999 ") && row.contains("ago"), "{row}");
    h.shot(&app, "to-code").await;

    // Someone with more than one line waiting: open their lines and mark the first entered.
    let who = app
        .client
        .execute(
            "return [...document.querySelectorAll(\"[data-testid='to-code-people'] tbody tr[data-person]\")]
               .find((r) => Number(r.cells[3].textContent) > 1).dataset.person;",
            vec![],
        )
        .await
        .unwrap();
    let who = who.as_str().unwrap().to_string();
    app.click(&format!("tr[data-person='{who}'] .app-worklist__toggle"))
        .await;
    let key = app
        .wait("[data-testid='to-code-lines'] tbody tr")
        .await
        .attr("data-key")
        .await
        .unwrap()
        .unwrap();
    let mark = format!("[id='to-code-mark-{key}']");
    app.click(&mark).await;
    app.wait_text(
        "[data-testid='to-code-status']",
        &format!("Marked 1 line entered for {who}"),
    )
    .await;
    // Marked by mistake: Undo puts it back, then it is marked again.
    app.click("#undo-mark").await;
    app.wait_text("[data-testid='to-code-status']", "1 line back on the list")
        .await;
    app.click(&mark).await;
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
    app.click("#to-code-open").await;
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
    // The GP practices served: a malformed ODS code is named by its field; then the practice is
    // listed with its system, and changing it keeps it.
    // (The demo's three practices are listed already.)
    app.fill("#practice-name", "Todmorden Health Centre").await;
    app.fill("#practice-ods", "B8600").await;
    app.select("#practice-system", "emis_web").await;
    app.click("#practice-form button[type='submit']").await;
    app.wait_text("#practice-ods-error", "a letter and five digits")
        .await;
    app.fill("#practice-ods", "b86 009").await;
    app.click("#practice-form button[type='submit']").await;
    app.wait_text(
        "[data-testid='practice-saved']",
        "Added Todmorden Health Centre (B86009), EMIS Web.",
    )
    .await;
    app.click("[aria-label='Change Todmorden Health Centre']")
        .await;
    app.select("#practice-system", "systmone").await;
    app.click("#practice-form button[type='submit']").await;
    app.wait_text(
        "[data-testid='practice-saved']",
        "Saved Todmorden Health Centre (B86009), SystmOne.",
    )
    .await;
    app.wait_text("[data-testid='practices']", "SystmOne").await;
    h.shot(&app, "practices").await;
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

    // One practice's own code: listed for it (over the one for every practice), not for others.
    app.tab_to("#code-map-practice", false).await;
    app.keys("Calder").await;
    app.wait_text("[data-testid='code-map'] h3", "for Calder Valley Surgery")
        .await;
    app.select("#local-code-use", "episode.offered").await;
    app.fill("#local-code-id", "138875005").await;
    app.fill("#local-code-term", "Calder offer").await;
    app.click("#save-local-code").await;
    let own = app
        .wait_text(
            "[data-testid='code-map'] tr[data-use='episode.offered']",
            "Added for Calder Valley Surgery",
        )
        .await;
    assert!(own.contains("Calder offer"), "{own}");
    // Its referrers code the offer themselves, unlike every practice's.
    app.click("#referrer-as-every").await;
    app.click("#referrer-codes-episode\\.offered").await;
    app.click("#save-referrer-codes").await;
    app.wait_text(
        "[data-testid='code-map']",
        "Saved: social prescribing offered left to the referrer",
    )
    .await;
    h.shot(&app, "code-map-practice").await;
    app.tab_to("#code-map-practice", false).await;
    app.keys("Every").await;
    app.wait_text("[data-testid='code-map'] h3", "for every practice")
        .await;
    let every = app.text("[data-testid='code-map']").await;
    assert!(!every.contains("Calder offer"), "{every}");
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
    // A practice not listed yet is typed, and added when the referral is saved.
    app.select("#practice_id", "other").await;
    app.fill("#gp_practice_name", "Ryburn Health Centre").await;
    app.fill("#gp_practice_ods", "b86 003").await;
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
    // Addressed to the practice she is registered at (added from the referral).
    assert!(body.contains("Ryburn Health Centre"), "{body}");
    app.click("#letter-close").await;
    app.section("details").await;
    let details = app.text("[data-testid='person-details']").await;
    assert!(
        details.contains("Ryburn Health Centre, B86003, since "),
        "{details}"
    );
    app.quit().await;
}

/// The to-code worklist for a full caseload, by keyboard alone: a practice chosen, then person
/// after person opened, copied, marked and (once) taken back, with focus always on the person
/// being worked on; and the page a few screens tall, not fifty.
#[tokio::test]
async fn the_to_code_worklist_by_keyboard_for_sixty_people() {
    let mut h = Harness::start("to-code-worklist").await;
    h.cli(&["init"]);
    h.cli(&["demo", "--people", "60", "--seed", "8"]);
    let app = h.launch().await;
    app.client.set_window_size(1024, 768).await.unwrap();
    app.unlock().await;
    let alt = |k: &str| chord(Key::Alt, k);
    let key = |k: Key| char::from(k).to_string();

    app.tab_to("[data-nav='to-code']", true).await;
    app.keys(&key(Key::Enter)).await;
    app.wait_screen("to-code").await;
    app.wait("[data-testid='to-code-people'] tbody tr").await;
    let tall = app
        .client
        .execute("return document.documentElement.scrollHeight;", vec![])
        .await
        .unwrap()
        .as_f64()
        .unwrap();
    assert!(
        tall < 768.0 * 8.0,
        "the worklist for 60 people is {tall} px tall"
    );
    h.shot(&app, "worklist").await;

    // One practice: the list is only its people.
    app.tab_to("#to-code-practice", false).await;
    app.keys("Hebble").await;
    let chosen = app
        .client
        .execute(
            "return document.querySelector('#to-code-practice').selectedOptions[0].textContent;",
            vec![],
        )
        .await
        .unwrap();
    assert!(
        chosen
            .as_str()
            .is_some_and(|c| c.starts_with("Hebble Brook Practice (") && c.ends_with(" people)")),
        "{chosen}"
    );
    let practices = app
        .client
        .execute(
            "return [...document.querySelectorAll(\"[data-testid='to-code-people'] tbody tr[data-person]\")].map((r) => r.cells[1].textContent);",
            vec![],
        )
        .await
        .unwrap();
    let practices: Vec<String> = serde_json::from_value(practices).unwrap();
    assert!(!practices.is_empty());
    assert!(
        practices.iter().all(|p| p == "Hebble Brook Practice"),
        "{practices:?}"
    );
    let people = |app: &linkwork_e2e::App| {
        let app = app.client.clone();
        async move {
            let v = app
                .execute(
                    "return [...document.querySelectorAll(\"[data-testid='to-code-people'] tbody tr[data-person]\")].map((r) => r.dataset.person);",
                    vec![],
                )
                .await
                .unwrap();
            serde_json::from_value::<Vec<String>>(v).unwrap()
        }
    };
    let before = people(&app).await;

    // Alt+N opens the first person, with focus on their row.
    app.keys(&alt("n")).await;
    app.wait("[data-testid='to-code-lines']").await;
    let first = &before[0];
    let focused_person = || async {
        app.client
            .execute(
                "const a = document.activeElement; return a.closest('tr') ? a.closest('tr').dataset.person : a.id;",
                vec![],
            )
            .await
            .unwrap()
            .as_str()
            .unwrap_or_default()
            .to_string()
    };
    assert_eq!(&focused_person().await, first);
    // Alt+C copies their lines; Alt+M marks them entered and moves on to the next person.
    app.keys(&alt("c")).await;
    app.wait_text("[data-testid='to-code-status']", &format!("for {first}"))
        .await;
    app.keys(&alt("m")).await;
    app.wait_text(
        "[data-testid='to-code-status']",
        &format!("entered for {first}"),
    )
    .await;
    app.wait_gone(&format!("tr[data-person='{first}']")).await;
    let second = &before[1];
    app.wait(&format!(
        "tr[data-person='{second}'] [aria-expanded='true']"
    ))
    .await;
    assert_eq!(&focused_person().await, second, "on to the next person");
    // Alt+U takes it back: the first person returns, open, with focus on them.
    app.keys(&alt("u")).await;
    app.wait_text("[data-testid='to-code-status']", "back on the list")
        .await;
    app.wait(&format!("tr[data-person='{first}'] [aria-expanded='true']"))
        .await;
    assert_eq!(&focused_person().await, first);
    // Worked through: mark, mark, and the practice's list is two shorter.
    app.keys(&alt("m")).await;
    app.wait_gone(&format!("tr[data-person='{first}']")).await;
    app.keys(&alt("m")).await;
    app.wait_gone(&format!("tr[data-person='{second}']")).await;
    assert_eq!(people(&app).await.len(), before.len() - 2);
    h.shot(&app, "worklist-worked").await;

    // Corrections only (Space on the box): the worklist goes, the corrections stay.
    app.tab_to("#to-code-corrections-only", true).await;
    app.keys(" ").await;
    app.wait_gone("[data-testid='to-code-people']").await;
    app.quit().await;
}
