//! The vault journey a link worker takes on day one, in the real app.

use fantoccini::key::Key;
use linkwork_e2e::{Harness, PASS};

#[tokio::test]
async fn create_lock_wrong_passphrase_unlock_settings_restart() {
    let mut h = Harness::start("vault").await;
    let app = h.launch().await;

    // First launch: create the vault.
    app.wait_screen("create-vault").await;
    h.shot(&app, "create-vault").await;
    app.fill("#passphrase", "short").await;
    assert_eq!(
        app.text("[data-testid='strength-hint']").await,
        "Too short: 7 more characters needed."
    );
    app.fill("#passphrase", PASS).await;
    app.fill("#passphrase_confirm", PASS).await;
    h.shot(&app, "create-vault-filled").await;
    app.click("#create-vault button[type='submit']").await;
    // The getting started guide comes first; each step says whether it is done.
    app.wait_screen("welcome").await;
    h.shot(&app, "welcome").await;
    assert_eq!(app.text("[data-testid='step-recovery']").await, "To do");
    assert_eq!(app.text("[data-testid='step-backup']").await, "To do");
    let key = app.text("[data-testid='welcome-handover-key']").await;
    assert!(key.starts_with("age1"), "{key}");
    app.click("#welcome-done").await;
    app.wait_screen("caseload").await;
    app.wait("[data-testid='no-recovery-warning']").await;
    h.shot(&app, "caseload-empty").await;
    // The warning can be put away until the next unlock.
    app.click("#hide-recovery-warning").await;
    let shown: bool = app
        .client
        .execute(
            "return document.querySelector(\"[data-testid='no-recovery-warning']\") !== null",
            vec![],
        )
        .await
        .unwrap()
        .as_bool()
        .unwrap();
    assert!(!shown, "hidden for now");

    // Lock on demand.
    app.click("#lock-button").await;
    app.wait_screen("unlock").await;
    h.shot(&app, "locked").await;

    // A wrong passphrase gets a calm message and the vault stays locked.
    app.fill("#passphrase", "not my passphrase at all").await;
    app.click("#unlock button[type='submit']").await;
    let msg = app
        .wait_text("#passphrase-error", "does not open this vault")
        .await;
    assert!(msg.contains("Check Caps Lock"), "{msg}");
    h.shot(&app, "wrong-passphrase").await;

    app.fill("#passphrase", PASS).await;
    app.click("#unlock button[type='submit']").await;
    app.wait_screen("caseload").await;
    app.wait("[data-testid='no-recovery-warning']").await;

    // Settings: a bad auto-lock time is refused by name, a good one is saved.
    app.click("[data-nav='settings']").await;
    app.wait_screen("settings").await;
    h.shot(&app, "settings").await;
    app.fill("#auto_lock_minutes", "0").await;
    app.click("#auto-lock-form button[type='submit']").await;
    app.wait_text("#auto_lock_minutes-error", "from 1 to 120")
        .await;
    h.shot(&app, "settings-bad-auto-lock").await;
    app.fill("#auto_lock_minutes", "5").await;
    app.click("#auto-lock-form button[type='submit']").await;
    app.wait_text("#auto-lock-form .app-saved", "lock after 5 minutes")
        .await;
    h.shot(&app, "settings-saved").await;

    // Unlocking returns to the screen that was open, with focus on its heading and a title naming it.
    app.click("#lock-button").await;
    app.wait_screen("unlock").await;
    app.fill("#passphrase", linkwork_e2e::PASS).await;
    app.click("#unlock button[type='submit']").await;
    app.wait_screen("settings").await;
    let (title, focused) = (
        app.client.title().await.unwrap(),
        app.client
            .execute(
                "return document.activeElement.tagName + ' ' + document.activeElement.textContent",
                vec![],
            )
            .await
            .unwrap(),
    );
    assert_eq!(
        (title.as_str(), focused.as_str()),
        ("Settings – Linkwork", Some("H1 Settings"))
    );

    // Ctrl+= zooms the whole window a step at a time; at 200% the header wraps and Lock stays on screen.
    let zoom = || async {
        app.client
            .execute("return document.documentElement.dataset.zoom", vec![])
            .await
            .unwrap()
    };
    let ctrl = char::from(Key::Control);
    app.chord(&format!("{ctrl}=")).await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while zoom().await != "110" {
        assert!(
            std::time::Instant::now() < deadline,
            "zoom: {}",
            zoom().await
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    for _ in 0..4 {
        app.chord(&format!("{ctrl}=")).await;
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    while zoom().await != "200" {
        assert!(
            std::time::Instant::now() < deadline,
            "zoom: {}",
            zoom().await
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let lock_visible = app
        .client
        .execute(
            "const r = document.getElementById('lock-button').getBoundingClientRect();
             return r.width > 0 && r.left >= 0 && r.right <= window.innerWidth && r.bottom <= window.innerHeight;",
            vec![],
        )
        .await
        .unwrap();
    h.shot(&app, "zoom-200").await;
    assert_eq!(
        lock_visible.as_bool(),
        Some(true),
        "Lock is on screen at 200%"
    );
    app.chord(&format!("{ctrl}0")).await;

    // The keyboard shortcut locks too.
    app.chord(&format!("{}l", char::from(Key::Control))).await;
    app.wait_screen("unlock").await;
    app.quit().await;

    // Restart: the unlock screen, the same passphrase, and the setting kept.
    let app = h.launch().await;
    app.wait_screen("unlock").await;
    h.shot(&app, "after-restart").await;
    app.fill("#passphrase", PASS).await;
    app.click("#unlock button[type='submit']").await;
    app.wait_screen("caseload").await;
    app.click("[data-nav='settings']").await;
    app.wait_screen("settings").await;
    let kept = app
        .wait("#auto_lock_minutes")
        .await
        .prop("value")
        .await
        .unwrap();
    assert_eq!(kept.as_deref(), Some("5"));
    app.quit().await;
}

#[tokio::test]
async fn a_damaged_vault_is_reported_and_never_replaced() {
    let mut h = Harness::start("vault-problem").await;
    let app = h.launch().await;
    app.wait_screen("create-vault").await;
    app.fill("#passphrase", PASS).await;
    app.fill("#passphrase_confirm", PASS).await;
    app.click("#create-vault button[type='submit']").await;
    app.wait_screen("welcome").await;
    app.quit().await;

    std::fs::remove_file(h.data_dir().join("key-passphrase.age")).unwrap();
    let before: Vec<_> = std::fs::read_dir(h.data_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();

    let app = h.launch().await;
    app.wait_screen("vault-problem").await;
    let msg = app.text("[data-testid='problem-message']").await;
    assert!(msg.contains("key-passphrase.age is missing"), "{msg}");
    h.shot(&app, "vault-problem").await;
    app.quit().await;

    let after: Vec<_> = std::fs::read_dir(h.data_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(before.len(), after.len(), "no file created or removed");
    assert!(!h.data_dir().join("key-passphrase.age").exists());
}
