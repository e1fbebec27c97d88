//! The installers ship one binary: `/usr/bin/linkwork` is a link to `linkwork-desktop`, which must
//! then be the command line, not the app (see `invoked_as_cli` in main.rs). Linux only: on Windows
//! a windowed program has no console, so the installers carry the CLI as its own `linkwork.exe`.
#![cfg(unix)]

use std::{ffi::OsStr, process::Command};

#[test]
fn the_app_binary_started_as_linkwork_is_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let link = dir.path().join("linkwork");
    std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_linkwork-desktop"), &link).unwrap();
    // No display: were it the app, it would fail to open its window rather than hang the test.
    let run = |args: &[&OsStr]| {
        Command::new(&link)
            .args(args)
            .env_remove("DISPLAY")
            .env_remove("WAYLAND_DISPLAY")
            .output()
            .unwrap()
    };

    let out = run(&["--version".as_ref()]);
    assert!(out.status.success(), "{out:?}");
    let version = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        version.trim(),
        format!("linkwork {}", env!("CARGO_PKG_VERSION"))
    );

    // The CLI's own answer and exit code for a folder with no vault in it.
    let out = run(&[
        "status".as_ref(),
        "--data-dir".as_ref(),
        dir.path().as_os_str(),
    ]);
    let said = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{said}");
    assert!(
        said.starts_with("linkwork: There is no Linkwork vault"),
        "{said}"
    );
}
