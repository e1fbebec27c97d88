use crate::util::*;
use linkwork_store::{
    migrations::{Migration, MIGRATIONS},
    vault::Credential,
    Vault,
};

const SENTINEL: &str = "ZZ-SENTINEL-Mrs Ada Lovelace-943 476 5919-lives at 12 Privet Drive";

#[test]
fn patient_text_appears_in_no_file_of_the_vault() {
    let (_t, dir) = vault_dir();
    let mut v = new_vault(&dir);
    // Patient details written through the store, as a referral would write them.
    for i in 0..200 {
        refer(&mut v, &format!("{SENTINEL} #{i}"), "Lovelace", today());
    }
    // While open: the WAL holds the new pages.
    assert!(dir.join("linkwork.db-wal").exists());
    assert_eq!(
        files_containing(&dir, SENTINEL.as_bytes()),
        Vec::<std::path::PathBuf>::new()
    );
    v.lock().unwrap();

    // An upgrade writes a backup too; it must be as opaque as the database.
    let extra = [Migration {
        version: MIGRATIONS.len() as u32 + 1,
        name: "x",
        sql: "CREATE TABLE x (y);",
    }];
    let list: Vec<_> = MIGRATIONS.iter().copied().chain(extra).collect();
    Vault::unlock_with_migrations(&dir, Credential::Passphrase(&pass(PASS)), &list)
        .unwrap()
        .lock()
        .unwrap();

    let files = snapshot(&dir);
    assert!(
        files
            .keys()
            .any(|p| p.to_string_lossy().contains("backups")),
        "a backup was written"
    );
    assert!(files.len() >= 4, "{:?}", files.keys());
    for needle in [SENTINEL.as_bytes(), b"Lovelace", b"9434765919", b"Privet"] {
        assert_eq!(
            files_containing(&dir, needle),
            Vec::<std::path::PathBuf>::new()
        );
    }
    // And the passphrase itself is in no file.
    assert!(files_containing(&dir, PASS.as_bytes()).is_empty());
}
