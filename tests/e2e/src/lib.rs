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

mod axe;

/// WebKit's own small browser, in the package the app needs anyway (libwebkit2gtk-4.1-0).
const MINIBROWSER: &str = "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser";

pub const PASS: &str = "teapot river lantern autumn";

/// One app window at a time: two WebKit processes on two cores make every test flaky.
static SERIAL: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn must_exist(p: PathBuf, what: &str) -> PathBuf {
    assert!(
        p.exists(),
        "{what} not found at {}: run the end-to-end tests through `./dev test`",
        p.display()
    );
    p
}

/// A tauri-driver (and its WebKitWebDriver) for one launch of the app. Started in its own process
/// group so that ending it ends WebKitWebDriver and the app too.
struct Driver {
    child: Child,
    url: String,
}

impl Driver {
    async fn start(data_dir: &Path, answers: &Path, isolated: Option<&Path>) -> Driver {
        let root = workspace();
        let driver_bin = must_exist(
            std::env::var_os("TAURI_DRIVER")
                .map(PathBuf::from)
                .unwrap_or_else(|| root.join(".tools/bin/tauri-driver")),
            "tauri-driver",
        );
        let (port, native_port) = (free_port(), free_port());
        let mut cmd = Command::new(driver_bin);
        cmd.args([
            "--port",
            &port.to_string(),
            "--native-port",
            &native_port.to_string(),
        ])
        // Inherited by the app that WebKitWebDriver launches.
        .env("LINKWORK_DATA_DIR", data_dir)
        .env("LINKWORK_INSECURE_TEST_KDF", "1")
        // The shell answers its file dialogs from here (a debug build only): see `pick_next`.
        .env("LINKWORK_TEST_DIALOG_ANSWERS", answers);
        let log = isolated.map(|root| {
            // Every folder the app or its webview may write to, inside the test's own folder.
            let home = root.join("home");
            for (var, dir) in [
                ("HOME", home.clone()),
                ("XDG_DATA_HOME", home.join(".local/share")),
                ("XDG_CACHE_HOME", home.join(".cache")),
                ("XDG_CONFIG_HOME", home.join(".config")),
                ("XDG_STATE_HOME", home.join(".local/state")),
                ("TMPDIR", root.join("tmp")),
            ] {
                std::fs::create_dir_all(&dir).unwrap();
                cmd.env(var, dir);
            }
            root.join("app.log")
        });
        // tauri-driver listens at once but forwards to WebKitWebDriver, which starts a moment later.
        Driver::spawn_logged(cmd, &[port, native_port], log.as_deref()).await
    }

    /// WebKitWebDriver alone, for a page in WebKit's MiniBrowser (a file the app exported).
    async fn webkit() -> Driver {
        let port = free_port();
        let mut cmd = Command::new("WebKitWebDriver");
        cmd.arg(format!("--port={port}"));
        Driver::spawn(cmd, &[port]).await
    }

    async fn spawn(cmd: Command, ports: &[u16]) -> Driver {
        Driver::spawn_logged(cmd, ports, None).await
    }

