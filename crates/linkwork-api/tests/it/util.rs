use linkwork_api::types::{ContactForm, JobArgs, Ons4Form, PersonForm, ReferralForm, SecretInput};
use linkwork_api::{commands::dispatch, ApiError, Session};
use linkwork_store::KdfCost;
use serde_json::Value;

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

/// A command by name with JSON arguments, as the window sends it: for what only the wire can
/// carry (unknown fields, wrong types, oversized text). Everything else goes through the typed
/// client (`s.api()`), so a renamed argument fails to compile.
pub fn call(s: &Session, cmd: &str, args: Value) -> Result<Value, ApiError> {
    dispatch(s, cmd, args)
}

/// A typed command's result as the JSON the window receives, for assertions written against it.
pub fn j<T: serde::Serialize>(r: Result<T, ApiError>) -> Result<Value, ApiError> {
    r.map(|v| serde_json::to_value(v).expect("command results always serialise"))
}

pub fn secret_of(s: impl AsRef<str>) -> SecretInput {
    SecretInput(linkwork_core::Passphrase::new(s.as_ref().to_string()))
}

/// Text from a `String`, `&str` or JSON string value, as a form field takes it.
pub fn text(v: impl serde::Serialize) -> String {
    match serde_json::to_value(v).expect("text serialises") {
        Value::String(s) => s,
        other => panic!("not text: {other}"),
    }
}

fn id_text(v: &Value) -> &str {
    v.as_str().unwrap_or_else(|| panic!("not an id: {v}"))
}

/// Any id (person, episode, contact, concern…) from the JSON a command returned.
pub fn id_of<T: serde::de::DeserializeOwned>(v: impl serde::Serialize) -> T {
    let v = serde_json::to_value(v).expect("an id serialises");
    serde_json::from_value(v.clone()).unwrap_or_else(|_| panic!("not an id: {v}"))
}

pub fn person_id(v: &Value) -> linkwork_core::ids::PersonId {
    linkwork_core::ids::PersonId::new(id_text(v))
}

pub fn episode_id(v: &Value) -> linkwork_core::ids::EpisodeId {
    linkwork_core::ids::EpisodeId::new(id_text(v))
}

pub fn asset_id(v: &Value) -> linkwork_core::ids::AssetId {
    linkwork_core::ids::AssetId::new(id_text(v))
}

pub fn job_id(v: &Value) -> linkwork_core::ids::JobId {
    linkwork_core::ids::JobId::new(id_text(v))
}

pub fn create(s: &Session) {
    j(s.api().create_vault(linkwork_api::types::CreateVaultArgs {
        passphrase: secret_of(PASS),
        passphrase_confirm: secret_of(PASS),
        recovery_recipient: None,
    }))
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

/// A referral as the form sends it: from a GP by secure email, for loneliness and money worries.
pub fn referral(
    nhs: Option<&str>,
    given: &str,
    family: &str,
    dob: &str,
    received_days_ago: i64,
) -> ReferralForm {
    use linkwork_core::vocab::{ReferralMethod, ReferralReason, ReferralSource};
    ReferralForm {
        person: PersonForm {
            nhs_number: nhs.map(String::from),
            given_name: Some(given.into()),
            family_name: Some(family.into()),
            date_of_birth: Some(dob.into()),
            ..Default::default()
        },
        received_on: days_ago(received_days_ago),
        method: Some(ReferralMethod::SecureEmail),
        source: Some(ReferralSource::Gp),
        referrer_name: Some("Dr Amir Hussain".into()),
        referrer_role: Some("GP".into()),
        referrer_organisation: Some("Calder Valley Surgery".into()),
        reasons: vec![ReferralReason::Loneliness, ReferralReason::MoneyDebt],
        ..Default::default()
    }
}

/// Adds a referral; the result (`person_id`, `episode_id`, …) as JSON.
pub fn add(s: &Session, r: ReferralForm) -> Value {
    j(s.api().add_referral(r)).unwrap()
}

/// A contact as the form sends it, at `at` (ISO date and time); kinds and outcomes by their slugs.
pub fn contact_form(
    episode: &Value,
    at: String,
    kind: &str,
    minutes: Option<u32>,
    outcome: &str,
    notes: &str,
) -> ContactForm {
    use linkwork_core::vocab::{ContactOutcome, ContactType};
    ContactForm {
        episode_id: episode_id(episode),
        occurred_at: at,
        contact_type: Some(ContactType::from_slug(kind).expect("a contact type")),
        duration_minutes: minutes,
        outcome: Some(ContactOutcome::from_slug(outcome).expect("a contact outcome")),
        notes: (!notes.is_empty()).then(|| notes.to_string()),
    }
}

/// A 20-minute phone call that took place `days` ago; the person's record as JSON.
pub fn took_place(s: &Session, episode: &Value, days: i64) -> Value {
    let at = format!("{}T10:00", days_ago(days));
    let form = contact_form(episode, at, "phone", Some(20), "took_place", "");
    j(s.api().add_contact(form)).unwrap()
}

/// ONS4 answers as the form sends them (life satisfaction, worthwhile, happiness, anxiety), on
/// `on` (ISO date).
pub fn ons4_form(episode: &Value, on: String, a: [&str; 4]) -> Ons4Form {
    Ons4Form {
        episode_id: episode_id(episode),
        contact_id: None,
        recorded_on: Some(on),
        life_satisfaction: a[0].into(),
        worthwhile: a[1].into(),
        happiness: a[2].into(),
        anxiety: a[3].into(),
    }
}

/// Starts a job with `cmd` and waits for it to end; its final `job_status`.
pub fn run_job(s: &Session, cmd: &str, args: Value) -> Value {
    let job = call(s, cmd, args).unwrap()["job_id"].clone();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    loop {
        let view = j(s.api().job_status(JobArgs {
            job_id: job_id(&job),
        }))
        .unwrap();
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
