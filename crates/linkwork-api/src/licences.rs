//! The third-party components Linkwork ships and their licences, for the About page.
//!
//! `data/third-party.json` is generated, never typed: from `cargo metadata` (every crate the app or
//! the `linkwork` command line reaches through normal dependencies, on any platform) and from
//! `ui/package-lock.json` (every npm package the UI ships, dev tools left out). A test regenerates
//! it and fails when the committed file differs (`./dev bindings` rewrites it).

use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap};
use ts_rs::TS;

/// Where a component comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ComponentKind {
    /// A Rust crate.
    Crate,
    /// An npm package in the user interface.
    Npm,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
pub struct Component {
    pub kind: ComponentKind,
    pub name: String,
    pub version: String,
    /// An SPDX licence expression, as the component declares it.
    pub licence: String,
}

/// The binaries whose dependencies ship: the desktop app and the command line.
const SHIPPED_PACKAGES: [&str; 2] = ["linkwork-desktop", "linkwork-cli"];

const THIRD_PARTY: &str = include_str!("../data/third-party.json");

/// The list compiled into this build.
pub fn third_party() -> Vec<Component> {
    serde_json::from_str(THIRD_PARTY).expect("data/third-party.json is generated and valid")
}

/// The list from `cargo metadata --format-version 1` and the UI's `package-lock.json`, sorted.
/// Panics on metadata without what it needs: this runs in a test, never in the app.
pub fn generate(metadata: &serde_json::Value, package_lock: &serde_json::Value) -> Vec<Component> {
    let mut out = BTreeSet::new();
    let packages: HashMap<&str, &serde_json::Value> = metadata["packages"]
        .as_array()
        .expect("cargo metadata lists packages")
        .iter()
        .map(|p| (p["id"].as_str().unwrap(), p))
        .collect();
    let workspace: BTreeSet<&str> = metadata["workspace_members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m.as_str().unwrap())
        .collect();
    let nodes: HashMap<&str, &serde_json::Value> = metadata["resolve"]["nodes"]
        .as_array()
        .expect("cargo metadata has the resolved graph")
        .iter()
        .map(|n| (n["id"].as_str().unwrap(), n))
        .collect();
    // Follow normal dependencies only: build scripts' and tests' dependencies do not ship.
    let mut todo: Vec<&str> = packages
        .values()
        .filter(|p| SHIPPED_PACKAGES.contains(&p["name"].as_str().unwrap()))
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        todo.len(),
        SHIPPED_PACKAGES.len(),
        "both binaries are in the workspace"
    );
    let mut seen = BTreeSet::new();
    while let Some(id) = todo.pop() {
        if !seen.insert(id) {
            continue;
        }
        for dep in nodes[id]["deps"].as_array().unwrap() {
            let normal = dep["dep_kinds"]
                .as_array()
                .unwrap()
                .iter()
                .any(|k| k["kind"].is_null());
            if normal {
                todo.push(dep["pkg"].as_str().unwrap());
            }
        }
    }
    for id in seen.into_iter().filter(|id| !workspace.contains(id)) {
        let p = packages[id];
        out.insert(Component {
            kind: ComponentKind::Crate,
            name: p["name"].as_str().unwrap().into(),
            version: p["version"].as_str().unwrap().into(),
            licence: p["license"]
                .as_str()
                .unwrap_or_else(|| panic!("{} declares no licence expression", p["name"]))
                .into(),
        });
    }
    for (path, p) in package_lock["packages"]
        .as_object()
        .expect("package-lock.json version 2 or 3")
    {
        let Some((_, name)) = path.rsplit_once("node_modules/") else {
            continue; // the UI itself
        };
        if p["dev"].as_bool() == Some(true) {
            continue;
        }
        out.insert(Component {
            kind: ComponentKind::Npm,
            name: name.into(),
            version: p["version"].as_str().unwrap().into(),
            licence: p["license"]
                .as_str()
                .unwrap_or_else(|| panic!("{name} declares no licence"))
                .into(),
        });
    }
    out.into_iter().collect()
}
