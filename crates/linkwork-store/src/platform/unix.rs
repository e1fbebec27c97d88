//! Linux (and other Unix): permission bits, rename and fsync, rlimit and prctl.

use std::{
    fs::{self, File, OpenOptions},
    io,
    os::unix::fs::{OpenOptionsExt, PermissionsExt},
    path::{Path, PathBuf},
};

/// A new file (never an existing one) readable by its owner only from the moment it exists.
pub(crate) fn create_private(path: &Path) -> io::Result<File> {
    OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
}

/// A new folder (its parent must exist) that only its owner can open.
pub(crate) fn create_private_dir(path: &Path) -> io::Result<()> {
    fs::create_dir(path)?;
    fs::set_permissions(path, fs::Permissions::from_mode(0o700))
}

/// Opens (creating if need be) a file that only its owner can read: the instance lock.
pub(crate) fn open_private(path: &Path) -> io::Result<File> {
    OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o600)
        .open(path)
}

/// Takes group and other access away from an existing file (0600) or folder (0700), when they have any.
pub fn tighten(path: &Path) -> io::Result<()> {
    let meta = fs::symlink_metadata(path)?;
    let want = if meta.is_dir() { 0o700 } else { 0o600 };
    if meta.permissions().mode() & 0o777 != want {
        fs::set_permissions(path, fs::Permissions::from_mode(want))?;
    }
    Ok(())
}

/// `None` when only the owner can open `path`; otherwise what else can, in words.
pub fn not_private(path: &Path) -> io::Result<Option<String>> {
    let meta = fs::symlink_metadata(path)?;
    let mode = meta.permissions().mode() & 0o777;
    Ok((mode & 0o077 != 0).then(|| format!("mode {mode:o} lets others in")))
}

/// Moves `from` over `to`, replacing it in one step, and makes the move reach the disk.
pub(crate) fn replace(from: &Path, to: &Path) -> io::Result<()> {
    fs::rename(from, to)?;
    sync_parent(to);
    Ok(())
}

/// Moves `from` to `to` only if nothing is at `to` (`AlreadyExists` otherwise), and makes the
/// move reach the disk. A hard link never replaces a file, so one that appeared since any
/// earlier check is safe. Some file systems (FAT memory sticks) have no hard links: check,
/// then rename.
pub(crate) fn move_new(from: &Path, to: &Path) -> io::Result<()> {
    match fs::hard_link(from, to) {
        Ok(()) => fs::remove_file(from)?,
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => return Err(e),
        Err(_) if to.symlink_metadata().is_ok() => return Err(io::ErrorKind::AlreadyExists.into()),
        Err(_) => fs::rename(from, to)?,
    }
    sync_parent(to);
    Ok(())
}

fn sync_parent(path: &Path) {
    if let Some(dir) = path.parent() {
        sync_dir(if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        });
    }
}

/// Makes a rename in `dir` reach the disk (best effort: the rename itself has happened).
pub(crate) fn sync_dir(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

/// No core dumps for this process: `RLIMIT_CORE` 0 and not dumpable (which also keeps other
/// processes of the same user from reading its memory through /proc). Whether both took effect.
pub fn no_core_dumps() -> bool {
    let zero = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: plain system calls with a valid, fully initialised argument.
    let limited = unsafe { libc::setrlimit(libc::RLIMIT_CORE, &zero) } == 0;
    #[cfg(target_os = "linux")]
    // SAFETY: as above.
    let undumpable = unsafe { libc::prctl(libc::PR_SET_DUMPABLE, 0, 0, 0, 0) } == 0;
    #[cfg(not(target_os = "linux"))]
    let undumpable = true;
    limited && undumpable
}

/// No registry here: only the environment names synced folders.
pub(crate) fn registry_synced_folders() -> Vec<PathBuf> {
    Vec::new()
}
