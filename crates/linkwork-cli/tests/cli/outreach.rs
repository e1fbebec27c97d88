//! `linkwork outreach`: an EMIS-shaped search previewed, imported, worked and a yes referred.

use super::*;

#[test]
fn an_outreach_list_from_the_command_line() {
    let t = tempfile::tempdir().unwrap();
    let dir = t.path().join("v");
    init(&dir);
    ok(
        &dir,
        &[
            "practices",
            "add",
            "--name",
            "Calder Valley Surgery",
            "--ods",
            "B86002",
        ],
    );
    let file = t.path().join("search.csv");
    std::fs::write(
        &file,
        "\"Lonely, often attend\"\r\n\"NHS Number\",\"Full Name\",\"Date of Birth\",\"Mobile Telephone\"\r\n\
         \"943 476 5919\",\"WALKER, Ivy\",\"14-Feb-1948\",\"07700 900001\"\r\n\
         \"999 000 0093\",\"OKAFOR, Sam\",\"01-Jan-1950\",\"07700 900002\"\r\n",
    )
    .unwrap();
    let f = file.to_str().unwrap();
    let dry = ok(&dir, &["outreach", "import", f, "--dry-run"]);
    assert!(dry.contains("Line 3: Ivy Walker\t943 476 5919\t"), "{dry}");
    assert!(
        dry.ends_with("2 people, 0 known already, 0 on another list.\n"),
        "{dry}"
    );
    let out = ok(
        &dir,
        &[
            "outreach",
            "import",
            f,
            "--practice",
            "B86002",
            "--name",
            "Lonely",
            "--searched",
            "01/11/2026",
        ],
    );
    assert!(
        out.contains(
            "Lonely (Calder Valley Surgery, searched 01/11/2026): 2 people, 2 still to work"
        ),
        "{out}"
    );
    let id_of = |text: &str, who: &str| {
        text.lines()
            .find(|l| l.starts_with(who))
            .and_then(|l| l.rsplit('\t').next())
            .unwrap()
            .to_string()
    };
    let sam = id_of(&out, "Sam Okafor");
    let ivy = id_of(&out, "Ivy Walker");
    let logged = ok(
        &dir,
        &[
            "outreach",
            "log",
            &sam,
            "--outcome",
            "no_answer",
            "--at",
            "01/12/2026 10:00",
        ],
    );
    assert_eq!(
        logged,
        "Sam Okafor: Tried, not reached (1 try, last 01/12/2026).\n"
    );
    let bad = with_pass(&dir, &["outreach", "log", &sam, "--outcome", "maybe"]);
    assert!(!bad.status.success());
    let accepted = ok(&dir, &["outreach", "accept", &ivy]);
    assert!(
        accepted.starts_with("Referral made (episode "),
        "{accepted}"
    );
    let shown = ok(&dir, &["people", "show", "9434765919"]);
    assert!(
        shown.contains("GP practice:   Calder Valley Surgery (B86002) since "),
        "{shown}"
    );
    let lists = ok(&dir, &["outreach", "lists"]);
    assert!(
        lists.starts_with(
            "Lonely\tCalder Valley Surgery\t01/11/2026\t2 people, 1 to work, 1 accepted\t"
        ),
        "{lists}"
    );
    let list_id = lists.trim_end().rsplit('\t').next().unwrap().to_string();
    let closed = ok(&dir, &["outreach", "close", &list_id]);
    assert!(closed.contains("; closed "), "{closed}");
    // A file with a bad row: named, and nothing imported.
    std::fs::write(
        &file,
        "NHS number,Surname,Forename,DOB\n9434765918,Walker,Ivy,14/02/1948\n",
    )
    .unwrap();
    let o = with_pass(
        &dir,
        &[
            "outreach",
            "import",
            f,
            "--practice",
            "B86002",
            "--name",
            "Again",
        ],
    );
    assert_eq!(o.status.code(), Some(7));
    assert!(
        stderr(&o).contains("Line 2, column \u{201c}NHS number\u{201d}"),
        "{}",
        stderr(&o)
    );
    assert_eq!(ok(&dir, &["outreach", "lists"]).lines().count(), 1);
}
