import type { Choice, ContactId, EpisodeView } from "../../generated/api";
import { TextField, type FormErrors } from "../../components/Form";
import { Select } from "../../components/Inputs";
import { isoTimeToGB, isoToGB } from "../../lib/format";
import { labelOf, useLists } from "../../lib/lists";

function contactChoices(e: EpisodeView, types: Choice[]) {
  return e.contacts
    .filter((c) => c.outcome === "took_place")
    .map((c) => ({ value: c.id, label: `${isoTimeToGB(c.occurred_at)}, ${labelOf(types, c.contact_type).toLowerCase()}` }));
}

/** Date and optional contact: picking a contact sets the date to the contact's. */
export function WhenFields({
  episode,
  date,
  contact,
  onDate,
  onContact,
  errors,
}: {
  episode: EpisodeView;
  date: string;
  contact: ContactId | "";
  onDate: (v: string) => void;
  onContact: (v: ContactId | "") => void;
  errors: FormErrors;
}) {
  const lists = useLists();
  const choices = contactChoices(episode, lists.contact_types);
  return (
    <div className="app-form-row">
      {choices.length > 0 && (
        <Select
          id="contact_id"
          label="Recorded at a contact (optional)"
          blank="Not linked to a contact"
          choices={choices}
          value={contact}
          onChange={(v) => {
            onContact(v);
            const c = episode.contacts.find((x) => x.id === v);
            if (c) onDate(isoToGB(c.occurred_at));
          }}
          error={errors.fields.contact_id}
        />
      )}
      <TextField
        id="recorded_on"
        label="Date"
        hint="DD/MM/YYYY"
        inputClass="nhsuk-input--width-10"
        value={date}
        onChange={onDate}
        error={errors.fields.recorded_on}
      />
    </div>
  );
}
