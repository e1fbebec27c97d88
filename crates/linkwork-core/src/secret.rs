//! Secrets typed by a person. Held in zeroizing memory and never printed.

use crate::error::ValidationError;
use std::fmt;
use zeroize::Zeroizing;

/// The minimum passphrase length. No composition rules (NCSC guidance): length is what counts.
pub const MIN_PASSPHRASE_CHARS: usize = 12;

/// A vault passphrase. `Debug` never shows it; memory is wiped on drop.
#[derive(Clone)]
pub struct Passphrase(Zeroizing<String>);

impl Passphrase {
    /// Wraps a passphrase without checking it (for unlocking: the vault decides if it is right).
    pub fn new(s: String) -> Self {
        Self(Zeroizing::new(s))
    }

    /// Checks a passphrase chosen for a new vault or a change: long enough, and typed the same twice.
    pub fn choose(field: &str, value: String, confirm: &str) -> Result<Self, ValidationError> {
        let p = Self::new(value);
        if p.expose().trim().is_empty() {
            return Err(ValidationError::new(field, "Enter a passphrase."));
        }
        let chars = p.expose().chars().count();
        if chars < MIN_PASSPHRASE_CHARS {
            return Err(ValidationError::new(
                field,
                format!(
                    "The passphrase must be at least {MIN_PASSPHRASE_CHARS} characters long \
                     (it has {chars}). A few unrelated words make a strong one that is easy to remember."
                ),
            ));
        }
        if p.expose() != confirm {
            return Err(ValidationError::new(
                format!("{field}_confirm"),
                "The two passphrases do not match. Type the same passphrase in both boxes.",
            ));
        }
        Ok(p)
    }

    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Passphrase(<redacted>)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn too_short_names_the_field_and_the_length() {
        let e = Passphrase::choose("passphrase", "short one".into(), "short one").unwrap_err();
        assert_eq!(e.field, "passphrase");
        assert!(
            e.message.contains("at least 12 characters"),
            "{}",
            e.message
        );
        assert!(e.message.contains("it has 9"), "{}", e.message);
    }

    #[test]
    fn length_counts_characters_not_bytes() {
        // 12 characters, 24 bytes: accepted.
        let p = "éééééééééééé".to_string();
        assert!(Passphrase::choose("passphrase", p.clone(), &p).is_ok());
        let p = "ééééééééééé".to_string();
        assert!(Passphrase::choose("passphrase", p.clone(), &p).is_err());
    }

    #[test]
    fn blank_and_mismatch_are_refused() {
        let e = Passphrase::choose("passphrase", "              ".into(), "              ")
            .unwrap_err();
        assert_eq!(e.message, "Enter a passphrase.");
        let e = Passphrase::choose(
            "new_passphrase",
            "correct horse battery".into(),
            "correct horse batterx",
        )
        .unwrap_err();
        assert_eq!(e.field, "new_passphrase_confirm");
    }

    #[test]
    fn debug_never_shows_the_secret() {
        let p = Passphrase::new("correct horse battery staple".into());
        assert_eq!(format!("{p:?}"), "Passphrase(<redacted>)");
    }
}
