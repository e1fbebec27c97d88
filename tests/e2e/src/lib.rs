//! End-to-end harness: the real Linkwork binary under Xvfb, driven over WebDriver through
//! tauri-driver and WebKitWebDriver. `./dev test` provides the display, the driver and the build.
//!
//! Environment (set by `./dev test`): `DISPLAY`; `TAURI_DRIVER` (default `.tools/bin/tauri-driver`);
//! `LINKWORK_APP` (default `target/debug/linkwork-desktop`). Screenshots go to
//! `test-output/e2e/<test>/NN-<screen>.png`.

use fantoccini::{elements::Element, Client, ClientBuilder, Locator};
use std::os::unix::process::CommandExt;
use std::{
    net::{TcpListener, TcpStream},
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    sync::atomic::{AtomicU32, Ordering},
    time::{Duration, Instant},
};

pub const PASS: &str = "teapot river lantern autumn";

/// One app window at a time: two WebKit processes on two cores make every test flaky.
static SERIAL: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap()
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn must_exist(p: PathBuf, what: &str) -> PathBuf {
    assert!(p.exists(), "{what} not found at {}: run the end-to-end tests through `./dev test`", p.display());
    p
}

pub struct Harness {
    name: String,
    driver: Child,
    url: String,
    app: PathBuf,
    tmp: tempfile::TempDir,
    shots: PathBuf,
    shot_no: AtomicU32,
    _serial: tokio::sync::MutexGuard<'static, ()>,
}

impl Harness {
    /// Starts tauri-driver with a fresh, empty data folder for the app.
    pub async fn start(name: &str) -> Harness {
        let serial = SERIAL.lock().await;
        assert!(std::env::var_os("DISPLAY").is_some(), "no DISPLAY: run the end-to-end tests through `./dev test` (it starts Xvfb)");
        let root = workspace();
        let driver_bin = must_exist(
            std::env::var_os("TAURI_DRIVER").map(PathBuf::from).unwrap_or_else(|| root.join(".tools/bin/tauri-driver")),
            "tauri-driver",
        );
        let app = must_exist(
            std::env::var_os("LINKWORK_APP").map(PathBuf::from).unwrap_or_else(|| root.join("target/debug/linkwork-desktop")),
            "the Linkwork app",
        );
        let tmp = tempfile::tempdir().unwrap();
        let shots = root.join("test-output/e2e").join(name);
        let _ = std::fs::remove_dir_all(&shots);
        std::fs::create_dir_all(&shots).unwrap();
        let port = free_port();
        let driver = Command::new(driver_bin)
            // Its own process group, so WebKitWebDriver and the app end with it (see Drop).
            .process_group(0)
            .args(["--port", &port.to_string(), "--native-port", &free_port().to_string()])
            // Inherited by the app that WebKitWebDriver launches.
            .env("LINKWORK_DATA_DIR", tmp.path().join("data"))
            .env("LINKWORK_INSECURE_TEST_KDF", "1")
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start tauri-driver");
        let deadline = Instant::now() + Duration::from_secs(30);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "tauri-driver did not start listening on port {port}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Harness {
            name: name.into(),
            driver,
            url: format!("http://127.0.0.1:{port}"),
            app,
            tmp,
            shots,
            shot_no: AtomicU32::new(0),
            _serial: serial,
        }
    }

    pub fn data_dir(&self) -> PathBuf {
        self.tmp.path().join("data")
    }

    /// Launches the app (a new WebDriver session) and waits for its first screen.
    pub async fn launch(&self) -> App {
        let mut caps = serde_json::Map::new();
        caps.insert("tauri:options".into(), serde_json::json!({ "application": self.app }));
        let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps)
            .connect(&self.url)
            .await
            .unwrap_or_else(|e| panic!("[{}] could not start the app over WebDriver: {e}", self.name));
        let app = App { client };
        app.wait("[data-screen]").await;
        app
    }

    /// Saves a screenshot of the window as `NN-<screen>.png`.
    pub async fn shot(&self, app: &App, screen: &str) {
        let n = self.shot_no.fetch_add(1, Ordering::SeqCst) + 1;
        let png = app.client.screenshot().await.expect("screenshot");
        std::fs::write(self.shots.join(format!("{n:02}-{screen}.png")), png).unwrap();
    }
}

impl Drop for Harness {
    fn drop(&mut self) {
        // tauri-driver does not stop its WebKitWebDriver child; end the whole group.
        let _ = Command::new("kill").arg("-KILL").arg(format!("-{}", self.driver.id())).status();
        let _ = self.driver.wait();
    }
}

pub struct App {
    pub client: Client,
}

impl App {
    pub async fn wait(&self, css: &str) -> Element {
        self.client
            .wait()
            .at_most(Duration::from_secs(20))
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("waiting for `{css}`: {e}"))
    }

    pub async fn wait_screen(&self, screen: &str) {
        self.wait(&format!("[data-screen='{screen}']")).await;
    }

    /// Clears a field and types into it, as a person would.
    pub async fn fill(&self, css: &str, text: &str) {
        let e = self.wait(css).await;
        e.clear().await.unwrap();
        e.send_keys(text).await.unwrap();
    }

    pub async fn click(&self, css: &str) {
        self.wait(css).await.click().await.unwrap_or_else(|e| panic!("click `{css}`: {e}"));
    }

    pub async fn text(&self, css: &str) -> String {
        self.wait(css).await.text().await.unwrap()
    }

    /// Waits until the element's text contains `needle`, and returns the text.
    pub async fn wait_text(&self, css: &str, needle: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let t = self.text(css).await;
            if t.contains(needle) {
                return t;
            }
            assert!(Instant::now() < deadline, "`{css}` never said {needle:?}; it says {t:?}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Presses a key chord on whatever has focus (e.g. Ctrl+L).
    pub async fn chord(&self, keys: &str) {
        let body = self.wait("body").await;
        body.send_keys(keys).await.unwrap();
    }

    /// Ends the WebDriver session, which closes the app.
    pub async fn quit(self) {
        self.client.close().await.unwrap();
    }
}
