//! Shared helpers for the store tests.

use linkwork_core::Passphrase;
use linkwork_store::{vault::Credential, KdfCost, Vault};
use std::{
    collections::BTreeMap,
    fs,
    path::{Path, PathBuf},
};

/// Tests use a tiny scrypt work factor; one test checks the real calibration.
pub const FAST: KdfCost = KdfCost::InsecureForTests(10);
pub const PASS: &str = "correct horse battery staple";

pub fn pass(s: &str) -> Passphrase {
    Passphrase::new(s.to_string())
}

pub fn vault_dir() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    (tmp, dir)
}

pub fn new_vault(dir: &Path) -> Vault {
    Vault::create(dir, &pass(PASS), None, FAST).unwrap()
}

pub fn unlock(dir: &Path, p: &str) -> linkwork_store::Result<Vault> {
    Vault::unlock(dir, Credential::Passphrase(&pass(p)))
}

/// Every file under `dir` with its bytes, to prove that a failed operation changed nothing.
pub fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.insert(p.clone(), fs::read(&p).unwrap());
            }
        }
    }
    out
}

pub fn files_containing(dir: &Path, needle: &[u8]) -> Vec<PathBuf> {
    snapshot(dir)
        .into_iter()
        .filter(|(_, bytes)| bytes.windows(needle.len()).any(|w| w == needle))
        .map(|(p, _)| p)
        .collect()
}
