//! The `linkwork` binary against real vaults in temp folders: output, exit codes, exact errors.
//!
//! One binary; a module per area: `vault`, `records`, `gp_report`, `backup`, `rights`.

use std::{
    io::Write,
    path::Path,
    process::{Command, Output, Stdio},
};

mod backup;
mod gp_report;
mod groups;
mod outreach;
mod records;
mod rights;
#[path = "../../../../tests/support/standard_age.rs"]
mod standard_age;
mod vault;

const PASS: &str = "correct horse battery staple";

fn linkwork(dir: &Path, args: &[&str], stdin: Option<&str>) -> Output {
    linkwork_with(dir, args, stdin, &[])
}

/// As [`linkwork`], with more of the environment set (as Windows sets `OneDrive`, say).
fn linkwork_with(dir: &Path, args: &[&str], stdin: Option<&str>, env: &[(&str, &Path)]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_linkwork"))
        .envs(env.iter().copied())
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env("LINKWORK_INSECURE_TEST_KDF", "1")
        .env_remove("LINKWORK_DATA_DIR")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(text) = stdin {
        // The command may exit before reading (e.g. a missing folder): a broken pipe is fine.
        let _ = child.stdin.take().unwrap().write_all(text.as_bytes());
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn init(dir: &Path) {
    let o = linkwork(dir, &["init"], Some(&format!("{PASS}\n")));
    assert!(o.status.success(), "{}", stderr(&o));
}

fn with_pass(dir: &Path, args: &[&str]) -> Output {
    linkwork(dir, args, Some(&format!("{PASS}\n")))
}

/// A command that must succeed; its standard output.
fn ok(dir: &Path, args: &[&str]) -> String {
    let o = with_pass(dir, args);
    assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    stdout(&o)
}

/// The signing fingerprint this vault's link worker reads out (`handover key` says it last, on
/// standard error).
fn fingerprint(dir: &Path) -> String {
    stderr(&with_pass(dir, &["handover", "key"]))
        .rsplit(": ")
        .next()
        .unwrap()
        .trim()
        .to_string()
}

fn unzip(bytes: &[u8], name: &str) -> String {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = String::new();
    std::io::Read::read_to_string(&mut z.by_name(name).unwrap(), &mut out).unwrap();
    out
}
