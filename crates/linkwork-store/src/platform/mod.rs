//! What Linux and Windows do differently with files and the process, behind one set of functions.
//! Each has both implementations, and each is tested on both (Windows under Wine):
//! - private files: 0600/0700 on Unix; on Windows an owner-only ACL, protected from inheritance,
//!   set as the file or folder is created;
//! - the move into place: `rename` then a folder fsync; on Windows `MoveFileExW` with
//!   write-through, the platform's own atomic replace;
//! - no crash dumps: `RLIMIT_CORE` 0 and not dumpable; on Windows, Windows Error Reporting told
//!   to leave this program out and no fault dialog;
//! - folders that a sync client copies to the cloud (OneDrive), where a vault must not live.

#[cfg(unix)]
mod unix;
#[cfg(unix)]
pub use unix::*;
#[cfg(windows)]
mod windows;
#[cfg(windows)]
pub use windows::*;

use std::path::{Path, PathBuf};

/// The folders a cloud sync client copies (OneDrive, personal and work), as Windows sets them in
/// the environment for each signed-in account, plus (on Windows) those in the registry.
pub fn synced_folders() -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = ["OneDrive", "OneDriveCommercial", "OneDriveConsumer"]
        .iter()
        .filter_map(std::env::var_os)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .collect();
    out.extend(registry_synced_folders());
    out.sort();
    out.dedup();
    out
}

/// The synced folder that holds `dir`, if any: compared as written and as it really is, and
/// without regard to case (Windows file names are not case-sensitive).
pub fn synced_folder_holding(dir: &Path, synced: &[PathBuf]) -> Option<PathBuf> {
    let forms = |p: &Path| {
        let mut v = vec![std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf())];
        if let Ok(real) = p.canonicalize() {
            v.push(real);
        }
        v.into_iter()
            .map(|p| folded(&p))
            .collect::<Vec<Vec<String>>>()
    };
    let dirs = forms(dir);
    synced.iter().find_map(|root| {
        let inside = forms(root)
            .iter()
            .any(|r| !r.is_empty() && dirs.iter().any(|d| d.starts_with(r)));
        inside.then(|| root.clone())
    })
}

/// A path as lower-cased components, with any `\\?\` prefix and `.` dropped.
fn folded(p: &Path) -> Vec<String> {
    use std::path::{Component, Prefix};
    p.components()
        .filter_map(|c| match c {
            Component::Prefix(pre) => Some(match pre.kind() {
                Prefix::VerbatimDisk(d) | Prefix::Disk(d) => format!("{}:", d as char),
                Prefix::VerbatimUNC(s, h) | Prefix::UNC(s, h) => {
                    format!("\\\\{}\\{}", s.to_string_lossy(), h.to_string_lossy())
                }
                _ => pre.as_os_str().to_string_lossy().into_owned(),
            }),
            Component::CurDir => None,
            other => Some(other.as_os_str().to_string_lossy().into_owned()),
        })
        .map(|s| s.to_lowercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_inside_a_synced_one_is_found_whatever_the_case() {
        let t = tempfile::tempdir().unwrap();
        let root = t.path().join("OneDrive - NHS");
        let inside = root.join("Documents").join("Linkwork");
        std::fs::create_dir_all(&inside).unwrap();
        let synced = vec![root.clone()];
        assert_eq!(synced_folder_holding(&inside, &synced), Some(root.clone()));
        assert_eq!(synced_folder_holding(&root, &synced), Some(root.clone()));
        // Not yet made, and spelt differently.
        let later = PathBuf::from(root.to_string_lossy().to_uppercase()).join("new");
        assert_eq!(synced_folder_holding(&later, &synced), Some(root.clone()));
        // A sibling whose name only starts the same is not inside.
        let beside = t.path().join("OneDrive - NHS (old)");
        std::fs::create_dir_all(&beside).unwrap();
        assert_eq!(synced_folder_holding(&beside, &synced), None);
        assert_eq!(synced_folder_holding(t.path(), &synced), None);
    }
}
