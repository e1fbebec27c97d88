import { invoke as tauriInvoke, type InvokeArgs } from "@tauri-apps/api/core";

/**
 * Every command goes through here. The core refuses any one text over 1 MB (a note of a few hundred
 * KB is fine); a whole request is capped a little above that here, before it is sent, so a huge
 * paste is never parsed at all.
 */
export const MAX_REQUEST_CHARS = 2 * 1024 * 1024;

export function tooLarge(args: InvokeArgs | undefined): boolean {
  return JSON.stringify(args ?? null).length > MAX_REQUEST_CHARS;
}

export async function invoke<T>(cmd: string, args?: InvokeArgs): Promise<T> {
  if (tooLarge(args)) {
    throw {
      code: "BAD_REQUEST",
      message: "That is more text than Linkwork takes in one go (over 1 MB). Shorten it, or split it into several notes.",
      field: null,
      related_person_id: null,
      problems: [],
    };
  }
  return tauriInvoke<T>(cmd, args);
}
