import { useEffect, useRef, useState } from "react";
import type { Correctable, EnteredInError, PersonRecord } from "../generated/api";
import { api } from "../generated/api";
import { isoToGB } from "../lib/format";
import { useForm } from "../lib/useForm";
import { TextField } from "./Form";

/** The record just marked, whose note takes focus when it appears (the button pressed is gone). */
let justMarked: string | null = null;

/** Shown on a record marked entered in error: it stays, struck through, with the reason. A state,
 *  so a tag, not a button. */
export function InErrorNote({ mark, of }: { mark: EnteredInError; of: string }) {
  const ref = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    if (justMarked !== of) return;
    justMarked = null;
    ref.current?.focus();
  }, [of]);
  return (
    <span className="app-in-error-note" ref={ref} tabIndex={-1} data-testid="in-error-note">
      <strong className="nhsuk-tag nhsuk-tag--grey">Entered in error</strong> {mark.reason} ({isoToGB(mark.on)})
    </span>
  );
}

/** "Mark as entered in error…" for one record: an action (the state reads "Entered in error"),
 *  which asks why, then marks it. Nothing is deleted. */
export function MarkInError({ record, what, update }: { record: Correctable; what: string; update: (p: Promise<PersonRecord>) => Promise<PersonRecord> }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const { errors, busy, submit } = useForm(["error_reason"]);
  const id = `error_reason-${record.id}`;
  if (!open)
    return (
      <button type="button" className="app-link-button app-nowrap app-in-error-mark" onClick={() => setOpen(true)}>
        Mark as entered in error…<span className="nhsuk-u-visually-hidden">: the {what}</span>
      </button>
    );
  return (
    <form
      className="app-in-error-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        justMarked = record.id;
        void submit(() => update(api.mark_entered_in_error({ record, reason }))).then((ok) => {
          if (ok) setOpen(false);
          else justMarked = null;
        });
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
