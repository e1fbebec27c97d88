//! age encryption of a report: to the supervisor's public keys (`age1…`), or to a one-off
//! passphrase when the supervisor has none. The output is the standard age format, so the `age`
//! command decrypts it. Also the supervisor's own key: an age identity kept in a file encrypted
//! to a passphrase (which `age -d -i` also reads).

use crate::ReportError;
use age::secrecy::{ExposeSecret, SecretString};
use std::io::{Read, Write};
use std::str::FromStr;
use zeroize::Zeroizing;

/// The highest scrypt work factor accepted when opening the supervisor's identity: the same fixed
/// ceiling as the vault's key files, so a hostile file cannot make us spin.
pub const MAX_LOG_N: u8 = 20;
/// The work factor `keygen` uses: fixed (not timed), well under the ceiling, so the supervisor's
/// own key always opens.
pub const KEYGEN_LOG_N: u8 = 18;

/// An age public key, validated.
#[derive(Clone, Debug)]
pub struct SupervisorKey {
    pub text: String,
    key: age::x25519::Recipient,
}

impl SupervisorKey {
    pub fn parse(s: &str) -> Option<Self> {
        let text = s.trim();
        age::x25519::Recipient::from_str(text).ok().map(|key| Self {
            text: text.to_owned(),
            key,
        })
    }
}

pub enum SealTo<'a> {
    Keys(&'a [SupervisorKey]),
    /// `log_n`: the scrypt work factor, or `None` for age's own (about a second).
    Passphrase(SecretString, Option<u8>),
}

fn encrypt(enc: age::Encryptor, bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() + 512);
    let mut w = enc.wrap_output(&mut out).expect("writing to memory");
    w.write_all(bytes).expect("writing to memory");
    w.finish().expect("writing to memory");
    out
}

pub fn seal(bytes: &[u8], to: SealTo<'_>) -> Result<Vec<u8>, ReportError> {
    let enc = match to {
        SealTo::Keys(keys) => {
            if keys.is_empty() {
                return Err(ReportError::NoRecipient);
            }
            age::Encryptor::with_recipients(keys.iter().map(|k| &k.key as &dyn age::Recipient))
                .map_err(|_| ReportError::NoRecipient)?
        }
        SealTo::Passphrase(p, log_n) => {
            let mut r = age::scrypt::Recipient::new(p);
            if let Some(n) = log_n {
                r.set_work_factor(n);
            }
            age::Encryptor::with_recipients(std::iter::once(&r as &dyn age::Recipient))
                .map_err(|_| ReportError::NoRecipient)?
        }
    };
    Ok(encrypt(enc, bytes))
}

fn decrypt(
    file: &str,
    bytes: &[u8],
    ids: &[&dyn age::Identity],
) -> Result<Zeroizing<Vec<u8>>, ReportError> {
    let d = age::Decryptor::new(bytes).map_err(|_| ReportError::NotAReport(file.into()))?;
    let mut r = d.decrypt(ids.iter().copied()).map_err(|e| match e {
        age::DecryptError::NoMatchingKeys
        | age::DecryptError::DecryptionFailed
        | age::DecryptError::KeyDecryptionFailed => ReportError::WrongKey(file.into()),
        age::DecryptError::ExcessiveWork { .. } => ReportError::IdentityTooCostly(file.into()),
        _ => ReportError::Damaged(file.into()),
    })?;
    let mut out = Zeroizing::new(Vec::new());
    r.read_to_end(&mut out)
        .map_err(|_| ReportError::Damaged(file.into()))?;
    Ok(out)
}

/// The supervisor's identities, from an identity file (plain, or encrypted to a passphrase).
pub struct SupervisorIdentity(Vec<age::x25519::Identity>);

impl SupervisorIdentity {
    /// True when the file is age-encrypted and so needs its passphrase.
    pub fn needs_passphrase(bytes: &[u8]) -> bool {
        bytes.starts_with(b"age-encryption.org/v1")
    }

    pub fn read(
        file: &str,
        bytes: &[u8],
        passphrase: Option<SecretString>,
    ) -> Result<Self, ReportError> {
        let text: Zeroizing<Vec<u8>> = if Self::needs_passphrase(bytes) {
            let p = passphrase.ok_or(ReportError::IdentityPassphraseNeeded)?;
            let mut id = age::scrypt::Identity::new(p);
            id.set_max_work_factor(MAX_LOG_N);
            decrypt(file, bytes, &[&id]).map_err(|e| match e {
                ReportError::WrongKey(_) => ReportError::WrongIdentityPassphrase,
                other => other,
            })?
        } else {
            Zeroizing::new(bytes.to_vec())
        };
        let text =
            std::str::from_utf8(&text).map_err(|_| ReportError::NotAnIdentity(file.into()))?;
        let ids: Vec<age::x25519::Identity> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(age::x25519::Identity::from_str)
            .collect::<Result<_, _>>()
            .map_err(|_| ReportError::NotAnIdentity(file.into()))?;
        if ids.is_empty() {
            return Err(ReportError::NotAnIdentity(file.into()));
        }
        Ok(Self(ids))
    }

    pub fn public_keys(&self) -> Vec<String> {
        self.0.iter().map(|i| i.to_public().to_string()).collect()
    }

    pub fn open(&self, file: &str, bytes: &[u8]) -> Result<Zeroizing<Vec<u8>>, ReportError> {
        let ids: Vec<&dyn age::Identity> = self.0.iter().map(|i| i as &dyn age::Identity).collect();
        decrypt(file, bytes, &ids)
    }
}

/// A new supervisor key: the public key to give to link workers, and the identity file (age's
/// own text format) encrypted to `passphrase`.
pub fn keygen(passphrase: SecretString, log_n: Option<u8>, now: &str) -> (String, Vec<u8>) {
    let id = age::x25519::Identity::generate();
    let public = id.to_public().to_string();
    let text = Zeroizing::new(format!(
        "# created: {now}\n# public key: {public}\n{}\n",
        id.to_string().expose_secret()
    ));
    let log_n = Some(log_n.unwrap_or(KEYGEN_LOG_N).min(MAX_LOG_N));
    let file = seal(text.as_bytes(), SealTo::Passphrase(passphrase, log_n))
        .expect("a passphrase recipient");
    (public, file)
}
