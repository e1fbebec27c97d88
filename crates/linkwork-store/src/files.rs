//! Every file Linkwork writes goes through here: the vault's own key and description files, and
//! every file a person asks for (exports, the template, and the reports and backups to come).
//!
//! A file is written to a new temporary file beside the target (created with `create_new`, so
//! nothing else is ever overwritten by it), flushed to disk, then moved into place and the folder
//! flushed: a crash leaves the old file or the new one, never half of one, and a failure leaves no
//! temporary file behind. Files a person asks for ([`save`]) are never written inside the data
//! folder, and never replace an existing file unless the person confirmed it.

use crate::{error::StoreError, Result};
use std::{
    fs::{self, File},
    io::{BufWriter, Write},
    path::{Path, PathBuf},
};

/// Whether an existing file at the target may be replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overwrite {
    /// Refuse with [`StoreError::FileExists`] (the default: nothing is replaced unasked).
    Never,
    /// The person confirmed replacing it.
    Confirmed,
}

impl Overwrite {
    pub fn from_confirmed(confirmed: bool) -> Self {
        if confirmed {
            Overwrite::Confirmed
        } else {
            Overwrite::Never
        }
    }
}

/// Writes a file a person asked for at `target`, through `write`. Refuses a target inside
/// `data_dir` (or the data folder itself), and an existing file unless `overwrite` is confirmed.
/// Readable by its owner only, like everything Linkwork writes: a letter, a FHIR file or an
/// unencrypted copy holds a person's details, and sharing it is the person's own choice.
pub fn save<T>(
    target: &Path,
    data_dir: &Path,
    overwrite: Overwrite,
    write: impl FnOnce(&mut dyn Write) -> Result<T>,
) -> Result<T> {
    let target = check_target(target, data_dir, overwrite)?;
    atomic(&target, overwrite, write)
}

/// Writes a secret a person asked for (a supervisor's identity file): like [`save`], but the file
/// is readable by its owner only from the moment it exists. Needs no vault.
pub fn save_private<T>(
    target: &Path,
    overwrite: Overwrite,
    write: impl FnOnce(&mut dyn Write) -> Result<T>,
) -> Result<T> {
    if overwrite == Overwrite::Never && target.exists() {
        return Err(StoreError::FileExists(target.into()));
    }
    atomic(target, overwrite, write)
}

/// Writes a new folder of files all at once (a team report): into a hidden folder beside
/// `target`, then one rename, so a failure leaves nothing behind. `target` must not exist, or be
/// an empty folder. Needs no vault.
pub fn save_folder(target: &Path, files: &[(String, Vec<u8>)]) -> Result<()> {
    let io = |e: std::io::Error| StoreError::io("write", target, e);
    if target.exists() {
        let empty = target.is_dir() && fs::read_dir(target).map_err(io)?.next().is_none();
        if !empty {
            return Err(StoreError::FileExists(target.into()));
        }
        fs::remove_dir(target).map_err(io)?;
    }
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = target.with_file_name(format!(".{name}.{:016x}.tmp", rand::random::<u64>()));
    crate::platform::create_private_dir(&tmp)
        .map_err(|e| StoreError::io("write into the folder of", target, e))?;
    let written = (|| {
        for (file, bytes) in files {
            let path = tmp.join(file);
            if let Some(parent) = path.parent().filter(|p| !p.exists()) {
                crate::platform::create_private_dir(parent)?;
            }
            let mut f = crate::keys::create_private(&path)?;
            f.write_all(bytes)?;
            f.sync_all()?;
        }
        crate::platform::move_new(&tmp, target)
    })();
    written.map_err(|e| {
        let _ = fs::remove_dir_all(&tmp);
        io(e)
    })
}

/// Whether [`save`] would accept `target`, before any work is done; returns it made absolute.
pub fn check_target(target: &Path, data_dir: &Path, overwrite: Overwrite) -> Result<PathBuf> {
    // As written (`data/backups/../x` is in the data folder even if `backups` does not exist yet),
    // then with every symlink in its folder resolved.
    refuse_inside(&lexical(target), data_dir)?;
    let target = absolute(target)?;
    refuse_inside(&target, data_dir)?;
    if overwrite == Overwrite::Never && target.symlink_metadata().is_ok() {
        return Err(StoreError::FileExists(target));
    }
    Ok(target)
}

/// Refuses to read a file a person chose (an import, a backup, a handover) from inside the data
/// folder: opening and closing the database file there would drop this process's locks on it.
pub fn check_source(source: &Path, data_dir: &Path) -> Result<()> {
    let refuse = |_| StoreError::SourceInDataFolder(source.into());
    refuse_inside(&lexical(source), data_dir).map_err(refuse)?;
    if let Ok(real) = source.canonicalize() {
        refuse_inside(&real, data_dir).map_err(refuse)?;
    }
    Ok(())
}

/// For the vault's own files: private to this user, always replacing the old version.
pub(crate) fn write_vault_file(path: &Path, bytes: &[u8]) -> Result<()> {
    atomic(path, Overwrite::Confirmed, |out| {
        out.write_all(bytes)
            .map_err(|e| StoreError::io("write", path, e))
    })
}

/// The target with its folder made absolute and symlinks in the folder resolved (the file itself
/// may not exist yet). The folder must exist.
fn absolute(target: &Path) -> Result<PathBuf> {
    let name = target.file_name().ok_or_else(|| StoreError::Io {
        action: "write",
        path: target.into(),
        reason: "that is a folder, not a file name".into(),
    })?;
    let parent = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let parent = parent
        .canonicalize()
        .map_err(|e| StoreError::io("write into the folder", parent, e))?;
    Ok(parent.join(name))
}

