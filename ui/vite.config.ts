import { defineConfig } from "vitest/config";
import type { Plugin } from "vite";
import react from "@vitejs/plugin-react";
import { cpSync } from "node:fs";
import { fileURLToPath } from "node:url";

const nhsAssets = fileURLToPath(new URL("./node_modules/nhsuk-frontend/dist/nhsuk/assets", import.meta.url));

/**
 * nhsuk-frontend's CSS loads the Frutiger font from assets.nhs.uk and icons from /assets. The app
 * makes no network requests (and its CSP forbids them), so drop the remote @font-face rules (the
 * design system's own Arial fallback applies) and ship the icons inside the bundle.
 */
function nhsukOffline(): Plugin {
  return {
    name: "nhsuk-offline",
    transform(code, id) {
      if (id.includes("nhsuk-frontend") && id.endsWith(".css")) {
        return code.replace(/@font-face\s*{[^}]*assets\.nhs\.uk[^}]*}/g, "");
      }
    },
    closeBundle() {
      cpSync(nhsAssets, fileURLToPath(new URL("./dist/assets", import.meta.url)), { recursive: true });
    },
  };
}

export default defineConfig({
  plugins: [react(), nhsukOffline()],
  clearScreen: false,
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    // No inline data: URLs in scripts or styles the CSP would have to allow.
    assetsInlineLimit: 0,
    sourcemap: false,
    // nhsuk-frontend ships minified CSS with an old IE hack lightningcss rejects; nothing to gain.
    cssMinify: false,
  },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.{ts,tsx}"],
    setupFiles: ["src/test-setup.ts"],
  },
});
