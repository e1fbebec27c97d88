//! The `linkwork` binary against real vaults in temp folders: output, exit codes, exact errors.

use std::{
    io::Write,
    path::Path,
    process::{Command, Output, Stdio},
};

const PASS: &str = "correct horse battery staple";

fn linkwork(dir: &Path, args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_linkwork"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env("LINKWORK_INSECURE_TEST_KDF", "1")
        .env_remove("LINKWORK_DATA_DIR")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(text) = stdin {
        // The command may exit before reading (e.g. a missing folder): a broken pipe is fine.
        let _ = child.stdin.take().unwrap().write_all(text.as_bytes());
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn init(dir: &Path) {
    let o = linkwork(dir, &["init"], Some(&format!("{PASS}\n")));
    assert!(o.status.success(), "{}", stderr(&o));
}

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

fn with_pass(dir: &Path, args: &[&str]) -> Output {
    linkwork(dir, args, Some(&format!("{PASS}\n")))
}

#[test]
fn referral_contact_people_from_the_command_line() {
    let t = tempfile::tempdir().unwrap();
    let dir = t.path().join("v");
    init(&dir);
    let o = with_pass(
        &dir,
        &[
            "referral",
            "add",
            "--nhs-number",
            "943 476 5919",
            "--given-name",
            "Ada",
            "--family-name",
            "Lovelace",
            "--dob",
            "10/12/1950",
            "--received",
            "2026-01-05",
            "--method",
            "phone",
            "--source",
            "gp",
            "--reason",
            "loneliness",
            "--reason",
            "money_debt",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).starts_with("Referral recorded for Ada Lovelace, a new person (episode "),
        "{}",
        stdout(&o)
    );

    // The same NHS number again, while the episode is open: refused.
    let o = with_pass(
        &dir,
        &[
            "referral",
            "add",
            "--source",
            "gp",
            "--nhs-number",
            "9434765919",
            "--given-name",
            "Ada",
            "--family-name",
            "Lovelace",
            "--received",
            "2026-01-06",
        ],
    );
    assert_eq!(o.status.code(), Some(7));
    // 943 476 5919 is the public example number, outside the issued ranges: said, not refused.
    assert_eq!(
        stderr(&o),
        "Warning: 943 476 5919 is outside the ranges NHS numbers are issued from. Check it against the referral or the GP record.\n\
         linkwork: Ada Lovelace already has an open episode of care (referred 05/01/2026). Open it and add to it, rather than starting a second one.\n"
    );

    let o = with_pass(
        &dir,
        &[
            "contact",
            "add",
            "--person",
            "943-476-5919",
            "--at",
            "2026-01-07T10:30",
            "--type",
            "phone",
            "--duration",
            "25",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "Contact recorded. The episode is now active with 1 contact(s).\n"
    );

    let o = with_pass(&dir, &["people", "list"]);
    assert!(
        stdout(&o).starts_with("943 476 5919  Ada Lovelace                 10/12/1950 open   "),
        "{}",
        stdout(&o)
    );
    let o = with_pass(&dir, &["people", "show", "9434765919"]);
    let text = stdout(&o);
    assert!(
        text.starts_with(
            "Ada Lovelace\n  NHS number:    943 476 5919\n  Date of birth: 10/12/1950\n"
        ),
        "{text}"
    );
    assert!(
        text.contains("  Episode referred 05/01/2026 (Phone): Active\n    07/01/2026 10:30 Phone – Took place, 25 min ["),
        "{text}"
    );
    let contact_id = text
        .split_once("25 min [")
        .and_then(|(_, rest)| rest.split_once(']'))
        .unwrap()
        .0
        .to_string();

    // Corrections: edit details and consent, mark the contact entered in error, raise and close concerns.
    let o = with_pass(
        &dir,
        &[
            "people",
            "edit",
            "943 476 5919",
            "--phone",
            "07700 900123",
            "--consent",
            "yes",
            "--tags",
            "frailty,carers",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o), "Saved the details of Ada Lovelace.\n");
    let o = with_pass(&dir, &["people", "edit", "9434765919", "--tags", "martian"]);
    assert_eq!(o.status.code(), Some(7));
    assert!(
        stderr(&o).contains("There is no group tag \"martian\""),
        "{}",
        stderr(&o)
    );
    let o = with_pass(
        &dir,
        &["contact", "error", &contact_id, "--reason", "Wrong person"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).starts_with(
        "The contact of 07/01/2026 10:30 with Ada Lovelace is marked entered in error."
    ));
    let o = with_pass(
        &dir,
        &["contact", "error", &contact_id, "--reason", "Wrong person"],
    );
    assert_eq!(o.status.code(), Some(7), "already marked");
    let o = with_pass(
        &dir,
        &[
            "risk",
            "raise",
            "--person",
            "9434765919",
            "--concern",
            "Falls at home",
            "--level",
            "high",
            "--on",
            "01/01/2026",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("Note: this entry is back-dated to 01/01/2026"),
        "{}",
        stderr(&o)
    );
    let o = with_pass(
        &dir,
        &[
            "risk",
            "raise",
            "--person",
            "9434765919",
            "--concern",
            "Scam calls",
            "--level",
            "low",
        ],
    );
    assert!(
        stdout(&o).contains("has 2 open concern(s); the risk flag is on"),
        "{}",
        stdout(&o)
    );
    let falls = stdout(&o)
        .lines()
        .find(|l| l.ends_with("Falls at home"))
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .to_string();
    let o = with_pass(&dir, &["risk", "close", &falls, "--note", "Rails fitted"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("has 1 open concern(s); the risk flag is on:\n"),
        "{}",
        stdout(&o)
    );
    assert!(stdout(&o).contains("Scam calls"));

    let text = stdout(&with_pass(&dir, &["people", "show", "9434765919"]));
    assert!(
        text.contains("  Consent to share with GP: Yes (recorded "),
        "{text}"
    );
    assert!(
        text.contains(&format!("[{contact_id}] ENTERED IN ERROR: Wrong person")),
        "{text}"
    );
    assert!(text.contains("  RISK FLAG: open concerns\n"), "{text}");

    // A second record of Ada, made without her NHS number, merges into the first.
    let o = linkwork(
        &dir,
        &[
            "referral",
            "add",
            "--source",
            "gp",
            "--given-name",
            "Ada",
            "--family-name",
            "Lovelace",
            "--dob",
            "10/12/1950",
            "--received",
            "06/01/2026",
            "--allow-possible-duplicate",
            "--passphrase-file",
            "-",
        ],
        Some(&format!("{PASS}\n")),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let list = stdout(&with_pass(&dir, &["people", "list"]));
    let other = list
        .lines()
        .find(|l| l.starts_with("(no NHS no.)"))
        .expect("a second record");
    assert!(other.contains("Ada Lovelace"), "{list}");
    let other_id = other.split_whitespace().last().unwrap();
    let o = with_pass(&dir, &["people", "merge", "9434765919", other_id]);
    assert_eq!(o.status.code(), Some(7), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("Both records have an open episode"),
        "{}",
        stderr(&o)
    );
    let o = with_pass(&dir, &["people", "merge", "9434765919", "9434765919"]);
    assert_eq!(o.status.code(), Some(7), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("Choose two different records"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        stdout(&with_pass(&dir, &["people", "list"]))
            .lines()
            .count(),
        2,
        "nothing merged"
    );
}

#[test]
fn referral_bad_input_is_named_and_nothing_is_written() {
    let t = tempfile::tempdir().unwrap();
    let dir = t.path().join("v");
    init(&dir);
    let o = with_pass(
        &dir,
        &[
            "referral",
            "add",
            "--source",
            "gp",
            "--nhs-number",
            "9434765918",
            "--given-name",
            "A",
            "--family-name",
            "B",
        ],
    );
    assert_eq!(o.status.code(), Some(7));
    assert_eq!(
        stderr(&o),
        "linkwork: That is not a valid NHS number: the last digit does not match (a digit may be mistyped). Check the number on the referral; it is 10 digits, like 943 476 5919.\n"
    );
    let o = with_pass(
        &dir,
        &["referral", "add", "--source", "gp", "--given-name", "A"],
    );
    assert_eq!(stderr(&o), "linkwork: Enter the family name.\n");
    let bad_json = t.path().join("r.json");
    std::fs::write(&bad_json, "{\"person\": {\"given_name\": 5}}").unwrap();
    let o = with_pass(
        &dir,
        &["referral", "add", "--json", bad_json.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(7));
    assert!(
        stderr(&o).starts_with(&format!(
            "linkwork: The referral file {} is not a valid referral: invalid type: integer `5`",
            bad_json.display()
        )),
        "{}",
        stderr(&o)
    );
    let o = with_pass(&dir, &["people", "list"]);
    assert_eq!(stdout(&o), "");
    assert_eq!(stderr(&o), "0 people\n");
}

#[test]
fn referral_from_a_json_file_matches_the_app_form() {
    let t = tempfile::tempdir().unwrap();
    let dir = t.path().join("v");
    init(&dir);
    let file = t.path().join("r.json");
    std::fs::write(
        &file,
        r#"{"person": {"given_name": "Ivy", "family_name": "Walker", "date_of_birth": "1938-02-14", "tags": ["loneliness"]},
            "received_on": "2026-02-01", "method": "nhs_ers", "source": "gp", "reasons": ["loneliness"]}"#,
    )
    .unwrap();
    let o = with_pass(&dir, &["referral", "add", "--json", file.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&with_pass(&dir, &["people", "list", "--search", "walk"]))
            .contains("Ivy Walker                   14/02/1938 open")
    );
}

#[test]
fn demo_fills_an_empty_vault_only() {
    let t = tempfile::tempdir().unwrap();
    let dir = t.path().join("v");
    init(&dir);
    let o = with_pass(&dir, &["demo", "--people", "25", "--seed", "3"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).starts_with("Demo data added: 25 people, 25 episodes, "),
        "{}",
        stdout(&o)
    );
    assert_eq!(stderr(&with_pass(&dir, &["people", "list"])), "25 people\n");
    let o = with_pass(&dir, &["demo", "--people", "5"]);
    assert_eq!(o.status.code(), Some(7));
}

#[test]
fn outcomes_from_the_command_line() {
    let t = tempfile::tempdir().unwrap();
    let dir = t.path().join("v");
    init(&dir);
    let o = with_pass(
        &dir,
        &[
            "referral",
            "add",
            "--source",
            "gp",
            "--nhs-number",
            "943 476 5919",
            "--given-name",
            "Ada",
            "--family-name",
            "Lovelace",
            "--received",
            "2026-01-05",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let ons4 = |date: &str, a: [&str; 4]| {
        with_pass(
            &dir,
            &[
                "outcome",
                "add",
                "ons4",
                "--person",
                "9434765919",
                "--date",
                date,
                "--life-satisfaction",
                a[0],
                "--worthwhile",
                a[1],
                "--happiness",
                a[2],
                "--anxiety",
                a[3],
            ],
        )
    };
    let o = ons4("06/01/2026", ["3", "12", "5", "8"]);
    assert_eq!(o.status.code(), Some(7));
    assert_eq!(stderr(&o), "linkwork: Worthwhile must be a whole number from 0 to 10, or \u{201c}declined\u{201d} if the person chose not to answer.\n");

    let o = ons4("06/01/2026", ["3", "4", "declined", "8"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o), "ONS4 recorded (baseline): life satisfaction 3 (low), worthwhile 4 (low), happiness declined, anxiety 8 (high)\n");
    let o = ons4("06/04/2026", ["7", "6", "6", "3"]);
    assert_eq!(stdout(&o), "ONS4 recorded (follow-up): life satisfaction 7 (high), worthwhile 6 (medium), happiness 6 (medium), anxiety 3 (low)\n");

    let o = with_pass(
        &dir,
        &[
            "outcome",
            "add",
            "pam",
            "--person",
            "9434765919",
            "--date",
            "06/01/2026",
            "--score",
            "56.45",
            "--level",
            "3",
        ],
    );
    assert_eq!(o.status.code(), Some(7));
    assert_eq!(stderr(&o), "linkwork: The PAM score must be a number from 0 to 100 with at most one decimal place, like 56.4.\n");
    let o = with_pass(
        &dir,
        &[
            "outcome",
            "add",
            "pam",
            "--person",
            "9434765919",
            "--date",
            "06/01/2026",
            "--score",
            "47.5",
            "--level",
            "2",
        ],
    );
    assert_eq!(
        stdout(&o),
        "PAM recorded (baseline): score 47.5, level 2, PAM-13.\n"
    );
    let o = with_pass(
        &dir,
        &[
            "outcome",
            "add",
            "pam",
            "--person",
            "9434765919",
            "--date",
            "06/04/2026",
            "--score",
            "51",
            "--level",
            "2",
            "--version",
            "pam_10",
        ],
    );
    assert_eq!(
        stdout(&o),
        "PAM recorded (follow-up): score 51.0, level 2, PAM-10.\n"
    );

    let o = with_pass(
        &dir,
        &[
            "outcome",
            "summary",
            "--from",
            "01/01/2026",
            "--to",
            "30/06/2026",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert_eq!(
        text,
        "Outcomes from 01/01/2026 to 30/06/2026\n\
         ONS4: 1 people compared (baseline with final or latest record); 0 with a baseline and no follow-up yet\n\
         Item               Moved out of the concern band         n Mean change  Improved   Same  Worse\n\
         Life satisfaction  1 of 1 starting low (100%)            1        +4.0      100%     0%     0%\n\
         Worthwhile         1 of 1 starting low (100%)            1        +2.0      100%     0%     0%\n\
         Happiness          0 of 0 starting low (–)               0           –         –      –      –\n\
         Anxiety            1 of 1 starting high (100%)           1        -5.0      100%     0%     0%\n\
         Anxiety: down 5.0 on average (better). The four items are never added together.\n\
         PAM: 1 people compared; mean change +3.5 points; gain of 3 or more: 1 (100%); 0 with a baseline and no follow-up yet\n\
         PAM: 1 of those compared set a PAM-13 against a PAM-10 record; read their change with care.\n"
    );

    let o = with_pass(&dir, &["people", "show", "9434765919"]);
    assert!(
        stdout(&o).contains("    PAM 06/04/2026 (follow-up): score 51.0, level 2, PAM-10\n"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn assets_import_search_and_export_from_the_command_line() {
    let t = tempfile::tempdir().unwrap();
    let dir = t.path().join("v");
    init(&dir);
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../linkwork-oruk/tests/fixtures");
    let feed = fixtures.join("uk-profile/csv");
    let o = with_pass(
        &dir,
        &["assets", "import", feed.to_str().unwrap(), "--dry-run"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).starts_with("Preview: 1 to add, 0 to update, 0 unchanged.\n"),
        "{}",
        stdout(&o)
    );
    assert!(
        stderr(&o).ends_with("Reading: 100%\n"),
        "progress on standard error: {}",
        stderr(&o)
    );
    assert_eq!(
        stdout(&with_pass(&dir, &["assets", "search", "counselling"])),
        "0 of 0 assets match\n"
    );

    let o = with_pass(&dir, &["assets", "import", feed.to_str().unwrap()]);
    assert!(
        stdout(&o).starts_with("Imported: 1 added, 0 updated, 0 unchanged.\n"),
        "{}",
        stdout(&o)
    );
    let o = with_pass(&dir, &["assets", "search", "counsel"]);
    assert_eq!(stdout(&o), "1 of 1 assets match\nCommunity Counselling  Example Organization Inc., ABC 1234  [paid; not verified yet]\n");

    let bad = fixtures.join("bad/unknown_status.json");
    let o = with_pass(&dir, &["assets", "import", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(7));
    assert_eq!(
        stdout(&o),
        "Not imported. Without the problems below it would add 1, update 0 and leave 0 unchanged.\n1 problem (nothing was imported):\n  unknown_status.json, /contents/1, field \"status\": \"open\" is not one of the allowed values: \"active\", \"inactive\", \"defunct\", \"temporarily closed\".\n"
    );
    assert_eq!(
        stderr(&o).lines().last(),
        Some("linkwork: Nothing was imported. Correct the problems listed and import again.")
    );

    let o = with_pass(&dir, &["assets", "export"]);
    let page: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(page["contents"][0]["name"], "Community Counselling");
    let o = with_pass(&dir, &["assets", "export", "--format", "csv"]);
    assert!(
        stdout(&o).starts_with("id,name,organisation,"),
        "{}",
        stdout(&o)
    );
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

/// The independent FHIR validator: `fhir.resources` (R4B models) in the venv `./dev test` makes.
fn fhir_validator() -> (std::path::PathBuf, std::path::PathBuf) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let python = std::env::var_os("LINKWORK_FHIR_PYTHON")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| root.join(".tools/fhir-venv/bin/python"));
    assert!(
        python.exists(),
        "The FHIR validator is not installed ({}): run `./dev test`, which installs it.",
        python.display()
    );
    (python, root.join("tests/fhir/validate.py"))
}

fn validate_fhir(files: &[std::path::PathBuf]) -> Output {
    let (python, script) = fhir_validator();
    Command::new(python)
        .arg(script)
        .args(files)
        .output()
        .unwrap()
}

#[test]
fn gp_summary_letter_and_fhir_from_the_command_line() {
    let t = tempfile::tempdir().unwrap();
    let dir = t.path().join("v");
    init(&dir);
    let o = with_pass(&dir, &["demo", "--people", "30"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let pending = stdout(&with_pass(&dir, &["gp", "pending"]));
    let nhs: Vec<String> = pending
        .lines()
        .filter_map(|l| l.split_once(", NHS ").map(|(_, n)| n.replace(' ', "")))
        .collect();
    assert_eq!(nhs.len(), 30, "{pending}");

    // Every person's episode, full and codes only, through the independent validator.
    let mut files = Vec::new();
    for (i, n) in nhs.iter().enumerate() {
        for (mode, extra) in [("full", None), ("codes", Some("--codes-only"))] {
            let mut args = vec!["gp", "summary", "--nhs", n, "--format", "fhir"];
            args.extend(extra);
            let o = with_pass(&dir, &args);
            assert!(o.status.success(), "{}", stderr(&o));
            let f = t.path().join(format!("{i}-{mode}.json"));
            std::fs::write(&f, &o.stdout).unwrap();
            files.push(f);
        }
    }
    let o = validate_fhir(&files);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    let counts = stdout(&o);
    for kind in [
        "Bundle 60",
        "Patient 60",
        "Encounter",
        "Procedure",
        "ServiceRequest",
        "Observation",
    ] {
        assert!(counts.contains(kind), "{kind} missing from {counts}");
    }
    assert!(!counts.contains("without NHS number"), "{counts}");

    // The validator is not a rubber stamp: an Encounter without its class fails it.
    let broken = t.path().join("broken.json");
    let text = std::fs::read_to_string(&files[0]).unwrap();
    let mut b: serde_json::Value = serde_json::from_str(&text).unwrap();
    for e in b["entry"].as_array_mut().unwrap() {
        if e["resource"]["resourceType"] == "Encounter" {
            e["resource"].as_object_mut().unwrap().remove("class");
        }
    }
    std::fs::write(&broken, b.to_string()).unwrap();
    let o = validate_fhir(&[broken]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("class"), "{}", stderr(&o));

    // Paste-ready lines never hold the name or NHS number; the letter shows both.
    let first = pending.lines().nth(1).unwrap();
    let (name, _) = first.split_once(", NHS ").unwrap();
    let o = with_pass(&dir, &["gp", "summary", "--nhs", &nhs[0]]);
    assert!(o.status.success(), "{}", stderr(&o));
    let tsv = stdout(&o);
    assert!(
        tsv.contains("\t871731000000106\tReferral to social prescribing service"),
        "{tsv}"
    );
    assert!(!tsv.contains(name) && !tsv.contains(&nhs[0]), "{tsv}");
    let o = with_pass(
        &dir,
        &["gp", "summary", "--person", &nhs[0], "--format", "html"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let html = stdout(&o);
    assert!(html.starts_with("<!doctype html>"), "{html}");
    assert!(html.contains("message back to GP and referrer"));
    assert!(html.contains(name), "{html}");
    let shown = format!("{} {} {}", &nhs[0][..3], &nhs[0][3..6], &nhs[0][6..]);
    assert!(html.contains(&shown), "NHS number 3-3-4 in {html}");

    // Going live: history before a day is already in the GP record.
    let o = with_pass(&dir, &["gp", "mark-entered", "--before", "01/01/2200"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).ends_with(" entered; 0 still to enter.\n"),
        "{}",
        stdout(&o)
    );
    let o = with_pass(&dir, &["gp", "mark-entered", "--before", "01/01/2200"]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("Nothing on the to-code list is dated before 01/01/2200"),
        "{}",
        stderr(&o)
    );
}

fn unzip_figures(zip: &[u8]) -> serde_json::Value {
    // The pack is a zip: read figures.json with Python's zipfile (independent of the writer).
    let mut child = Command::new("python3")
        .args(["-c", "import sys, zipfile, io; sys.stdout.write(zipfile.ZipFile(io.BytesIO(sys.stdin.buffer.read())).read('figures.json').decode())"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(zip).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Sums every number found at the same place in several JSON values.
fn sum_json(values: &[serde_json::Value]) -> serde_json::Value {
    use serde_json::Value;
    match &values[0] {
        Value::Number(n) if n.is_i64() || n.is_u64() => {
            Value::from(values.iter().map(|v| v.as_i64().unwrap()).sum::<i64>())
        }
        Value::Object(first) => {
            let mut keys: Vec<&String> = values
                .iter()
                .flat_map(|v| v.as_object().unwrap().keys())
                .collect();
            keys.sort();
            keys.dedup();
            let _ = first;
            Value::Object(
                keys.into_iter()
                    .map(|k| {
                        let present: Vec<Value> =
                            values.iter().filter_map(|v| v.get(k).cloned()).collect();
                        (k.clone(), sum_json(&present))
                    })
                    .collect(),
            )
        }
        other => other.clone(),
    }
}

#[test]
fn monthly_reports_from_three_link_workers_merge_into_the_sum_of_their_figures() {
    let t = tempfile::tempdir().unwrap();
    let keys = t.path().join("keys");
    std::fs::create_dir(&keys).unwrap();
    // The supervisor's key, protected by a passphrase.
    let identity = keys.join("supervisor.age");
    let sup_pass = keys.join("sup-pass.txt");
    std::fs::write(&sup_pass, "supervisor passphrase here\n").unwrap();
    let o = linkwork(
        t.path(),
        &[
            "supervisor",
            "keygen",
            "--out",
            identity.to_str().unwrap(),
            "--passphrase-file",
            sup_pass.to_str().unwrap(),
        ],
        None,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let public = stdout(&o).trim().to_string();
    assert!(public.starts_with("age1"), "{public}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&identity).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    // A second key made by the age tools, for the standard `age` command to decrypt with.
    let plain_key = keys.join("age-key.txt");
    assert!(Command::new("age-keygen")
        .arg("-o")
        .arg(&plain_key)
        .output()
        .unwrap()
        .status
        .success());
    let plain_public = std::fs::read_to_string(&plain_key)
        .unwrap()
        .lines()
        .find_map(|l| l.strip_prefix("# public key: ").map(str::to_owned))
        .unwrap();

    let mut exports = vec![];
    let mut figures = vec![];
    for (i, name) in ["Asha Patel", "Ben Okafor", "Cara Jones"]
        .iter()
        .enumerate()
    {
        let dir = t.path().join(format!("v{i}"));
        init(&dir);
        assert!(with_pass(
            &dir,
            &["demo", "--people", "40", "--seed", &(i + 1).to_string()]
        )
        .status
        .success());
        // No name yet: refused, saying how to set it.
        let out = t.path().join(format!("w{i}.age"));
        let o = with_pass(
            &dir,
            &[
                "report",
                "monthly",
                "--to",
                &public,
                "--out",
                out.to_str().unwrap(),
            ],
        );
        assert_eq!(o.status.code(), Some(7), "{}", stderr(&o));
        assert!(stderr(&o).contains("--worker-name"), "{}", stderr(&o));
        assert!(!out.exists());
        let o = with_pass(&dir, &["report", "settings", "--worker-name", name]);
        assert!(o.status.success(), "{}", stderr(&o));
        let o = with_pass(
            &dir,
            &[
                "report",
                "monthly",
                "--to",
                &public,
                "--to",
                &plain_public,
                "--out",
                out.to_str().unwrap(),
            ],
        );
        assert!(o.status.success(), "{}", stderr(&o));
        assert_eq!(stdout(&o).trim(), out.to_str().unwrap());
        // The standard age command opens it with the other key.
        let dec = Command::new("age")
            .args([
                "-d",
                "-i",
                plain_key.to_str().unwrap(),
                out.to_str().unwrap(),
            ])
            .output()
            .unwrap();
        assert!(
            dec.status.success(),
            "{}",
            String::from_utf8_lossy(&dec.stderr)
        );
        let f = unzip_figures(&dec.stdout);
        assert_eq!(f["worker"], *name);
        figures.push(f);
        exports.push(out);
    }
    let team = t.path().join("team");
    let mut args = vec!["supervisor", "merge"];
    args.extend(exports.iter().map(|p| p.to_str().unwrap()));
    args.extend([
        "--identity",
        identity.to_str().unwrap(),
        "--out",
        team.to_str().unwrap(),
        "--passphrase-file",
        sup_pass.to_str().unwrap(),
    ]);
    let o = linkwork(t.path(), &args, None);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("from 3 link workers (Asha Patel, Ben Okafor, Cara Jones)"),
        "{}",
        stderr(&o)
    );
    let total: serde_json::Value =
        serde_json::from_slice(&std::fs::read(team.join("figures.json")).unwrap()).unwrap();
    let expected = sum_json(&figures);
    for section in [
        "caseload",
        "activity",
        "referrals",
        "onward",
        "gaps",
        "outcomes",
        "coding",
    ] {
        assert_eq!(total[section], expected[section], "{section}");
    }
    assert!(total["caseload"]["new_referrals"].as_u64().unwrap() > 0);
    let html = std::fs::read_to_string(team.join("report.html")).unwrap();
    assert!(
        html.contains("By link worker")
            && html.contains("Ben Okafor")
            && html.contains("Team total")
    );
    let by_worker = std::fs::read_to_string(team.join("csv/by_worker.csv")).unwrap();
    assert_eq!(by_worker.lines().count(), 5, "{by_worker}");
    assert!(team.join("report.xlsx").exists());

    // Bad input: clear errors, and nothing written.
    let bad_out = t.path().join("bad");
    let run = |files: &[&Path], id: &Path| {
        let mut a = vec!["supervisor".to_string(), "merge".into()];
        a.extend(files.iter().map(|p| p.display().to_string()));
        a.extend([
            "--identity".into(),
            id.display().to_string(),
            "--out".into(),
            bad_out.display().to_string(),
            "--passphrase-file".into(),
            sup_pass.display().to_string(),
        ]);
        let a: Vec<&str> = a.iter().map(String::as_str).collect();
        linkwork(t.path(), &a, None)
    };
    let other_key = keys.join("other.age");
    assert!(linkwork(
        t.path(),
        &[
            "supervisor",
            "keygen",
            "--out",
            other_key.to_str().unwrap(),
            "--passphrase-file",
            sup_pass.to_str().unwrap()
        ],
        None
    )
    .status
    .success());
    let o = run(&[&exports[0]], &other_key);
    assert_eq!(o.status.code(), Some(4), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("was not encrypted to your key"),
        "{}",
        stderr(&o)
    );
    let corrupt = t.path().join("corrupt.age");
    let mut bytes = std::fs::read(&exports[1]).unwrap();
    let n = bytes.len();
    bytes[n - 20] ^= 0xff;
    std::fs::write(&corrupt, bytes).unwrap();
    let o = run(&[&exports[0], &corrupt], &identity);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(stderr(&o).contains("damaged"), "{}", stderr(&o));
    let o = run(&[&exports[0], &exports[0]], &identity);
    assert_eq!(o.status.code(), Some(7), "{}", stderr(&o));
    assert!(stderr(&o).contains("same link worker"), "{}", stderr(&o));
    let not_report = t.path().join("notes.txt");
    std::fs::write(&not_report, "hello").unwrap();
    let o = run(&[&not_report], &identity);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(!bad_out.exists());
    assert!(std::fs::read_dir(t.path()).unwrap().all(|e| !e
        .unwrap()
        .file_name()
        .to_string_lossy()
        .starts_with(".bad")));
    // A malformed recipient and a month in the future are refused before anything is written.
    let dir = t.path().join("v0");
    let o = with_pass(
        &dir,
        &[
            "report",
            "monthly",
            "--to",
            "age1nope",
            "--out",
            t.path().join("x.age").to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(7));
    assert!(stderr(&o).contains("age1nope"), "{}", stderr(&o));
    let o = with_pass(
        &dir,
        &["report", "monthly", "--month", "2999-01", "--to", &public],
    );
    assert_eq!(o.status.code(), Some(7));
    assert!(stderr(&o).contains("has not started yet"), "{}", stderr(&o));
}

#[test]
fn backup_verify_and_restore_on_a_new_laptop_from_the_command_line() {
    let t = tempfile::tempdir().unwrap();
    let dir = t.path().join("vault");
    init(&dir);
    assert!(with_pass(&dir, &["demo", "--people", "8"]).status.success());
    let people = stdout(&with_pass(&dir, &["people", "list"]));
    let file = t.path().join("backup.age");
    let made = with_pass(&dir, &["backup", "--out", file.to_str().unwrap()]);
    assert!(made.status.success(), "{}", stderr(&made));
    assert_eq!(stdout(&made).trim(), file.to_str().unwrap());
    assert!(
        stderr(&made).contains("Backed up 8 people"),
        "{}",
        stderr(&made)
    );

    let elsewhere = t.path().join("elsewhere");
    let checked = with_pass(&elsewhere, &["backup", "verify", file.to_str().unwrap()]);
    assert!(checked.status.success(), "{}", stderr(&checked));
    assert!(
        stdout(&checked).contains("a good backup"),
        "{}",
        stdout(&checked)
    );
    let wrong = linkwork(
        &elsewhere,
        &["backup", "verify", file.to_str().unwrap()],
        Some("not the passphrase at all\n"),
    );
    assert_eq!(wrong.status.code(), Some(4), "{}", stderr(&wrong));
    let cut = t.path().join("cut.age");
    let bytes = std::fs::read(&file).unwrap();
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    let damaged = with_pass(&elsewhere, &["backup", "verify", cut.to_str().unwrap()]);
    assert_eq!(damaged.status.code(), Some(5), "{}", stderr(&damaged));

    let laptop = t.path().join("new-laptop");
    let restored = with_pass(&laptop, &["restore", file.to_str().unwrap()]);
    assert!(restored.status.success(), "{}", stderr(&restored));
    assert_eq!(stdout(&with_pass(&laptop, &["people", "list"])), people);
    // Not over a vault unless asked.
    let again = with_pass(&laptop, &["restore", file.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(3), "{}", stderr(&again));
    // Both vaults have the same handover key: it belongs to the caseload, not the laptop.
    assert_eq!(
        stdout(&with_pass(&laptop, &["handover", "key"])),
        stdout(&with_pass(&dir, &["handover", "key"]))
    );
}

#[test]
fn handover_of_three_people_to_a_colleague_who_knows_one_of_them() {
    let t = tempfile::tempdir().unwrap();
    let (me, colleague) = (t.path().join("me"), t.path().join("colleague"));
    init(&me);
    init(&colleague);
    assert!(with_pass(&me, &["demo", "--people", "12"]).status.success());
    let list = stdout(&with_pass(&me, &["people", "list"]));
    let nhs = |want: &str| -> Vec<String> {
        list.lines()
            .filter(|l| {
                l.split_whitespace().nth(5) == Some(want) || l.contains(&format!(" {want} "))
            })
            .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(""))
            .collect()
    };
    let open = nhs("open");
    let closed = nhs("closed");
    let chosen = [open[0].clone(), closed[0].clone(), closed[1].clone()];
    // The colleague already has one of them, under their own record, from a referral of their own.
    let known = &chosen[1];
    let added = with_pass(
        &colleague,
        &[
            "referral",
            "add",
            "--nhs-number",
            known,
            "--given-name",
            "Known",
            "--family-name",
            "Already",
            "--source",
            "gp",
            "--reason",
            "loneliness",
        ],
    );
    assert!(added.status.success(), "{}", stderr(&added));

    let key = stdout(&with_pass(&colleague, &["handover", "key"]))
        .trim()
        .to_string();
    let file = t.path().join("handover.age");
    let mut args = vec![
        "handover",
        "export",
        "--to",
        &key,
        "--out",
        file.to_str().unwrap(),
        "--close",
        "--to-name",
        "Sam Okafor",
    ];
    for c in &chosen {
        args.extend(["--person", c.as_str()]);
    }
    let sent = with_pass(&me, &args);
    assert!(sent.status.success(), "{}", stderr(&sent));
    assert!(
        stderr(&sent).contains("Sealed 3 people"),
        "{}",
        stderr(&sent)
    );
    assert!(
        stderr(&sent).contains("Closed 1 open episode as handed over"),
        "{}",
        stderr(&sent)
    );

    // Not for me: my own vault cannot open it.
    let mine = with_pass(
        &me,
        &["handover", "import", file.to_str().unwrap(), "--dry-run"],
    );
    assert_eq!(mine.status.code(), Some(4), "{}", stderr(&mine));

    let preview = stdout(&with_pass(
        &colleague,
        &["handover", "import", file.to_str().unwrap(), "--dry-run"],
    ));
    assert_eq!(preview.matches(": new,").count(), 2, "{preview}");
    assert_eq!(
        preview.matches("same NHS number, merged").count(),
        1,
        "{preview}"
    );
    let before = stdout(&with_pass(&colleague, &["people", "list"]));
    assert_eq!(before.lines().filter(|l| l.contains("999 ")).count(), 1);

    let imported = stdout(&with_pass(
        &colleague,
        &["handover", "import", file.to_str().unwrap()],
    ));
    // The preview said exactly what the import did.
    assert_eq!(
        imported.lines().last().unwrap().replace("Added", ""),
        preview.lines().last().unwrap().replace("Would add", "")
    );
    let after = stdout(&with_pass(&colleague, &["people", "list"]));
    assert_eq!(
        after.lines().filter(|l| l.contains("999 ")).count(),
        3,
        "{after}"
    );

    // Twice: nothing changes.
    let again = stdout(&with_pass(
        &colleague,
        &["handover", "import", file.to_str().unwrap()],
    ));
    assert!(again.contains("Added: nothing"), "{again}");
    assert_eq!(stdout(&with_pass(&colleague, &["people", "list"])), after);
}

#[test]
fn a_backup_taken_while_another_process_writes_restores_consistent() {
    let t = tempfile::tempdir().unwrap();
    let dir = t.path().join("vault");
    init(&dir);
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    // Another process at a time keeps adding referrals (each a person and an episode, one transaction).
    let writer = {
        let (dir, stop) = (dir.clone(), stop.clone());
        std::thread::spawn(move || {
            let mut n = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let o = with_pass(
                    &dir,
                    &[
                        "referral",
                        "add",
                        "--given-name",
                        "Busy",
                        "--family-name",
                        &format!("Writer{n}"),
                        "--source",
                        "gp",
                        "--reason",
                        "loneliness",
                    ],
                );
                assert!(o.status.success(), "{}", stderr(&o));
                n += 1;
            }
            n
        })
    };
    std::thread::sleep(std::time::Duration::from_millis(300));
    let files: Vec<_> = (0..3).map(|i| t.path().join(format!("b{i}.age"))).collect();
    for f in &files {
        let o = with_pass(&dir, &["backup", "--out", f.to_str().unwrap()]);
        assert!(o.status.success(), "{}", stderr(&o));
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    assert!(writer.join().unwrap() > 0);
    for (i, f) in files.iter().enumerate() {
        let target = t.path().join(format!("restored{i}"));
        let o = with_pass(&target, &["restore", f.to_str().unwrap()]);
        assert!(o.status.success(), "{}", stderr(&o));
        let check = with_pass(&target, &["check"]);
        assert!(check.status.success(), "{}", stderr(&check));
        // Every person came with their episode: no torn referral.
        let listed = stdout(&with_pass(&target, &["people", "list"]));
        let people = listed.lines().filter(|l| l.contains("Writer")).count();
        let open = listed
            .lines()
            .filter(|l| l.contains(" waiting ") || l.contains(" open "))
            .count();
        assert_eq!(people, open, "{listed}");
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
}

fn unzip(bytes: &[u8], name: &str) -> String {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = String::new();
    std::io::Read::read_to_string(&mut z.by_name(name).unwrap(), &mut out).unwrap();
    out
}

#[test]
fn a_person_gets_a_copy_of_their_records_then_is_erased_and_the_audit_says_so() {
    let t = tempfile::tempdir().unwrap();
    let dir = t.path().join("v");
    init(&dir);
    let o = with_pass(
        &dir,
        &[
            "referral",
            "add",
            "--nhs-number",
            "943 476 5919",
            "--given-name",
            "Ada",
            "--family-name",
            "Lovelace",
            "--received",
            "2026-01-05",
            "--source",
            "gp",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let o = with_pass(
        &dir,
        &[
            "contact",
            "add",
            "--person",
            "9434765919",
            "--at",
            "2026-01-07T10:30",
            "--type",
            "phone",
            "--duration",
            "20",
            "--notes",
            "Contact note SAR-4411",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));

    // No passphrase and no --unencrypted: refused before anything is written.
    let plain = t.path().join("ada.zip");
    let o = with_pass(
        &dir,
        &[
            "people",
            "copy",
            "9434765919",
            "--out",
            plain.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(7), "{}", stderr(&o));
    assert!(!plain.exists());

    let o = with_pass(
        &dir,
        &[
            "people",
            "copy",
            "9434765919",
            "--out",
            plain.to_str().unwrap(),
            "--unencrypted",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("NOT encrypted"), "{}", stdout(&o));
    let bytes = std::fs::read(&plain).unwrap();
    let html = unzip(&bytes, "records.html");
    assert!(html.contains("Records held about Ada Lovelace"));
    assert!(html.contains("Contact note SAR-4411"));
    assert!(html.contains("943 476 5919"), "NHS number shown 3-3-4");
    assert!(html.contains("05/01/2026"), "dates shown DD/MM/YYYY");
    assert!(
        html.contains("07/01/2026 10:30"),
        "contact times shown DD/MM/YYYY HH:MM"
    );
    assert!(
        html.contains("Took place") && !html.contains("took_place"),
        "fixed lists shown in words"
    );
    assert!(!html.contains("<script"));
    let json = unzip(&bytes, "records.json");
    assert!(json.contains("\"format\": \"linkwork-subject-access\""));

    // Encrypted: a passphrase the person is told another way opens it with age.
    let sealed = t.path().join("ada.zip.age");
    let pf = t.path().join("copy-pass.txt");
    std::fs::write(&pf, "a passphrase for Ada only\n").unwrap();
    let o = with_pass(
        &dir,
        &[
            "people",
            "copy",
            "9434765919",
            "--out",
            sealed.to_str().unwrap(),
            "--copy-passphrase-file",
            pf.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let id = age::scrypt::Identity::new("a passphrase for Ada only".to_string().into());
    let mut zipped = vec![];
    let file = std::fs::read(&sealed).unwrap();
    std::io::Read::read_to_end(
        &mut age::Decryptor::new(&file[..])
            .unwrap()
            .decrypt(std::iter::once(&id as &dyn age::Identity))
            .unwrap(),
        &mut zipped,
    )
    .unwrap();
    assert!(unzip(&zipped, "records.html").contains("Contact note SAR-4411"));

    // Erase: the name must match.
    let o = with_pass(
        &dir,
        &[
            "people",
            "erase",
            "9434765919",
            "--confirm-name",
            "Ada Byron",
        ],
    );
    assert_eq!(o.status.code(), Some(7), "{}", stderr(&o));
    let o = with_pass(
        &dir,
        &[
            "people",
            "erase",
            "9434765919",
            "--confirm-name",
            "ada  lovelace",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).starts_with("Erased: 1 episode(s)"),
        "{}",
        stdout(&o)
    );
    assert!(stderr(&with_pass(&dir, &["people", "list"])).contains("0 people"));
    let audit = stdout(&with_pass(&dir, &["audit", "list"]));
    assert!(audit.contains("Erased"), "{audit}");
    assert!(audit.contains("Copy made for the person"), "{audit}");
    assert!(
        !audit.contains("Lovelace") && !audit.contains("SAR-4411"),
        "{audit}"
    );
    assert!(with_pass(&dir, &["audit", "verify"]).status.success());

    let o = with_pass(&dir, &["retention", "purge"]);
    assert!(
        stdout(&o).contains("Nothing is past the retention period"),
        "{}",
        stdout(&o)
    );
    let o = with_pass(&dir, &["retention", "set", "0"]);
    assert_eq!(o.status.code(), Some(7));
    let o = with_pass(&dir, &["retention", "set", "10"]);
    assert!(stderr(&o).contains("kept 10 years"), "{}", stderr(&o));
}
