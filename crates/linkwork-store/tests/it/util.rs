//! Shared helpers for the store tests.

use chrono::NaiveDate;
use linkwork_core::vocab::{
    ConsentToShare, Priority, ReferralMethod, ReferralReason, ReferralSource,
};
use linkwork_core::{FixedClock, Passphrase};
use linkwork_store::{
    episodes::{add_referral, ReferralAdded, ReferralInput, Referred},
    migrations::{latest_version, Migration},
    people::PersonInput,
    vault::Credential,
    KdfCost, Options, Vault,
};
use std::{
    collections::BTreeMap,
    fs,
    io::Read,
    path::{Path, PathBuf},
    sync::Arc,
};

/// Tests use a tiny scrypt work factor; one test checks the real calibration.
pub const FAST: KdfCost = KdfCost::InsecureForTests(10);
pub const PASS: &str = "correct horse battery staple";

pub fn pass(s: &str) -> Passphrase {
    Passphrase::new(s.to_string())
}

pub fn vault_dir() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    (tmp, dir)
}

/// The date every store test runs on, whatever the calendar says.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
}

pub fn options() -> Options<'static> {
    Options {
        clock: Arc::new(FixedClock::on(today())),
        ..Options::default()
    }
}

pub fn new_vault(dir: &Path) -> Vault {
    Vault::create_with(dir, &pass(PASS), None, FAST, options()).unwrap()
}

pub fn unlock(dir: &Path, p: &str) -> linkwork_store::Result<Vault> {
    Vault::unlock_with(dir, Credential::Passphrase(&pass(p)), options())
}

/// A connection of the test's own to the vault's database, opened the way any SQLCipher tool with
/// the passphrase could: unwrap the key file with age, then key SQLCipher with the raw key. For
/// checks and damage that the store's own API rightly does not offer.
/// The vault's raw database key, unwrapped from its key file with [`PASS`].
pub fn raw_key(dir: &Path) -> Vec<u8> {
    let bytes = fs::read(dir.join(linkwork_store::paths::PASSPHRASE_KEY_FILE)).unwrap();
    let id = age::scrypt::Identity::new(secrecy::SecretString::from(PASS.to_string()));
    let mut key = Vec::new();
    age::Decryptor::new(&bytes[..])
        .unwrap()
        .decrypt(std::iter::once(&id as &dyn age::Identity))
        .unwrap()
        .read_to_end(&mut key)
        .unwrap();
    key
}

/// Every page of an SQLCipher 4 file (database or WAL frames) decrypted, live or free, so a test
/// can look for text SQLite itself would never return. Default SQLCipher 4 layout: 4096-byte pages
/// ending in a 16-byte IV and a 64-byte HMAC; AES-256-CBC under the raw key; page 1 starts with the
/// 16-byte salt. `frame_header` is 24 for a WAL (and its 32-byte file header is skipped).
pub fn decrypted_pages(file: &Path, key: &[u8], wal: bool) -> Vec<u8> {
    use aes::cipher::{BlockDecryptMut, KeyIvInit};
    const PAGE: usize = 4096;
    const RESERVE: usize = 80;
    let bytes = fs::read(file).unwrap_or_default();
    let (start, frame_header) = if wal { (32, 24) } else { (0, 0) };
    let mut out = Vec::new();
    let mut at = start;
    let mut n = 0;
    while at + frame_header + PAGE <= bytes.len() {
        let page = &bytes[at + frame_header..at + frame_header + PAGE];
        let page_no = if wal {
            u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap())
        } else {
            n + 1
        };
        let skip = if page_no == 1 { 16 } else { 0 };
        let iv = &page[PAGE - RESERVE..PAGE - RESERVE + 16];
        let mut data = page[skip..PAGE - RESERVE].to_vec();
        cbc::Decryptor::<aes::Aes256>::new_from_slices(key, iv)
            .unwrap()
            .decrypt_padded_mut::<aes::cipher::block_padding::NoPadding>(&mut data)
            .unwrap();
        out.extend_from_slice(&data);
        at += frame_header + PAGE;
        n += 1;
    }
    out
}

