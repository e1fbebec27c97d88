//! Linkwork desktop: the thin Tauri shell.
//!
//! Architecture invariant: this is the only crate that knows Tauri. It forwards one IPC command,
//! `call`, to `linkwork_api::commands::dispatch`, owns the window (CSP, no navigation away, no
//! persistent webview storage), runs the idle-lock timer, and opens the native open/save/folder
//! dialogs from Rust (`choose_file`): the window gets a handle for the file chosen, never a path it
//! could make up, and the core takes files from the window only by those handles. No business rule
//! lives here.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use linkwork_api::{ApiError, Session};
use linkwork_store::KdfCost;
use std::{process::ExitCode, sync::Arc, time::Duration};
use tauri::{Emitter, WebviewUrl, WebviewWindowBuilder};

/// Event sent to the UI when the core locks by itself.
const LOCKED_EVENT: &str = "vault-locked";

/// The one command: runs on a blocking thread so a ~1 s scrypt unlock never freezes the window.
#[tauri::command]
async fn call(
    session: tauri::State<'_, Arc<Session>>,
    command: String,
    args: serde_json::Value,
) -> Result<serde_json::Value, ApiError> {
    let session = Arc::clone(&session);
    tauri::async_runtime::spawn_blocking(move || {
        let out = linkwork_api::commands::dispatch(&session, &command, args);
        if out.is_ok() {
            startup_timing(&command);
        }
        out
    })
    .await
    .unwrap_or_else(|_| {
        Err(ApiError::new(
            linkwork_api::ErrorCode::Internal,
            "Linkwork hit an internal error. Work saved before this point is safe.",
        ))
    })
}

#[derive(serde::Deserialize)]
struct DialogFilter {
    name: String,
    extensions: Vec<String>,
}

#[derive(serde::Deserialize)]
#[serde(rename_all = "snake_case")]
enum DialogKind {
    Open,
    Save,
    Folder,
}

/// What the window learns of a chosen file: a handle for the core, and the name to show.
#[derive(serde::Serialize)]
struct ChosenFile {
    handle: String,
    name: String,
    /// The whole path, to show (never taken back).
    shown: String,
}

/// Opens a native dialog from Rust; the chosen file gets a handle the core resolves. `None`: the
/// person cancelled.
#[tauri::command]
async fn choose_file(
    app: tauri::AppHandle,
    session: tauri::State<'_, Arc<Session>>,
    kind: DialogKind,
    title: String,
    default_name: Option<String>,
    filters: Vec<DialogFilter>,
) -> Result<Option<ChosenFile>, ApiError> {
    let session = Arc::clone(&session);
    tauri::async_runtime::spawn_blocking(move || {
        let (path, confirmed) = match test_answer() {
            Some(p) => (Some(p), false),
            None => {
                use tauri_plugin_dialog::DialogExt;
                let mut d = app.dialog().file().set_title(title);
                for f in &filters {
                    let ext: Vec<&str> = f.extensions.iter().map(String::as_str).collect();
                    d = d.add_filter(&f.name, &ext);
                }
                if let Some(n) = default_name {
                    d = d.set_file_name(n);
                }
                let picked = match kind {
                    DialogKind::Open => d.blocking_pick_file(),
                    DialogKind::Folder => d.blocking_pick_folder(),
                    DialogKind::Save => d.blocking_save_file(),
                };
                // The system's save dialog asks before replacing a file itself.
                let confirmed = matches!(kind, DialogKind::Save);
                (picked.and_then(|p| p.into_path().ok()), confirmed)
            }
        };
        Ok(path.and_then(|path| {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| path.display().to_string());
            let shown = path.display().to_string();
            session
                .issue_file(path, confirmed)
                .map(|handle| ChosenFile {
                    handle,
                    name,
                    shown,
                })
        }))
    })
    .await
    .unwrap_or_else(|_| {
        Err(ApiError::new(
            linkwork_api::ErrorCode::Internal,
            "Linkwork hit an internal error opening the file dialog.",
        ))
    })
}

/// A debug build under the end-to-end tests: the next answer from the test's answers file (its
/// first line, removed), standing in for a native dialog the tests cannot click.
fn test_answer() -> Option<std::path::PathBuf> {
    let file = linkwork_api::debug_switches::dialog_answers()?;
    let text = std::fs::read_to_string(&file).ok()?;
    let mut lines = text.lines();
    let first = lines.next()?.trim().to_string();
    let rest: Vec<&str> = lines.collect();
    std::fs::write(&file, rest.join("\n")).ok()?;
    (!first.is_empty()).then(|| first.into())
}

/// `LINKWORK_STARTUP_TIMING` (used by `./dev app-figures`): prints to stderr the wall-clock time,
/// in milliseconds since 1970, when the UI first learns which screen to show (the unlock screen
/// follows in the same frame) and when the vault first unlocks. Times only, never data.
fn startup_timing(command: &str) {
    use std::sync::atomic::{AtomicBool, Ordering};
    static SCREEN: AtomicBool = AtomicBool::new(false);
    static UNLOCKED: AtomicBool = AtomicBool::new(false);
    let first = match command {
        "status" => &SCREEN,
        "unlock" => &UNLOCKED,
        _ => return,
    };
    if std::env::var_os("LINKWORK_STARTUP_TIMING").is_none() || first.swap(true, Ordering::Relaxed)
    {
        return;
    }
    let ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis());
    eprintln!("linkwork-timing {command} {ms}");
}

