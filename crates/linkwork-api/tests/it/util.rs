use linkwork_api::{commands::dispatch, ApiError, Session};
use linkwork_store::KdfCost;
use serde_json::{json, Value};

pub const PASS: &str = "correct horse battery staple";

/// The day every API test runs on, whatever the calendar says.
pub fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
}

pub fn session() -> (tempfile::TempDir, Session) {
    let t = tempfile::tempdir().unwrap();
    let clock = std::sync::Arc::new(linkwork_core::FixedClock::on(today()));
    let s = Session::with_clock(t.path().join("data"), KdfCost::InsecureForTests(10), clock);
    (t, s)
}

pub fn call(s: &Session, cmd: &str, args: Value) -> Result<Value, ApiError> {
    dispatch(s, cmd, args)
}

pub fn create(s: &Session) {
    call(
        s,
        "create_vault",
        json!({"passphrase": PASS, "passphrase_confirm": PASS, "recovery_recipient": null}),
    )
    .unwrap();
}

pub fn unlocked() -> (tempfile::TempDir, Session) {
    let (t, s) = session();
    create(&s);
    (t, s)
}

/// `n` days before today, as the UI sends dates.
pub fn days_ago_date(n: i64) -> chrono::NaiveDate {
    today() - chrono::Duration::days(n)
}

pub fn days_ago(n: i64) -> String {
    (today() - chrono::Duration::days(n))
        .format("%Y-%m-%d")
        .to_string()
}

/// An ISO date as a form field takes it (DD/MM/YYYY).
pub fn gb(iso: String) -> String {
    let p: Vec<&str> = iso.split('-').collect();
    format!("{}/{}/{}", p[2], p[1], p[0])
}

pub fn referral(
    nhs: Option<&str>,
    given: &str,
    family: &str,
    dob: &str,
    received_days_ago: i64,
) -> Value {
    json!({
        "person": {"nhs_number": nhs, "given_name": given, "family_name": family, "date_of_birth": dob},
        "received_on": days_ago(received_days_ago),
        "method": "secure_email", "source": "gp",
        "referrer_name": "Dr Amir Hussain", "referrer_role": "GP", "referrer_organisation": "Calder Valley Surgery",
        "reasons": ["loneliness", "money_debt"],
    })
}

/// Starts a job with `cmd` and waits for it to end; its final `job_status`.
pub fn run_job(s: &Session, cmd: &str, args: Value) -> Value {
    let job = call(s, cmd, args).unwrap()["job_id"].clone();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    loop {
        let view = call(s, "job_status", json!({"job_id": job})).unwrap();
        if view["state"] != "running" {
            return view;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the job did not finish: {view}"
        );
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}
