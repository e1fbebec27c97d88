import { useEffect, useRef, useState, type FormEvent } from "react";
import {
  api,
  type CarerLinkId,
  type ConsentToShare,
  type GroupTag,
  type IdentityResolution,
  type IntakeCheck,
  type PreferredContact,
  type Priority,
  type ReferralReason,
  type ReferralSource,
  type PersonId,
  type ReferralForm,
  type ReferralMethod,
} from "../../generated/api";
import { ErrorSummary, SubmitButton, TextField } from "../../components/Form";
import { Checkboxes, Select, TextArea } from "../../components/Inputs";
import { formatDateGB, isoToGB } from "../../lib/format";
import { useLists } from "../../lib/lists";
import { PersonContactFields, PersonText, practiceOf } from "../person/PersonFields";
import { useForm } from "../../lib/useForm";
import { toApiError } from "../../lib/errors";

const FIELDS = [
  "nhs_number",
  "given_name",
  "family_name",
  "date_of_birth",
  "received_on",
  "method",
  "source",
  "priority",
  "reasons",
  "tags",
  "consent_to_share",
  "phone",
  "postcode",
  "practice_id",
  "gp_practice_name",
  "gp_practice_ods",
];

/** A referral begun from a carer link: the carer's name, and the link to point at their record. */
export interface CarerReferral {
  given_name: string;
  family_name: string;
  link: CarerLinkId;
}

