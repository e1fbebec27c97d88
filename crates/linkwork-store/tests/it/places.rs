//! Where a vault may live, on Linux and on Windows (under Wine): long paths, a user name with
//! spaces and letters outside ASCII, another drive, never inside OneDrive; and the owner-only
//! access list read back.

use crate::util::*;
use linkwork_core::Coded;
use linkwork_store::{backup, platform, Options, StoreError, Vault};
use std::{fs, path::Path};

fn backup_to(v: &Vault, file: &Path) {
    let source = v.backup_source().unwrap();
    let mut out = fs::File::create(file).unwrap();
    let now = chrono::Utc::now();
    backup::write(&source, &mut out, now, &mut |_, _| true).unwrap();
    assert!(fs::metadata(file).unwrap().len() > 0);
}

/// Creates, writes, locks and unlocks a vault in `dir`, and backs it up beside it.
fn round_trip(dir: &Path) {
    let mut v = Vault::create_with(dir, &pass(PASS), None, FAST, options()).unwrap();
    refer(&mut v, "Zoë", "O'Brien-Ångström", today());
    v.lock().unwrap();
    let v = unlock(dir, PASS).unwrap();
    let file = dir.parent().unwrap().join("backup.age");
    backup_to(&v, &file);
    v.lock().unwrap();
    assert_eq!(count(dir, "person"), 1);
}

#[test]
fn a_vault_lives_at_a_long_path_under_a_name_with_spaces_and_accents() {
    let t = tempfile::tempdir().unwrap();
    // A profile folder such as C:\Users\Zoë O'Brien-Ångström, then deep enough to pass the
    // 260 characters Windows once allowed.
    let mut dir = t.path().join("Zoë O'Brien-Ångström");
    while dir.as_os_str().len() < 300 {
        dir.push("Linkwork data, Ward’s practice");
    }
    fs::create_dir_all(&dir).unwrap();
    let dir = dir.join("vault");
    round_trip(&dir);
    assert!(dir.as_os_str().len() > 300, "{}", dir.display());
}

/// Under Wine, drive Z: is the Linux root, while the temporary folder is on C:.
#[cfg(windows)]
#[test]
fn a_vault_lives_on_another_drive() {
    let temp = std::env::temp_dir();
    let other = ('D'..='Z')
        .map(|d| std::path::PathBuf::from(format!(r"{d}:\tmp")))
        .find(|p| p.is_dir() && !temp.starts_with(p.parent().unwrap()))
        .expect("another drive with a tmp folder (Wine's Z:)");
    let t = tempfile::tempdir_in(&other).unwrap();
    round_trip(&t.path().join("vault"));
}

#[test]
fn a_data_folder_inside_onedrive_is_refused_and_backups_may_go_there() {
    let t = tempfile::tempdir().unwrap();
    let onedrive = t.path().join("OneDrive - NHS");
    fs::create_dir(&onedrive).unwrap();
    let inside = onedrive.join("Documents").join("Linkwork");
    fs::create_dir_all(inside.parent().unwrap()).unwrap();
    let synced = || Options {
        synced_folders: vec![onedrive.clone()],
        ..options()
    };
    let e = Vault::create_with(&inside, &pass(PASS), None, FAST, synced()).unwrap_err();
    assert!(matches!(e, StoreError::DataFolderSynced { .. }), "{e}");
    assert_eq!(e.code().as_str(), "DATA_FOLDER_SYNCED");
    assert!(e.to_string().contains("OneDrive"), "{e}");
    assert!(!inside.exists(), "nothing made");

    // A vault that was moved in by hand is not opened there either.
    let outside = t.path().join("vault");
    let v = Vault::create_with(&outside, &pass(PASS), None, FAST, synced()).unwrap();
    // Backups may go to OneDrive.
    backup_to(&v, &onedrive.join("backup.age"));
    v.lock().unwrap();
    fs::rename(&outside, &inside).unwrap();
    let e = Vault::unlock_with(
        &inside,
        linkwork_store::vault::Credential::Passphrase(&pass(PASS)),
        synced(),
    )
    .unwrap_err();
    assert!(matches!(e, StoreError::DataFolderSynced { .. }), "{e}");
}

/// The data folder and a key file carry one entry, for this user, and inherit nothing. Wine
/// keeps access lists as Unix permission bits: there the list read back also names SYSTEM and
/// cannot carry the "protected" mark, but must still let no one else in.
#[cfg(windows)]
#[test]
fn the_access_list_reads_back_as_this_user_alone() {
    let (_t, dir) = vault_dir();
    new_vault(&dir).lock().unwrap();
    let me = platform::current_user_sid().unwrap();
    for p in [
        dir.clone(),
        dir.join(linkwork_store::paths::PASSPHRASE_KEY_FILE),
    ] {
        let sddl = platform::access_sddl(&p).unwrap();
        if !platform::under_wine() {
            assert!(sddl.starts_with("D:P"), "{}: {sddl}", p.display());
            assert_eq!(sddl.matches('(').count(), 1, "{}: {sddl}", p.display());
        }
        assert!(sddl.contains(me), "{}: {sddl}", p.display());
        for other in [";WD)", ";BU)", ";AU)", ";BA)"] {
            assert!(!sddl.contains(other), "{}: {sddl}", p.display());
        }
        assert_eq!(platform::not_private(&p).unwrap(), None);
    }
}

#[cfg(unix)]
#[test]
fn the_mode_reads_back_as_this_user_alone() {
    use std::os::unix::fs::PermissionsExt;
    let (_t, dir) = vault_dir();
    new_vault(&dir).lock().unwrap();
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&dir), 0o700);
    assert_eq!(
        mode(&dir.join(linkwork_store::paths::PASSPHRASE_KEY_FILE)),
        0o600
    );
    assert_eq!(platform::not_private(&dir).unwrap(), None);
}
