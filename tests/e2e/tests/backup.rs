//! Backup and a new laptop in the real app: the caseload's reminder leads to Settings → Backup,
//! the backup is saved and checked, the audit trail compared with it, then a fresh data folder restores it from the first-run screen and opens
//! on the same caseload.

use fantoccini::Locator;
use linkwork_e2e::{Harness, PASS};

#[tokio::test]
async fn back_up_from_settings_and_restore_on_a_new_laptop() {
    // The backup outlives the first laptop's folder.
    let shelf = tempfile::tempdir().unwrap();
    let file = shelf.path().join("linkwork-backup.age");

    let (open_count, key) = {
        let mut h = Harness::start("backup").await;
        h.cli(&["init"]);
        h.cli(&["demo", "--people", "10", "--seed", "4"]);
        let app = h.launch().await;
        app.unlock().await;

        // Never backed up: the caseload says so and leads to Settings → Backup.
        app.wait_text("[data-testid='backup-due']", "not been backed up yet")
            .await;
        let open_count = app.text("[data-testid='count-open']").await;
        h.shot(&app, "reminder").await;
        app.click("#open-backup").await;
        app.wait_screen("settings").await;
        app.wait("#backup-now").await;
        assert_eq!(app.focused().await, "backup-title");
        let key = app.text("[data-testid='handover-key']").await;
        assert!(key.starts_with("age1"), "{key}");

        app.pick_next(&file).await;
        app.click("#backup-now").await;
        let done = app.wait_text("#backup-done", "Backed up 10 people").await;
        assert!(done.contains("opens with your passphrase"), "{done}");
        app.wait_text("[data-testid='last-backup']", "Last backup:")
            .await;
        h.shot(&app, "backed-up").await;

        // The backup checks out without touching the vault.
        app.pick_next(&file).await;
        app.click("#check-choose").await;
        app.fill("#check-passphrase", PASS).await;
        app.click("#check-backup-go").await;
        app.wait_text("#check-result", "A good backup").await;

        // The audit trail still holds everything the backup saw.
        app.click("#audit-compare").await;
        app.pick_next(&file).await;
        app.click("#audit-backup-choose").await;
        app.wait_text("[data-testid='audit-backup-file']", "linkwork-backup.age")
            .await;
        app.fill("#audit-backup-passphrase", PASS).await;
        app.click("#audit-compare-form button[type='submit']").await;
        let compared = app.wait_text("#audit-compared", "unchanged").await;
        assert!(compared.contains("The audit trail holds all"), "{compared}");
        assert_eq!(app.focused().await, "audit-compared");
        h.shot(&app, "audit-compared").await;

        // Backed up: the reminder is gone.
        app.click("[data-nav='caseload']").await;
        app.wait("[data-testid='counters']").await;
        assert!(app
            .client
            .find(Locator::Css("[data-testid='backup-due']"))
            .await
            .is_err());
        app.quit().await;
        (open_count, key)
    };
    assert!(file.exists());

    // A new laptop: an empty data folder, so the first-run screen.
    let mut h = Harness::start("backup-restore").await;
    let app = h.launch().await;
    app.wait_screen("create-vault").await;
    app.click("#open-restore").await;
    app.wait_screen("restore").await;
    app.pick_next(&file).await;
    app.click("#restore-choose").await;
    app.wait_text("[data-testid='restore-file']", "linkwork-backup.age")
        .await;

    // A wrong passphrase is refused, and nothing is written.
    app.fill("#passphrase", "not the right passphrase").await;
    app.click("#restore button[type='submit']").await;
    app.wait_text("[data-testid='error-summary']", "does not open this backup")
        .await;
    assert!(!h.data_dir().join("linkwork.db").exists());
    h.shot(&app, "restore-wrong").await;

    app.fill("#passphrase", PASS).await;
    app.click("#restore button[type='submit']").await;
    app.wait_screen("caseload").await;
    let restored = app
        .wait_text("[data-testid='count-open']", &open_count)
        .await;
    assert_eq!(restored, open_count);
    h.shot(&app, "restored").await;

    // Same caseload, same handover key.
    app.click("[data-nav='settings']").await;
    app.wait_screen("settings").await;
    assert_eq!(app.text("[data-testid='handover-key']").await, key);
    app.quit().await;
}
