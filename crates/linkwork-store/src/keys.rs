//! The database key and the age files that wrap it.
//!
//! A random 256-bit key opens SQLCipher. It is stored only inside age files: one wrapped to the
//! passphrase (scrypt), and optionally one wrapped to a recovery recipient (X25519). Changing the
//! passphrase rewrites the small key file; the database is never re-encrypted.

use crate::{error::StoreError, Result};
use linkwork_core::{Passphrase, ValidationError};
use rand::RngCore;
use secrecy::SecretString;
use std::{
    fmt,
    fs::File,
    io::{Read, Write},
    iter,
    path::Path,
    str::FromStr,
};
use zeroize::Zeroizing;

/// Lowest scrypt work factor (N = 2^16) a real vault may be created with, whatever calibration says.
pub const MIN_LOG_N: u8 = 16;
/// Highest work factor we agree to spend on unwrapping (2^20, about a gigabyte of memory): a file
/// asking for more is refused at once, so a hostile key file cannot hang or exhaust the laptop.
/// A fixed rule, never a timing: a vault is never refused its own key file because the laptop
/// was busy for a moment (age's default ceiling is calibrated from a timing).
pub const MAX_LOG_N: u8 = 20;
/// Key files are a few hundred bytes; anything this large is refused unread.
pub const MAX_KEY_FILE_BYTES: u64 = 64 * 1024;

/// The 256-bit key that opens the database. Never printed; wiped on drop. It lives in one heap
/// allocation, so moving a `RawKey` (through `Result`s and structs) moves a pointer and never
/// leaves a copy of the key behind on the stack.
pub struct RawKey(Box<Zeroizing<[u8; 32]>>);

impl RawKey {
    pub(crate) fn generate() -> Self {
        let mut k = Box::new(Zeroizing::new([0u8; 32]));
        rand::rngs::OsRng.fill_bytes(&mut **k);
        Self(k)
    }

    /// SQLCipher's raw-key form: `x'<64 hex digits>'`.
    pub(crate) fn sqlcipher_literal(&self) -> Zeroizing<String> {
        let mut s = Zeroizing::new(String::with_capacity(67));
        s.push_str("x'");
        s.push_str(&Zeroizing::new(hex::encode(**self.0)));
        s.push('\'');
        s
    }

    pub(crate) fn bytes(&self) -> &[u8; 32] {
        &self.0
    }

    pub(crate) fn from_bytes(bytes: &[u8]) -> Option<Self> {
        if bytes.len() != 32 {
            return None;
        }
        let mut k = Box::new(Zeroizing::new([0u8; 32]));
        k.copy_from_slice(bytes);
        Some(Self(k))
    }

    fn from_plaintext(bytes: &[u8], file: &Path) -> Result<Self> {
        Self::from_bytes(bytes).ok_or_else(|| damaged(file))
    }
}

impl PartialEq for RawKey {
    fn eq(&self, other: &Self) -> bool {
        // Only ever compares two keys we hold; timing does not leak anything an attacker can use.
        **self.0 == **other.0
    }
}

impl fmt::Debug for RawKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RawKey(<redacted>)")
    }
}

/// How hard scrypt works when wrapping the key to a passphrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KdfCost {
    /// About one second on this machine, never below [`MIN_LOG_N`]. What real vaults use.
    Calibrated,
    /// A fixed, possibly tiny, work factor. Only for tests: a vault made like this is weak.
    InsecureForTests(u8),
}

impl KdfCost {
    /// `Calibrated`, unless this is a debug build and `LINKWORK_INSECURE_TEST_KDF` is set (the
    /// end-to-end tests do this so each unlock takes milliseconds). Release builds ignore it.
    pub fn from_env() -> Self {
        if linkwork_core::debug_switches::insecure_test_kdf() {
            KdfCost::InsecureForTests(10)
        } else {
            KdfCost::Calibrated
        }
    }
}

/// An age X25519 public key (`age1…`) held by the practice manager or supervisor.
#[derive(Clone)]
pub struct RecoveryRecipient {
    text: String,
    recipient: age::x25519::Recipient,
}

