//! Credential changes: a new passphrase, a reset after a forgotten one, and setting or removing
//! the recovery key. Each one rekeys the database under a fresh random key ([`Vault::rekey`]), so an
//! old key file with its old secret opens nothing current, and gives the vault a new identity
//! (handover key), so an old passphrase with an old backup opens no later backup or handover.

use super::*;

impl Vault {
    /// Sets a new passphrase; the current one must open the key file on disk. The database gets
    /// a fresh key (see [`Vault::rekey`]), so the old key file and passphrase open nothing current.
    pub fn change_passphrase(
        &mut self,
        old: &Passphrase,
        new: &Passphrase,
        cost: KdfCost,
    ) -> Result<()> {
        self.confirm_passphrase(old)?;
        let recovery = self.current_recovery();
        self.rekey(new, recovery.as_ref(), cost)?;
        self.audit_vault(AuditAction::Update, Entity::VaultPassphrase)
    }

    /// Sets a new passphrase without the old one. Only allowed when the vault was opened with the
    /// recovery key: that is the "forgotten passphrase" path. The database gets a fresh key too.
    pub fn reset_passphrase(&mut self, new: &Passphrase, cost: KdfCost) -> Result<()> {
        if !self.opened_with_recovery {
            return Err(StoreError::WrongRecoveryKey);
        }
        let recovery = self.current_recovery();
        self.rekey(new, recovery.as_ref(), cost)?;
        self.audit_vault(AuditAction::Update, Entity::VaultPassphrase)
    }

    /// The passphrase must open the key file on disk, and give this vault's key. Also asked for
    /// before records leave the vault for someone else (a handover).
    pub fn confirm_passphrase(&self, passphrase: &Passphrase) -> Result<()> {
        let on_disk = keys::unwrap_with_passphrase(&self.paths.passphrase_key(), passphrase)?;
        if on_disk != self.key {
            return Err(StoreError::KeyFileDamaged(
                crate::paths::PASSPHRASE_KEY_FILE.into(),
            ));
        }
        Ok(())
    }

    fn current_recovery(&self) -> Option<RecoveryRecipient> {
        self.recovery_recipient()
            .and_then(|r| RecoveryRecipient::parse("recovery", r).ok())
    }

    /// Gives the database a fresh random key, wraps it to `passphrase` and `recovery` (none: no
    /// recovery key file), and moves the new key files into place as one change that a crash
    /// cannot split (see [`crate::key_change`]). Copies made before upgrades are deleted: they
    /// hold the old key. No other connection may be open on the database (the caller waits for
    /// its jobs): one would still hold the old key.
    fn rekey(
        &mut self,
        passphrase: &Passphrase,
        recovery: Option<&RecoveryRecipient>,
        cost: KdfCost,
    ) -> Result<()> {
        let new = RawKey::generate();
        let passphrase_file = keys::wrap_with_passphrase(&new, passphrase, cost)?;
        let recovery_file = recovery
            .map(|r| keys::wrap_to_recipient(&new, r))
            .transpose()?;
        // A new identity too: with the old one, an old passphrase and an old backup would open
        // every later backup and handover. Backups made from now on open with the new
        // passphrase and identity; older ones keep what they were made with.
        let identity = VaultIdentity::generate();
        let wrapped_identity = identity.wrap_with_passphrase(passphrase, cost)?;
        let meta = VaultMeta {
            recovery_recipient: recovery.map(|r| r.as_str().to_string()),
            ..self.meta.clone()
        };
        key_change::stage(
            &self.paths,
            &passphrase_file,
            recovery_file.as_deref(),
            &meta,
        )?;
        // Every page moves to the main file first, so none is left under the old key after.
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        db::rekey(&self.conn, &new)?;
        // SQLCipher reports success even when it rolled back: prove the new key opens the file.
        if let Err(e) = db::open(&self.paths.db(), &new, db::Mode::Another) {
            if db::open(&self.paths.db(), &self.key, db::Mode::Another).is_ok() {
                key_change::discard(&self.paths)?;
            }
            return Err(e);
        }
        self.key = new;
        let _ = self
            .conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
        // The change has taken effect. Should moving the files fail now, the next unlock
        // finishes it (the staged key opens the database), so no error is reported.
        if key_change::mark_ready(&self.paths).is_ok() {
            let _ = key_change::promote(&self.paths);
        }
        self.meta = meta;
        prune_pre_migration_copies(&self.paths, None);
        self.write(|tx| {
            settings::replace_vault_identity(tx, &identity)?;
            settings::set_wrapped_identity(tx, &wrapped_identity)
        })?;
        Ok(())
    }

    /// Rewraps the same key to the same passphrase at a new work factor (a weak key file).
    pub(super) fn rewrap_passphrase(
        &mut self,
        passphrase: &Passphrase,
        cost: KdfCost,
    ) -> Result<()> {
        let wrapped = keys::wrap_with_passphrase(&self.key, passphrase, cost)?;
        write_vault_file(&self.paths.passphrase_key(), &wrapped)?;
        self.audit_vault(AuditAction::Update, Entity::VaultPassphrase)
    }

    /// Sets up a recovery key, replacing any earlier one: the database gets a fresh key, so a
    /// replaced recovery key opens nothing current. The passphrase confirms the change and
    /// wraps the new key.
    pub fn set_recovery(
        &mut self,
        passphrase: &Passphrase,
        recipient: &RecoveryRecipient,
        cost: KdfCost,
    ) -> Result<()> {
        self.confirm_passphrase(passphrase)?;
        self.rekey(passphrase, Some(recipient), cost)?;
        self.audit_vault(AuditAction::Update, Entity::VaultRecovery)
    }

    /// Removes the recovery key, with a fresh database key: after this only the passphrase opens
    /// the vault, and a copy of the old recovery key file is useless.
    pub fn remove_recovery(&mut self, passphrase: &Passphrase, cost: KdfCost) -> Result<()> {
        self.confirm_passphrase(passphrase)?;
        self.rekey(passphrase, None, cost)?;
        self.audit_vault(AuditAction::Delete, Entity::VaultRecovery)
    }
}
