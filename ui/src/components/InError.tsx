import { useState } from "react";
import type { Correctable, EnteredInError, PersonRecord } from "../generated/api";
import { api } from "../generated/api";
import { isoToGB } from "../lib/format";
import { useForm } from "../lib/useForm";
import { TextField } from "./Form";

/** Shown on a record marked entered in error: it stays, struck through, with the reason. */
export function InErrorNote({ mark }: { mark: EnteredInError }) {
  return (
    <span className="app-in-error-note">
      <strong className="nhsuk-tag nhsuk-tag--grey">Entered in error</strong> {mark.reason} ({isoToGB(mark.on)})
    </span>
  );
}

/** "Entered in error" for one record: asks why, then marks it. Nothing is deleted. */
export function MarkInError({ record, what, update }: { record: Correctable; what: string; update: (p: Promise<PersonRecord>) => Promise<PersonRecord> }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const { errors, busy, submit } = useForm(["error_reason"]);
  const id = `error_reason-${record.id}`;
  if (!open)
    return (
      <button type="button" className="app-link-button" aria-label={`Mark ${what} entered in error`} onClick={() => setOpen(true)}>
        Entered in error
      </button>
    );
  return (
    <form
      className="app-in-error-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit(() => update(api.mark_entered_in_error({ record, reason }))).then((ok) => ok && setOpen(false));
      }}
    >
      <TextField
        id={id}
        label={`Why was the ${what} entered in error?`}
        hint="For example, wrong person. It stays in the record, struck through, and counts for nothing."
        value={reason}
        onChange={setReason}
        error={errors.fields.error_reason ?? errors.form ?? undefined}
        autoFocus
      />
      <div className="nhsuk-button-group">
        <button type="submit" className="nhsuk-button nhsuk-button--warning nhsuk-button--small" disabled={busy}>
          Mark entered in error
        </button>
        <button type="button" className="app-link-button" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