impl RecoveryRecipient {
    pub fn parse(field: &str, s: &str) -> Result<Self, ValidationError> {
        let text = s.trim();
        let recipient = age::x25519::Recipient::from_str(text).map_err(|_| {
            ValidationError::new(
                field,
                "That is not an age public key. It starts with \"age1\" and is 62 characters long; \
                 copy it exactly as your practice manager or supervisor gave it to you.",
            )
        })?;
        Ok(Self {
            text: text.to_string(),
            recipient,
        })
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub(crate) fn age_recipient(&self) -> &age::x25519::Recipient {
        &self.recipient
    }
}

impl fmt::Debug for RecoveryRecipient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RecoveryRecipient({})", self.text)
    }
}

/// The secret half of a recovery key (`AGE-SECRET-KEY-1…`), as read from an age identity file.
pub struct RecoveryIdentity(age::x25519::Identity);

impl RecoveryIdentity {
    /// Accepts an identity file's contents: comment lines (`#`) and blank lines are skipped.
    pub fn parse(field: &str, text: &str) -> Result<Self, ValidationError> {
        let key = text
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty() && !l.starts_with('#'))
            .unwrap_or("");
        age::x25519::Identity::from_str(key).map(Self).map_err(|_| {
            ValidationError::new(
                field,
                "That is not an age recovery key. It starts with \"AGE-SECRET-KEY-1\"; use the key \
                 file your practice manager or supervisor keeps.",
            )
        })
    }

    pub fn recipient_string(&self) -> String {
        self.0.to_public().to_string()
    }

    pub(crate) fn age_identity(&self) -> &age::x25519::Identity {
        &self.0
    }
}

impl fmt::Debug for RecoveryIdentity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RecoveryIdentity(<redacted>)")
    }
}

/// The vault's own age identity (X25519). Its public key is the handover key colleagues encrypt
/// to, and backups are encrypted to it. The secret lives inside the encrypted database, and a copy
/// wrapped to the passphrase travels in each backup's header.
pub struct VaultIdentity(age::x25519::Identity);

impl VaultIdentity {
    pub(crate) fn generate() -> Self {
        Self(age::x25519::Identity::generate())
    }

    pub(crate) fn from_secret(text: &str) -> Option<Self> {
        age::x25519::Identity::from_str(text.trim()).ok().map(Self)
    }

    pub(crate) fn secret(&self) -> Zeroizing<String> {
        use secrecy::ExposeSecret;
        Zeroizing::new(self.0.to_string().expose_secret().to_owned())
    }

    /// The public key (`age1…`) to give to colleagues.
    pub fn recipient(&self) -> String {
        self.0.to_public().to_string()
    }

    pub(crate) fn age_recipient(&self) -> age::x25519::Recipient {
        self.0.to_public()
    }

    pub(crate) fn age_identity(&self) -> &age::x25519::Identity {
        &self.0
    }

    /// The identity encrypted to `passphrase` as a standard age (scrypt) file.
    pub(crate) fn wrap_with_passphrase(
        &self,
        passphrase: &Passphrase,
        cost: KdfCost,
    ) -> Result<Vec<u8>> {
        wrap_bytes_with_passphrase(self.secret().as_bytes(), passphrase, cost)
    }

    /// Opens what [`VaultIdentity::wrap_with_passphrase`] wrote. `None`: the passphrase is wrong
    /// (or the blob damaged, which age cannot tell apart).
    pub(crate) fn unwrap_with_passphrase(blob: &[u8], passphrase: &Passphrase) -> Option<Self> {
        let mut id = age::scrypt::Identity::new(SecretString::from(passphrase.expose().to_owned()));
        id.set_max_work_factor(MAX_LOG_N);
        let decryptor = age::Decryptor::new(blob).ok()?;
        let mut reader = decryptor
            .decrypt(iter::once(&id as &dyn age::Identity))
            .ok()?;
        let mut plain = Zeroizing::new(Vec::new());
        reader.read_to_end(&mut plain).ok()?;
        Self::from_secret(std::str::from_utf8(&plain).ok()?)
    }
}

impl VaultIdentity {
    /// The vault's signing key (Ed25519), derived from its identity: it rotates with the identity
    /// and is never stored apart from it. Backups are signed with it.
    pub(crate) fn signer(&self) -> Signer {
        let secret = self.secret();
        let hk = hkdf::Hkdf::<sha2::Sha256>::new(Some(b"linkwork"), secret.as_bytes());
        let mut seed = Zeroizing::new([0u8; 32]);
        hk.expand(b"linkwork vault signing key v1", &mut *seed)
            .expect("32 bytes is a valid HKDF length");
        Signer(ed25519_dalek::SigningKey::from_bytes(&seed))
    }

