import { MIN_PASSPHRASE_CHARS } from "../generated/api";

/** The core's rule, from the bindings; the core is what enforces it. */
export { MIN_PASSPHRASE_CHARS };

export type Strength = "too-short" | "easy-to-guess" | "good" | "strong";

export interface Hint {
  strength: Strength;
  text: string;
}

const PATTERNS = [/password/i, /passphrase/i, /qwerty/i, /letmein/i, /linkwork/i, /0123|1234|2345|3456|4567|5678|6789/, /(.)\1{3,}/];

/**
 * A plain-words hint shown while a passphrase is typed. Length is what counts (no composition
 * rules); obvious patterns are called out. Never stored or sent anywhere.
 */
export function passphraseHint(p: string): Hint {
  const chars = [...p].length;
  if (chars < MIN_PASSPHRASE_CHARS) {
    const more = MIN_PASSPHRASE_CHARS - chars;
    return { strength: "too-short", text: `Too short: ${more} more character${more === 1 ? "" : "s"} needed.` };
  }
  if (PATTERNS.some((re) => re.test(p)) || new Set(p.toLowerCase()).size < 6) {
    return {
      strength: "easy-to-guess",
      text: "Easy to guess: avoid repeated characters, number runs, keyboard patterns and words like \u201cpassword\u201d.",
    };
  }
  const words = p.trim().split(/\s+/).length;
  if (chars >= 20 || words >= 4) {
    return { strength: "strong", text: "Strong." };
  }
  return { strength: "good", text: "Good. Another word or two would make it stronger." };
}
