//! The window cannot choose files: over the whole command list, every argument that names a file
//! is a `FileHandle`, and the window's session refuses a path string in each of them (so script
//! in the webview could not write `~/.bashrc` or seal the caseload to a file of its choosing);
//! only a handle the shell's own dialog issued names a file.

use crate::util::*;
use linkwork_api::{commands, Session};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

/// The generated TypeScript's declarations, by name, without comments.
fn declarations() -> BTreeMap<String, String> {
    let ts = linkwork_api::bindings::typescript();
    let mut plain = String::new();
    let mut rest = ts.as_str();
    while let Some(at) = rest.find("/*") {
        plain.push_str(&rest[..at]);
        rest = &rest[at..][rest[at..].find("*/").expect("closed comment") + 2..];
    }
    plain.push_str(rest);
    plain
        .split("export type ")
        .skip(1)
        .filter_map(|d| {
            let (name, body) = d.split_once(" = ")?;
            Some((name.trim().to_string(), body.trim().to_string()))
        })
        .collect()
}

/// The fields of an object type's body, split at its top-level commas.
fn fields(body: &str) -> Vec<(String, String)> {
    let Some(inner) = body
        .trim_end_matches(';')
        .trim()
        .strip_prefix('{')
        .and_then(|b| b.strip_suffix('}'))
    else {
        return vec![];
    };
    let mut out = vec![];
    let (mut depth, mut start) = (0i32, 0usize);
    let bytes = inner.as_bytes();
    for i in 0..=bytes.len() {
        let c = bytes.get(i).copied().unwrap_or(b',');
        match c {
            b'<' | b'{' | b'(' | b'[' => depth += 1,
            b'>' | b'}' | b')' | b']' => depth -= 1,
            b',' if depth == 0 => {
                if let Some((name, ty)) = inner[start..i].split_once(':') {
                    out.push((name.trim().to_string(), ty.trim().to_string()));
                }
                start = i + 1;
            }
            _ => {}
        }
    }
    out
}

/// Each command with its arguments' type, from the generated client.
fn commands_with_args() -> Vec<(String, String)> {
    let ts = linkwork_api::bindings::typescript();
    ts.lines()
        .filter_map(|l| {
            let l = l.trim();
            let (name, rest) = l.split_once(": (args: ")?;
            let (ty, _) = rest.split_once(')')?;
            Some((name.to_string(), ty.to_string()))
        })
        .collect()
}

/// Arguments naming a file at every `FileHandle` in `ty` (through nested argument types), each
/// set to `path`; `None` when the type names no file.
fn with_paths(decls: &BTreeMap<String, String>, ty: &str, path: &str) -> Option<Value> {
    let mut obj = Map::new();
    for (name, field_ty) in fields(decls.get(ty)?) {
        let first = field_ty.split('|').next().unwrap_or("").trim().to_string();
        if first == "FileHandle" {
            obj.insert(name, json!(path));
        } else if let Some(v) = with_paths(decls, &first, path) {
            obj.insert(name, v);
        }
    }
    (!obj.is_empty()).then_some(Value::Object(obj))
}

fn looks_like_a_file(name: &str) -> bool {
    ["path", "folder", "file", "dir"].iter().any(|w| {
        name == *w || name.ends_with(&format!("_{w}")) || name.starts_with(&format!("{w}_"))
    })
}

#[test]
fn every_argument_that_names_a_file_is_a_handle() {
    let decls = declarations();
    assert!(decls.contains_key("FileHandle"));
    let mut wrong = vec![];
    for (command, ty) in commands_with_args() {
        let mut stack = vec![ty];
        while let Some(t) = stack.pop() {
            for (name, field_ty) in fields(decls.get(&t).map_or("", String::as_str)) {
                let first = field_ty.split('|').next().unwrap_or("").trim().to_string();
                if decls.contains_key(&first) && first != "FileHandle" {
                    stack.push(first.clone());
                }
                // A text field named like a file: a path the window could choose.
                if looks_like_a_file(&name) && field_ty.contains("string") {
                    wrong.push(format!("{command}: {t}.{name} is {field_ty}"));
                }
            }
        }
    }
    assert_eq!(wrong, Vec::<String>::new());
}

#[test]
fn the_windows_session_refuses_a_path_string_in_every_command_that_names_a_file() {
    let t = tempfile::tempdir().unwrap();
    let s = Session::new(
        t.path().join("data"),
        linkwork_store::KdfCost::InsecureForTests(10),
    )
    .choosing_files_in_dialogs();
    create(&s);
    let target = t.path().join("bashrc");
    let decls = declarations();
    let mut tried = vec![];
    for (command, ty) in commands_with_args() {
        let Some(args) = with_paths(&decls, &ty, target.to_str().unwrap()) else {
            continue;
        };
        let e = commands::dispatch(&s, &command, args.clone()).expect_err(&format!(
            "{command} took a path string from the window: {args}"
        ));
        assert_eq!(e.code.as_str(), "BAD_REQUEST", "{command}: {}", e.message);
        assert!(
            !e.message.contains(target.to_str().unwrap()),
            "{command}: the message quotes the path"
        );
        tried.push(command);
    }
    assert!(
        !target.exists(),
        "a file was written at the window's say-so"
    );
    // The list is the command list's: the test cannot pass by finding no command to try.
    for must in [
        "export_handover",
        "import_handover",
        "export_report",
        "backup",
        "restore_backup",
        "save_gp_file",
        "subject_access",
        "export_assets",
        "import_assets",
        "update_backup_settings",
    ] {
        assert!(
            tried.iter().any(|c| c == must),
            "{must} was not tried: {tried:?}"
        );
    }
}

#[test]
fn only_a_handle_the_sessions_own_dialog_issued_names_a_file() {
    let t = tempfile::tempdir().unwrap();
    let kdf = linkwork_store::KdfCost::InsecureForTests(10);
    let window = Session::new(t.path().join("data"), kdf).choosing_files_in_dialogs();
    let other = Session::new(t.path().join("other"), kdf).choosing_files_in_dialogs();
    create(&window);
    let file = t.path().join("template.csv");
    let mine = window.issue_file(file.clone(), false).unwrap();
    let theirs = other.issue_file(file.clone(), false).unwrap();
    let e = commands::dispatch(
        &window,
        "save_asset_template",
        json!({"path": theirs, "overwrite": false}),
    )
    .unwrap_err();
    assert_eq!(e.code.as_str(), "BAD_REQUEST");
    assert!(!file.exists());
    commands::dispatch(
        &window,
        "save_asset_template",
        json!({"path": mine, "overwrite": false}),
    )
    .unwrap();
    assert!(file.exists());
    // A session for the command line takes paths, and issues no handles.
    assert_eq!(session().1.issue_file(file, false), None);
}
