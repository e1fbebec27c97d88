import type { CodedLine } from "../generated/api";

/**
 * Puts text on the clipboard. The async Clipboard API first; WebKitGTK may refuse it outside a
 * user gesture it recognises, so the old copy command on a hidden text area is the fallback.
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const back = document.activeElement as HTMLElement | null;
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    const ok = document.execCommand("copy");
    area.remove();
    back?.focus();
    return ok;
  }
}

/** One line for the GP record, paste-ready, as the core writes it (`CodedLine::tsv`). */
export function lineTsv(l: CodedLine): string {
  return l.paste;
}