    /// With `log`, everything the processes print (the app's included) goes to that file.
    async fn spawn_logged(mut cmd: Command, ports: &[u16], log: Option<&Path>) -> Driver {
        let (out, err) = match log {
            Some(f) => {
                let file = std::fs::OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(f)
                    .unwrap();
                (Stdio::from(file.try_clone().unwrap()), Stdio::from(file))
            }
            None => (Stdio::null(), Stdio::inherit()),
        };
        let child = cmd
            .process_group(0)
            .stdin(Stdio::null())
            .stdout(out)
            .stderr(err)
            .spawn()
            .unwrap_or_else(|e| panic!("start {cmd:?}: {e}"));
        let port = ports[0];
        let deadline = Instant::now() + Duration::from_secs(30);
        for &p in ports {
            while TcpStream::connect(("127.0.0.1", p)).is_err() {
                assert!(
                    Instant::now() < deadline,
                    "the WebDriver servers did not start listening (port {p})"
                );
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }
        Driver {
            child,
            url: format!("http://127.0.0.1:{port}"),
        }
    }

    /// Ends tauri-driver, WebKitWebDriver and the app at once (SIGKILL to the group), like a
    /// laptop losing power.
    fn kill(&mut self) {
        // `--` so that `-PGID` is read as a process group, not as an option.
        let _ = Command::new("kill")
            .args(["-s", "KILL", "--", &format!("-{}", self.child.id())])
            .status();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        self.kill();
    }
}

pub struct Harness {
    name: String,
    driver: Option<Driver>,
    app: PathBuf,
    tmp: tempfile::TempDir,
    shots: PathBuf,
    shot_no: AtomicU32,
    isolated: bool,
    _serial: tokio::sync::MutexGuard<'static, ()>,
}

impl Harness {
    /// A fresh, empty data folder for the app; nothing runs until [`Harness::launch`].
    pub async fn start(name: &str) -> Harness {
        let serial = SERIAL.lock().await;
        assert!(
            std::env::var_os("DISPLAY").is_some(),
            "no DISPLAY: run the end-to-end tests through `./dev test` (it starts Xvfb)"
        );
        let root = workspace();
        let app = must_exist(
            std::env::var_os("LINKWORK_APP")
                .map(PathBuf::from)
                .unwrap_or_else(|| root.join("target/debug/linkwork-desktop")),
            "the Linkwork app",
        );
        let shots = root.join("test-output/e2e").join(name);
        let _ = std::fs::remove_dir_all(&shots);
        std::fs::create_dir_all(&shots).unwrap();
        Harness {
            name: name.into(),
            driver: None,
            app,
            tmp: tempfile::tempdir().unwrap(),
            shots,
            shot_no: AtomicU32::new(0),
            isolated: false,
            _serial: serial,
        }
    }

    /// As [`Harness::start`], but the app's home, XDG folders and temp folder are inside the
    /// test's folder and everything it prints goes to a log there: a test can then look at
    /// everything the app and its webview wrote ([`Harness::written`]).
    pub async fn start_isolated(name: &str) -> Harness {
        let mut h = Harness::start(name).await;
        h.isolated = true;
        h
    }

    /// Every folder and file the app may have written to (an isolated harness): the data folder,
    /// home (the webview's data and cache), the temp folder and the log.
    pub fn written(&self) -> Vec<PathBuf> {
        assert!(
            self.isolated,
            "only an isolated harness knows where the app wrote"
        );
        let root = self.tmp.path().join("app");
        vec![
            self.data_dir(),
            root.join("home"),
            root.join("tmp"),
            root.join("app.log"),
        ]
    }

    pub fn data_dir(&self) -> PathBuf {
        self.tmp.path().join("data")
    }

    /// Where the app's file dialogs take their answers in this test ([`App::pick_next`]).
    fn answers(&self) -> PathBuf {
        self.tmp.path().join("dialog-answers")
    }

    /// Launches the app and waits for its first screen. Each launch gets its own tauri-driver:
    /// a second session through the same WebKitWebDriver was seen to hang.
    pub async fn launch(&mut self) -> App {
        self.kill_app();
        let root = self.tmp.path().join("app");
        let driver = Driver::start(
            &self.data_dir(),
            &self.answers(),
            self.isolated.then_some(root.as_path()),
        )
        .await;
        let caps = serde_json::json!({ "tauri:options": { "application": self.app } });
        let app = self.connect(driver, caps).await;
        app.wait("[data-screen]").await;
        app
    }

    /// Closes the app and opens `file` (say, an exported HTML report) in WebKit's MiniBrowser,
    /// the engine the app itself runs on, driven like the app.
    pub async fn browse(&mut self, file: &Path) -> App {
        self.kill_app();
        let driver = Driver::webkit().await;
        let caps = serde_json::json!({
            "browserName": "MiniBrowser",
            "webkitgtk:browserOptions": { "binary": MINIBROWSER, "args": ["--automation"] },
        });
        let page = self.connect(driver, caps).await;
        page.client
            .goto(&format!("file://{}", file.display()))
            .await
            .unwrap_or_else(|e| panic!("open {}: {e}", file.display()));
        page
    }

    async fn connect(&mut self, driver: Driver, caps: serde_json::Value) -> App {
        let serde_json::Value::Object(caps) = caps else {
            unreachable!()
        };
        let mut builder =
            ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new());
        builder.capabilities(caps);
        let client = tokio::time::timeout(Duration::from_secs(60), builder.connect(&driver.url))
            .await
            .unwrap_or_else(|_| {
                panic!(
                    "[{}] the app did not start within 60 s over WebDriver",
                    self.name
                )
            })
            .unwrap_or_else(|e| {
                panic!(
                    "[{}] could not start the app over WebDriver: {e}",
                    self.name
                )
            });
        self.driver = Some(driver);
        App {
            client,
            answers: self.answers(),
        }
    }

