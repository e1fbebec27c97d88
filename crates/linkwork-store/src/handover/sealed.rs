//! A handover as one age file: the package signed by the sending vault (and the handover key it
//! was sealed to) behind a seal line, and opened only once that signature checks.

use super::{damaged, Package, FORMAT, VERSION};
use crate::{
    error::StoreError,
    keys::{SignerKey, VaultIdentity},
    Result,
};
use linkwork_core::ValidationError;
use serde::{Deserialize, Serialize};
use std::{
    io::{Read as _, Write},
    iter,
    str::FromStr,
};

/// A colleague's handover key (`age1…`).
pub struct HandoverRecipient(age::x25519::Recipient);

impl HandoverRecipient {
    pub fn parse(field: &str, text: &str) -> std::result::Result<Self, ValidationError> {
        age::x25519::Recipient::from_str(text.trim())
            .map(Self)
            .map_err(|_| {
                ValidationError::new(
                    field,
                    "That is not a handover key. Ask your colleague for theirs: it is in their Linkwork under Settings → Backup, starts with age1 and is 62 characters long.",
                )
            })
    }
}

/// The first line inside the age file: who signed the package that follows, for whom.
#[derive(Debug, Serialize, Deserialize)]
struct SealLine {
    format: String,
    version: u32,
    /// The handover key it was sealed to, so a colleague cannot pass it on as the sender's.
    to: String,
    /// The sending vault's public signing key, hex.
    signer: String,
    /// Ed25519 over [`signed_message`], hex.
    signature: String,
}

const SEAL_FORMAT: &str = "linkwork-handover-seal";

fn signed_message(to: &str, package: &[u8]) -> Vec<u8> {
    let mut m = b"linkwork handover v1\0".to_vec();
    m.extend_from_slice(to.as_bytes());
    m.push(0);
    m.extend_from_slice(package);
    m
}

/// The package as one age file to the colleague's key, signed by the sending vault.
pub fn seal(p: &Package, to: &HandoverRecipient, from: &VaultIdentity) -> Result<Vec<u8>> {
    let wrap = |e: String| StoreError::KeyWrap(e);
    let body = serde_json::to_vec(p).map_err(|e| wrap(e.to_string()))?;
    let to_text = to.0.to_string();
    let signer = from.signer();
    let line = SealLine {
        format: SEAL_FORMAT.into(),
        version: 1,
        signer: signer.public().to_hex(),
        signature: hex::encode(signer.sign(&signed_message(&to_text, &body))),
        to: to_text,
    };
    let enc = age::Encryptor::with_recipients(iter::once(&to.0 as &dyn age::Recipient))
        .map_err(|e| wrap(e.to_string()))?;
    let mut out = Vec::new();
    let mut w = enc.wrap_output(&mut out).map_err(|e| wrap(e.to_string()))?;
    serde_json::to_writer(&mut w, &line).map_err(|e| wrap(e.to_string()))?;
    w.write_all(b"\n").map_err(|e| wrap(e.to_string()))?;
    w.write_all(&body).map_err(|e| wrap(e.to_string()))?;
    w.finish().map_err(|e| wrap(e.to_string()))?;
    Ok(out)
}

/// A handover opened and its signature checked; whether its signer is accepted here is
/// [`crate::colleagues`]'s question.
#[derive(Debug)]
pub struct Opened {
    pub package: Package,
    pub signer: SignerKey,
}

/// Opens a handover with this vault's identity (or another age identity file's contents), checks
/// its signature before reading the package, and checks it is one this vault can take.
pub fn open(bytes: &[u8], identity: Opener<'_>, here_version: u32) -> Result<Opened> {
    let decryptor = age::Decryptor::new_buffered(bytes)
        .map_err(|_| damaged("it is not an age-encrypted file"))?;
    let parsed;
    let id: &age::x25519::Identity = match identity {
        Opener::Vault(v) => v.age_identity(),
        Opener::IdentityFile(text) => {
            let unreadable = |why: &str| StoreError::Invalid(ValidationError::new("identity", why));
            let line = text
                .lines()
                .map(str::trim)
                .find(|l| !l.is_empty() && !l.starts_with('#'))
                .ok_or_else(|| unreadable("That identity file holds no key."))?;
            parsed = age::x25519::Identity::from_str(line).map_err(|_| {
                unreadable("That identity file is not readable: it should hold a line starting with AGE-SECRET-KEY-1.")
            })?;
            &parsed
        }
    };
    let mut reader = decryptor
        .decrypt(iter::once(id as &dyn age::Identity))
        .map_err(|e| match e {
            age::DecryptError::NoMatchingKeys | age::DecryptError::DecryptionFailed => {
                StoreError::HandoverNotForYou
            }
            _ => damaged("its header is damaged"),
        })?;
    let mut plain = Vec::new();
    reader
        .read_to_end(&mut plain)
        .map_err(|_| damaged("it is damaged or incomplete"))?;
    let (line, body) = match plain.iter().position(|b| *b == b'\n') {
        Some(at) => (&plain[..at], &plain[at + 1..]),
        None => (&plain[..], &[][..]),
    };
    let Ok(seal) = serde_json::from_slice::<SealLine>(line) else {
        return Err(if serde_json::from_slice::<Package>(&plain).is_ok() {
            damaged("it was made by an earlier version of Linkwork, which did not sign handovers, so it could be a forgery. Ask the sender to update Linkwork and make it again")
        } else {
            damaged("it is not a Linkwork handover")
        });
    };
    if seal.format != SEAL_FORMAT || seal.version > 1 {
        return Err(damaged(
            "it is not a handover this version of Linkwork can read",
        ));
    }
    let signer = SignerKey::from_hex(&seal.signer).ok_or(StoreError::HandoverForged)?;
    let signature = hex::decode(&seal.signature).map_err(|_| StoreError::HandoverForged)?;
    let to = id.to_public().to_string();
    if seal.to != to || !signer.verifies(&signed_message(&to, body), &signature) {
        return Err(StoreError::HandoverForged);
    }
    let p: Package =
        serde_json::from_slice(body).map_err(|_| damaged("it is not a Linkwork handover"))?;
    if p.format != FORMAT || p.version > VERSION {
        return Err(damaged(
            "it is not a handover this version of Linkwork can read",
        ));
    }
    if p.schema_version != here_version {
        return Err(StoreError::HandoverVersion {
            found: p.schema_version,
            here: here_version,
        });
    }
    Ok(Opened { package: p, signer })
}

/// What opens a handover.
#[derive(Clone, Copy)]
pub enum Opener<'a> {
    Vault(&'a VaultIdentity),
    /// An age identity file's contents (`AGE-SECRET-KEY-1…`).
    IdentityFile(&'a str),
}
