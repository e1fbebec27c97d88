import { configure } from "@testing-library/react";

// Waits for what the screen shows allow for a busy machine (CI builds Windows beside these tests):
// a test that waits longer than this has found a screen that never shows it.
configure({ asyncUtilTimeout: 5000 });
