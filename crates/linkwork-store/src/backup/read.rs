//! Reading a backup: the age stream opened with the passphrase or the recovery key, the archive's
//! parts taken in order into a private folder while hashing, then every check (checksum, pages,
//! structure, schema, rows, signature) before anything may use what was read.

use super::*;
use crate::keys::SignerKey;
use std::io::BufReader;

pub(super) fn unpack_and_check(
    file: &Path,
    opener: Opener<'_>,
    db_out: &Path,
) -> Result<(Verified, RawKey)> {
    let f = File::open(file).map_err(|e| StoreError::io("open the backup", file, e))?;
    let decryptor = age::Decryptor::new_buffered(BufReader::new(f))
        .map_err(|_| damaged(file, "it is not an age-encrypted file"))?;
    let by_passphrase = match opener {
        Opener::Passphrase(p) => Some(PassphraseOpener {
            passphrase: p,
            opened: std::cell::RefCell::new(None),
        }),
        Opener::Recovery(_) => None,
    };
    let identity: &dyn age::Identity = match (&by_passphrase, opener) {
        (Some(p), _) => p,
        (None, Opener::Recovery(id)) => id.age_identity(),
        (None, Opener::Passphrase(_)) => unreachable!("made above"),
    };
    let stream = decryptor
        .decrypt(iter::once(identity))
        .map_err(|e| match e {
            age::DecryptError::DecryptionFailed
            | age::DecryptError::NoMatchingKeys
            | age::DecryptError::KeyDecryptionFailed => wrong_key(opener),
            _ => damaged(file, "its header is damaged"),
        })?;

    let mut manifest: Option<(Manifest, Vec<u8>)> = None;
    let mut meta: Option<(VaultMeta, Vec<u8>)> = None;
    let mut key: Option<RawKey> = None;
    let mut hashed: Option<(String, u64)> = None;
    let mut signature: Option<SignatureFile> = None;
    let broken = |_: io::Error| damaged(file, "it is damaged or incomplete");
    let mut archive = tar::Archive::new(stream);
    // Members come in the order `write` puts them, each once, each a plain file: the manifest
    // first, so the database is read no further than the size it gives.
    let mut expected = [MANIFEST, VAULT, KEY, DB, SIGNATURE].into_iter();
    for entry in archive.entries().map_err(broken)? {
        let mut entry = entry.map_err(broken)?;
        let name = entry.path().map_err(broken)?.to_string_lossy().into_owned();
        if expected.next() != Some(name.as_str()) {
            return Err(damaged(
                file,
                "it holds something that is not part of a backup, or its parts are out of order",
            ));
        }
        if entry.header().entry_type() != tar::EntryType::Regular {
            return Err(damaged(file, "one of its parts is not a plain file"));
        }
        match name.as_str() {
            MANIFEST => manifest = Some(read_json_bytes(&mut entry, file)?),
            VAULT => meta = Some(read_json_bytes(&mut entry, file)?),
            SIGNATURE => signature = Some(read_json(&mut entry, file)?),
            KEY => {
                let mut b = Zeroizing::new(Vec::new());
                (&mut entry)
                    .take(SMALL_LIMIT)
                    .read_to_end(&mut b)
                    .map_err(broken)?;
                key = Some(
                    RawKey::from_bytes(&b).ok_or_else(|| damaged(file, "its key is not valid"))?,
                );
            }
            DB => {
                let size = manifest.as_ref().map_or(0, |(m, _)| m.bytes);
                if entry.size() != size {
                    return Err(damaged(
                        file,
                        "its database is not the size its manifest says",
                    ));
                }
                hashed = Some(copy_hashed(&mut (&mut entry).take(size), db_out, file)?);
            }
            _ => unreachable!("only the expected names get here"),
        }
    }
    // The archive can end before the encrypted stream does: read to the end, so a cut-off file
    // fails age's check of its last chunk.
    io::copy(&mut archive.into_inner(), &mut io::sink()).map_err(broken)?;

    let missing = |what| damaged(file, &format!("its {what} is missing"));
    let (manifest, manifest_json) = manifest.ok_or_else(|| missing("manifest"))?;
    let (meta, vault_json) = meta.ok_or_else(|| missing("vault description"))?;
    let key = key.ok_or_else(|| missing("key"))?;
    let (sha256, bytes) = hashed.ok_or_else(|| missing("database"))?;
    if manifest.format != FORMAT || manifest.version > VERSION {
        return Err(damaged(
            file,
            "it is not a backup this version of Linkwork can read",
        ));
    }
    let supported = migrations::latest_version();
    if manifest.schema_version > supported {
        return Err(StoreError::BackupNewerVersion {
            found: manifest.schema_version,
            supported,
        });
    }
    if sha256 != manifest.sha256 || bytes != manifest.bytes {
        return Err(damaged(file, "its database does not match its checksum"));
    }
    check_snapshot(db_out, &key, &manifest).map_err(|reason| damaged(file, &reason))?;

    // Signed by the identity the backup holds, and (opened with the passphrase) by the identity
    // the passphrase unwrapped: a forger has neither's secret.
    let held = {
        let conn = db::open_snapshot(db_out, &key)?;
        settings::vault_identity(Read::new(&conn))?
            .ok_or_else(|| damaged(file, "it holds no vault identity"))?
    };
    let opened_by = by_passphrase.and_then(|p| p.opened.into_inner());
    if opened_by
        .as_ref()
        .is_some_and(|id| id.recipient() != held.recipient())
    {
        return Err(StoreError::BackupForged(file.into()));
    }
    let signed_by = match (signature, manifest.version) {
        (None, 1) => None,
        (None, _) => return Err(StoreError::BackupForged(file.into())),
        (Some(sig), _) => {
            let signer = held.signer().public();
            let message = signed_message(&manifest_json, &vault_json, key.bytes());
            let valid = hex::decode(&sig.signature).is_ok_and(|s| signer.verifies(&message, &s))
                && SignerKey::from_hex(&sig.signer).as_ref() == Some(&signer);
            if !valid {
                return Err(StoreError::BackupForged(file.into()));
            }
            Some(signer.fingerprint())
        }
    };
    Ok((
        Verified {
            manifest,
            vault: meta,
            signed_by,
        },
        key,
    ))
}