    /// Runs the `linkwork` command line on this test's data folder, answering its passphrase
    /// prompts, and asserts it succeeded (e.g. `init`, then `demo` to fill the vault).
    pub fn cli(&self, args: &[&str]) {
        self.cli_output(args);
    }

    /// [`Harness::cli`], and what it printed.
    pub fn cli_output(&self, args: &[&str]) -> String {
        use std::io::Write;
        let mut child = std::process::Command::new(must_exist(
            workspace().join("target/debug/linkwork"),
            "the linkwork command line",
        ))
        .args(args)
        .arg("--data-dir")
        .arg(self.data_dir())
        .env("LINKWORK_INSECURE_TEST_KDF", "1")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("the linkwork command line starts");
        let pass = format!("{PASS}\n");
        child
            .stdin
            .take()
            .unwrap()
            .write_all(pass.repeat(2).as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "linkwork {args:?}");
        String::from_utf8(out.stdout).unwrap()
    }

    /// A group with the first `n` people on the caseload booked on it and a session today, whose
    /// register is still to take (for screens that show one).
    pub fn group_with_session(&self, name: &str, n: usize) {
        let people: Vec<serde_json::Value> =
            serde_json::from_str(&self.cli_output(&["people", "list", "--as-json"])).unwrap();
        let ids: Vec<&str> = people
            .iter()
            .filter(|p| !p["open_episode_id"].is_null())
            .filter_map(|p| p["id"].as_str())
            .take(n)
            .collect();
        self.cli(&[
            "groups",
            "add",
            "--name",
            name,
            "--place",
            "Hebble Park gates",
        ]);
        let mut book = vec!["groups", "book", name];
        book.extend(&ids);
        self.cli(&book);
        let today = chrono::Local::now().format("%d/%m/%Y").to_string();
        self.cli(&[
            "groups",
            "session",
            name,
            "--date",
            &today,
            "--time",
            "00:00",
            "--minutes",
            "90",
        ]);
    }

    /// Imports a two-person outreach list, from the practice with ODS code `practice`, through the
    /// command line (for screens that show one).
    pub fn outreach_list(&self, practice: &str, name: &str) {
        let csv = self.tmp.path().join("outreach-search.csv");
        std::fs::write(
            &csv,
            "Surname,Forename,Date of birth,Telephone,Reason\nAckroyd,Ruth,01/02/1940,07700 900201,\"Frailty, severe (housebound)\"\nBright,Jo,03/03/1945,,Lonely\n",
        )
        .unwrap();
        self.cli(&[
            "outreach",
            "import",
            csv.to_str().unwrap(),
            "--practice",
            practice,
            "--name",
            name,
        ]);
    }

    /// Kills the app and its drivers with SIGKILL: no chance to save or close anything.
    pub fn kill_app(&mut self) {
        if let Some(mut d) = self.driver.take() {
            d.kill();
        }
    }

    /// Saves a screenshot of the window as `NN-<screen>.png`.
    pub async fn shot(&self, app: &App, screen: &str) {
        let n = self.shot_no.fetch_add(1, Ordering::SeqCst) + 1;
        let png = app.client.screenshot().await.expect("screenshot");
        std::fs::write(self.shots.join(format!("{n:02}-{screen}.png")), png).unwrap();
    }
}

/// How long to wait for the app. Generous: the e2e binaries run their tests side by side, several
/// WebKit windows on CI's two cores.
const WAIT: Duration = Duration::from_secs(40);

/// Whether a WebDriver error says the element was replaced or removed by a re-render.
fn gone(err: &str) -> bool {
    err.contains("Stale element") || err.contains("was not found")
}

pub struct App {
    pub client: Client,
    /// The file the shell's dialogs take their answers from.
    answers: PathBuf,
}

impl App {
    pub async fn wait(&self, css: &str) -> Element {
        let deadline = std::time::Instant::now() + WAIT;
        loop {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            match self
                .client
                .wait()
                .at_most(left)
                .for_element(Locator::Css(css))
                .await
            {
                Ok(e) => return e,
                // The element was found as the UI re-rendered it (search results arriving):
                // look again.
                Err(e) if e.to_string().contains("Stale element") && !left.is_zero() => {
                    tokio::time::sleep(Duration::from_millis(50)).await
                }
                Err(e) => panic!("waiting for `{css}`: {e}"),
            }
        }
    }

