//! The hazard log names the test that shows each control works; every one it names must exist, so
//! a renamed or deleted test cannot leave a hazard without its evidence unnoticed.

use std::path::Path;

#[test]
fn every_test_the_hazard_log_names_exists_in_the_file_it_names() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let log = std::fs::read_to_string(root.join("docs/clinical-safety/hazard-log.md")).unwrap();
    let mut checked = 0;
    for line in log.lines().filter(|l| l.starts_with("- `")) {
        let mut parts = line.split('`');
        let file = parts.nth(1).unwrap();
        let Ok(source) = std::fs::read_to_string(root.join(file)) else {
            panic!("the hazard log names {file}, which does not exist");
        };
        // After the file: ` — `name`, `name` (notes)`; names are the backticked words.
        for (i, name) in parts.enumerate() {
            if i % 2 == 1
                && name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            {
                assert!(
                    source.contains(&format!("fn {name}(")),
                    "the hazard log names `{name}` in {file}, which has no such test"
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 40, "only {checked} tests named");
}