/// The snapshot's own checks; `Err` is the reason, in words.
fn check_snapshot(
    path: &Path,
    key: &RawKey,
    manifest: &Manifest,
) -> std::result::Result<(), String> {
    let conn =
        db::open_snapshot(path, key).map_err(|_| "its database does not open".to_string())?;
    let rows = |sql: &str| -> std::result::Result<Vec<String>, String> {
        let mut stmt = conn.prepare(sql).map_err(|e| e.to_string())?;
        let out = stmt
            .query_map([], |r| r.get::<_, String>(0))
            .map_err(|e| e.to_string())?
            .collect::<std::result::Result<Vec<_>, _>>()
            .map_err(|e| e.to_string());
        out
    };
    if !rows("PRAGMA cipher_integrity_check")?.is_empty() {
        return Err("its database fails the encryption check".into());
    }
    if rows("PRAGMA integrity_check")? != ["ok"] {
        return Err("its database fails the integrity check".into());
    }
    if !migrations::broken_links(&conn)
        .map_err(|e| e.to_string())?
        .is_empty()
    {
        return Err("its database has broken links between records".into());
    }
    let version = migrations::version_of(&conn).map_err(|e| e.to_string())?;
    if version != manifest.schema_version {
        return Err("its database is not the version its manifest says".into());
    }
    // Exactly what the migrations make, no more: an added trigger or view would run inside the
    // restored vault.
    let schema = migrations::schema_of(&conn).map_err(|e| e.to_string())?;
    if schema != migrations::expected_schema(version).map_err(|e| e.to_string())? {
        return Err(
            "its database's structure is not one Linkwork makes (a table, index, trigger or view was added or changed)"
                .into(),
        );
    }
    if count_tables(&conn, "main").map_err(|e| e.to_string())? != manifest.counts {
        return Err("its database does not hold the rows its manifest lists".into());
    }
    if manifest.audit.is_some()
        && crate::audit::anchor_on(&conn).map_err(|e| e.to_string())? != manifest.audit
    {
        return Err("its audit trail does not end where its manifest says".into());
    }
    Ok(())
}

