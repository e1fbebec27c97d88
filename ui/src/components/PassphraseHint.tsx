import { passphraseHint } from "../lib/passphrase";

/** Live, plain-words strength hint. Announced politely; shown as words and a bar, never colour alone. */
export function PassphraseHint({ value }: { value: string }) {
  if (!value) return null;
  const hint = passphraseHint(value);
  return (
    <p className={`app-strength app-strength--${hint.strength}`} aria-live="polite" data-testid="strength-hint">
      <span className="app-strength__bar" aria-hidden="true" />
      <span className="app-strength__text">{hint.text}</span>
    </p>
  );
}