/// `path` made absolute with `.` and `..` worked out on the words alone.
fn lexical(path: &Path) -> PathBuf {
    use std::path::Component;
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = PathBuf::new();
    for c in absolute.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

fn refuse_inside(target: &Path, data_dir: &Path) -> Result<()> {
    let inside = |data: &Path| target.starts_with(data);
    // Compare with the folder as given and as it really is (a data folder reached by a symlink).
    if inside(&lexical(data_dir)) || data_dir.canonicalize().is_ok_and(|d| inside(&d)) {
        return Err(StoreError::PathInDataFolder(target.into()));
    }
    Ok(())
}

fn atomic<T>(
    target: &Path,
    overwrite: Overwrite,
    write: impl FnOnce(&mut dyn Write) -> Result<T>,
) -> Result<T> {
    let (tmp, file) = temp_beside(target)?;
    let cleanup = |e: StoreError| {
        let _ = fs::remove_file(&tmp);
        e
    };
    let io = |e: std::io::Error| StoreError::io("write", target, e);
    let written = (|| {
        let mut out = BufWriter::new(file);
        let value = write(&mut out)?;
        let file = out.into_inner().map_err(|e| io(e.into_error()))?;
        file.sync_all().map_err(io)?;
        Ok(value)
    })()
    .map_err(cleanup)?;
    // Once the move has happened nothing may report a failure: the move makes its own way to the disk.
    put_in_place(&tmp, target, overwrite).map_err(cleanup)?;
    Ok(written)
}

pub(crate) use crate::platform::sync_dir;

/// A new file beside `target` that did not exist before (`create_new`), with a random name,
/// readable by its owner only from the moment it exists.
fn temp_beside(target: &Path) -> Result<(PathBuf, File)> {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut last = None;
    for _ in 0..8 {
        let tmp = target.with_file_name(format!(".{name}.{:016x}.tmp", rand::random::<u64>()));
        match crate::keys::create_private(&tmp) {
            Ok(f) => return Ok((tmp, f)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(StoreError::io("write into the folder of", target, e)),
        }
    }
    Err(StoreError::io("write", target, last.expect("the loop ran")))
}

fn put_in_place(tmp: &Path, target: &Path, overwrite: Overwrite) -> Result<()> {
    let moved = match overwrite {
        Overwrite::Confirmed => crate::platform::replace(tmp, target),
        // Never replaces, so a file that appeared since the check above is still safe.
        Overwrite::Never => crate::platform::move_new(tmp, target),
    };
    moved.map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => StoreError::FileExists(target.into()),
        _ => StoreError::io("write", target, e),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn save_text(target: &Path, data: &Path, o: Overwrite, text: &str) -> Result<()> {
        save(target, data, o, |w| {
            w.write_all(text.as_bytes())
                .map_err(|e| StoreError::io("write", target, e))
        })
    }

    fn leftovers(dir: &Path) -> Vec<String> {
        fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".tmp"))
            .collect()
    }

    #[test]
    fn writes_new_files_and_replaces_only_when_confirmed() {
        let t = tempfile::tempdir().unwrap();
        let data = t.path().join("data");
        fs::create_dir(&data).unwrap();
        let out = t.path().join("export.json");
        save_text(&out, &data, Overwrite::Never, "one").unwrap();
        assert_eq!(fs::read_to_string(&out).unwrap(), "one");
        let e = save_text(&out, &data, Overwrite::Never, "two").unwrap_err();
        assert!(matches!(e, StoreError::FileExists(_)), "{e}");
        assert_eq!(fs::read_to_string(&out).unwrap(), "one");
        save_text(&out, &data, Overwrite::Confirmed, "two").unwrap();
        assert_eq!(fs::read_to_string(&out).unwrap(), "two");
        assert!(leftovers(t.path()).is_empty());
    }

    #[test]
    fn refuses_the_data_folder_by_any_spelling() {
        let t = tempfile::tempdir().unwrap();
        let data = t.path().join("data");
        fs::create_dir_all(data.join("backups")).unwrap();
        for target in [
            data.join("linkwork.db"),
            data.join("backups/x.json"),
            data.join("../data/linkwork.db"),
        ] {
            let e = save_text(&target, &data, Overwrite::Confirmed, "x").unwrap_err();
            assert!(
                matches!(e, StoreError::PathInDataFolder(_)),
                "{target:?}: {e}"
            );
        }
        #[cfg(unix)]
        {
            let link = t.path().join("shortcut");
            std::os::unix::fs::symlink(&data, &link).unwrap();
            let e = save_text(&link.join("a.csv"), &data, Overwrite::Confirmed, "x").unwrap_err();
            assert!(matches!(e, StoreError::PathInDataFolder(_)), "{e}");
        }
        assert_eq!(fs::read_dir(&data).unwrap().count(), 1, "only backups/");
    }

    #[test]
    fn a_failed_write_leaves_nothing_behind() {
        let t = tempfile::tempdir().unwrap();
        let out = t.path().join("report.csv");
        let e = save(&out, &t.path().join("data"), Overwrite::Never, |w| {
            w.write_all(b"half").unwrap();
            Err::<(), _>(StoreError::ExportInvalid("test".into()))
        })
        .unwrap_err();
        assert!(matches!(e, StoreError::ExportInvalid(_)));
        assert!(!out.exists());
        assert!(leftovers(t.path()).is_empty());
    }

    #[test]
    fn a_missing_folder_is_named() {
        let t = tempfile::tempdir().unwrap();
        let e = save_text(
            &t.path().join("nope/out.json"),
            &t.path().join("data"),
            Overwrite::Never,
            "x",
        )
        .unwrap_err();
        assert!(e.to_string().contains("does not exist"), "{e}");
    }
}