    pub async fn wait_screen(&self, screen: &str) {
        self.wait(&format!("[data-screen='{screen}']")).await;
    }

    /// Clears a field and types into it, as a person would. WebDriver's clear sets the value without
    /// an input event, so a React re-render in between (an autosave tick) can put the old value back;
    /// selecting all and deleting by keys first clears it the way React sees.
    pub async fn fill(&self, css: &str, text: &str) {
        use fantoccini::key::Key;
        let e = self.wait(css).await;
        self.scroll_to_middle(&e).await;
        e.clear().await.unwrap();
        let wipe = format!(
            "{}a{}{}",
            char::from(Key::Control),
            char::from(Key::Null),
            char::from(Key::Backspace)
        );
        e.send_keys(&wipe).await.unwrap();
        e.send_keys(text).await.unwrap();
    }

    pub async fn click(&self, css: &str) {
        let deadline = Instant::now() + WAIT;
        loop {
            let e = self.wait(css).await;
            self.scroll_to_middle(&e).await;
            self.settled(&e, css).await;
            match e.click().await {
                Ok(()) => return,
                // React replaced the node between finding and clicking it (a list re-rendered as
                // results arrived): find it again rather than fail on a node that is gone.
                Err(err) if gone(&err.to_string()) && Instant::now() < deadline => {
                    tokio::time::sleep(Duration::from_millis(50)).await
                }
                Err(err) => panic!("click `{css}`: {err}"),
            }
        }
    }

