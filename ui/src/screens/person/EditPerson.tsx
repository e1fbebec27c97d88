import { useState } from "react";
import { api, type ConsentToShare, type GroupTag, type PersonId, type PersonRecord, type PreferredContact } from "../../generated/api";
import { ErrorSummary, TextField } from "../../components/Form";
import { OTHER_PRACTICE, PersonContactFields, PersonText, practiceOf } from "./PersonFields";
import { Checkboxes, Select, TextArea } from "../../components/Inputs";
import { isoToGB } from "../../lib/format";
import { useLists } from "../../lib/lists";
import { useForm } from "../../lib/useForm";
import type { Update } from "./update";

const TEXT_FIELDS = [
  "nhs_number",
  "given_name",
  "family_name",
  "preferred_name",
  "date_of_birth",
  "pronouns",
  "phone",
  "postcode",
  "gp_practice_name",
  "gp_practice_ods",
] as const;
type TextKey = (typeof TEXT_FIELDS)[number] | "practice_id" | "address" | "communication_needs" | "notes" | "consent_recorded_on";

/** Changing a person's details. A changed consent is added to the consent history; the audit
 *  trail records which fields changed, never what they said. */
export function EditPerson({ record, update, onDone, onOpen }: { record: PersonRecord; update: Update; onDone: () => void; onOpen: (id: PersonId) => void }) {
  const lists = useLists();
  const p = record.person;
  const [f, setF] = useState<Record<TextKey, string>>({
    nhs_number: p.nhs_number ?? "",
    given_name: p.given_name,
    family_name: p.family_name,
    preferred_name: p.preferred_name ?? "",
    date_of_birth: isoToGB(p.date_of_birth),
    pronouns: p.pronouns ?? "",
    phone: p.phone ?? "",
    postcode: p.postcode ?? "",
    // Registered at a listed practice, or named as typed before practices were listed.
    practice_id: p.practice_id ?? (p.gp_practice_name || p.gp_practice_ods ? OTHER_PRACTICE : ""),
    gp_practice_name: p.gp_practice_name ?? "",
    gp_practice_ods: p.gp_practice_ods ?? "",
    address: p.address ?? "",
    communication_needs: p.communication_needs ?? "",
    notes: p.notes ?? "",
    consent_recorded_on: "",
  });
  const [consent, setConsent] = useState<ConsentToShare>(p.consent_to_share);
  const [preferred, setPreferred] = useState<PreferredContact | "">(p.preferred_contact ?? "");
  const [tags, setTags] = useState<GroupTag[]>(p.tags);
  const { errors, error, busy, submit } = useForm([...TEXT_FIELDS, "practice_id", "consent_to_share", "consent_recorded_on", "tags"]);
  const set = (k: TextKey) => (v: string) => setF({ ...f, [k]: v });
  const consentChanged = consent !== p.consent_to_share;
  return (
    <form
      id="edit-person-form"
      className="app-panel"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit(() =>
          update(
            api.update_person({
              person_id: p.id,
              person: {
                ...f,
                ...practiceOf(f),
                preferred_contact: preferred || null,
                consent_to_share: consent,
                consent_recorded_on: consentChanged ? f.consent_recorded_on : null,
                tags,
              },
            }),
          ),
        ).then((ok) => ok && onDone());
      }}
    >
      <h2 id="edit-person-title">Change {p.given_name}'s details</h2>
      <ErrorSummary errors={errors} />
      {error?.related_person_id && (
        <p>
          <button type="button" className="app-link-button" onClick={() => onOpen(error.related_person_id as PersonId)}>
            Open the record of the person with that NHS number
          </button>
        </p>
      )}
      <PersonText field="nhs_number" value={f.nhs_number} onChange={set("nhs_number")} error={errors.fields.nhs_number} autoFocus />
      <PersonText field="given_name" value={f.given_name} onChange={set("given_name")} error={errors.fields.given_name} />
      <PersonText field="family_name" value={f.family_name} onChange={set("family_name")} error={errors.fields.family_name} />
      <PersonText field="preferred_name" value={f.preferred_name} onChange={set("preferred_name")} error={errors.fields.preferred_name} />
      <PersonText field="date_of_birth" value={f.date_of_birth} onChange={set("date_of_birth")} error={errors.fields.date_of_birth} />
      <PersonContactFields f={f} set={set} preferred={preferred} onPreferred={setPreferred} errors={errors.fields} />
      <Select
        id="consent_to_share"
        label="Consent to share a summary with the GP"
        choices={lists.consent}
        value={consent}
        onChange={setConsent}
        error={errors.fields.consent_to_share}
      />
      {consentChanged && (
        <TextField
          id="consent_recorded_on"
          label="Date consent was given or withdrawn (blank for today)"
          inputClass="nhsuk-input--width-10"
          value={f.consent_recorded_on}
          onChange={set("consent_recorded_on")}
          error={errors.fields.consent_recorded_on}
        />
      )}
      <Checkboxes id="tags" legend="Groups they belong to" choices={lists.group_tags} values={tags} onChange={setTags} error={errors.fields.tags} />
      <TextArea id="notes" label="Notes about the person" rows={2} value={f.notes} onChange={set("notes")} />
      <div className="nhsuk-button-group">
        <button className="nhsuk-button" type="submit" disabled={busy}>
          Save details
        </button>
        <button className="app-link-button" type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
