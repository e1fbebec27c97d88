//! The community directory in the real app: search as you type, favourite and verify an asset,
//! import an ORUK CSV set (and see a bad one refused, placed by file, row and field), refer a
//! person to an asset and record "did not attend" with the barrier "cost of the activity".

use linkwork_e2e::{App, Harness};

fn today() -> String {
    chrono::Local::now()
        .date_naive()
        .format("%d/%m/%Y")
        .to_string()
}

/// innerText of the element, white space collapsed (WebDriver's text runs table cells together).
async fn inner_text(app: &App, css: &str) -> String {
    app.wait(css).await;
    let t = app
        .client
        .execute(
            "return document.querySelector(arguments[0]).innerText",
            vec![serde_json::json!(css)],
        )
        .await
        .unwrap();
    t.as_str()
        .unwrap()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

async fn wait_inner(app: &App, css: &str, needle: &str) -> String {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        let t = inner_text(app, css).await;
        if t.contains(needle) {
            return t;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "`{css}` never said {needle:?}; it says {t:?}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn search_favourite_verify_import_refer_and_record_a_barrier() {
    let mut h = Harness::start("directory").await;
    h.cli(&["init"]);
    h.cli(&["demo", "--people", "30", "--seed", "5"]);
    let app = h.launch().await;
    app.unlock().await;

    // Search as you type: the box has focus when the directory opens.
    app.click("[data-nav='directory']").await;
    app.wait_screen("directory").await;
    app.wait_text("[data-testid='asset-count']", "groups and services")
        .await;
    // Every result can be reached: the first hundred, then a hundred more.
    app.click("#asset-filters-active_only").await;
    app.click("#more-assets").await;
    app.wait("[data-testid='asset-results'] tbody tr:nth-child(101)")
        .await;
    app.click("#asset-filters-active_only").await;
    app.fill("#asset-search", "walking").await;
    let first = "[data-testid='asset-results'] tbody tr:first-child";
    wait_inner(&app, first, "Walking").await;
    // Read in the page, not through an element handle the next search results could replace.
    let name = app
        .client
        .execute(
            "return document.querySelector(arguments[0]).dataset.asset",
            vec![serde_json::json!(first)],
        )
        .await
        .unwrap()
        .as_str()
        .unwrap()
        .to_string();
    h.shot(&app, "directory-search").await;

    // Favourite it from the list, then narrow to favourites: it is still there.
    app.click(&format!("button[data-favourite='{name}']")).await;
    app.wait(&format!(
        "button[data-favourite='{name}'][aria-pressed='true']"
    ))
    .await;
    app.click("#asset-filters-favourites_only").await;
    // The list refreshes a moment after the tick: wait until every row shown is a favourite.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        // One script reads the whole list at once, so a re-render cannot pull rows from under it.
        let all = app
            .client
            .execute(
                "const s = [...document.querySelectorAll(\"[data-testid='asset-results'] tbody button[aria-pressed]\")];
                 return s.length > 0 && s.every(b => b.getAttribute('aria-pressed') === 'true');",
                vec![],
            )
            .await
            .unwrap()
            .as_bool()
            .unwrap_or(false);
        if all {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "favourites only still shows other assets"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    wait_inner(&app, "[data-testid='asset-results']", &name).await;

    // Open it and verify now.
    app.click(&format!("tr[data-asset='{name}'] td:nth-child(2) button"))
        .await;
    app.wait_screen("asset").await;
    app.click("#verify-asset").await;
    app.wait_text(
        "[data-testid='asset-verified']",
        &format!("Checked {}", today()),
    )
    .await;
    h.shot(&app, "asset-verified").await;

    // Back to the directory: the search and filters are as they were.
    app.click("#back-to-directory").await;
    app.wait_screen("directory").await;
    assert_eq!(app.value("#asset-search").await, "walking");
    wait_inner(&app, "[data-testid='asset-results']", &name).await;
    assert!(app
        .wait("#asset-filters-favourites_only")
        .await
        .is_selected()
        .await
        .unwrap());

    // Import the uk-profile CSV example set: preview first, then import.
    let fixtures = linkwork_e2e::workspace().join("crates/linkwork-oruk/tests/fixtures");
    app.click("[data-nav='directory']").await;
    app.click("#import-export").await;
    app.wait_screen("import").await;
    app.pick_next(&fixtures.join("bad/wrong_header")).await;
    app.click("#choose-folder").await;
    app.click("#preview-import").await;
    let problems = wait_inner(&app, "[data-testid='import-problems']", "nmae").await;
    assert!(
        problems.contains(
            "services.csv row 1 nmae \"nmae\" is not a column of services.csv in Open Referral UK."
        ),
        "{problems}"
    );
    h.shot(&app, "import-refused").await;
    app.pick_next(&fixtures.join("uk-profile/csv")).await;
    app.click("#choose-folder").await;
    app.wait_text("[data-testid='import-source']", "uk-profile/csv")
        .await;
    app.click("#preview-import").await;
    wait_inner(
        &app,
        "[data-testid='import-report']",
        "Preview: 1 to add, 0 to update, 0 unchanged.",
    )
    .await;
    app.click("#run-import").await;
    wait_inner(
        &app,
        "[data-testid='import-report']",
        "Imported: 1 added, 0 updated, 0 unchanged.",
    )
    .await;
    h.shot(&app, "import-done").await;

    // Export as CSV; the same file again asks before replacing it; the data folder is refused.
    let out = h.data_dir().parent().unwrap().join("directory.csv");
    app.select("#export-format", "csv").await;
    app.pick_next(&out).await;
    app.click("#run-export").await;
    app.wait_text("#export-title ~ p[role='status']", "Exported ")
        .await;
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .starts_with("\u{feff}id,name,"),
        "a byte-order mark for Excel, then the header"
    );
    std::fs::write(&out, "keep me").unwrap();
    app.pick_next(&out).await;
    app.click("#run-export").await;
    app.wait_text(
        "[data-testid='replace-question']",
        "directory.csv already exists",
    )
    .await;
    h.shot(&app, "export-replace-question").await;
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        "keep me",
        "nothing replaced before the answer"
    );
    app.click("#replace-file").await;
    app.wait_text("#export-title ~ p[role='status']", "Exported ")
        .await;
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .starts_with("\u{feff}id,name,"),
        "a byte-order mark for Excel, then the header"
    );
    app.pick_next(&h.data_dir().join("linkwork.db")).await;
    app.click("#run-export").await;
    app.wait_text(
        "#export-title ~ .nhsuk-error-summary",
        "inside Linkwork's own data folder",
    )
    .await;

    // Refer a new person to the favourite, searching inline.
    app.click("[data-nav='new-referral']").await;
    app.wait_screen("new-referral").await;
    app.fill("#nhs_number", "943 476 5919").await;
    app.fill("#given_name", "Ruth").await;
    app.fill("#family_name", "Ackroyd").await;
    app.select("#source", "gp").await;
    app.wait("#referral-form:not([data-checking])").await;
    app.click("#referral-form button[type='submit']").await;
    app.wait_screen("person").await;
    app.section("onward").await;
    app.click("#add-onward").await;
    app.fill("#onward-asset", &name[..name.len() - 3]).await;
    app.click(&format!("button[data-pick='{name}']")).await;
    app.select("#kind", "referral").await;
    // The category is the link worker's choice: saving without one is refused, naming the field.
    app.click("#save-onward").await;
    app.wait_text(
        "#category-error",
        "Choose the category of this onward referral.",
    )
    .await;
    app.select("#category", "physical_activity").await;
    app.click("#save-onward").await;
    let row = format!("tr[data-onward='{name}']");
    wait_inner(&app, &row, "Pending").await;

    // Later: did not attend, because of the cost.
    app.click(&format!("button[data-record-outcome='{name}']"))
        .await;
    app.select("#onward_outcome", "did_not_attend").await;
    app.click("#onward_barriers-cost").await;
    app.click("#save-onward-outcome").await;
    let text = wait_inner(&app, &row, "Did not attend").await;
    assert!(
        text.contains(&format!("Referral Did not attend {}", today())),
        "{text}"
    );
    assert!(text.contains("Cost of the activity"), "{text}");
    h.shot(&app, "onward-did-not-attend").await;

    // The asset's page counts it, with the barrier.
    app.click("[data-nav='directory']").await;
    app.fill("#asset-search", &name).await;
    app.click(&format!("tr[data-asset='{name}'] td:nth-child(2) button"))
        .await;
    app.wait_screen("asset").await;
    let usage = inner_text(&app, "[data-testid='asset-usage']").await;
    assert!(usage.contains("referred or signposted"), "{usage}");
    wait_inner(
        &app,
        "[data-testid='asset-barriers']",
        "Cost of the activity",
    )
    .await;
    h.shot(&app, "asset-usage").await;
    app.quit().await;
}