export function NewReferral({
  onSaved,
  onOpen,
  carer,
}: {
  onSaved: (personId: PersonId) => void;
  onOpen: (personId: PersonId) => void;
  carer?: CarerReferral;
}) {
  const lists = useLists();
  const [f, setF] = useState({
    nhs_number: "",
    given_name: carer?.given_name ?? "",
    family_name: carer?.family_name ?? "",
    preferred_name: "",
    date_of_birth: "",
    pronouns: "",
    phone: "",
    address: "",
    postcode: "",
    practice_id: "",
    gp_practice_name: "",
    gp_practice_ods: "",
    communication_needs: "",
    consent_to_share: "not_asked" as ConsentToShare,
    preferred_contact: "" as PreferredContact | "",
    received_on: formatDateGB(new Date()),
    method: "secure_email" as ReferralMethod,
    source: "" as ReferralSource | "",
    priority: "routine" as Priority,
    referrer_name: "",
    referrer_role: "",
    referrer_organisation: "",
    referrer_ods: "",
    notes: "",
  });
  const [reasons, setReasons] = useState<ReferralReason[]>(carer ? ["caring"] : []);
  const [tags, setTags] = useState<GroupTag[]>(carer ? ["carers"] : []);
  const [check, setCheck] = useState<IntakeCheck | null>(null);
  // Until the check answers, warnings may still appear above the fields (tests wait for it too).
  const [checking, setChecking] = useState(false);
  // The check is a courtesy (saving checks again), but a failed one is said, not passed off as "no match".
  const [checkFailed, setCheckFailed] = useState<string | null>(null);
  const [confirmNew, setConfirmNew] = useState(false);
  const [identity, setIdentity] = useState<IdentityResolution | null>(null);
  const { errors, error, busy, submit } = useForm(FIELDS);
  const related = error?.related_person_id ?? null;
  const set = (k: keyof typeof f) => (v: string) => setF({ ...f, [k]: v });

  // Warn as soon as the identifying fields say this person may already be known.
  const latest = useRef(0);
  useEffect(() => {
    setChecking(true);
    const n = ++latest.current;
    const t = setTimeout(() => {
      api
        .intake_check({
          nhs_number: f.nhs_number || null,
          given_name: f.given_name || null,
          family_name: f.family_name || null,
          date_of_birth: f.date_of_birth || null,
        })
        .then(
          (c) => {
            if (n !== latest.current) return;
            setCheck(c);
            setCheckFailed(null);
          },
          (e) => {
            if (n !== latest.current) return;
            setCheck(null);
            // A half-typed NHS number or date is not checked yet (saving names the field); any
            // other failure is said.
            const err = toApiError(e);
            setCheckFailed(err.code === "INVALID_INPUT" ? null : err.message);
          },
        )
        .finally(() => n === latest.current && setChecking(false));
    }, 250);
    return () => clearTimeout(t);
  }, [f.nhs_number, f.given_name, f.family_name, f.date_of_birth]);

  async function save(e: FormEvent, personId: PersonId | null = null) {
    e.preventDefault();
    const form: ReferralForm = {
      person_id: personId,
      person: {
        nhs_number: f.nhs_number,
        given_name: f.given_name,
        family_name: f.family_name,
        preferred_name: f.preferred_name,
        date_of_birth: f.date_of_birth,
        pronouns: f.pronouns,
        phone: f.phone,
        preferred_contact: f.preferred_contact || null,
        address: f.address,
        postcode: f.postcode,
        ...practiceOf(f),
        communication_needs: f.communication_needs,
        consent_to_share: f.consent_to_share,
        consent_recorded_on: null,
        notes: null,
        tags,
      },
      received_on: f.received_on,
      method: f.method,
      source: f.source || null,
      priority: f.priority,
      referrer_name: f.referrer_name,
      referrer_role: f.referrer_role,
      referrer_organisation: f.referrer_organisation,
      referrer_ods: f.referrer_ods,
      reasons,
      notes: f.notes,
      allow_possible_duplicate: confirmNew,
      identity: check?.identity_differs ? identity : null,
      // The carer now has a record: the link on the cared-for person's page points at it.
      carer_link: carer?.link ?? null,
    };
    const added = await submit(() => api.add_referral(form));
    if (added) onSaved(added.person_id);
  }

  const dups = check?.possible_duplicates ?? [];
  return (
    <main className="nhsuk-main-wrapper app-narrow" id="maincontent" data-screen="new-referral">
      <h1>New referral</h1>
      <ErrorSummary errors={errors} />
      {related && (
        <p>
          <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={() => onOpen(related)} id="open-existing">
            Open their record
          </button>
        </p>
      )}
      <form onSubmit={(e) => void save(e)} noValidate id="referral-form" data-checking={checking || undefined}>
        <h2>The person</h2>
        <PersonText field="nhs_number" value={f.nhs_number} onChange={set("nhs_number")} error={errors.fields.nhs_number} />
        {checkFailed && (
          <p className="app-warning-text" role="status" data-testid="intake-check-failed">
            Could not check for a record of this person just now ({checkFailed}). Saving checks again.
          </p>
        )}
        {check?.nhs_warning && (
          <p className="app-warning-text" role="note" data-testid="nhs-warning">
            {check.nhs_warning}
          </p>
        )}
        {check?.existing && check.identity_differs && (
          <div className="nhsuk-warning-callout" data-testid="identity-check">
            <h3 className="nhsuk-warning-callout__label">
              <span role="text">
                <span className="nhsuk-u-visually-hidden">Important: </span>
                This NHS number is known under another name or date of birth
              </span>
            </h3>
            <dl className="nhsuk-summary-list">
              <div className="nhsuk-summary-list__row">
                <dt className="nhsuk-summary-list__key">On the record</dt>
                <dd className="nhsuk-summary-list__value">
                  {check.existing.name}, born {isoToGB(check.existing.date_of_birth) || "not recorded"}
                </dd>
              </div>
              <div className="nhsuk-summary-list__row">
                <dt className="nhsuk-summary-list__key">On this referral</dt>
                <dd className="nhsuk-summary-list__value">
                  {f.given_name} {f.family_name}, born {f.date_of_birth || "not given"}
                </dd>
              </div>
            </dl>
            <fieldset className="nhsuk-fieldset">
              <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Is this the same person?</legend>
              <div className="nhsuk-radios">
                {lists.identity_resolutions.map((c) => (
                  <div className="nhsuk-radios__item" key={c.value}>
                    <input
                      className="nhsuk-radios__input"
                      id={`identity-${c.value}`}
                      name="identity"
                      type="radio"
                      checked={identity === c.value}
                      onChange={() => setIdentity(c.value as IdentityResolution)}
                    />
                    <label className="nhsuk-label nhsuk-radios__label" htmlFor={`identity-${c.value}`}>
                      {c.label}
                    </label>
                  </div>
                ))}
                <div className="nhsuk-radios__item">
                  <input
                    className="nhsuk-radios__input"
                    id="identity-wrong-number"
                    name="identity"
                    type="radio"
                    checked={false}
                    onChange={() => {
                      setIdentity(null);
                      document.getElementById("nhs_number")?.focus();
                    }}
                  />
                  <label className="nhsuk-label nhsuk-radios__label" htmlFor="identity-wrong-number">
                    Wrong number: correct it above
                  </label>
                </div>
              </div>
            </fieldset>
          </div>
        )}
        {check?.existing && (
          <div className="nhsuk-inset-text" data-testid="known-person">
            {check.existing.open_episode_id ? (
              <p>
                <strong>{check.existing.name}</strong> is already known and has an open episode of care, so this referral cannot be saved as a second one. Open
                their record and add what this referral says to it there.
              </p>
            ) : (
              <p>
                <strong>{check.existing.name}</strong> is already known. Saving adds this referral to their record as a new episode of care.
              </p>
            )}
            <button type="button" className="app-link-button" onClick={() => onOpen(check.existing!.id)}>
              Open {check.existing.name}'s record
            </button>
          </div>
        )}
        <PersonText field="given_name" value={f.given_name} onChange={set("given_name")} error={errors.fields.given_name} />
        <PersonText field="family_name" value={f.family_name} onChange={set("family_name")} error={errors.fields.family_name} />
        <PersonText field="preferred_name" value={f.preferred_name} onChange={set("preferred_name")} error={errors.fields.preferred_name} />
        <PersonText field="date_of_birth" value={f.date_of_birth} onChange={set("date_of_birth")} error={errors.fields.date_of_birth} />
        {dups.length > 0 && (
          <div className="nhsuk-warning-callout" data-testid="possible-duplicates">
            <h3 className="nhsuk-warning-callout__label">
              <span role="text">
                <span className="nhsuk-u-visually-hidden">Important: </span>
                This may be someone already known
              </span>
            </h3>
            <ul className="nhsuk-list">
              {dups.map((d) => (
                <li key={d.id}>
                  {d.name}, born {isoToGB(d.date_of_birth)}
                  {d.postcode ? `, ${d.postcode}` : ""}{" "}
                  <button type="button" className="app-link-button" onClick={(e) => void save(e, d.id)}>
                    Add the referral to {d.name}
                  </button>
                </li>
              ))}
            </ul>
            <div className="nhsuk-checkboxes__item">
              <input
                className="nhsuk-checkboxes__input"
                id="confirm-new"
                type="checkbox"
                checked={confirmNew}
                onChange={(e) => setConfirmNew(e.target.checked)}
              />
              <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor="confirm-new">
                This is someone new
              </label>
            </div>
          </div>
        )}
        <PersonContactFields f={f} set={set} preferred={f.preferred_contact} onPreferred={(v) => setF({ ...f, preferred_contact: v })} errors={errors.fields} />
        <Select
          id="consent_to_share"
          label="Consent to share a summary with the GP"
          choices={lists.consent}
          value={f.consent_to_share}
          onChange={set("consent_to_share")}
          error={errors.fields.consent_to_share}
        />
        <Checkboxes
          id="tags"
          legend="Groups they belong to (optional)"
          choices={lists.group_tags}
          values={tags}
          onChange={setTags}
          error={errors.fields.tags}
        />

        <h2>The referral</h2>
        <TextField
          id="received_on"
          label="Date received"
          hint="For example, 21/11/2026."
          inputClass="nhsuk-input--width-10"
          value={f.received_on}
          onChange={set("received_on")}
          error={errors.fields.received_on}
        />
        <Select id="method" label="How it arrived" choices={lists.referral_methods} value={f.method} onChange={set("method")} error={errors.fields.method} />
        <Select
          id="source"
          label="Who referred"
          choices={lists.referral_sources}
          value={f.source}
          onChange={set("source")}
          error={errors.fields.source}
          blank="Choose a role"
        />
        <Select id="priority" label="Priority" choices={lists.priorities} value={f.priority} onChange={set("priority")} error={errors.fields.priority} />
        <TextField id="referrer_name" label="Referrer's name" value={f.referrer_name} onChange={set("referrer_name")} />
        <TextField id="referrer_role" label="Referrer's job title (optional)" value={f.referrer_role} onChange={set("referrer_role")} />
        <TextField id="referrer_organisation" label="Referrer's organisation" value={f.referrer_organisation} onChange={set("referrer_organisation")} />
        <TextField
          id="referrer_ods"
          label="Referrer's ODS code (optional)"
          inputClass="nhsuk-input--width-10"
          value={f.referrer_ods}
          onChange={set("referrer_ods")}
        />
        <Checkboxes
          id="reasons"
          legend="Needs and concerns"
          hint="Why they were referred. Select all that apply."
          choices={lists.referral_reasons}
          values={reasons}
          onChange={setReasons}
          error={errors.fields.reasons}
        />
        <TextArea id="referral_notes" label="Reason for referral, in the referrer's words (optional)" value={f.notes} onChange={set("notes")} />
        <SubmitButton busy={busy} busyText="Saving…">
          Save referral
        </SubmitButton>
      </form>
    </main>
  );
}
