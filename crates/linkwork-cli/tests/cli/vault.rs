//! The vault from the command line: init, status and about, passphrases and recovery, exit codes
//! and help, the audit trail, and files never written into the data folder.

use super::*;

#[test]
fn about_names_the_files_and_lists_the_licences() {
    let t = tempfile::tempdir().unwrap();
    let dir = t.path().join("vault");
    init(&dir);
    let o = linkwork(&dir, &["about"], None);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.starts_with("Linkwork "), "{out}");
    assert!(
        out.contains(&format!(
            "Database (encrypted): {}",
            dir.join("linkwork.db").display()
        )),
        "{out}"
    );
    let o = linkwork(&dir, &["about", "--licences"], None);
    let list = stdout(&o);
    for name in ["tauri", "rusqlite", "age", "react"] {
        assert!(
            list.lines()
                .any(|l| l.split('\t').next() == Some(name) && l.split('\t').count() == 4),
            "{name} in:\n{list}"
        );
    }
}

#[test]
fn init_status_check_round_trip() {
    let t = tempfile::tempdir().unwrap();
    let dir = t.path().join("vault");
    let pass_file = t.path().join("pass.txt");
    std::fs::write(&pass_file, format!("{PASS}\n")).unwrap();

    let o = linkwork(
        &dir,
        &["init", "--passphrase-file", pass_file.to_str().unwrap()],
        None,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).starts_with(&format!("Created a Linkwork vault in {}.\n", dir.display())),
        "{}",
        stdout(&o)
    );
    assert!(stdout(&o).contains("No recovery key is set up"));

    let o = linkwork(&dir, &["status"], None);
    assert!(o.status.success());
    assert_eq!(
        stdout(&o).lines().take(3).collect::<Vec<_>>(),
        [
            format!("Data folder: {}", dir.display()).as_str(),
            "Vault: present, locked (encrypted)",
            "Recovery key: not set up"
        ]
    );

    let o = linkwork(&dir, &["check"], Some(&format!("{PASS}\n")));
    assert!(o.status.success(), "{}", stderr(&o));
    let latest = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../../migrations"))
        .unwrap()
        .count();
    assert_eq!(stdout(&o), format!("Integrity check passed: encryption, structure and links are sound (data version {latest}).\n"));
}

#[test]
fn empty_passphrase_is_refused() {
    let t = tempfile::tempdir().unwrap();
    let dir = t.path().join("vault");
    let o = linkwork(&dir, &["init"], Some("\n"));
    assert_eq!(o.status.code(), Some(7));
    assert_eq!(stderr(&o), "linkwork: Enter a passphrase.\n");
    assert!(!dir.join("vault.json").exists());
}

#[test]
fn short_passphrase_is_refused_with_the_rule() {
    let t = tempfile::tempdir().unwrap();
    let o = linkwork(&t.path().join("v"), &["init"], Some("too short\n"));
    assert_eq!(o.status.code(), Some(7));
    assert_eq!(
        stderr(&o),
        "linkwork: The passphrase must be at least 12 characters long (it has 9). \
         A few unrelated words make a strong one that is easy to remember.\n"
    );
}

#[test]
fn unreadable_passphrase_file_is_named() {
    let t = tempfile::tempdir().unwrap();
    let missing = t.path().join("nope.txt");
    let o = linkwork(
        &t.path().join("v"),
        &["init", "--passphrase-file", missing.to_str().unwrap()],
        None,
    );
    assert_eq!(o.status.code(), Some(7));
    assert_eq!(
        stderr(&o),
        format!(
            "linkwork: Cannot read the passphrase file {}: it does not exist.\n",
            missing.display()
        )
    );
}

#[test]
fn non_existent_data_folder_is_reported() {
    let t = tempfile::tempdir().unwrap();
    let dir = t.path().join("nowhere");
    for cmd in [&["status"][..], &["check"][..]] {
        let o = linkwork(&dir, cmd, Some(&format!("{PASS}\n")));
        assert_eq!(o.status.code(), Some(3), "{cmd:?}");
        assert_eq!(
            stderr(&o),
            format!("linkwork: The data folder {} does not exist. Check the folder name, or create a vault there first.\n", dir.display())
        );
    }
    assert!(!dir.exists(), "nothing created");

    let deep = t.path().join("a/b/c");
    let o = linkwork(&deep, &["init"], Some(&format!("{PASS}\n")));
    assert_eq!(o.status.code(), Some(3));
    assert_eq!(
        stderr(&o),
        format!(
            "linkwork: Cannot create the data folder {}: its parent folder does not exist.\n",
            deep.display()
        )
    );
}

