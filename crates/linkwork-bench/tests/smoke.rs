//! The harness at a tiny scale, so it cannot rot between benchmark runs. Asserts what was
//! measured, never how fast.

use linkwork_bench::{render, run, Options, Scale};

#[test]
fn the_harness_measures_every_action_at_a_tiny_scale() {
    let tiny = |people, assets| Scale {
        people: Some(people),
        assets: Some(assets),
        ..Scale::years(1)
    };
    let o = Options {
        sizes: vec![
            ("tiny".into(), tiny(12, 30)),
            ("double".into(), tiny(24, 60)),
        ],
        runs: 4,
        import_services: 40,
        handover_people: 5,
        production_kdf: false,
        seed: 3,
    };
    let mut heard = Vec::new();
    let runs = run(&o, &mut |m| heard.push(m.to_string())).unwrap();
    assert_eq!(runs.len(), 2);
    for r in &runs {
        for f in r.actions.iter().chain([&r.unlock]) {
            assert!(!f.samples.is_empty(), "{} has no samples", f.name);
            assert!(f.p99() >= f.median(), "{}", f.name);
        }
        assert_eq!(r.pairs.len(), 7, "the store-level workload");
        for (e, p) in &r.pairs {
            assert_eq!(e.samples.len(), p.samples.len(), "{}", e.name);
        }
    }
    let table = render(&runs);
    for action in [
        "open a person record",
        "caseload page, all open",
        "caseload search, each keystroke",
        "caseload waiting list",
        "asset search, each keystroke",
        "save a contact (durable)",
        "save a draft",
        "onward referral",
        "GP summary, one person",
        "pending-codes list",
        "monthly report (preview)",
        "monthly report (encrypted file)",
        "handover export, 5 people",
        "backup",
        "restore (with key derivation)",
        "ORUK import, 40 new services",
        "ORUK import again, 40 unchanged",
        "unlock (test key derivation)",
        "whole workload",
        "Growth: double against tiny",
        "Slowest asset search keystrokes",
    ] {
        assert!(table.contains(action), "{action} missing from:\n{table}");
    }
}

/// `cargo tree`'s view of which features of linkwork-store `package` is built with.
fn store_features(package: &str) -> String {
    let out = std::process::Command::new(env!("CARGO"))
        .args([
            "tree",
            "--locked",
            "--offline",
            "-e",
            "features",
            "-i",
            "linkwork-store",
            "-p",
            package,
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Only the benchmark turns on the store's plaintext path: the app's and the command line's own
/// feature sets never include it.
#[test]
fn the_product_is_built_without_the_plaintext_path() {
    for package in ["linkwork-desktop", "linkwork-cli"] {
        let tree = store_features(package);
        assert!(tree.contains("linkwork-store"), "{tree}");
        assert!(
            !tree.contains("bench-plaintext"),
            "{package} gets the plaintext path:\n{tree}"
        );
    }
    // And the check can see the feature where it is on.
    assert!(store_features("linkwork-bench").contains("bench-plaintext"));
}
