//! Records from the command line: referrals, contacts and people, outcomes, the directory and the
//! demo.

use super::*;

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
    // Their practice: one not listed is refused by name; a change is kept in their history.
    let o = with_pass(
        &dir,
        &["people", "edit", "9434765919", "--practice", "Nowhere"],
    );
    assert_eq!(o.status.code(), Some(7));
    assert!(
        stderr(&o).contains("No practice has the ODS code, name or id \"Nowhere\""),
        "{}",
        stderr(&o)
    );
    for (name, code) in [
        ("Calder Valley Surgery", "B86002"),
        ("Hebble Brook Practice", "B86003"),
    ] {
        let o = with_pass(&dir, &["practices", "add", "--name", name, "--ods", code]);
        assert!(o.status.success(), "{}", stderr(&o));
    }
    for practice in ["b86 002", "hebble brook practice"] {
        let o = with_pass(
            &dir,
            &["people", "edit", "9434765919", "--practice", practice],
        );
        assert!(o.status.success(), "{}", stderr(&o));
    }
    let o = with_pass(&dir, &["people", "show", "9434765919"]);
    let shown = stdout(&o);
    assert!(
        shown.contains("  GP practice:   Hebble Brook Practice (B86003) since ")
            && shown.contains(" (before: Calder Valley Surgery (B86002) from "),
        "{shown}"
    );
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
            "--review",
            "01/02/2026",
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
    let o = with_pass(&dir, &["risk", "open"]);
    let open = stdout(&o);
    assert!(
        open.contains("Ada Lovelace, NHS 943 476 5919\tLow\tScam calls\traised ")
            && open.contains("\treview OVERDUE since 01/02/2026"),
        "{open}"
    );
    assert!(
        !open.contains("Falls at home"),
        "closed concerns are not listed"
    );

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
    // A referral naming a practice not yet listed adds it, to be completed in Settings.
    let o = with_pass(
        &dir,
        &[
            "referral",
            "add",
            "--source",
            "gp",
            "--given-name",
            "Mary",
            "--family-name",
            "Somerville",
            "--practice",
            "Ryburn Health Centre",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let o = with_pass(&dir, &["practices", "list"]);
    assert!(
        stdout(&o).contains("Ryburn Health Centre\tno ODS code\tAnother system\t1 registered\t"),
        "{}",
        stdout(&o)
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
    let found = stdout(&o);
    let lines: Vec<&str> = found.lines().collect();
    assert_eq!(
        lines[..2],
        [
            "1 of 1 assets match",
            "Community Counselling  Example Organization Inc., ABC 1234  [paid; not verified yet]"
        ],
        "{found}"
    );
    assert!(
        lines[2].starts_with("    id "),
        "the id, for onward add: {found}"
    );

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
        stdout(&o).starts_with("\u{feff}id,name,organisation,"),
        "{}",
        stdout(&o)
    );
}

/// A whole episode from the command line alone, as a practice moving from a spreadsheet would
/// enter it: referral, offer accepted, contacts, plan, ONS4 twice, an onward referral and its
/// outcome, a contact entered in error, closing; then the GP summary and the monthly report
/// say what happened, and nothing of the contact entered in error.
#[test]
fn a_whole_episode_round_trip_from_the_command_line() {
    let t = tempfile::tempdir().unwrap();
    let dir = t.path().join("v");
    init(&dir);
    let ok = |args: &[&str]| ok(&dir, args);
    let ivy = "999 000 0069";
    ok(&[
        "referral",
        "add",
        "--nhs-number",
        ivy,
        "--given-name",
        "Ivy",
        "--family-name",
        "Walker",
        "--dob",
        "14/02/1948",
        "--received",
        "2026-09-01",
        "--method",
        "phone",
        "--source",
        "gp",
        "--reason",
        "loneliness",
    ]);
    assert_eq!(
        ok(&[
            "episode",
            "offer",
            "--person",
            ivy,
            "--offered",
            "01/09/2026",
            "--accepted",
            "03/09/2026"
        ]),
        "Support for Ivy Walker: offered 01/09/2026, accepted on 03/09/2026.\n"
    );
    ok(&[
        "contact",
        "add",
        "--person",
        ivy,
        "--at",
        "2026-09-03T10:00",
        "--duration",
        "30",
    ]);
    ok(&[
        "contact",
        "add",
        "--person",
        ivy,
        "--at",
        "2026-09-20T11:00",
        "--type",
        "face_to_face",
        "--duration",
        "45",
    ]);
    assert_eq!(
        ok(&[
            "episode",
            "plan",
            "--person",
            ivy,
            "--what-matters",
            "Getting out of the house again",
            "--need",
            "physical_activity",
            "--need",
            "befriending",
            "--next-review",
            "01/12/2026",
        ]),
        "The plan for Ivy Walker is saved: 2 needs agreed, next review 01/12/2026.\n"
    );
    assert_eq!(
        ok(&[
            "episode",
            "goal",
            "--person",
            ivy,
            "--text",
            "Walk to the shops",
            "--importance",
            "8"
        ]),
        "Goal added for Ivy Walker: 1 goal on the plan.\n"
    );
    ok(&[
        "episode",
        "action",
        "--person",
        ivy,
        "--who",
        "Sam",
        "--what",
        "call the walking group",
        "--due",
        "10/09/2026",
    ]);
    for (date, scores) in [
        ("03/09/2026", ["4", "5", "3", "7"]),
        ("20/10/2026", ["7", "7", "6", "4"]),
    ] {
        ok(&[
            "outcome",
            "add",
            "ons4",
            "--person",
            ivy,
            "--date",
            date,
            "--life-satisfaction",
            scores[0],
            "--worthwhile",
            scores[1],
            "--happiness",
            scores[2],
            "--anxiety",
            scores[3],
        ]);
    }
    // A group to refer to: the template's example row, imported; its id from the search.
    let template = t.path().join("template.csv");
    ok(&["assets", "template", "--output", template.to_str().unwrap()]);
    ok(&["assets", "import", template.to_str().unwrap()]);
    let found = ok(&["assets", "search", "walking"]);
    let asset = found
        .lines()
        .find_map(|l| l.strip_prefix("    id "))
        .expect("the search shows each id");
    let said = ok(&[
        "onward",
        "add",
        "--person",
        ivy,
        "--asset",
        asset,
        "--kind",
        "referral",
        "--category",
        "physical_activity",
        "--on",
        "21/09/2026",
    ]);
    let onward = said
        .split_once("(id ")
        .and_then(|(_, rest)| rest.split_once(')'))
        .unwrap_or_else(|| panic!("{said}"))
        .0
        .to_string();
    assert!(
        said.starts_with("Referral to Tuesday Walking Group recorded for Ivy Walker"),
        "{said}"
    );
    ok(&[
        "onward",
        "outcome",
        &onward,
        "--outcome",
        "attended",
        "--on",
        "05/10/2026",
        "--barrier",
        "transport",
    ]);
    // A contact recorded against the wrong person, then marked entered in error.
    ok(&[
        "contact",
        "add",
        "--person",
        ivy,
        "--at",
        "2026-10-02T09:00",
        "--duration",
        "10",
    ]);
    let shown = ok(&["people", "show", ivy]);
    let wrong = shown
        .split_once("10 min [")
        .and_then(|(_, rest)| rest.split_once(']'))
        .unwrap_or_else(|| panic!("{shown}"))
        .0
        .to_string();
    ok(&["contact", "error", &wrong, "--reason", "Wrong person"]);
    // JSON for scripts: the same record the app shows.
    let closed = ok(&[
        "episode",
        "close",
        "--person",
        ivy,
        "--reason",
        "goals_met",
        "--on",
        "25/10/2026",
        "--note",
        "Walking twice a week",
        "--as-json",
    ]);
    let rec: serde_json::Value = serde_json::from_str(&closed).unwrap();
    let e = &rec["episodes"][0];
    assert_eq!(
        (
            e["status"].as_str(),
            e["closed_on"].as_str(),
            e["close_reason"].as_str()
        ),
        (Some("closed"), Some("2026-10-25"), Some("goals_met"))
    );
    assert_eq!(e["goals"].as_array().unwrap().len(), 1);
    assert_eq!(e["onward"][0]["barriers"], serde_json::json!(["transport"]));

    // --json anywhere a command returns a record or a list: here, everyone, and one person.
    let everyone: serde_json::Value =
        serde_json::from_str(&ok(&["people", "list", "--as-json"])).unwrap();
    assert_eq!(everyone[0]["name"], "Ivy Walker");
    let shown: serde_json::Value =
        serde_json::from_str(&ok(&["--as-json", "people", "show", ivy])).unwrap();
    let contacts = shown["episodes"][0]["contacts"].as_array().unwrap();
    assert_eq!(contacts.len(), 3);
    assert_eq!(
        contacts
            .iter()
            .filter(|c| !c["entered_in_error"].is_null())
            .count(),
        1
    );

    // The GP summary: offered, accepted, the two contacts held (not the one in error), the
    // referral to physical activity and the closing, each with its code.
    let gp = ok(&["gp", "summary", "--person", ivy]);
    let lines: Vec<&str> = gp.lines().collect();
    assert_eq!(lines.len(), 6, "{gp}");
    for (on, code) in [
        ("25/10/2026", "1362721000000106"),
        ("21/09/2026", "390893007"),
        ("20/09/2026", "1362931000000106"),
        ("03/09/2026", "1362931000000106"),
        ("03/09/2026", "871731000000106"),
        ("01/09/2026", "871691000000100"),
    ] {
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with(&format!("{on}\t{code}\t"))),
            "{on} {code}: {gp}"
        );
    }
    assert!(
        !gp.contains("02/10/2026"),
        "the contact in error makes no line: {gp}"
    );

    // October's report: the episode closed with goals met, the ONS4 change, and no activity
    // from the contact entered in error.
    ok(&["report", "settings", "--worker-name", "Sam Okafor"]);
    let pass = t.path().join("report-pass");
    std::fs::write(&pass, "a passphrase for the supervisor\n").unwrap();
    let plain = t.path().join("october.zip");
    ok(&[
        "report",
        "monthly",
        "--month",
        "2026-10",
        "--report-passphrase-file",
        pass.to_str().unwrap(),
        "--unencrypted-copy",
        plain.to_str().unwrap(),
        "--out",
        t.path().join("october.age").to_str().unwrap(),
    ]);
    let figures: serde_json::Value =
        serde_json::from_str(&unzip(&std::fs::read(&plain).unwrap(), "figures.json")).unwrap();
    assert_eq!(
        figures["caseload"]["closed"],
        serde_json::json!({"goals_met": 1})
    );
    assert_eq!(figures["activity"]["minutes"], 0, "{}", figures["activity"]);
    assert_eq!(figures["outcomes"]["ons4_compared"], 1);
    assert_eq!(
        figures["outcomes"]["ons4"]["life_satisfaction"]["sum_change"],
        3
    );
}