    /// The public half of [`VaultIdentity::signer`]: what colleagues accept and compare.
    pub fn signer_key(&self) -> SignerKey {
        self.signer().public()
    }

    /// Signs a report pack's figures and about files, exactly as they are archived.
    pub fn sign_report(&self, figures: &[u8], about: &[u8]) -> ReportSignature {
        let signer = self.signer();
        ReportSignature {
            signer: signer.public().to_hex(),
            signature: hex::encode(signer.sign(&report_message(figures, about))),
        }
    }
}

/// A report pack's `signature.json`: the signing vault's public key and its signature over the
/// pack's `figures.json` and `about.json`, both hex.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct ReportSignature {
    pub signer: String,
    pub signature: String,
}

/// The SHA-256 of a file in a report pack, hex: `about.json` names the case studies' file by it,
/// so the signature over `about.json` covers that file too.
pub fn pack_file_digest(bytes: &[u8]) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(bytes))
}

fn report_message(figures: &[u8], about: &[u8]) -> Vec<u8> {
    use sha2::Digest;
    let mut m = b"linkwork-report-signature-v1\n".to_vec();
    m.extend_from_slice(&sha2::Sha256::digest(figures));
    m.extend_from_slice(&sha2::Sha256::digest(about));
    m
}

impl ReportSignature {
    /// The signer, when the signature is its own over these files; `None` for a forgery or a
    /// changed file.
    pub fn check(&self, figures: &[u8], about: &[u8]) -> Option<SignerKey> {
        let key = SignerKey::from_hex(&self.signer)?;
        let sig = hex::decode(&self.signature).ok()?;
        key.verifies(&report_message(figures, about), &sig)
            .then_some(key)
    }
}

/// A vault's signing key; wiped on drop.
pub(crate) struct Signer(ed25519_dalek::SigningKey);

impl Signer {
    pub(crate) fn sign(&self, message: &[u8]) -> [u8; 64] {
        use ed25519_dalek::Signer as _;
        self.0.sign(message).to_bytes()
    }

    pub(crate) fn public(&self) -> SignerKey {
        SignerKey(self.0.verifying_key())
    }
}

/// A vault's public signing key: what a signature is checked against.
#[derive(Clone, PartialEq, Eq)]
pub struct SignerKey(ed25519_dalek::VerifyingKey);

impl SignerKey {
    pub fn to_hex(&self) -> String {
        hex::encode(self.0.as_bytes())
    }

    pub fn from_hex(text: &str) -> Option<Self> {
        let bytes: [u8; 32] = hex::decode(text.trim()).ok()?.try_into().ok()?;
        ed25519_dalek::VerifyingKey::from_bytes(&bytes)
            .ok()
            .map(Self)
    }

    /// A short fingerprint for two people to compare by phone: 20 hex digits in groups of four.
    pub fn fingerprint(&self) -> String {
        use sha2::Digest;
        let digest = hex::encode_upper(&sha2::Sha256::digest(self.0.as_bytes())[..10]);
        digest
            .as_bytes()
            .chunks(4)
            .map(|c| std::str::from_utf8(c).expect("hex is ASCII"))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Whether `signature` is this key's over `message` (strict: no malleable forms).
    pub fn verifies(&self, message: &[u8], signature: &[u8]) -> bool {
        let Ok(bytes) = <[u8; 64]>::try_from(signature) else {
            return false;
        };
        self.0
            .verify_strict(message, &ed25519_dalek::Signature::from_bytes(&bytes))
            .is_ok()
    }
}

impl fmt::Debug for SignerKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SignerKey({})", self.fingerprint())
    }
}

impl fmt::Debug for VaultIdentity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "VaultIdentity({})", self.recipient())
    }
}

fn file_name(file: &Path) -> String {
    file.file_name()
        .map(|n| n.to_string_lossy().into())
        .unwrap_or_default()
}

fn damaged(file: &Path) -> StoreError {
    StoreError::KeyFileDamaged(file_name(file))
}

fn encrypt(recipient: &dyn age::Recipient, key: &RawKey) -> Result<Vec<u8>> {
    encrypt_bytes(recipient, &**key.0)
}

