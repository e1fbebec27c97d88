// Generated from crates/linkwork-api by `./dev bindings`. Do not edit: change the Rust types.
// A test fails when this file is out of date.

import { invoke } from "@tauri-apps/api/core";

export type ApiError = { code: string, message: string, field: string | null, };

export type AppStatus = { vault: VaultStatus, 
/**
 * Shown on the create and unlock screens so people know where their data lives.
 */
data_dir: string, 
/**
 * The recovery public key (`age1…`), if one is set up. Known even while locked.
 */
recovery_recipient: string | null, 
/**
 * Why the vault is locked, when Linkwork locked it by itself.
 */
locked_reason: LockReason | null, app_version: string, };

export type ChangePassphraseArgs = { old_passphrase: string, new_passphrase: string, new_passphrase_confirm: string, };

export type CreateVaultArgs = { passphrase: string, passphrase_confirm: string, 
/**
 * Optional `age1…` public key of the practice manager or supervisor.
 */
recovery_recipient: string | null, };

export type IntegrityView = { ok: boolean, data_version: number, problems: Array<string>, };

export type LockReason = "requested" | "idle";

export type RecoverArgs = { 
/**
 * The contents of the recovery key file (`AGE-SECRET-KEY-1…`).
 */
recovery_identity: string, new_passphrase: string, new_passphrase_confirm: string, };

export type SetRecoveryArgs = { recovery_recipient: string, };

export type SettingsView = { auto_lock_minutes: number, auto_lock_min: number, auto_lock_max: number, recovery_recipient: string | null, data_dir: string, 
/**
 * Database schema version, for support calls.
 */
data_version: number, };

export type UnlockArgs = { passphrase: string, };

export type UpdateSettingsArgs = { auto_lock_minutes: number, };

export type VaultStatus = "no_vault" | "locked" | "unlocked";

/** Every command the core offers, typed from the Rust handlers. Rejects with an `ApiError`. */
export const api = {
  /** Is there a vault, and is it locked? Needs no passphrase. */
  status: (): Promise<AppStatus> => invoke("call", { command: "status", args: {} }),
  /** First launch: make the vault. */
  create_vault: (args: CreateVaultArgs): Promise<AppStatus> => invoke("call", { command: "create_vault", args }),
  unlock: (args: UnlockArgs): Promise<AppStatus> => invoke("call", { command: "unlock", args }),
  /** Forgotten passphrase: open with the recovery key and set a new passphrase. */
  recover: (args: RecoverArgs): Promise<AppStatus> => invoke("call", { command: "recover", args }),
  lock: (): Promise<AppStatus> => invoke("call", { command: "lock", args: {} }),
  /** The person is active (keeps the idle lock away). */
  touch: (): Promise<void> => invoke("call", { command: "touch", args: {} }),
  get_settings: (): Promise<SettingsView> => invoke("call", { command: "get_settings", args: {} }),
  update_settings: (args: UpdateSettingsArgs): Promise<SettingsView> => invoke("call", { command: "update_settings", args }),
  change_passphrase: (args: ChangePassphraseArgs): Promise<void> => invoke("call", { command: "change_passphrase", args }),
  set_recovery: (args: SetRecoveryArgs): Promise<SettingsView> => invoke("call", { command: "set_recovery", args }),
  remove_recovery: (): Promise<SettingsView> => invoke("call", { command: "remove_recovery", args: {} }),
  check_integrity: (): Promise<IntegrityView> => invoke("call", { command: "check_integrity", args: {} }),
} as const;
