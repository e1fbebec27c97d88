// Lints the UI's TypeScript: the recommended rules, type-aware where it catches real bugs
// (floating promises: a failure nobody handles), and the rules of React hooks.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";

export default tseslint.config({ ignores: ["dist", "node_modules", "src/generated"] }, js.configs.recommended, ...tseslint.configs.recommended, {
  files: ["src/**/*.{ts,tsx}"],
  languageOptions: {
    globals: globals.browser,
    parserOptions: { project: "./tsconfig.json", tsconfigRootDir: import.meta.dirname },
  },
  plugins: { "react-hooks": reactHooks },
  rules: {
    // The classic rules; the React Compiler's rules (refs, set-state-in-effect) assume a compiler
    // this app does not use.
    "react-hooks/rules-of-hooks": "error",
    "react-hooks/exhaustive-deps": "error",
    "@typescript-eslint/no-floating-promises": "error",
    "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
  },
});