/// The directory, the practice's GP codes and the settings from the command line, as the asset
/// form, the code map and Settings change them.
#[test]
fn assets_codes_and_settings_from_the_command_line() {
    let t = tempfile::tempdir().unwrap();
    let dir = t.path().join("v");
    init(&dir);
    let ok = |args: &[&str]| ok(&dir, args);
    let form = t.path().join("choir.json");
    std::fs::write(
        &form,
        r#"{"name": "Calder Community Choir", "organisation": "Calder Arts", "categories": ["arts_culture"],
            "delivery": "in_person", "cost": "free", "status": "active", "postcode": "HX7 5AB",
            "days_and_times": "Tue 19:00-21:00"}"#,
    )
    .unwrap();
    let added = ok(&["assets", "add", "--json", form.to_str().unwrap()]);
    let id = added
        .split_once("(id ")
        .and_then(|(_, rest)| rest.split_once(')'))
        .unwrap_or_else(|| panic!("{added}"))
        .0
        .to_string();
    assert_eq!(added, format!("Added: Calder Community Choir (id {id}).\n"));
    // Edit replaces the details from the same form.
    std::fs::write(
        &form,
        std::fs::read_to_string(&form)
            .unwrap()
            .replace("Tue 19:00", "Wed 19:00"),
    )
    .unwrap();
    assert_eq!(
        ok(&["assets", "edit", &id, "--json", form.to_str().unwrap()]),
        format!("Saved: Calder Community Choir (id {id}).\n")
    );
    assert!(ok(&["assets", "verify", &id]).starts_with("Checked on "));
    assert_eq!(
        ok(&["assets", "service-type", &id, "--type", "none"]),
        format!("No service type: Calder Community Choir (id {id}).\n")
    );
    let o = with_pass(&dir, &["assets", "service-type", &id, "--type", "opera"]);
    assert_eq!(o.status.code(), Some(7));
    assert!(
        stderr(&o).contains("The service type is one of: none, "),
        "{}",
        stderr(&o)
    );
    let found = ok(&["assets", "search", "choir"]);
    assert!(found.contains(&format!("    id {id}")), "{found}");

    // The practice's own code for an event, then back to the shipped one.
    assert_eq!(
        ok(&[
            "gp",
            "codes",
            "set",
            "--use",
            "ons4.anxiety",
            "--concept",
            "138875005",
            "--term",
            "Practice anxiety score"
        ]),
        "ONS4 anxiety (local codes only): every practice's code 138875005 from now on.\n"
    );
    let listed = ok(&["gp", "codes", "list"]);
    assert!(
        listed.contains(
            "ons4.anxiety\t138875005\tPractice anxiety score\t(Added for every practice)"
        ),
        "{listed}"
    );
    ok(&["gp", "codes", "remove", "--use", "ons4.anxiety"]);
    assert!(!ok(&["gp", "codes", "list"]).contains("138875005"));

    // Settings: only what is given changes.
    let set = ok(&[
        "settings",
        "set",
        "--worker-name",
        "Sam Okafor",
        "--whole-time-equivalent",
        "0.6",
    ]);
    let general = set.lines().next().unwrap();
    assert!(
        general.starts_with("Auto-lock after ")
            && general.ends_with(
                " minutes. Your name: Sam Okafor. Hours: 0.6 whole-time equivalent (a safe caseload of 150 people a year)."
            ),
        "{set}"
    );
    assert_eq!(
        ok(&["settings", "set", "--auto-lock", "10"]).lines().next(),
        Some("Auto-lock after 10 minutes. Your name: Sam Okafor. Hours: 0.6 whole-time equivalent (a safe caseload of 150 people a year).")
    );
    // The outcome measures and the caseload's rules, as on the Settings page.
    let measures = ok(&[
        "settings",
        "set",
        "--follow-up-weeks",
        "10",
        "--pam-cutoffs",
        "47.0, 55.2,67.1",
        "--urgent-first-contact-days",
        "3",
        "--not-reached-after",
        "4",
    ]);
    assert!(
        measures.ends_with(
            "Outcome follow-up after 10 weeks. PAM cut-offs: levels 2, 3 and 4 from 47.0, 55.2 and 67.1.\n\
             Urgent referrals: first contact within 3 days. Not reached after 4 tries in a row. Outreach rows kept 3 months after a list closes.\n"
        ),
        "{measures}"
    );
    let shown: serde_json::Value =
        serde_json::from_str(&ok(&["settings", "show", "--as-json"])).unwrap();
    assert_eq!(
        (
            &shown["follow_up_weeks"],
            &shown["pam_level3_from"],
            &shown["not_reached_after"],
            &shown["auto_lock_minutes"]
        ),
        (
            &serde_json::json!(10),
            &serde_json::json!("55.2"),
            &serde_json::json!(4),
            &serde_json::json!(10)
        )
    );
    assert!(ok(&["settings", "set", "--no-pam-cutoffs"]).contains("PAM cut-offs: none set."));
    let two = with_pass(&dir, &["settings", "set", "--pam-cutoffs", "47,55"]);
    assert!(!two.status.success());
    assert!(
        stderr(&two).contains("Give all three PAM cut-offs"),
        "{}",
        stderr(&two)
    );
    assert!(
        ok(&["settings", "show"]).contains("PAM cut-offs: none set."),
        "the refused change wrote nothing"
    );

    // Lists and checks as JSON, for scripts.
    let json = |args: &[&str]| -> serde_json::Value {
        let mut all = args.to_vec();
        all.push("--as-json");
        serde_json::from_str(&ok(&all)).unwrap()
    };
    assert_eq!(json(&["check"])["ok"], true);
    assert!(json(&["gp", "codes", "list"])["entries"]
        .as_array()
        .is_some_and(|e| e.len() > 10));
    let audit = json(&["audit", "list"]);
    assert!(audit["rows"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["record"] == "Directory entry"));
    assert_eq!(json(&["retention", "list"])["due"], serde_json::json!([]));

    // The practices served.
    assert_eq!(
        ok(&["practices", "list"]),
        "No practices yet: add one with `linkwork practices add`.\n"
    );
    let added = ok(&[
        "practices",
        "add",
        "--name",
        "Calder Valley Surgery",
        "--ods",
        "b86002",
        "--system",
        "emis_web",
    ]);
    assert!(
        added.starts_with("Added: Calder Valley Surgery\tB86002\tEMIS Web\t0 registered\t"),
        "{added}"
    );
    let id = added.trim_end().rsplit('\t').next().unwrap().to_string();
    let bad = with_pass(
        &dir,
        &[
            "practices",
            "add",
            "--name",
            "Hebble Brook",
            "--ods",
            "B86002",
        ],
    );
    assert!(!bad.status.success());
    assert!(
        stderr(&bad).contains("already has the ODS code B86002"),
        "{}",
        stderr(&bad)
    );
    assert_eq!(
        ok(&["practices", "edit", &id, "--system", "systmone"]),
        format!("Saved: Calder Valley Surgery\tB86002\tSystmOne\t0 registered\t{id}\n")
    );
    let listed = json(&["practices", "list"]);
    assert_eq!(
        (&listed[0]["name"], &listed[0]["gp_system"]),
        (
            &serde_json::json!("Calder Valley Surgery"),
            &serde_json::json!("systmone")
        )
    );
    // One practice's own code and referrer habits, over those for every practice.
    assert_eq!(
        ok(&[
            "gp",
            "codes",
            "set",
            "--practice",
            "calder valley surgery",
            "--use",
            "episode.offered",
            "--concept",
            "138875005",
            "--term",
            "Calder offer code",
        ]),
        "Social prescribing offered: the practice's code 138875005 from now on.\n"
    );
    let calder = ok(&["gp", "codes", "list", "--practice", "B86002"]);
    assert!(
        calder.contains(
            "episode.offered\t138875005\tCalder offer code\t(Added for Calder Valley Surgery)"
        ),
        "{calder}"
    );
    assert!(!ok(&["gp", "codes", "list"]).contains("Calder offer code"));
    let removed = ok(&[
        "gp",
        "codes",
        "remove",
        "--practice",
        "B86002",
        "--use",
        "episode.offered",
    ]);
    assert!(
        removed.starts_with("Social prescribing offered: the code is now "),
        "{removed}"
    );
    assert!(!ok(&["gp", "codes", "list", "--practice", "B86002"]).contains("Calder offer code"));
    let nobody = with_pass(
        &dir,
        &["gp", "codes", "list", "--practice", "Nowhere Surgery"],
    );
    assert_eq!(nobody.status.code(), Some(7));
    assert!(
        stderr(&nobody).contains("No practice has the ODS code, name or id \"Nowhere Surgery\"")
    );
    assert_eq!(
        ok(&[
            "gp",
            "referrer-codes",
            "--practice",
            "B86002",
            "--set",
            "offered"
        ]),
        "episode.offered\tSocial prescribing offered\n"
    );
    assert!(ok(&["gp", "referrer-codes"]).starts_with("The referrers code none"));
    assert_eq!(
        ok(&["gp", "referrer-codes", "--practice", "B86002", "--as-every-practice"]),
        "As for every practice:\nThe referrers code none of the events: every line is on the to-code list.\n"
    );
    assert_eq!(ok(&["settings", "show"]), ok(&["settings", "set"]));
}