pub fn raw(dir: &Path) -> rusqlite::Connection {
    let key = raw_key(dir);
    let conn = rusqlite::Connection::open(dir.join(linkwork_store::paths::DB_FILE)).unwrap();
    conn.pragma_update(None, "key", format!("x'{}'", hex::encode(&key)))
        .unwrap();
    conn.execute_batch("PRAGMA foreign_keys = ON").unwrap();
    conn
}

/// A person's details with only names and, if given, an NHS number.
pub fn person_input(given: &str, family: &str, nhs: Option<&str>) -> PersonInput {
    PersonInput {
        nhs_number: nhs.map(|n| linkwork_core::nhs::NhsNumber::parse("nhs_number", n).unwrap()),
        given_name: given.into(),
        family_name: family.into(),
        preferred_name: None,
        date_of_birth: None,
        pronouns: None,
        phone: None,
        preferred_contact: None,
        address: None,
        postcode: None,
        gp_practice_name: None,
        gp_practice_ods: None,
        practice_id: None,
        communication_needs: None,
        consent_to_share: ConsentToShare::NotAsked,
        consent_recorded_on: None,
        notes: None,
        tags: vec![],
    }
}

/// A referral received on `day`, by phone from a GP, for loneliness.
pub fn referral_input(day: NaiveDate) -> ReferralInput {
    ReferralInput {
        received_on: day,
        method: ReferralMethod::Phone,
        referrer_name: None,
        referrer_role: None,
        referrer_organisation: None,
        referrer_ods: None,
        source: ReferralSource::Gp,
        priority: Priority::Routine,
        reasons: vec![ReferralReason::Loneliness],
        notes: None,
    }
}

/// Refers a new person (no NHS number) on `day`.
pub fn refer(v: &mut Vault, given: &str, family: &str, day: NaiveDate) -> ReferralAdded {
    refer_person(v, person_input(given, family, None), day)
}

/// Refers `person` (a new record) on `day`, by phone from their GP, for loneliness.
pub fn refer_person(v: &mut Vault, person: PersonInput, day: NaiveDate) -> ReferralAdded {
    let referral = referral_input(day);
    v.write(|tx| {
        add_referral(
            tx,
            Referred::Person {
                details: Box::new(person),
                allow_possible_duplicate: true,
                identity: None,
            },
            &referral,
        )
    })
    .unwrap()
}

/// Every file under `dir` with its bytes, to prove that a failed operation changed nothing.
pub fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.insert(p.clone(), fs::read(&p).unwrap());
            }
        }
    }
    out
}

pub fn files_containing(dir: &Path, needle: &[u8]) -> Vec<PathBuf> {
    snapshot(dir)
        .into_iter()
        .filter(|(_, bytes)| bytes.windows(needle.len()).any(|w| w == needle))
        .map(|(p, _)| p)
        .collect()
}

