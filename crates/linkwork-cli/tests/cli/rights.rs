//! A person's rights: a copy of their records, then erasure, and the audit trail saying so.

use super::*;

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
