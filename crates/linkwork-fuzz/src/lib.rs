//! Fuzz targets: one function per reader of outside input. Each takes any bytes and must neither
//! panic nor hang, and must not accept what it should refuse (a damaged backup, a key file that
//! is not ours). The same functions run two ways: as property tests on stable Rust
//! (`tests/properties.rs`, part of `./dev test`, with random and mutated inputs), and under
//! libFuzzer on the nightly toolchain (`fuzz/`, see its README) for long runs.

use linkwork_core::assets::ImportProblem;
use linkwork_core::{dates::parse_date, nhs::NhsNumber, Passphrase};
use linkwork_oruk::{Record, Sink};
use linkwork_store::{backup, handover, paths, vault::Credential, KdfCost, Vault};
use std::{path::Path, sync::OnceLock};

struct Count(u32);
impl Sink for Count {
    fn asset(&mut self, _: Record) -> Result<(), ImportProblem> {
        self.0 += 1;
        Ok(())
    }
    fn progress(&mut self, done: u64, total: u64) {
        assert!(done <= total.max(done), "progress beyond the total");
    }
}

fn temp() -> tempfile::TempDir {
    tempfile::tempdir().expect("a temp folder")
}

/// An ORUK JSON feed (a service list page or a single service).
pub fn oruk_json(data: &[u8]) {
    let t = temp();
    let f = t.path().join("feed.json");
    std::fs::write(&f, data).unwrap();
    let mut sink = Count(0);
    let outcome = linkwork_oruk::read(&f, &mut sink);
    if sink.0 > 0 && outcome.problems.is_empty() {
        assert!(!data.is_empty());
    }
}

/// An ORUK CSV set: the bytes as `services.csv`, beside a fixed `organizations.csv`.
pub fn oruk_csv(data: &[u8]) {
    let t = temp();
    std::fs::write(t.path().join("services.csv"), data).unwrap();
    std::fs::write(
        t.path().join("organizations.csv"),
        "id,name\norg-1,Example organisation\n",
    )
    .unwrap();
    let _ = linkwork_oruk::read(t.path(), &mut Count(0));
}

/// A passphrase every sample below was made with.
pub const PASS: &str = "fuzzing passphrase 12";

/// A real vault, made once, whose backup and handover files are the seeds the property tests
/// mutate.
pub struct Samples {
    _dir: tempfile::TempDir,
    pub backup: Vec<u8>,
    pub handover: Vec<u8>,
    pub handover_identity: String,
    pub key_file: Vec<u8>,
}

pub fn samples() -> &'static Samples {
    static S: OnceLock<Samples> = OnceLock::new();
    S.get_or_init(|| {
        let dir = temp();
        let vault = dir.path().join("vault");
        let v = Vault::create(
            &vault,
            &Passphrase::new(PASS.into()),
            None,
            KdfCost::InsecureForTests(10),
        )
        .unwrap();
        let source = v.backup_source().unwrap();
        let mut backup_bytes = Vec::new();
        backup::write(
            &source,
            &mut backup_bytes,
            chrono::Utc::now(),
            &mut |_, _| true,
        )
        .unwrap();
        drop(source);
        let id = age::x25519::Identity::generate();
        let to = handover::HandoverRecipient::parse("to", &id.to_public().to_string()).unwrap();
        let package = handover::package(v.read(), &[], None, chrono::Utc::now()).unwrap();
        let sealed = handover::seal(&package, &to, &v.identity().unwrap()).unwrap();
        let key_file = std::fs::read(vault.join(paths::PASSPHRASE_KEY_FILE)).unwrap();
        drop(v);
        use age::secrecy::ExposeSecret;
        Samples {
            backup: backup_bytes,
            handover: sealed,
            handover_identity: id.to_string().expose_secret().to_string(),
            key_file,
            _dir: dir,
        }
    })
}

/// A backup file: unless it is exactly the sample, verifying it must fail (the age MAC and the
/// checksum catch every change), and never panic.
pub fn backup_file(data: &[u8]) {
    let t = temp();
    let f = t.path().join("b.age");
    std::fs::write(&f, data).unwrap();
    let p = Passphrase::new(PASS.into());
    let r = backup::verify(&f, backup::Opener::Passphrase(&p));
    if data != samples().backup.as_slice() {
        assert!(r.is_err(), "a changed backup verified");
    }
}

/// A handover package for the sample identity: only the sample itself opens.
pub fn handover_file(data: &[u8]) {
    let s = samples();
    let r = handover::open(
        data,
        handover::Opener::IdentityFile(&s.handover_identity),
        linkwork_store::migrations::latest_version(),
    );
    if data != s.handover.as_slice() {
        assert!(r.is_err(), "a changed handover opened");
    }
}

/// A report pack for merging: the zip, then `figures.json` in it.
pub fn report_pack(data: &[u8]) {
    if let Ok(json) = linkwork_report::pack::figures_from_zip("pack.zip", data) {
        let _ = linkwork_report::parse_figures("pack.zip", &json);
    }
    let _ = linkwork_report::parse_figures("figures.json", data);
}

/// A vault whose passphrase key file is these bytes: unlocking never succeeds unless they are
/// the real key file, and a hostile work factor is refused rather than computed.
pub fn key_file(data: &[u8]) {
    let t = temp();
    let dir = t.path();
    std::fs::write(dir.join(paths::PASSPHRASE_KEY_FILE), data).unwrap();
    std::fs::write(
        dir.join(paths::META_FILE),
        r#"{"format":1,"created_at":"2026-01-01T00:00:00Z","recovery_recipient":null}"#,
    )
    .unwrap();
    std::fs::write(dir.join(paths::DB_FILE), [0u8; 4096]).unwrap();
    let p = Passphrase::new(PASS.into());
    let r = Vault::unlock(dir, Credential::Passphrase(&p));
    assert!(r.is_err(), "a vault opened with a made-up database");
}

/// NHS numbers: parsing never panics; a number that parses prints as 3-3-4 and parses back.
pub fn nhs_number(data: &[u8]) {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(n) = NhsNumber::parse("nhs_number", s) {
        let shown = n.formatted();
        assert_eq!(shown.len(), 12, "{shown}");
        assert_eq!(NhsNumber::parse("nhs_number", &shown).unwrap(), n);
    }
}

/// Dates: parsing never panics; a date that parses prints as DD/MM/YYYY and parses back.
pub fn date(data: &[u8]) {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(d) = parse_date("date", "date", s) {
        let shown = linkwork_core::dates::format_date_gb(d);
        assert_eq!(parse_date("date", "date", &shown).unwrap(), d);
    }
}

/// The bytes of a file, for seeding (a fixture of the ORUK crate).
pub fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../linkwork-oruk/tests/fixtures")
            .join(name),
    )
    .unwrap()
}
