//! The monthly report in the real app: the preview with its charts, the name and the supervisor's
//! key saved in Settings, the export to that key (decrypted with the stock `age` tool and the HTML
//! report rendered), then a second export to a passphrase by keyboard only.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use chrono::Datelike;
use fantoccini::{key::Key, Locator};
use linkwork_e2e::{App, Harness};

fn key(k: Key) -> String {
    char::from(k).to_string()
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

/// A supervisor's identity made by the stock tool: (identity file, public key).
fn age_keygen(dir: &Path) -> (std::path::PathBuf, String) {
    let file = dir.join("supervisor-identity.txt");
    let out = Command::new("age-keygen")
        .arg("-o")
        .arg(&file)
        .output()
        .expect("age-keygen (./dev test installs it)");
    assert!(out.status.success());
    let public = String::from_utf8(out.stderr).unwrap();
    (
        file,
        public.trim().trim_start_matches("Public key: ").to_string(),
    )
}

fn unzip(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
    use std::io::Read;
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip inside the .age");
    (0..z.len())
        .map(|i| {
            let mut f = z.by_index(i).unwrap();
            let mut b = vec![];
            f.read_to_end(&mut b).unwrap();
            (f.name().to_string(), b)
        })
        .collect()
}

#[tokio::test]
async fn preview_the_monthly_report_and_export_it_to_the_supervisor() {
    let mut h = Harness::start("report").await;
    h.cli(&["init"]);
    h.cli(&["demo", "--people", "150", "--seed", "3"]);
    let out = h.data_dir().with_file_name("out");
    std::fs::create_dir_all(&out).unwrap();
    let (identity, public) = age_keygen(&out);
    let app = h.launch().await;
    app.unlock().await;
    // In the first week of a month the caseload reminds until last month's report is out.
    let first_week = chrono::Local::now().day() <= 7;
    if first_week {
        app.wait("[data-testid='report-due']").await;
    }

    // The preview: last month by default, every section, the charts drawn.
    app.click("[data-nav='report']").await;
    app.wait_screen("report").await;
    app.wait("[data-table='caseload']").await;
    let month = app.value("#report-month").await;
    let last = chrono::Local::now().date_naive().with_day(1).unwrap() - chrono::Duration::days(1);
    assert_eq!(month, last.format("%Y-%m").to_string());
    for table in [
        "caseload",
        "activity",
        "contacts",
        "onward_by_category",
        "ons4",
        "coding",
    ] {
        app.wait(&format!("[data-table='{table}']")).await;
    }
    // Charts draw what the tables show; the first one is painted.
    let chart = "canvas[data-testid^='chart-']";
    app.wait(chart).await;
    assert!(painted(&app, chart).await > 500, "the first chart is blank");
    // A hidden share or median says why, never "<5" (which would read as "under 5 %").
    let body = app.text("main").await;
    assert!(
        body.contains("fewer than 5 people") || body.contains("hidden to protect a small number"),
        "{body}"
    );
    let meta = app.text("[data-testid='report-meta']").await;
    assert!(meta.contains(&last.format("%B %Y").to_string()), "{meta}");
    h.shot(&app, "preview").await;

    // No name yet: the export panel says so and leads to Settings.
    app.wait("[data-testid='report-needs-name']").await;
    app.click("#report-go-settings").await;
    app.wait_screen("settings").await;
    app.fill("#worker_name", "Sam Okafor, social prescribing link worker")
        .await;
    app.click("#about-you-form button[type='submit']").await;
    app.wait_text(
        "main",
        "consent you record says it was recorded by Sam Okafor",
    )
    .await;

    // A mistyped key is refused by name; the real one is saved.
    app.fill("#supervisor-keys", "age1notakey").await;
    app.click("#save-report-settings").await;
    app.wait_text("[data-testid='error-summary']", "is not an age public key")
        .await;
    app.fill("#supervisor-keys", &public).await;
    app.click("#save-report-settings").await;
    app.wait_text(
        "section[aria-labelledby='report-settings-title'] [role='status']",
        "encrypted to your supervisor's key",
    )
    .await;

    // Export to the saved key.
    app.click("[data-nav='report']").await;
    app.wait_screen("report").await;
    app.wait("[data-table='caseload']").await;
    assert!(app
        .client
        .find(Locator::Css("[data-testid='report-needs-name']"))
        .await
        .is_err());
    app.wait("#seal-keys:checked").await;
    let sealed = out.join("report.age");
    app.pick_next(&sealed).await;
    app.click("#export-report").await;
    let done = app.wait_text("#report-done", "is saved in").await;
    assert!(
        done.contains("encrypted to your supervisor's key"),
        "{done}"
    );
    app.wait("[data-testid='report-meta'] .nhsuk-tag").await;
    h.shot(&app, "exported").await;
    if first_week {
        app.click("[data-nav='caseload']").await;
        app.wait_screen("caseload").await;
        app.wait("[data-testid='counters']").await;
        assert!(app
            .client
            .find(Locator::Css("[data-testid='report-due']"))
            .await
            .is_err());
        app.click("[data-nav='report']").await;
        app.wait("[data-table='caseload']").await;
    }

    // The stock age tool opens it with the supervisor's identity.
    let plain = Command::new("age")
        .arg("-d")
        .arg("-i")
        .arg(&identity)
        .arg(&sealed)
        .output()
        .expect("age (./dev test installs it)");
    assert!(
        plain.status.success(),
        "{}",
        String::from_utf8_lossy(&plain.stderr)
    );
    let files = unzip(&plain.stdout);
    for f in [
        "report.html",
        "report.xlsx",
        "figures.json",
        "csv/caseload.csv",
    ] {
        assert!(files.contains_key(f), "{f} missing: {:?}", files.keys());
    }
    let figures: serde_json::Value = serde_json::from_slice(&files["figures.json"]).unwrap();
    assert_eq!(
        figures["worker"],
        "Sam Okafor, social prescribing link worker"
    );
    let html = String::from_utf8(files["report.html"].clone()).unwrap();
    assert!(html.contains("<svg"), "the HTML report has no chart");
    // Nobody's NHS number: the demo's all start 999.
    assert!(!html.contains("999 "), "an NHS number in the report");

    // Second export, keyboard only: to a passphrase, from the month list onwards.
    let by_pass = out.join("by-passphrase.age");
    app.pick_next(&by_pass).await;
    app.client
        .execute("document.getElementById('seal-keys').focus()", vec![])
        .await
        .unwrap();
    app.keys(&key(Key::Down)).await;
    app.wait("#seal-passphrase:checked").await;
    app.keys(&key(Key::Tab)).await;
    assert_eq!(app.focused().await, "report-passphrase");
    app.keys("a long passphrase for Jo").await;
    app.keys(&key(Key::Tab)).await;
    app.keys("a long passphrase for Jo").await;
    app.keys(&key(Key::Tab)).await;
    assert_eq!(app.focused().await, "plain-copy");
    app.keys(&key(Key::Tab)).await;
    assert_eq!(app.focused().await, "export-report");
    h.shot(&app, "passphrase").await;
    app.keys(&key(Key::Enter)).await;
    let done = app.wait_text("#report-done", "by-passphrase.age").await;
    assert!(done.contains("encrypted to a passphrase"), "{done}");
    let head = std::fs::read(&by_pass).unwrap();
    assert!(head.starts_with(b"age-encryption.org/v1\n-> scrypt "));

    app.quit().await;

    // The HTML report as the supervisor sees it, in the same engine: charts and tables, no script.
    let page = out.join("report.html");
    std::fs::write(&page, &files["report.html"]).unwrap();
    let browser = h.browse(&page).await;
    let title = browser.text("h1").await;
    assert!(title.contains(&last.format("%B %Y").to_string()), "{title}");
    browser.wait("svg").await;
    h.shot(&browser, "html-report").await;
    browser.quit().await;
}
