//! The third-party licence list: generated from Cargo and npm metadata, committed, and current.

use linkwork_api::licences::{generate, third_party, ComponentKind};
use std::path::Path;

fn generated() -> Vec<linkwork_api::licences::Component> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let out = std::process::Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--locked"])
        .current_dir(&root)
        .output()
        .expect("cargo metadata runs");
    assert!(
        out.status.success(),
        "cargo metadata: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let metadata: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let lock: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("ui/package-lock.json")).unwrap())
            .unwrap();
    generate(&metadata, &lock)
}

#[test]
fn committed_licence_list_is_current() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/third-party.json");
    let fresh = generated();
    let text = serde_json::to_string_pretty(&fresh).unwrap() + "\n";
    if std::env::var_os("LINKWORK_UPDATE_BINDINGS").is_some() {
        std::fs::write(&path, &text).unwrap();
    }
    assert!(
        std::fs::read_to_string(&path).unwrap_or_default() == text,
        "crates/linkwork-api/data/third-party.json is out of date with Cargo.lock or ui/package-lock.json: run `./dev bindings` and commit it"
    );
}

#[test]
fn the_licence_list_names_the_main_components_and_every_licence() {
    let list = third_party();
    let has = |kind, name: &str| list.iter().any(|c| c.kind == kind && c.name == name);
    assert!(list.len() > 100, "{} components", list.len());
    for name in [
        "tauri",
        "rusqlite",
        "libsqlite3-sys",
        "age",
        "serde",
        "chrono",
    ] {
        assert!(has(ComponentKind::Crate, name), "{name}");
    }
    for name in ["react", "react-dom", "nhsuk-frontend", "chart.js"] {
        assert!(has(ComponentKind::Npm, name), "{name}");
    }
    // Only what ships: no test or build tools.
    for name in [
        "proptest",
        "calamine",
        "fantoccini",
        "vitest",
        "axe-core",
        "typescript",
    ] {
        assert!(!list.iter().any(|c| c.name == name), "{name} does not ship");
    }
    assert!(list.iter().all(|c| !c.licence.trim().is_empty()));
}