#[test]
fn empty_folder_has_no_vault() {
    let t = tempfile::tempdir().unwrap();
    let o = linkwork(t.path(), &["status"], None);
    assert_eq!(o.status.code(), Some(3));
    assert_eq!(
        stderr(&o),
        format!(
            "linkwork: There is no Linkwork vault in {}. Create one first.\n",
            t.path().display()
        )
    );
}

#[test]
fn wrong_passphrase_exits_4() {
    let t = tempfile::tempdir().unwrap();
    let dir = t.path().join("v");
    init(&dir);
    let o = linkwork(&dir, &["check"], Some("definitely not it\n"));
    assert_eq!(o.status.code(), Some(4));
    assert_eq!(
        stderr(&o),
        "linkwork: That passphrase does not open this vault. Check Caps Lock and try again.\n"
    );
}

#[test]
fn init_twice_refuses() {
    let t = tempfile::tempdir().unwrap();
    let dir = t.path().join("v");
    init(&dir);
    let o = linkwork(&dir, &["init"], Some(&format!("{PASS}\n")));
    assert_eq!(o.status.code(), Some(3));
    assert!(
        stderr(&o).contains("will not create a new vault over it"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn passphrase_change_via_stdin() {
    let t = tempfile::tempdir().unwrap();
    let dir = t.path().join("v");
    init(&dir);
    let new = "a brand new passphrase";
    let o = linkwork(
        &dir,
        &["passphrase", "change"],
        Some(&format!("{PASS}\n{new}\n")),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        linkwork(&dir, &["check"], Some(&format!("{PASS}\n")))
            .status
            .code(),
        Some(4)
    );
    assert!(linkwork(&dir, &["check"], Some(&format!("{new}\n")))
        .status
        .success());
}

#[test]
fn recovery_set_then_reset_a_forgotten_passphrase() {
    let t = tempfile::tempdir().unwrap();
    let dir = t.path().join("v");
    init(&dir);
    let id = age::x25519::Identity::generate();
    let recipient = id.to_public().to_string();

    let o = linkwork(
        &dir,
        &["recovery", "set", "age1bogus"],
        Some(&format!("{PASS}\n")),
    );
    assert_eq!(o.status.code(), Some(7));
    assert!(
        stderr(&o).starts_with("linkwork: That is not an age public key."),
        "{}",
        stderr(&o)
    );

    let o = linkwork(
        &dir,
        &["recovery", "set", &recipient],
        Some(&format!("{PASS}\n")),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).starts_with(&format!(
            "Recovery key set: {recipient}\nThe database was re-encrypted under a new key"
        )),
        "{}",
        stdout(&o)
    );
    assert!(
        stdout(&linkwork(&dir, &["status"], None)).contains(&format!("Recovery key: {recipient}"))
    );

    use age::secrecy::ExposeSecret;
    let id_file = t.path().join("recovery.txt");
    std::fs::write(
        &id_file,
        format!("# recovery key\n{}\n", id.to_string().expose_secret()),
    )
    .unwrap();
    let o = linkwork(
        &dir,
        &[
            "passphrase",
            "reset",
            "--recovery-identity",
            id_file.to_str().unwrap(),
        ],
        Some("after reset passphrase\n"),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(linkwork(&dir, &["check"], Some("after reset passphrase\n"))
        .status
        .success());

    let o = linkwork(
        &dir,
        &["recovery", "remove"],
        Some("after reset passphrase\n"),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&linkwork(&dir, &["status"], None)).contains("Recovery key: not set up"));
}

#[test]
fn passphrases_are_not_accepted_as_arguments() {
    let t = tempfile::tempdir().unwrap();
    let o = linkwork(&t.path().join("v"), &["init", "--passphrase", PASS], None);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn help_documents_exit_codes() {
    let o = Command::new(env!("CARGO_BIN_EXE_linkwork"))
        .arg("--help")
        .output()
        .unwrap();
    let text = stdout(&o);
    for line in [
        "Exit codes:",
        "4  wrong passphrase or key (for the vault, a backup or a report)",
        "6  vault written by a newer version of Linkwork",
    ] {
        assert!(text.contains(line), "{line} missing from --help");
    }
}

#[test]
fn a_closed_output_pipe_ends_quietly() {
    let t = tempfile::tempdir().unwrap();
    let dir = t.path().join("v");
    init(&dir);
    assert!(with_pass(&dir, &["demo", "--people", "30"])
        .status
        .success());
    // As `linkwork people list | head -0`: the reader is gone before anything is written.
    let mut child = Command::new(env!("CARGO_BIN_EXE_linkwork"))
        .args(["--data-dir", dir.to_str().unwrap(), "people", "list"])
        .env("LINKWORK_INSECURE_TEST_KDF", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    child
        .stdin
        .take()
        .unwrap()
        .write_all(format!("{PASS}\n").as_bytes())
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(!stderr(&o).contains("internal error"), "{}", stderr(&o));
}

#[test]
fn files_are_never_written_into_the_data_folder_or_over_a_file_unasked() {
    let t = tempfile::tempdir().unwrap();
    let dir = t.path().join("v");
    init(&dir);
    let db = dir.join("linkwork.db");
    for args in [
        vec![
            "assets",
            "export",
            "--output",
            db.to_str().unwrap(),
            "--overwrite",
        ],
        vec![
            "assets",
            "template",
            "--output",
            db.to_str().unwrap(),
            "--overwrite",
        ],
    ] {
        let o = with_pass(&dir, &args);
        assert_eq!(o.status.code(), Some(7), "{}", stderr(&o));
        assert!(
            stderr(&o).contains("inside Linkwork's own data folder"),
            "{}",
            stderr(&o)
        );
    }
    let head = std::fs::read(&db).unwrap()[..16].to_vec();
    assert!(
        !head.starts_with(b"{") && !head.starts_with(b"id,"),
        "the database was not replaced"
    );
    assert!(
        with_pass(&dir, &["check"]).status.success(),
        "the vault still opens and checks"
    );

    let out = t.path().join("directory.json");
    std::fs::write(&out, "keep me").unwrap();
    let o = with_pass(
        &dir,
        &["assets", "export", "--output", out.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(7));
    assert!(stderr(&o).contains("already exists"), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "keep me");
    let o = with_pass(
        &dir,
        &[
            "assets",
            "export",
            "--output",
            out.to_str().unwrap(),
            "--overwrite",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(std::fs::read_to_string(&out)
        .unwrap()
        .contains("\"contents\""));

    // Saving the template to a file needs the vault unlocked, like every file Linkwork writes.
    let template = t.path().join("template.csv");
    let o = linkwork(
        &dir,
        &["assets", "template", "--output", template.to_str().unwrap()],
        Some("wrong passphrase here\n"),
    );
    assert_eq!(o.status.code(), Some(4));
    assert!(!template.exists());
}

#[test]
fn help_lists_every_exit_code_with_its_error_codes() {
    let o = Command::new(env!("CARGO_BIN_EXE_linkwork"))
        .arg("--help")
        .output()
        .unwrap();
    let text = stdout(&o);
    for line in [
        "8  the vault is open elsewhere, or was locked or a task cancelled before the command finished",
        "9  the vault could not be updated or written (nothing was changed); try again",
        "MIGRATION_FAILED",
        "DATABASE_ERROR",
        "LOCKED",
        "EXPORT_INVALID",
    ] {
        assert!(text.contains(line), "{line} missing from --help:\n{text}");
    }
}

#[test]
fn the_audit_trail_verifies_from_the_command_line() {
    let t = tempfile::tempdir().unwrap();
    let dir = t.path().join("vault");
    init(&dir);
    assert!(with_pass(&dir, &["demo", "--people", "3"]).status.success());
    let o = with_pass(&dir, &["audit", "verify"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("The audit trail is intact"),
        "{}",
        stdout(&o)
    );
    // Beside a backup: everything it saw is still there, and what came after.
    let file = t.path().join("b.age");
    let b = with_pass(&dir, &["backup", "--out", file.to_str().unwrap()]);
    assert!(b.status.success(), "{}", stderr(&b));
    assert!(with_pass(&dir, &["demo", "--people", "0"])
        .status
        .code()
        .is_some());
    let o = with_pass(
        &dir,
        &["audit", "verify", "--against", file.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("unchanged"), "{}", stdout(&o));
    assert!(
        stdout(&o).contains("The audit trail is intact"),
        "{}",
        stdout(&o)
    );
}

/// A passphrase file others can read is used, with a warning saying so and how to fix it; a
/// private one is used silently. (Unix modes; the Windows access-list reading behind the same
/// check is tested in the store's `places` tests.)
#[cfg(unix)]
#[test]
fn a_passphrase_file_others_can_read_is_warned_about() {
    use std::os::unix::fs::PermissionsExt;
    let t = tempfile::tempdir().unwrap();
    let dir = t.path().join("vault");
    init(&dir);
    let file = t.path().join("pass.txt");
    std::fs::write(&file, format!("{PASS}\n")).unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
    let args = ["check", "--passphrase-file", file.to_str().unwrap()];
    let o = linkwork(&dir, &args, None);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("other people on this computer can read the passphrase file")
            && stderr(&o).contains("chmod 600"),
        "{}",
        stderr(&o)
    );
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
    let o = linkwork(&dir, &args, None);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stderr(&o).contains("Warning"), "{}", stderr(&o));
}
