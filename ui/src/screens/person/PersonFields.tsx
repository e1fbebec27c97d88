import { api, type PracticeId, type PreferredContact } from "../../generated/api";
import { TextField } from "../../components/Form";
import { Select, TextArea } from "../../components/Inputs";
import { Loading } from "../../components/Loading";
import { labelOf, useLists } from "../../lib/lists";
import { useCommand } from "../../lib/useCommand";

/** Each of a person's text fields, labelled once for the referral form and the edit form alike. */
const TEXT = {
  nhs_number: { label: "NHS number (if known)", hint: "10 digits, for example 943 476 5919.", width: "nhsuk-input--width-10" },
  given_name: { label: "Given name" },
  family_name: { label: "Family name" },
  preferred_name: { label: "Preferred name (optional)" },
  date_of_birth: { label: "Date of birth", hint: "For example, 15/03/1952.", width: "nhsuk-input--width-10" },
  pronouns: { label: "Pronouns (optional)", width: "nhsuk-input--width-10" },
  phone: { label: "Phone", width: "nhsuk-input--width-20" },
  postcode: { label: "Postcode", width: "nhsuk-input--width-10" },
  gp_practice_name: { label: "Practice name" },
  gp_practice_ods: { label: "Practice ODS code (optional)", hint: "A letter and five digits, for example B86002.", width: "nhsuk-input--width-10" },
} as const satisfies Record<string, { label: string; hint?: string; width?: string }>;

export type PersonTextKey = keyof typeof TEXT;

/** One of a person's text fields. */
export function PersonText({
  field,
  value,
  onChange,
  error,
  autoFocus,
}: {
  field: PersonTextKey;
  value: string;
  onChange: (v: string) => void;
  error?: string;
  autoFocus?: boolean;
}) {
  const spec: { label: string; hint?: string; width?: string } = TEXT[field];
  return (
    <TextField id={field} label={spec.label} hint={spec.hint} inputClass={spec.width} value={value} onChange={onChange} error={error} autoFocus={autoFocus} />
  );
}

type ContactKey = "pronouns" | "phone" | "address" | "postcode" | "practice_id" | "gp_practice_name" | "gp_practice_ods" | "communication_needs";

/** The practice choice's value for a practice not yet listed (typed below it). */
export const OTHER_PRACTICE = "other";

/** What the forms send for the practice: the one chosen, or the one typed when it is not listed. */
export function practiceOf(f: Record<"practice_id" | "gp_practice_name" | "gp_practice_ods", string>) {
  const other = f.practice_id === OTHER_PRACTICE;
  return {
    practice_id: other || !f.practice_id ? null : (f.practice_id as PracticeId),
    gp_practice_name: other ? f.gp_practice_name : "",
    gp_practice_ods: other ? f.gp_practice_ods : "",
  };
}

/** The practice a person is registered at: one from Settings' list, or one not listed yet (added
 *  when the form is saved). */
function PracticeField({
  f,
  set,
  errors,
}: {
  f: Record<ContactKey, string>;
  set: (k: ContactKey) => (v: string) => void;
  errors: Record<string, string | undefined>;
}) {
  const lists = useLists();
  const loaded = useCommand(() => api.practices(), []);
  const choices = (loaded.data ?? []).map((p) => ({
    value: p.id as string,
    label: `${p.name}${p.ods_code ? ` (${p.ods_code})` : ""}, ${labelOf(lists.gp_systems, p.gp_system)}`,
  }));
  return (
    <>
      {loaded.error && <Loading loaded={loaded} what="the practices" />}
      <Select
        id="practice_id"
        label="GP practice"
        hint="The practice they are registered at. Practices are listed in Settings."
        choices={[...choices, { value: OTHER_PRACTICE, label: "Another practice (not listed yet)" }]}
        value={f.practice_id}
        onChange={set("practice_id")}
        blank="Not known"
        error={errors.practice_id}
      />
      {f.practice_id === OTHER_PRACTICE && (
        <div className="nhsuk-inset-text nhsuk-u-margin-top-0">
          <PersonText field="gp_practice_name" value={f.gp_practice_name} onChange={set("gp_practice_name")} error={errors.gp_practice_name} />
          <PersonText field="gp_practice_ods" value={f.gp_practice_ods} onChange={set("gp_practice_ods")} error={errors.gp_practice_ods} />
        </div>
      )}
    </>
  );
}

/** How to reach the person and whose patient they are, in the same order on both forms. */
export function PersonContactFields({
  f,
  set,
  preferred,
  onPreferred,
  errors,
}: {
  f: Record<ContactKey, string>;
  set: (k: ContactKey) => (v: string) => void;
  preferred: PreferredContact | "";
  onPreferred: (v: PreferredContact | "") => void;
  errors: Record<string, string | undefined>;
}) {
  const lists = useLists();
  return (
    <>
      <PersonText field="pronouns" value={f.pronouns} onChange={set("pronouns")} error={errors.pronouns} />
      <PersonText field="phone" value={f.phone} onChange={set("phone")} error={errors.phone} />
      <Select
        id="preferred_contact"
        label="How they prefer to be contacted"
        choices={lists.preferred_contacts}
        value={preferred}
        onChange={onPreferred}
        blank="Not asked"
      />
      <TextArea id="address" label="Address" rows={2} value={f.address} onChange={set("address")} />
      <PersonText field="postcode" value={f.postcode} onChange={set("postcode")} error={errors.postcode} />
      <PracticeField f={f} set={set} errors={errors} />
      <TextArea
        id="communication_needs"
        label="Communication needs and reasonable adjustments"
        rows={2}
        value={f.communication_needs}
        onChange={set("communication_needs")}
      />
    </>
  );
}
