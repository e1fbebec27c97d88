//! ARCHITECTURE.md's code map names every module of every crate, so the map cannot quietly fall
//! behind the code: a new module without a line there fails here.

use std::path::{Path, PathBuf};

fn modules(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if path.is_dir() {
            // Unit-test modules are the code they test, not parts of the map.
            if name != "tests" {
                modules(&path, out);
            }
        } else if name.ends_with(".rs") && !["lib.rs", "main.rs", "mod.rs"].contains(&name.as_str())
        {
            out.push(path);
        }
    }
}

#[test]
fn the_code_map_names_every_module() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let map = std::fs::read_to_string(root.join("ARCHITECTURE.md")).unwrap();
    let mut files = Vec::new();
    for krate in std::fs::read_dir(root.join("crates")).unwrap() {
        let src = krate.unwrap().path().join("src");
        if src.is_dir() {
            modules(&src, &mut files);
        }
    }
    assert!(files.len() > 50, "found only {} modules", files.len());
    // Named in backticks: `rights`, `rights.rs`, `handover/`, `linkwork_store::rights`, `rights::…`.
    let named = |m: &str| {
        map.split('`').skip(1).step_by(2).any(|code| {
            code.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .any(|word| word == m)
        })
    };
    let missing: Vec<String> = files
        .iter()
        .filter(|f| !named(f.file_stem().unwrap().to_str().unwrap()))
        .map(|f| f.strip_prefix(&root).unwrap_or(f).display().to_string())
        .collect();
    assert!(
        missing.is_empty(),
        "ARCHITECTURE.md's code map does not name these modules: {missing:?}"
    );
}