/// Only a debug build lets WebDriver (the end-to-end tests) turn off the incognito webview; a
/// release build ignores the variable, like `LINKWORK_INSECURE_TEST_KDF`.
fn under_webdriver() -> bool {
    linkwork_api::debug_switches::webview_automation()
}

fn data_dir_flag() -> Option<std::path::PathBuf> {
    let mut args = std::env::args_os().skip(1);
    while let Some(a) = args.next() {
        if a == "--data-dir" {
            return args.next().map(Into::into);
        }
        if let Some(v) = a.to_str().and_then(|s| s.strip_prefix("--data-dir=")) {
            return Some(v.into());
        }
    }
    None
}

/// Windows: WebView2 keeps its profile (even an InPrivate window writes a few files) in a folder
/// of its own beside the data folder, never inside it: a restore moves the data folder, which
/// Windows refuses while WebView2 holds files open there.
#[cfg(windows)]
fn webview_folder(data_dir: &std::path::Path) -> std::path::PathBuf {
    let name = data_dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned());
    data_dir.with_file_name(format!(
        "{} WebView",
        name.unwrap_or_else(|| "Linkwork".into())
    ))
}

/// Windows: WebView2's own crash reporter is turned off, so a crashed page (which shows patient
/// records) is never written to a dump. The rest are Tauri's defaults, which this list replaces.
#[cfg(windows)]
const WEBVIEW2_ARGS: &str = "--disable-features=msWebOOUI,msPdfOOUI,msSmartScreenProtection \
    --disable-breakpad --disable-crash-reporter";

/// Freed memory is zeroed: no copy of a key or passphrase a library dropped unwiped lingers.
#[global_allocator]
static ALLOC: linkwork_api::WipeOnFree = linkwork_api::WipeOnFree;

/// Started as `linkwork` (the .deb's and the AppImage's link to this binary): the command line.
/// One binary instead of two halves what the installers carry, as the two share almost all code.
fn invoked_as_cli() -> bool {
    std::env::args_os()
        .next()
        .map(std::path::PathBuf::from)
        .is_some_and(|p| p.file_stem().is_some_and(|n| n == "linkwork"))
}

fn main() -> ExitCode {
    if invoked_as_cli() {
        return linkwork_cli::main();
    }
    linkwork_api::quiet_panics("linkwork-desktop");
    linkwork_api::no_core_dumps();
    let data_dir = match linkwork_api::resolve_data_dir(data_dir_flag()) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("linkwork-desktop: {}", e.message);
            std::process::exit(3);
        }
    };
    #[cfg(windows)]
    let webview_data = webview_folder(&data_dir);
    let session = Arc::new(Session::new(data_dir, KdfCost::from_env()).choosing_files_in_dialogs());
    let for_setup = Arc::clone(&session);

    let app = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .manage(Arc::clone(&session))
        .invoke_handler(tauri::generate_handler![call, choose_file])
        .setup(move |app| {
            let builder =
                WebviewWindowBuilder::new(app, "main", WebviewUrl::App("index.html".into()));
            #[cfg(windows)]
            let builder = builder
                .data_directory(webview_data)
                .additional_browser_args(WEBVIEW2_ARGS);
            let window = builder
                .title("Linkwork")
                .inner_size(1200.0, 800.0)
                .min_inner_size(800.0, 600.0)
                // Nothing the webview sees is written to its own disk cache or storage. WebKit
                // refuses WebDriver automation of an ephemeral context, so only the end-to-end
                // tests (run under tauri-driver, which sets this variable) run without it.
                .incognito(!under_webdriver())
                // The app never leaves its own pages: links to the web open nowhere.
                .on_navigation(|url| {
                    url.scheme() == "tauri" || url.host_str() == Some("tauri.localhost")
                })
                .build()?;
            let handle = app.handle().clone();
            let session = for_setup;
            std::thread::spawn(move || loop {
                std::thread::sleep(Duration::from_secs(5));
                if session.lock_if_idle() {
                    let _ = handle.emit(LOCKED_EVENT, "idle");
                }
            });
            let _ = window.set_focus();
            Ok(())
        })
        .build(tauri::generate_context!())
        .expect("Linkwork could not start its window");

    // The event loop ends the process without running destructors, so close the vault (checkpoint
    // the WAL, wipe the key) on the way out.
    app.run(move |_, event| {
        if let tauri::RunEvent::Exit = event {
            session.lock(linkwork_api::types::LockReason::Requested);
            // The window is gone; a backup on exit still finishes before the process ends.
            session.wait_for_background();
        }
    });
    ExitCode::SUCCESS
}
