import { getCurrentWebview } from "@tauri-apps/api/webview";
import type { ZoomChange } from "../generated/api";

/** Draws the whole window at `percent` (the webview's own zoom, so layout reflows). Outside the
 *  desktop shell (unit tests) there is no webview, and nothing happens. */
export function applyZoom(percent: number) {
  document.documentElement.dataset.zoom = String(percent);
  if (!("__TAURI_INTERNALS__" in window)) return;
  getCurrentWebview()
    .setZoom(percent / 100)
    .catch(() => undefined);
}

/** The core's zoom steps (`ZoomPercent::STEPS`), for zooming before a vault is open. */
const STEPS = [50, 67, 80, 90, 100, 110, 125, 150, 175, 200, 250, 300];

/** Ctrl+= (or Ctrl++), Ctrl+-, Ctrl+0. */
export function zoomChange(e: KeyboardEvent): ZoomChange | null {
  if (!e.ctrlKey || e.altKey) return null;
  const k = e.key;
  return k === "=" || k === "+" ? "larger" : k === "-" ? "smaller" : k === "0" ? "reset" : null;
}

export function stepZoom(percent: number, change: ZoomChange): number {
  if (change === "reset") return 100;
  const i = STEPS.indexOf(percent);
  const at = i < 0 ? STEPS.indexOf(100) : i;
  return STEPS[Math.max(0, Math.min(STEPS.length - 1, at + (change === "larger" ? 1 : -1)))];
}
