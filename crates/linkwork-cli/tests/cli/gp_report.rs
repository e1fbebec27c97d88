//! GP summaries, letters and FHIR files, and monthly reports merged across link workers.

use super::*;

/// The independent FHIR validator: `fhir.resources` (R4B models) in the venv `./dev test` makes.
#[cfg(unix)]
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

#[cfg(unix)]
fn validate_fhir(files: &[std::path::PathBuf]) -> Output {
    let (python, script) = fhir_validator();
    Command::new(python)
        .arg(script)
        .args(files)
        .output()
        .unwrap()
}

/// Every file through the validator, which also fails a broken one.
#[cfg(unix)]
fn check_with_validator(dir: &Path, files: &[std::path::PathBuf]) {
    let o = validate_fhir(files);
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
    let broken = dir.join("broken.json");
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
    // The validator is a Linux program; a Windows build writes the same bytes.
    #[cfg(unix)]
    check_with_validator(t.path(), &files);

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
    assert!(html.contains("message to the GP practice"));
    assert!(html.contains(name), "{html}");
    let shown = format!("{} {} {}", &nhs[0][..3], &nhs[0][3..6], &nhs[0][6..]);
    assert!(html.contains(&shown), "NHS number 3-3-4 in {html}");
    // The referrer's letter follows consent to share with the referrer, never asked in the demo:
    // a plain notice, with no risk log and no codes.
    let o = with_pass(
        &dir,
        &[
            "gp", "summary", "--person", &nhs[0], "--format", "html", "--to", "referrer",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let notice = stdout(&o);
    assert!(notice.contains("message to the referrer"), "{notice}");
    assert!(notice.contains("Consent to share with the referrer is recorded as"));
    assert!(
        !notice.contains("Risks") && !notice.contains("871731000000106"),
        "{notice}"
    );
    assert!(stderr(&o).contains("a plain notice"), "{}", stderr(&o));

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

/// Under Wine there is no Python to call: the zip crate reads the pack instead.
#[cfg(windows)]
fn unzip_figures(zip: &[u8]) -> serde_json::Value {
    let mut pack = zip::ZipArchive::new(std::io::Cursor::new(zip)).unwrap();
    serde_json::from_reader(pack.by_name("figures.json").unwrap()).unwrap()
}

#[cfg(unix)]
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
    assert_eq!(
        linkwork_store::platform::not_private(&identity).unwrap(),
        None
    );
    // A second key made by the age tools, for the standard `age` command to decrypt with.
    let plain_key = keys.join("age-key.txt");
    let plain_public = standard_age::keygen(&plain_key);

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
        let f = unzip_figures(&standard_age::decrypt(&plain_key, &out));
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
    // Each pack's signer, with the fingerprint its link worker would read out.
    for (i, name) in ["Asha Patel", "Ben Okafor", "Cara Jones"]
        .iter()
        .enumerate()
    {
        let fingerprint = fingerprint(&t.path().join(format!("v{i}")));
        assert!(
            stderr(&o).contains(&format!(
                "{name}, signed by the vault with fingerprint {fingerprint}"
            )),
            "{}",
            stderr(&o)
        );
    }
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
        "practices",
    ] {
        assert_eq!(total[section], expected[section], "{section}");
    }
    // One row per practice however many caseloads it is in, matched by its ODS code.
    let practices: Vec<&String> = total["practices"].as_object().unwrap().keys().collect();
    assert_eq!(practices, ["B86001", "B86002", "B86003"]);
    let by_practice = std::fs::read_to_string(team.join("csv/practices.csv")).unwrap();
    assert!(
        by_practice.contains("\nTeam total,B86002,Hebble Brook Practice,")
            && by_practice.contains("\nBen Okafor,B86001,Calder Valley Surgery,"),
        "{by_practice}"
    );
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
