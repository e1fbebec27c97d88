//! `linkwork groups`: a group made, two people booked, a session's register saved and corrected.

use super::*;

#[test]
fn a_group_and_its_register_from_the_command_line() {
    let t = tempfile::tempdir().unwrap();
    let dir = t.path().join("v");
    init(&dir);
    for (nhs, given) in [("9434765919", "Ivy"), ("9990000093", "Sam")] {
        ok(
            &dir,
            &[
                "referral",
                "add",
                "--nhs-number",
                nhs,
                "--given-name",
                given,
                "--family-name",
                "Walker",
                "--source",
                "gp",
                "--reason",
                "loneliness",
            ],
        );
    }
    let made = ok(
        &dir,
        &[
            "groups",
            "add",
            "--name",
            "Tuesday walk",
            "--place",
            "Park gates",
        ],
    );
    assert!(made.starts_with("Tuesday walk, Park gates ("), "{made}");
    let missing = with_pass(&dir, &["groups", "show", "Thursday walk"]);
    assert!(
        stderr(&missing).contains("No group is called \u{201c}Thursday walk\u{201d}"),
        "{}",
        stderr(&missing)
    );
    let booked = ok(
        &dir,
        &[
            "groups",
            "book",
            "tuesday walk",
            "943 476 5919",
            "9990000093",
        ],
    );
    assert!(
        booked.contains("  Ivy Walker\t943 476 5919\tbooked since "),
        "{booked}"
    );
    let today = chrono::Local::now().format("%d/%m/%Y").to_string();
    let session = ok(
        &dir,
        &[
            "groups",
            "session",
            "Tuesday walk",
            "--date",
            &today,
            "--time",
            "00:00",
            "--minutes",
            "60",
        ],
    );
    let id = session
        .lines()
        .next()
        .and_then(|l| l.rsplit('(').next())
        .map(|s| s.trim_end_matches(')').to_string())
        .unwrap();
    let saved = ok(&dir, &["groups", "register", &id, "--came", "9434765919"]);
    assert!(
        saved.starts_with("Register saved: 2 contacts recorded, 0 corrected."),
        "{saved}"
    );
    assert!(saved.contains("  Ivy Walker\tCame\n"), "{saved}");
    assert!(saved.contains("  Sam Walker\tDid not come\n"), "{saved}");
    // It was Sam who came.
    let fixed = ok(&dir, &["groups", "register", &id, "--came", "9990000093"]);
    assert!(
        fixed.starts_with("Register saved: 0 contacts recorded, 2 corrected."),
        "{fixed}"
    );
    let shown = ok(&dir, &["groups", "show", "Tuesday walk"]);
    assert!(shown.contains("60 min\t1 came, 1 did not\t"), "{shown}");
}