fn copy_hashed(from: &mut dyn io::Read, to: &Path, file: &Path) -> Result<(String, u64)> {
    let mut out = keys::create_private(to).map_err(|e| StoreError::io("write", to, e))?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    let mut n = 0u64;
    loop {
        let got = from
            .read(&mut buf)
            .map_err(|_| damaged(file, "it is damaged or incomplete"))?;
        if got == 0 {
            break;
        }
        h.update(&buf[..got]);
        out.write_all(&buf[..got])
            .map_err(|e| StoreError::io("write", to, e))?;
        n += got as u64;
    }
    out.sync_all().map_err(|e| StoreError::io("write", to, e))?;
    Ok((hex::encode(h.finalize()), n))
}

/// A small JSON part, and its bytes exactly as archived (the signature covers them).
fn read_json_bytes<T: serde::de::DeserializeOwned>(
    r: &mut dyn io::Read,
    file: &Path,
) -> Result<(T, Vec<u8>)> {
    let mut b = Vec::new();
    r.take(SMALL_LIMIT)
        .read_to_end(&mut b)
        .map_err(|_| damaged(file, "it is damaged or incomplete"))?;
    let value =
        serde_json::from_slice(&b).map_err(|_| damaged(file, "its description is not readable"))?;
    Ok((value, b))
}

fn read_json<T: serde::de::DeserializeOwned>(r: &mut dyn io::Read, file: &Path) -> Result<T> {
    let mut b = Vec::new();
    r.take(SMALL_LIMIT)
        .read_to_end(&mut b)
        .map_err(|_| damaged(file, "it is damaged or incomplete"))?;
    serde_json::from_slice(&b).map_err(|_| damaged(file, "its description is not readable"))
}

/// Opens a backup with the passphrase: unwraps the identity from the `linkwork-passphrase`
/// stanza, then lets it open its X25519 stanza.
struct PassphraseOpener<'a> {
    passphrase: &'a Passphrase,
    /// The identity the passphrase unwrapped: the backup must be signed by it.
    opened: std::cell::RefCell<Option<VaultIdentity>>,
}

impl age::Identity for PassphraseOpener<'_> {
    fn unwrap_stanza(&self, _: &Stanza) -> Option<std::result::Result<FileKey, age::DecryptError>> {
        None
    }

    fn unwrap_stanzas(
        &self,
        stanzas: &[Stanza],
    ) -> Option<std::result::Result<FileKey, age::DecryptError>> {
        let wrapped = stanzas.iter().find(|s| s.tag == PASSPHRASE_TAG)?;
        match VaultIdentity::unwrap_with_passphrase(&wrapped.body, self.passphrase) {
            None => Some(Err(age::DecryptError::DecryptionFailed)),
            Some(id) => {
                let key = age::Identity::unwrap_stanzas(id.age_identity(), stanzas);
                *self.opened.borrow_mut() = Some(id);
                key
            }
        }
    }
}

fn wrong_key(opener: Opener<'_>) -> StoreError {
    StoreError::BackupWrongKey(match opener {
        Opener::Passphrase(_) => "That passphrase does not open this backup. Use the passphrase the vault had when the backup was made (check Caps Lock), or the recovery key.",
        Opener::Recovery(_) => "That recovery key does not open this backup. Use the key that matches the recovery public key the vault had when the backup was made, or the passphrase.",
    })
}
