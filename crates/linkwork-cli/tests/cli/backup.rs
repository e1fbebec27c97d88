//! Backup, restore and handover from the command line, including a backup taken while another
//! process writes.

use super::*;

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

    // The first handover from me: refused until my signing fingerprint, read out by phone, is
    // given back with --accept.
    let fingerprint = fingerprint(&me);
    assert!(
        preview.contains(&format!("NOT accepted: {fingerprint}")),
        "{preview}"
    );
    let refused = with_pass(&colleague, &["handover", "import", file.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(4), "{}", stderr(&refused));
    assert!(
        stderr(&refused).contains(&fingerprint),
        "{}",
        stderr(&refused)
    );
    let imported = stdout(&with_pass(
        &colleague,
        &[
            "handover",
            "import",
            file.to_str().unwrap(),
            "--accept",
            &fingerprint,
        ],
    ));
    let colleagues = stdout(&with_pass(&colleague, &["handover", "colleagues"]));
    assert!(colleagues.starts_with(&fingerprint), "{colleagues}");
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

/// Windows names each signed-in OneDrive folder in the environment (`OneDrive`,
/// `OneDriveCommercial`); the same variable is honoured on Linux, so this runs on both.
#[test]
fn a_data_folder_in_onedrive_is_refused_by_name_and_backups_may_go_there() {
    let t = tempfile::tempdir().unwrap();
    let onedrive = t.path().join("OneDrive - Example NHS Trust");
    std::fs::create_dir(&onedrive).unwrap();
    let env = [("OneDriveCommercial", onedrive.as_path())];
    let run =
        |dir: &Path, args: &[&str]| linkwork_with(dir, args, Some(&format!("{PASS}\n")), &env);
    let in_cloud = onedrive.join("Linkwork");

    let o = run(&in_cloud, &["init"]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("OneDrive copies to the cloud"),
        "{}",
        stderr(&o)
    );
    assert!(
        stderr(&o).contains("Backups may go to OneDrive"),
        "{}",
        stderr(&o)
    );
    assert!(!in_cloud.exists());

    let dir = t.path().join("vault");
    assert!(run(&dir, &["init"]).status.success());
    assert!(run(&dir, &["demo", "--people", "3"]).status.success());
    let file = onedrive.join("backup.age");
    let o = run(&dir, &["backup", "--out", file.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = run(&in_cloud, &["restore", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(stderr(&o).contains("OneDrive"), "{}", stderr(&o));
    assert!(!in_cloud.exists());
}
