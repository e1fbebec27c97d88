//! Reading passphrases: from a file, a terminal prompt, or standard input. Never from argv (it
//! shows in `ps` and shell history).

use linkwork_api::ApiError;
use linkwork_core::Passphrase;
use std::{
    io::{BufRead, IsTerminal},
    path::Path,
};
use zeroize::Zeroizing;

pub struct Secrets {
    interactive: bool,
}

fn unreadable(what: &str, path: &Path, e: std::io::Error) -> ApiError {
    let why = match e.kind() {
        std::io::ErrorKind::NotFound => "it does not exist".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        std::io::ErrorKind::InvalidData => "it is not text".to_string(),
        _ => e.to_string(),
    };
    ApiError::new(
        linkwork_core::ErrorCode::SecretUnreadable,
        format!("Cannot read the {what} {}: {why}.", path.display()),
    )
}

/// Reads a secret file; drops one trailing line ending (files written by `echo` have one).
/// Warns (on standard error) when others on this computer can read it too.
pub fn read_file(path: &Path, what: &str) -> Result<Passphrase, ApiError> {
    if let Ok(Some(how)) = linkwork_store::platform::not_private(path) {
        eprintln!("{}", open_secret_warning(what, path, &how));
    }
    let mut text =
        Zeroizing::new(std::fs::read_to_string(path).map_err(|e| unreadable(what, path, e))?);
    strip_newline(&mut text);
    Ok(Passphrase::new(text.to_string()))
}

fn open_secret_warning(what: &str, path: &Path, how: &str) -> String {
    // On Windows `how` is an access list in SDDL, which helps no one reading a warning.
    let (how, fix) = if cfg!(windows) {
        (
            String::new(),
            "remove other users from the file's Security tab",
        )
    } else {
        (format!(" ({how})"), "run: chmod 600 FILE")
    };
    format!(
        "Warning: other people on this computer can read the {what} {}{how}. Anyone who can read it can open the vault: delete it when you are done, or {fix}.",
        path.display()
    )
}

fn strip_newline(s: &mut String) {
    if s.ends_with('\n') {
        s.pop();
        if s.ends_with('\r') {
            s.pop();
        }
    }
}

impl Secrets {
    pub fn new() -> Self {
        Self {
            interactive: std::io::stdin().is_terminal(),
        }
    }

    fn stdin_line(&mut self) -> Result<Passphrase, ApiError> {
        let mut line = Zeroizing::new(String::new());
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .map_err(|e| unreadable("passphrase from", Path::new("standard input"), e))?;
        strip_newline(&mut line);
        Ok(Passphrase::new(line.to_string()))
    }

    fn prompt(&self, prompt: &str) -> Result<Passphrase, ApiError> {
        rpassword::prompt_password(prompt)
            .map(Passphrase::new)
            .map_err(|e| unreadable("passphrase from", Path::new("the terminal"), e))
    }

    /// A passphrase to unlock with.
    pub fn read(&mut self, file: Option<&Path>, prompt: &str) -> Result<Passphrase, ApiError> {
        match file {
            Some(p) if p == Path::new("-") => self.stdin_line(),
            Some(p) => read_file(p, "passphrase file"),
            None if self.interactive => self.prompt(prompt),
            None => self.stdin_line(),
        }
    }

    /// A new passphrase and its confirmation. Only a person at a prompt types it twice; a file or
    /// a pipe is its own confirmation.
    pub fn read_new(&mut self, file: Option<&Path>) -> Result<(Passphrase, Passphrase), ApiError> {
        if file.is_none() && self.interactive {
            eprintln!("Choose a passphrase of at least 12 characters. A few unrelated words are strong and easy to remember.");
            let p = self.prompt("New passphrase: ")?;
            let c = self.prompt("Type it again: ")?;
            return Ok((p, c));
        }
        let p = self.read(file, "New passphrase: ")?;
        Ok((p.clone(), p))
    }
}
