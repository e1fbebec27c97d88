import { open, save } from "@tauri-apps/plugin-dialog";

/**
 * Files are picked with the system's own open and save dialogs; the dialog only hands back a path,
 * and the core decides whether it may be written (never inside the data folder, never over a file
 * unless confirmed). The native save dialog asks before replacing a file itself.
 *
 * End-to-end tests cannot click a native dialog: they put the next path in
 * `window.__linkworkNextPath`, which is used once instead of opening one (and counts as not yet
 * confirmed, so the app's own "Replace it?" question shows).
 */
declare global {
  interface Window {
    __linkworkNextPath?: string;
  }
}

function nextTestPath(): string | undefined {
  const p = window.__linkworkNextPath;
  delete window.__linkworkNextPath;
  return p;
}

export interface Filter {
  name: string;
  extensions: string[];
}

export async function pickFile(title: string, filters: Filter[]): Promise<string | null> {
  const test = nextTestPath();
  if (test !== undefined) return test;
  const picked = await open({ title, multiple: false, directory: false, filters });
  return typeof picked === "string" ? picked : null;
}

export async function pickFolder(title: string): Promise<string | null> {
  const test = nextTestPath();
  if (test !== undefined) return test;
  const picked = await open({ title, multiple: false, directory: true });
  return typeof picked === "string" ? picked : null;
}

/** Where to save; `confirmed` when the system dialog already asked about replacing a file. */
export async function pickSaveAs(title: string, defaultName: string, filters: Filter[]): Promise<{ path: string; confirmed: boolean } | null> {
  const test = nextTestPath();
  if (test !== undefined) return { path: test, confirmed: false };
  const path = await save({ title, defaultPath: defaultName, filters });
  return path ? { path, confirmed: true } : null;
}

/** The last part of a path, for messages. */
export function fileName(path: string): string {
  return path.split(/[\\/]/).filter(Boolean).pop() ?? path;
}
