import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import { api, type ContactDraft, type ContactType, type EpisodeView, type PersonId } from "../../generated/api";
import { ConfirmButton } from "../../components/Confirm";
import { ErrorSummary, TextField } from "../../components/Form";
import { Select, TextArea } from "../../components/Inputs";
import { nowGB } from "../../lib/format";
import { useLists } from "../../lib/lists";
import { useForm } from "../../lib/useForm";
import type { Update } from "./update";

/** How often a contact being written is saved to the encrypted store. */
const DRAFT_EVERY_MS = 3000;

/** The form as typed, which the core keeps as the draft (its shape is the core's). */
export type { ContactDraft };

/** How long this person's latest contact of each type took (read from the vault when they are
 *  opened): their next call is likely as long as their last call, not as long as someone else's
 *  home visit. A type with none starts empty, and the form asks. */
let minutesByType: Partial<Record<ContactType, string>> = {};

export async function loadContactDefaults(person: PersonId): Promise<void> {
  minutesByType = {};
  const d = await api.contact_defaults({ person_id: person });
  minutesByType = Object.fromEntries(d.minutes.map((m) => [m.contact_type, String(m.minutes)]));
}

function minutesFor(t: ContactType): string {
  return minutesByType[t] ?? "";
}

/** A new contact: a phone call that took place now, as long as this person's last call. */
export function freshContact(): ContactDraft {
  return { occurred_at: nowGB(), contact_type: "phone", duration_minutes: minutesFor("phone"), outcome: "took_place", notes: "" };
}

const FIELDS = ["occurred_at", "contact_type", "duration_minutes", "outcome"];

export interface ContactSaved {
  text: string;
  /** The contact's day, DD/MM/YYYY. */
  on: string;
  tookPlace: boolean;
}

/** Said, and focused, after a note is thrown away (not a contact: nothing to ask after it). */
export const DISCARDED: ContactSaved = { text: "The unsaved note was discarded.", on: "", tookPlace: false };

export function ContactFormPanel({
  episode,
  initial,
  update,
  onDone,
}: {
  episode: EpisodeView;
  initial: ContactDraft;
  update: Update;
  /** What was saved, for the confirmation, and the contact's day (DD/MM/YYYY); DISCARDED when the
   *  note was thrown away. */
  onDone: (saved: ContactSaved) => void;
}) {
  const lists = useLists();
  const [c, setC] = useState<ContactDraft>(initial);
  const { errors, submit } = useForm(FIELDS);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const dirty = useRef(false);
  const latest = useRef(c);
  latest.current = c;
  // The autosave in flight, so saving the contact can wait for it (else it could land afterwards and
  // bring back a draft of a note that was just saved).
  const inflight = useRef<Promise<void>>(Promise.resolve());

  const saveDraft = useCallback(async () => {
    if (!dirty.current) return;
    dirty.current = false;
    const run = api.save_draft({ episode_id: episode.id, form: latest.current }).then(
      () => setSavedAt(new Date().toLocaleTimeString("en-GB")),
      () => {
        dirty.current = true;
      },
    );
    inflight.current = run;
    await run;
  }, [episode.id]);

  useEffect(() => {
    const t = setInterval(() => void saveDraft(), DRAFT_EVERY_MS);
    return () => {
      clearInterval(t);
      // Leaving the page mid-note keeps the last few seconds too.
      void saveDraft();
    };
  }, [saveDraft]);

  const set = (k: keyof ContactDraft) => (v: string) => {
    dirty.current = true;
    const was = latest.current;
    const next = { ...was, [k]: v };
    // A new type brings its own usual length, unless the minutes were typed in.
    if (k === "contact_type" && was.duration_minutes === minutesFor(was.contact_type)) next.duration_minutes = minutesFor(v as ContactType);
    setC(next);
  };

  async function save(e: FormEvent) {
    e.preventDefault();
    dirty.current = false;
    await inflight.current;
    const text = c.duration_minutes.trim();
    const minutes = text === "" ? null : Number(text);
    const saved = await submit(() =>
      update(
        api.add_contact({
          episode_id: episode.id,
          occurred_at: c.occurred_at,
          contact_type: c.contact_type,
          // Not a whole number: 0, which the core refuses with its range message.
          duration_minutes: minutes !== null && Number.isInteger(minutes) && minutes >= 0 ? minutes : minutes === null ? null : 0,
          outcome: c.outcome,
          notes: c.notes,
        }),
      ),
    );
    if (saved) {
      if (c.duration_minutes.trim()) minutesByType[c.contact_type] = c.duration_minutes.trim();
      const type = lists.contact_types.find((t) => t.value === c.contact_type)?.label ?? "Contact";
      onDone({ text: `Contact saved: ${type.toLowerCase()}, ${c.occurred_at}.`, on: c.occurred_at.trim().slice(0, 10), tookPlace: c.outcome === "took_place" });
    }
    // Not saved (e.g. a field to correct): keep autosaving what is on screen.
    else dirty.current = true;
  }

  async function discard() {
    dirty.current = false;
    await inflight.current;
    if (await submit(() => update(api.discard_draft({ episode_id: episode.id })))) onDone({ ...DISCARDED });
  }

  return (
    <form
      onSubmit={(e) => void save(e)}
      noValidate
      id="contact-form"
      className="app-panel app-contact-form"
      onBlur={() => void saveDraft()}
      onKeyDown={(e) => {
        // Ctrl+Enter saves from anywhere in the form, notes included.
        if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          e.currentTarget.requestSubmit();
        }
      }}
    >
      <h2 className="nhsuk-heading-s">Record a contact</h2>
      <ErrorSummary errors={errors} />
      <div className="app-form-row">
        <TextField
          id="occurred_at"
          label="When (DD/MM/YYYY HH:MM)"
          inputClass="nhsuk-input--width-10"
          value={c.occurred_at}
          onChange={set("occurred_at")}
          error={errors.fields.occurred_at}
        />
        <Select
          id="contact_type"
          label="Type"
          choices={lists.contact_types}
          value={c.contact_type}
          onChange={set("contact_type")}
          error={errors.fields.contact_type}
        />
        <Select id="outcome" label="Outcome" choices={lists.contact_outcomes} value={c.outcome} onChange={set("outcome")} error={errors.fields.outcome} />
        <TextField
          id="duration_minutes"
          label="Minutes (1 to 600)"
          inputClass="nhsuk-input--width-3"
          inputMode="numeric"
          value={c.duration_minutes}
          onChange={set("duration_minutes")}
          error={errors.fields.duration_minutes}
        />
      </div>
      <TextArea
        id="contact_notes"
        label="Notes"
        hint="Kept safe as you type, even if the laptop shuts down. Ctrl+Enter saves."
        rows={4}
        autoFocus
        value={c.notes}
        onChange={set("notes")}
        onBlur={() => void saveDraft()}
      />
      <div className="nhsuk-button-group">
        <button className="nhsuk-button" type="submit" id="save-contact" aria-keyshortcuts="Control+Enter">
          Save contact
        </button>
        <ConfirmButton
          id="discard-contact"
          label="Discard"
          question="Discard this note for good? It cannot be recovered."
          yes="Yes, discard it"
          onConfirm={() => void discard()}
        />
        <p className="app-muted app-small" role="status" data-testid="draft-status">
          {savedAt ? `Draft saved at ${savedAt}` : ""}
        </p>
      </div>
    </form>
  );
}
