//! Files the person chose. In the window, every file a command reads or writes is named by a
//! handle that the shell's own dialog (opened from Rust) issued: a path string from the webview
//! names nothing, so script in the window cannot write `~/.bashrc`, read another file, or seal the
//! caseload to a file of its choosing. The command line and tests, which are the person, name
//! files by path.
//!
//! Invariant: a session made with [`crate::Session::choosing_files_in_dialogs`] resolves a
//! [`ChosenFile`] only from its own [`Handles`]; every command argument that names a file is a
//! [`ChosenFile`] (a test over the command list checks both).

use serde::{Deserialize, Deserializer};
use std::{
    cell::RefCell,
    collections::HashMap,
    path::{Path, PathBuf},
    sync::{Arc, Mutex},
};

/// What a dialog chose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChooseKind {
    Open,
    Save,
    Folder,
}

#[derive(Debug, Clone)]
struct Issued {
    path: PathBuf,
    confirmed: bool,
}

/// The handles this window's dialogs issued, for the life of the process (a handle is useless
/// outside it, and the few a day cost nothing to keep).
#[derive(Default)]
pub struct Handles(Mutex<HashMap<String, Issued>>);

impl Handles {
    /// A new handle for `path`; `confirmed` when the dialog already asked about replacing it.
    pub fn issue(&self, path: PathBuf, confirmed: bool) -> String {
        let handle = format!("file-{}", uuid::Uuid::new_v4().simple());
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(handle.clone(), Issued { path, confirmed });
        handle
    }

    fn get(&self, handle: &str) -> Option<Issued> {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(handle)
            .cloned()
    }
}

thread_local! {
    /// While a window's request is read: the handles it may name files by.
    static RESOLVER: RefCell<Option<Arc<Handles>>> = const { RefCell::new(None) };
}

/// Runs `read` (the typing of one request's arguments) resolving files by `handles` when given.
pub(crate) fn resolving<T>(handles: Option<&Arc<Handles>>, read: impl FnOnce() -> T) -> T {
    /// Puts back what was there however `read` ends (the thread serves other requests after).
    struct Restore(Option<Arc<Handles>>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let before = self.0.take();
            RESOLVER.with(|r| *r.borrow_mut() = before);
        }
    }
    let _restore = Restore(RESOLVER.with(|r| r.replace(handles.cloned())));
    read()
}

/// A file the person chose: from the window, by a handle its dialog issued; from the command line
/// and tests, by path. Blank is "none chosen" (the command says which file it needs).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChosenFile {
    path: PathBuf,
    confirmed: bool,
}

impl ChosenFile {
    /// A path given by the person themselves (the command line).
    pub fn path_given(path: impl Into<PathBuf>) -> Self {
        Self {
            path: path.into(),
            confirmed: false,
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn is_empty(&self) -> bool {
        self.path.as_os_str().is_empty()
    }

    /// The save dialog already asked about replacing the file.
    pub fn confirmed(&self) -> bool {
        self.confirmed
    }
}

impl<'de> Deserialize<'de> for ChosenFile {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        if text.trim().is_empty() {
            return Ok(Self::default());
        }
        RESOLVER.with(|r| match &*r.borrow() {
            None => Ok(Self::path_given(text)),
            Some(handles) => handles
                .get(&text)
                .map(|i| Self {
                    path: i.path,
                    confirmed: i.confirmed,
                })
                .ok_or_else(|| {
                    serde::de::Error::custom(
                        "the window names files only by what Linkwork's own file dialog handed it",
                    )
                }),
        })
    }
}