    /// Waits until the element is on top at its centre and has stopped moving: WebKitWebDriver
    /// clicks at coordinates, so a click while the page is still laying out (a message
    /// appearing above a form, say) can land on something else and be lost.
    async fn settled(&self, e: &Element, css: &str) {
        let deadline = Instant::now() + Duration::from_secs(10);
        let mut last = serde_json::Value::Null;
        loop {
            let now = self
                .client
                .execute(
                    "const e = arguments[0].closest('select') || arguments[0]; const r = e.getBoundingClientRect();
                     const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
                     return (hit && (hit === e || e.contains(hit) || hit.contains(e)))
                       ? [Math.round(r.x), Math.round(r.y), Math.round(r.width), Math.round(r.height)] : null;",
                    vec![serde_json::to_value(e).expect("element reference")],
                )
                .await;
            let now = match now {
                Ok(v) => v,
                // Gone from the page: the click fails and `click` looks for it again.
                Err(err) if gone(&err.to_string()) => return,
                Err(_) => serde_json::Value::Null,
            };
            if !now.is_null() && now == last {
                return;
            }
            // Clicking anyway keeps the old behaviour, and the test's next wait says what failed.
            if Instant::now() > deadline {
                eprintln!("`{css}` did not settle on top before clicking: {now}");
                return;
            }
            last = now;
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Scrolls an element to the middle of its scroll area. WebKitWebDriver scrolls only the page
    /// itself before a click or a clear, not a scrolling section inside it (the person workspace).
    async fn scroll_to_middle(&self, e: &Element) {
        let scrolled = self
            .client
            .execute(
                "const e = arguments[0]; (e.closest('select') || e).scrollIntoView({block: 'center'});",
                vec![serde_json::to_value(e).expect("element reference")],
            )
            .await;
        match scrolled {
            Ok(_) => {}
            // Re-rendered away: the caller's next step on it fails and says so (or, in `click`,
            // finds it again).
            Err(err) if gone(&err.to_string()) => {}
            Err(err) => panic!("scroll into view: {err}"),
        }
    }

    pub async fn text(&self, css: &str) -> String {
        self.wait(css).await.text().await.unwrap()
    }

    /// Waits until the element's text contains `needle`, and returns the text.
    pub async fn wait_text(&self, css: &str, needle: &str) -> String {
        let deadline = Instant::now() + WAIT;
        loop {
            // A list re-rendered as it is typed into can replace the element between finding it
            // and reading it (a stale reference): that is "not yet", so look again.
            let t = match self.wait(css).await.text().await {
                Ok(t) => t,
                Err(e) if Instant::now() < deadline => format!("<{e}>"),
                Err(e) => panic!("reading `{css}`: {e}"),
            };
            if t.contains(needle) {
                return t;
            }
            assert!(
                Instant::now() < deadline,
                "`{css}` never said {needle:?}; it says {t:?}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until nothing matches `css` (a form closed on saving, say).
    pub async fn wait_gone(&self, css: &str) {
        let deadline = Instant::now() + WAIT;
        while self.client.find(Locator::Css(css)).await.is_ok() {
            assert!(Instant::now() < deadline, "`{css}` is still there");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Creates a vault on the first-run screen, passes the getting started guide and waits for
    /// the caseload.
    pub async fn create_vault(&self) {
        self.wait_screen("create-vault").await;
        self.fill("#passphrase", PASS).await;
        self.fill("#passphrase_confirm", PASS).await;
        self.click("#create-vault button[type='submit']").await;
        self.wait_screen("welcome").await;
        self.click("#welcome-done").await;
        self.wait_screen("caseload").await;
    }

    pub async fn unlock(&self) {
        self.wait_screen("unlock").await;
        self.fill("#passphrase", PASS).await;
        self.click("#unlock button[type='submit']").await;
        self.wait_screen("caseload").await;
    }

    /// Picks an option of a `<select>` by its value.
    pub async fn select(&self, css: &str, value: &str) {
        self.click(&format!("{css} option[value='{value}']")).await;
    }

    /// The value of a form field.
    pub async fn value(&self, css: &str) -> String {
        self.wait(css)
            .await
            .prop("value")
            .await
            .unwrap()
            .unwrap_or_default()
    }

    /// The path the next "Choose…" or "Save…" button picks, instead of a native dialog (which
    /// WebDriver cannot reach). The app treats it as not yet confirmed for replacing a file.
    /// The answer the app's next file dialog gives (the shell, in Rust, reads it instead of
    /// opening a native dialog the test cannot click). The window itself never names a file.
    pub async fn pick_next(&self, path: &Path) {
        use std::io::Write;
        let mut f = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.answers)
            .expect("the dialog answers file");
        writeln!(f, "{}", path.display()).expect("write the next dialog answer");
    }

    /// Presses a key chord on whatever has focus (e.g. Ctrl+L).
    pub async fn chord(&self, keys: &str) {
        let body = self.wait("body").await;
        body.send_keys(keys).await.unwrap();
    }

    /// Opens a section of the person workspace (Overview, Contacts, Plan…) by its tab.
    pub async fn section(&self, key: &str) {
        self.click(&format!("#tab-{key}")).await;
        self.wait(&format!("[data-section='{key}']:not([hidden])"))
            .await;
    }

    /// Types keys into whatever has focus, as a person at the keyboard would.
    pub async fn keys(&self, keys: &str) {
        let active = self.client.active_element().await.expect("focused element");
        active.send_keys(keys).await.expect("send keys");
    }

    /// Presses Tab (Shift+Tab with `back`) until the focused element matches `css`, as a person at
    /// the keyboard would, and fails naming every stop when it is not reached in 80 presses.
    pub async fn tab_to(&self, css: &str, back: bool) {
        use fantoccini::key::Key;
        let press = if back {
            format!(
                "{}{}{}",
                char::from(Key::Shift),
                char::from(Key::Tab),
                char::from(Key::Null)
            )
        } else {
            char::from(Key::Tab).to_string()
        };
        let mut stops = Vec::new();
        for _ in 0..80 {
            let here = self
                .client
                .execute(
                    "return document.activeElement && document.activeElement.matches(arguments[0]);",
                    vec![serde_json::json!(css)],
                )
                .await
                .unwrap();
            if here == serde_json::Value::Bool(true) {
                return;
            }
            stops.push(self.focused().await);
            self.keys(&press).await;
        }
        panic!("Tab never reached `{css}`; it stopped at {stops:?}");
    }

    /// What does not reflow at the window's current size and zoom (WCAG 1.4.10): the page scrolling
    /// sideways, and anything drawn beyond the viewport's sides or cut off by a box that clips it,
    /// except inside a data table's own scrolling region (`.app-table-region`). Empty when it all
    /// fits. Each problem names the outermost element, so one wide row is one line, not fifty.
    pub async fn reflow_problems(&self) -> Vec<String> {
        let v = self
            .client
            .execute(
                r#"
const vw = document.documentElement.clientWidth;
const out = [];
const name = (e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
  (e.dataset.testid ? `[data-testid=${e.dataset.testid}]` : '') +
  (typeof e.className === 'string' && e.className ? '.' + e.className.trim().split(/\s+/).join('.') : '') +
  ` "${(e.textContent || '').trim().slice(0, 40)}"`;
if (document.documentElement.scrollWidth > vw + 1)
  out.push(`the page is ${document.documentElement.scrollWidth} px wide in a ${vw} px window`);
const shown = (e) => {
  const r = e.getBoundingClientRect();
  if (r.width === 0 || r.height === 0) return null;
  const cs = getComputedStyle(e);
  if (cs.visibility === 'hidden' || cs.position === 'fixed' && e.classList.contains('nhsuk-skip-link')) return null;
  if (e.closest('.nhsuk-u-visually-hidden, [hidden]')) return null;
  return r;
};
const bad = new Set();
for (const e of document.querySelectorAll('body *')) {
  if (e.closest('.app-table-region')) continue;
  const r = shown(e);
  if (!r) continue;
  let why = null;
  if (r.right > vw + 1 || r.left < -1) why = `spans ${Math.round(r.left)}..${Math.round(r.right)} of ${vw}`;
  else {
    // Cut off sideways by an ancestor that clips (overflow hidden or clip) or scrolls.
    for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
      const cs = getComputedStyle(a);
      if (cs.overflowX === 'visible') continue;
      if (a.classList.contains('app-clamp')) break;
      const ar = a.getBoundingClientRect();
      if (r.right > ar.right + 1 || r.left < ar.left - 1)
        why = `cut off by ${name(a)} (${Math.round(r.left)}..${Math.round(r.right)} in ${Math.round(ar.left)}..${Math.round(ar.right)})`;
      break;
    }
  }
  if (!why) continue;
  bad.add(e);
  if (e.parentElement && bad.has(e.parentElement)) continue;
  out.push(`${name(e)} ${why}`);
}
return out;
"#,
                vec![],
            )
            .await
            .expect("measure the layout");
        serde_json::from_value(v).unwrap()
    }

    /// Clicks by script. WebKitWebDriver clicks at page coordinates that ignore the page's zoom,
    /// so at 200 % a real click lands elsewhere; tests that zoom navigate this way.
    pub async fn press(&self, css: &str) {
        let e = self.wait(css).await;
        self.client
            .execute(
                "arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();",
                vec![serde_json::to_value(&e).expect("element reference")],
            )
            .await
            .unwrap_or_else(|err| panic!("press `{css}`: {err}"));
    }

    /// Zooms the window by Ctrl+= / Ctrl+- until it is at `percent` (one of the app's steps),
    /// as a person would, and waits for the layout to follow.
    pub async fn zoom_to(&self, percent: u32) {
        use fantoccini::key::Key;
        for _ in 0..12 {
            let now = self
                .client
                .execute(
                    "return Number(document.documentElement.dataset.zoom || 100);",
                    vec![],
                )
                .await
                .unwrap()
                .as_f64()
                .unwrap() as u32;
            if now == percent {
                tokio::time::sleep(Duration::from_millis(300)).await;
                return;
            }
            let k = if now < percent { "=" } else { "-" };
            self.chord(&format!(
                "{}{k}{}",
                char::from(Key::Control),
                char::from(Key::Null)
            ))
            .await;
            let deadline = Instant::now() + Duration::from_secs(10);
            loop {
                let then = self
                    .client
                    .execute(
                        "return Number(document.documentElement.dataset.zoom || 100);",
                        vec![],
                    )
                    .await
                    .unwrap()
                    .as_f64()
                    .unwrap() as u32;
                if then != now {
                    break;
                }
                assert!(
                    Instant::now() < deadline,
                    "Ctrl+{k} did not change the zoom from {now} %"
                );
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        }
        panic!("the zoom never reached {percent} %");
    }

    /// Waits until the focused element is `want` (as [`App::focused`] names it), failing with
    /// `why` and where focus is instead. Focus moves after React renders, so it is waited for.
    pub async fn wait_focus(&self, want: &str, why: &str) {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let now = self.focused().await;
            if now == want {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "{why}: focus is on {now}, not {want}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// The focused element's id, or its test id when it has no id.
    pub async fn focused(&self) -> String {
        let v = self
            .client
            .execute(
                "const a = document.activeElement; return a === document.body ? 'BODY' : (a.id || a.dataset.testid || a.tagName)",
                vec![],
            )
            .await
            .unwrap();
        v.as_str().unwrap_or_default().to_string()
    }

    /// Ends the WebDriver session, which closes the app normally.
    pub async fn quit(self) {
        let _ = tokio::time::timeout(Duration::from_secs(20), self.client.close()).await;
    }
}