fn encrypt_bytes(recipient: &dyn age::Recipient, secret: &[u8]) -> Result<Vec<u8>> {
    let enc = age::Encryptor::with_recipients(iter::once(recipient))
        .map_err(|e| StoreError::KeyWrap(e.to_string()))?;
    let mut out = Vec::new();
    let io_err = |e: std::io::Error| StoreError::KeyWrap(e.to_string());
    let mut w = enc.wrap_output(&mut out).map_err(io_err)?;
    w.write_all(secret).map_err(io_err)?;
    w.finish().map_err(io_err)?;
    Ok(out)
}

/// The scrypt work factor an age file's header asks for (`-> scrypt <salt> <log_n>`).
pub fn scrypt_log_n(age_file: &[u8]) -> Option<u8> {
    let end = age_file.windows(4).position(|w| w == b"\n---")?;
    let header = std::str::from_utf8(&age_file[..end]).ok()?;
    let line = header.lines().find(|l| l.starts_with("-> scrypt "))?;
    line.split_whitespace().nth(3)?.parse().ok()
}

pub(crate) fn wrap_with_passphrase(
    key: &RawKey,
    passphrase: &Passphrase,
    cost: KdfCost,
) -> Result<Vec<u8>> {
    wrap_bytes_with_passphrase(&**key.0, passphrase, cost)
}

fn wrap_bytes_with_passphrase(
    secret_bytes: &[u8],
    passphrase: &Passphrase,
    cost: KdfCost,
) -> Result<Vec<u8>> {
    let secret = || SecretString::from(passphrase.expose().to_owned());
    let mut r = age::scrypt::Recipient::new(secret());
    match cost {
        KdfCost::InsecureForTests(n) => r.set_work_factor(n),
        KdfCost::Calibrated => {
            // age calibrates to ~1 s; on a very fast machine that is fine, on a slow one keep the floor.
            let out = encrypt_bytes(&r, secret_bytes)?;
            if scrypt_log_n(&out).is_some_and(|n| n >= MIN_LOG_N) {
                return Ok(out);
            }
            r = age::scrypt::Recipient::new(secret());
            r.set_work_factor(MIN_LOG_N);
        }
    }
    encrypt_bytes(&r, secret_bytes)
}

pub(crate) fn wrap_to_recipient(key: &RawKey, recipient: &RecoveryRecipient) -> Result<Vec<u8>> {
    encrypt(&recipient.recipient, key)
}

fn decrypt(
    file: &Path,
    bytes: &[u8],
    identity: &dyn age::Identity,
    wrong: StoreError,
) -> Result<RawKey> {
    let decryptor = age::Decryptor::new(bytes).map_err(|_| damaged(file))?;
    let mut reader = decryptor
        .decrypt(iter::once(identity))
        .map_err(|e| match e {
            age::DecryptError::DecryptionFailed
            | age::DecryptError::NoMatchingKeys
            | age::DecryptError::KeyDecryptionFailed => wrong,
            age::DecryptError::ExcessiveWork { required, .. } => StoreError::KeyFileTooCostly {
                file: file_name(file),
                asks: required,
            },
            _ => damaged(file),
        })?;
    let mut plain = Zeroizing::new(Vec::with_capacity(32));
    reader.read_to_end(&mut plain).map_err(|_| damaged(file))?;
    RawKey::from_plaintext(&plain, file)
}

pub(crate) fn unwrap_with_passphrase(file: &Path, passphrase: &Passphrase) -> Result<RawKey> {
    let bytes = read_key_file(file)?;
    let mut id = age::scrypt::Identity::new(SecretString::from(passphrase.expose().to_owned()));
    id.set_max_work_factor(MAX_LOG_N);
    decrypt(file, &bytes, &id, StoreError::WrongPassphrase)
}

pub(crate) fn unwrap_with_identity(file: &Path, identity: &RecoveryIdentity) -> Result<RawKey> {
    let bytes = read_key_file(file)?;
    decrypt(file, &bytes, &identity.0, StoreError::WrongRecoveryKey)
}

fn read_key_file(file: &Path) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    let mut f = File::open(file).map_err(|e| StoreError::io("read the key file", file, e))?;
    let len = f
        .metadata()
        .map_err(|e| StoreError::io("read the key file", file, e))?
        .len();
    if len > MAX_KEY_FILE_BYTES {
        return Err(damaged(file));
    }
    f.read_to_end(&mut bytes)
        .map_err(|e| StoreError::io("read the key file", file, e))?;
    Ok(bytes)
}

pub(crate) use crate::platform::{create_private, tighten};
