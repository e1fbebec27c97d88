//! The fuzz targets as property tests on stable Rust: random bytes, and the real samples with
//! random damage (a flipped byte, a cut, an insertion), for every reader of outside input. Also
//! the age test kit vectors, each placed as a vault's key file.

use linkwork_core::Passphrase;
use linkwork_fuzz::*;
use linkwork_store::{paths, vault::Credential, RecoveryIdentity, Vault};
use proptest::prelude::*;

/// A change to a sample: flip a byte, cut the file, or insert bytes, at a place chosen at random.
#[derive(Debug, Clone)]
enum Damage {
    Flip(usize, u8),
    Cut(usize),
    Insert(usize, Vec<u8>),
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        (any::<usize>(), 1..=255u8).prop_map(|(i, b)| Damage::Flip(i, b)),
        any::<usize>().prop_map(Damage::Cut),
        (any::<usize>(), prop::collection::vec(any::<u8>(), 1..16))
            .prop_map(|(i, b)| Damage::Insert(i, b)),
    ]
}

fn apply(sample: &[u8], d: &Damage) -> Vec<u8> {
    let mut v = sample.to_vec();
    match d {
        Damage::Flip(i, b) => {
            let i = i % v.len();
            v[i] ^= b;
        }
        Damage::Cut(i) => v.truncate(i % v.len()),
        Damage::Insert(i, bytes) => {
            let i = i % (v.len() + 1);
            v.splice(i..i, bytes.iter().copied());
        }
    }
    v
}

fn bytes() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(any::<u8>(), 0..2048)
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9 \\-/]{0,16}",
        "[0-9]{10}",
        "[0-3][0-9]/[01][0-9]/[12][0-9]{3}",
        "[0-9]{4}-[01][0-9]-[0-3][0-9]",
        ".{0,24}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn nhs_numbers_and_dates(s in text()) {
        nhs_number(s.as_bytes());
        date(s.as_bytes());
    }

    #[test]
    fn every_valid_nhs_number_round_trips(nine in 100_000_000u32..999_999_999) {
        if let Some(n) = linkwork_core::nhs::NhsNumber::from_first_nine(nine) {
            nhs_number(n.as_str().as_bytes());
            nhs_number(n.formatted().as_bytes());
        }
    }

    #[test]
    fn report_packs(b in bytes()) {
        report_pack(&b);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn oruk_json_random_and_damaged(b in bytes(), d in damage()) {
        oruk_json(&b);
        oruk_json(&apply(&fixture("uk-profile/service_list.json"), &d));
        oruk_json(&apply(&fixture("uk-profile/service_full.json"), &d));
    }

    #[test]
    fn oruk_csv_random_and_damaged(b in bytes(), d in damage()) {
        oruk_csv(&b);
        oruk_csv(&apply(&fixture("uk-profile/csv/services.csv"), &d));
    }

    #[test]
    fn backups_random_and_damaged(b in bytes(), d in damage()) {
        backup_file(&b);
        backup_file(&apply(&samples().backup, &d));
    }

    #[test]
    fn handovers_random_and_damaged(b in bytes(), d in damage()) {
        handover_file(&b);
        handover_file(&apply(&samples().handover, &d));
    }

    #[test]
    fn key_files_random_and_damaged(b in bytes(), d in damage()) {
        key_file(&b);
        key_file(&apply(&samples().key_file, &d));
    }
}

#[test]
fn the_samples_themselves_are_accepted() {
    // So the properties above test refusals of damage, not a reader that refuses everything.
    let s = samples();
    let t = tempfile::tempdir().unwrap();
    let f = t.path().join("b.age");
    std::fs::write(&f, &s.backup).unwrap();
    let p = Passphrase::new(PASS.into());
    linkwork_store::backup::verify(&f, linkwork_store::backup::Opener::Passphrase(&p)).unwrap();
    linkwork_store::handover::open(
        &s.handover,
        linkwork_store::handover::Opener::IdentityFile(&s.handover_identity),
        linkwork_store::migrations::latest_version(),
    )
    .unwrap();
}

/// Each test kit vector as a vault's key file: the passphrase one for scrypt vectors, the recovery
/// one for X25519. None may open the vault (none holds a 32-byte key for this database), none may
/// panic, and a work factor above the limit (2^23, an overflow) is refused without computing it.
#[test]
fn age_test_kit_vectors_never_open_a_vault() {
    let kit = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/age-testkit");
    let mut seen = 0;
    for e in std::fs::read_dir(&kit).unwrap() {
        let path = e.unwrap().path();
        if path.extension().is_some() {
            continue;
        }
        let raw = std::fs::read(&path).unwrap();
        let split = raw.windows(2).position(|w| w == b"\n\n").unwrap();
        let head = String::from_utf8_lossy(&raw[..split]).to_string();
        let file = &raw[split + 2..];
        let field = |k: &str| {
            head.lines()
                .find_map(|l| l.strip_prefix(&format!("{k}: ")).map(str::to_owned))
        };
        let t = tempfile::tempdir().unwrap();
        let dir = t.path();
        std::fs::write(
            dir.join(paths::META_FILE),
            r#"{"format":1,"created_at":"2026-01-01T00:00:00Z","recovery_recipient":null}"#,
        )
        .unwrap();
        std::fs::write(dir.join(paths::DB_FILE), [0u8; 4096]).unwrap();
        let started = std::time::Instant::now();
        let result = if let Some(p) = field("passphrase") {
            std::fs::write(dir.join(paths::PASSPHRASE_KEY_FILE), file).unwrap();
            Vault::unlock(dir, Credential::Passphrase(&Passphrase::new(p))).map(drop)
        } else {
            // `empty` (no file at all) names no key: try it as a recovery key file.
            let id = field("identity").unwrap_or_else(|| {
                "AGE-SECRET-KEY-1EGTZVFFV20835NWYV6270LXYVK2VKNX2MMDKWYKLMGR48UAWX40Q2P2LM0".into()
            });
            std::fs::write(dir.join(paths::PASSPHRASE_KEY_FILE), b"unused").unwrap();
            std::fs::write(dir.join(paths::RECOVERY_KEY_FILE), file).unwrap();
            let id = RecoveryIdentity::parse("id", &id).unwrap();
            Vault::unlock(dir, Credential::Recovery(&id)).map(drop)
        };
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        assert!(result.is_err(), "{name} opened a vault");
        if name.contains("work_factor_23") || name.contains("overflow") {
            // Refused from the header, not by computing scrypt (2^23 takes many seconds).
            assert!(
                started.elapsed() < std::time::Duration::from_secs(2),
                "{name} was computed"
            );
        }
        seen += 1;
    }
    assert!(seen >= 35, "only {seen} vectors found");
}
