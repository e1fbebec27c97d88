//! Switches the tests use, honoured only by a debug build. A release build ignores them whatever
//! the environment says; `./dev test` proves it by running this module's test in the release
//! profile (`cargo test --release -p linkwork-core debug_switches`).

/// `LINKWORK_INSECURE_TEST_KDF`: a tiny scrypt work factor, so each unlock in a test is quick.
pub fn insecure_test_kdf() -> bool {
    cfg!(debug_assertions) && std::env::var_os("LINKWORK_INSECURE_TEST_KDF").is_some()
}

/// `TAURI_WEBVIEW_AUTOMATION=true` (set by tauri-driver): the webview may keep its storage, since
/// WebKit refuses WebDriver automation of an ephemeral (incognito) context.
pub fn webview_automation() -> bool {
    cfg!(debug_assertions) && std::env::var("TAURI_WEBVIEW_AUTOMATION").as_deref() == Ok("true")
}

/// `LINKWORK_TEST_DIALOG_ANSWERS=FILE`: the end-to-end tests cannot click a native file dialog,
/// so the shell takes each answer from the first line of this file instead of opening one (and
/// the window still never names a file itself).
pub fn dialog_answers() -> Option<std::path::PathBuf> {
    if !cfg!(debug_assertions) {
        return None;
    }
    std::env::var_os("LINKWORK_TEST_DIALOG_ANSWERS").map(Into::into)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_switches_work_only_in_a_debug_build() {
        std::env::set_var("LINKWORK_INSECURE_TEST_KDF", "1");
        std::env::set_var("TAURI_WEBVIEW_AUTOMATION", "true");
        std::env::set_var("LINKWORK_TEST_DIALOG_ANSWERS", "/tmp/answers");
        let debug = cfg!(debug_assertions);
        assert_eq!(insecure_test_kdf(), debug);
        assert_eq!(webview_automation(), debug);
        assert_eq!(dialog_answers().is_some(), debug);
        if !debug {
            println!("release build: every switch set, every one ignored");
        }
    }
}
