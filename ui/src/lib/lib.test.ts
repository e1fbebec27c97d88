import { stepZoom } from "./zoom";
import { describe, expect, it } from "vitest";
import { passphraseHint } from "./passphrase";
import { throttle } from "./throttle";
import { daysBefore, formatDateGB, minutes } from "./format";

describe("passphraseHint", () => {
  it("counts characters still needed, singular and plural", () => {
    expect(passphraseHint("abc").text).toBe("Too short: 9 more characters needed.");
    expect(passphraseHint("abcdefghijk").text).toBe("Too short: 1 more character needed.");
  });
  it("counts characters, not UTF-16 units", () => {
    expect(passphraseHint("🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂").strength).toBe("too-short");
  });
  it("calls out obvious patterns", () => {
    expect(passphraseHint("password1234").strength).toBe("easy-to-guess");
    expect(passphraseHint("aaaaaaaaaaaaaaaa").strength).toBe("easy-to-guess");
    expect(passphraseHint("my12345678901").strength).toBe("easy-to-guess");
  });
  it("rewards length and words", () => {
    expect(passphraseHint("teapot river lantern autumn").strength).toBe("strong");
    expect(passphraseHint("Tw0-Rivers-Meet").strength).toBe("good");
  });
});

describe("throttle", () => {
  it("runs at most once per window", () => {
    let t = 0;
    let calls = 0;
    const f = throttle(
      () => calls++,
      1000,
      () => t,
    );
    f();
    f();
    t = 999;
    f();
    expect(calls).toBe(1);
    t = 1000;
    f();
    expect(calls).toBe(2);
  });
});

describe("format", () => {
  it("shows dates as DD/MM/YYYY", () => {
    expect(formatDateGB(new Date(2026, 2, 4))).toBe("04/03/2026");
  });
  it("pluralises minutes", () => {
    expect(minutes(1)).toBe("1 minute");
    expect(minutes(10)).toBe("10 minutes");
  });
});

describe("daysBefore", () => {
  const today = new Date(2026, 10, 22);
  it("counts days back for either date format", () => {
    expect(daysBefore("12/11/2026", today)).toBe(10);
    expect(daysBefore("2026-11-21", today)).toBe(1);
  });
  it("is null for today, the future, blanks and nonsense", () => {
    expect(daysBefore("22/11/2026", today)).toBeNull();
    expect(daysBefore("01/12/2026", today)).toBeNull();
    expect(daysBefore("", today)).toBeNull();
    expect(daysBefore("last week", today)).toBeNull();
  });
});

describe("the request size guard", () => {
  it("lets a long note through and stops a huge paste before it is sent", async () => {
    const { tooLarge } = await import("./ipc");
    expect(tooLarge({ command: "save_draft", args: { form: "x".repeat(300 * 1024) } })).toBe(false);
    expect(tooLarge({ command: "save_draft", args: { form: "x".repeat(3 * 1024 * 1024) } })).toBe(true);
  });
});

describe("zoom before a vault is open", () => {
  it("steps as the core does and stops at the ends", () => {
    let z = 100;
    for (let i = 0; i < 5; i++) z = stepZoom(z, "larger");
    expect(z).toBe(200);
    expect(stepZoom(300, "larger")).toBe(300);
    expect(stepZoom(50, "smaller")).toBe(50);
    expect(stepZoom(175, "reset")).toBe(100);
  });
});
