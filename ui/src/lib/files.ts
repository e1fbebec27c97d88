import { invoke } from "./ipc";
import type { FileHandle } from "../generated/api";

/**
 * Files are picked with the system's own open, save and folder dialogs, which the shell opens
 * from Rust. The window gets back a handle for the chosen file (and its name to show), never a
 * path it could have made up: the core names files from the window only by these handles, so
 * script in the window cannot write or read a file of its choosing. The core still decides
 * whether the file may be written (never inside the data folder, never over a file unless
 * confirmed; the system's save dialog asks about replacing a file itself).
 *
 * End-to-end tests cannot click a native dialog: a debug build under them takes each answer from
 * a file the test writes (see `LINKWORK_TEST_DIALOG_ANSWERS`), still in Rust.
 */
export interface Chosen {
  /** What the core takes. */
  handle: FileHandle;
  /** The file or folder name, to show. */
  name: string;
  /** The whole path, to show. */
  shown: string;
}

/** No file chosen yet: the core answers with which file it needs, beside its field. */
export const NONE_CHOSEN = "" as FileHandle;

export interface Filter {
  name: string;
  extensions: string[];
}

function choose(kind: "open" | "save" | "folder", title: string, defaultName: string | null, filters: Filter[]): Promise<Chosen | null> {
  return invoke<Chosen | null>("choose_file", { kind, title, defaultName, filters });
}

export function pickFile(title: string, filters: Filter[]): Promise<Chosen | null> {
  return choose("open", title, null, filters);
}

export function pickFolder(title: string): Promise<Chosen | null> {
  return choose("folder", title, null, []);
}

/** Where to save. */
export function pickSaveAs(title: string, defaultName: string, filters: Filter[]): Promise<Chosen | null> {
  return choose("save", title, defaultName, filters);
}

/** The last part of a path, for messages. */
export function fileName(path: string): string {
  return path.split(/[\\/]/).filter(Boolean).pop() ?? path;
}
