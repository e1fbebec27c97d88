import { getCurrentWebview } from "@tauri-apps/api/webview";

/** Draws the whole window at `percent` (the webview's own zoom, so layout reflows). Outside the
 *  desktop shell (unit tests) there is no webview, and nothing happens. */
export function applyZoom(percent: number) {
  document.documentElement.dataset.zoom = String(percent);
  if (!("__TAURI_INTERNALS__" in window)) return;
  getCurrentWebview()
    .setZoom(percent / 100)
    .catch(() => undefined);
}
