import type { ReactNode } from "react";
import { MIN_PASSPHRASE_CHARS } from "../generated/api";
import { TextField } from "./Form";
import { PassphraseHint } from "./PassphraseHint";

/**
 * A new passphrase, typed twice: the same labels, the core's minimum in the hint and the strength
 * as it is typed, wherever one is chosen (a vault, a restore, a recovery, a change, a report, a
 * copy for the person). `id` is the first field's; the second is `${id}_confirm` unless given.
 */
export function NewPassphrase({
  id,
  confirmId = `${id}_confirm`,
  label = "New passphrase",
  againLabel = label === "New passphrase" ? "Type the new passphrase again" : "Type the passphrase again",
  hint,
  value,
  again,
  onChange,
  onAgain,
  errors,
  autoFocus,
  inputClass,
}: {
  id: string;
  confirmId?: string;
  label?: string;
  againLabel?: string;
  /** After the minimum: what the passphrase is for, or how to pass it on. */
  hint?: ReactNode;
  value: string;
  again: string;
  onChange: (v: string) => void;
  onAgain: (v: string) => void;
  errors: Record<string, string | undefined>;
  autoFocus?: boolean;
  inputClass?: string;
}) {
  return (
    <>
      <TextField
        id={id}
        label={label}
        hint={
          <>
            At least {MIN_PASSPHRASE_CHARS} characters.{hint ? <> {hint}</> : null}
          </>
        }
        type="password"
        autoComplete="new-password"
        inputClass={inputClass}
        value={value}
        onChange={onChange}
        error={errors[id]}
        autoFocus={autoFocus}
        after={<PassphraseHint value={value} />}
      />
      <TextField
        id={confirmId}
        label={againLabel}
        type="password"
        autoComplete="new-password"
        inputClass={inputClass}
        value={again}
        onChange={onAgain}
        error={errors[confirmId]}
      />
    </>
  );
}