/// The schema of `table` as SQLite keeps it, and the `CREATE INDEX` statements on it.
pub fn schema_of(dir: &Path, table: &str) -> (String, Vec<String>) {
    let conn = raw(dir);
    let sql: String = conn
        .query_row(
            "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?1",
            [table],
            |r| r.get(0),
        )
        .unwrap();
    let mut stmt = conn
        .prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ?1 AND sql IS NOT NULL")
        .unwrap();
    let indexes = stmt
        .query_map([table], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    (sql, indexes)
}

pub fn count(dir: &Path, table: &str) -> i64 {
    raw(dir)
        .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

/// The next migration: rebuilds `table` by SQLite's documented procedure (new table, copy, drop,
/// rename, indexes), with `old` replaced by `new` in its definition.
pub fn rebuild_migration(dir: &Path, table: &str, old: &str, new: &str) -> Migration {
    let (table_sql, indexes) = schema_of(dir, table);
    // A table renamed by an earlier rebuild is stored as CREATE TABLE "x".
    let changed = table_sql
        .replacen(
            &format!("CREATE TABLE \"{table}\""),
            &format!("CREATE TABLE new_{table}"),
            1,
        )
        .replacen(
            &format!("CREATE TABLE {table} "),
            &format!("CREATE TABLE new_{table} "),
            1,
        )
        .replace(old, new);
    assert!(
        table_sql.contains(old),
        "{old} is in the definition of {table}"
    );
    let sql = format!(
        "{changed};\nINSERT INTO new_{table} SELECT * FROM {table};\nDROP TABLE {table};\n\
         ALTER TABLE new_{table} RENAME TO {table};\n{};",
        indexes.join(";\n")
    );
    Migration {
        version: latest_version() + 1,
        name: "rebuild",
        sql: Box::leak(sql.into_boxed_str()),
    }
}

/// A recovery key pair as a practice manager would make it.
pub fn recovery_pair() -> (age::x25519::Identity, linkwork_store::RecoveryRecipient) {
    let id = age::x25519::Identity::generate();
    let r =
        linkwork_store::RecoveryRecipient::parse("recovery_recipient", &id.to_public().to_string())
            .unwrap();
    (id, r)
}

/// The identity file `age-keygen` writes.
pub fn identity_text(id: &age::x25519::Identity) -> String {
    use age::secrecy::ExposeSecret;
    format!(
        "# created: test\n# public key: {}\n{}\n",
        id.to_public(),
        id.to_string().expose_secret()
    )
}

/// Opens `p` up as an older version, or a copy made by hand, could leave it: anyone may read it.
pub fn open_up(p: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = if p.is_dir() { 0o755 } else { 0o644 };
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap();
    }
    #[cfg(windows)]
    {
        use std::os::windows::ffi::OsStrExt;
        use windows_sys::Win32::Security::{
            Authorization::{
                ConvertStringSecurityDescriptorToSecurityDescriptorW, SetNamedSecurityInfoW,
                SDDL_REVISION_1, SE_FILE_OBJECT,
            },
            GetSecurityDescriptorDacl, DACL_SECURITY_INFORMATION,
            UNPROTECTED_DACL_SECURITY_INFORMATION,
        };
        let w = |s: &std::ffi::OsStr| s.encode_wide().chain(Some(0)).collect::<Vec<u16>>();
        // Everyone, full control, inheriting from the folder above as ordinary files do.
        let (mut sd, mut dacl, mut present, mut defaulted) =
            (std::ptr::null_mut(), std::ptr::null_mut(), 0, 0);
        // SAFETY: terminated strings and valid out-pointers; the descriptor is leaked (a test).
        unsafe {
            assert_ne!(
                ConvertStringSecurityDescriptorToSecurityDescriptorW(
                    w("D:(A;OICI;FA;;;WD)".as_ref()).as_ptr(),
                    SDDL_REVISION_1,
                    &mut sd,
                    std::ptr::null_mut()
                ),
                0
            );
            assert_ne!(
                GetSecurityDescriptorDacl(sd, &mut present, &mut dacl, &mut defaulted),
                0
            );
            let err = SetNamedSecurityInfoW(
                w(p.as_os_str()).as_ptr(),
                SE_FILE_OBJECT,
                DACL_SECURITY_INFORMATION | UNPROTECTED_DACL_SECURITY_INFORMATION,
                std::ptr::null_mut(),
                std::ptr::null_mut(),
                dacl,
                std::ptr::null(),
            );
            assert_eq!(err, 0, "{}", p.display());
        }
    }
}

/// The vault identity's secret (`AGE-SECRET-KEY-1…`), read from inside the database, as someone
/// holding the vault key could.
pub fn identity_secret(dir: &Path) -> String {
    let json: String = raw(dir)
        .query_row(
            "SELECT value FROM settings WHERE key = 'vault_identity'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    serde_json::from_str(&json).unwrap()
}
