import { useState } from "react";
import { api, type ConsentDecision, type ConsentPurpose, type PersonRecord } from "../../generated/api";
import { ErrorSummary, TextField } from "../../components/Form";
import { isoToGB } from "../../lib/format";
import { labelOf, useLists } from "../../lib/lists";
import { useForm } from "../../lib/useForm";
import type { Update } from "./update";

/** The current decision for a purpose: the newest in its history ("not asked" when none). */
function current(record: PersonRecord, purpose: ConsentPurpose): { decision: ConsentDecision | null; on: string | null } {
  const c = record.consent_history.find((x) => x.purpose === purpose);
  return c ? { decision: c.decision, on: c.decided_on } : { decision: null, on: null };
}

/**
 * Consent to share, one purpose at a time: with the GP practice, and with the referrer. Each has
 * its own history; a letter holds more than the codes (GP) or a plain notice (referrer) only with
 * consent for its own purpose.
 */
export function ConsentPanel({ record, update }: { record: PersonRecord; update: Update }) {
  const lists = useLists();
  const [open, setOpen] = useState<ConsentPurpose | null>(null);
  const [said, setSaid] = useState("");
  return (
    <section aria-labelledby="consent-title" data-testid="consent">
      <h3 id="consent-title">Consent to share</h3>
      <dl className="nhsuk-summary-list">
        {lists.consent_purposes.map((p) => {
          const purpose = p.value as ConsentPurpose;
          const c = current(record, purpose);
          return (
            <div className="nhsuk-summary-list__row" key={purpose} data-purpose={purpose}>
              <dt className="nhsuk-summary-list__key">{p.label}</dt>
              <dd className="nhsuk-summary-list__value">{c.decision ? `${labelOf(lists.consent_decisions, c.decision)} (${isoToGB(c.on)})` : "Not asked"}</dd>
              <dd className="nhsuk-summary-list__actions">
                <button type="button" className="app-link-button" id={`consent-${purpose}`} onClick={() => (setOpen(purpose), setSaid(""))}>
                  Record a decision<span className="nhsuk-u-visually-hidden">: {p.label.toLowerCase()}</span>
                </button>
              </dd>
            </div>
          );
        })}
      </dl>
      {open && (
        <ConsentForm
          record={record}
          purpose={open}
          update={update}
          onDone={(text) => {
            const back = `consent-${open}`;
            setOpen(null);
            setSaid(text ?? "");
            setTimeout(() => document.getElementById(text ? "consent-said" : back)?.focus(), 0);
          }}
        />
      )}
      <p className="app-saved" role="status" id="consent-said" tabIndex={-1}>
        {said}
      </p>
    </section>
  );
}

function ConsentForm({
  record,
  purpose,
  update,
  onDone,
}: {
  record: PersonRecord;
  purpose: ConsentPurpose;
  update: Update;
  onDone: (said: string | null) => void;
}) {
  const lists = useLists();
  const [decision, setDecision] = useState<ConsentDecision | "">("");
  const [on, setOn] = useState("");
  const { errors, busy, submit } = useForm(["decision", "decided_on"], { decision: "consent-decision", decided_on: "consent-on" });
  const label = labelOf(lists.consent_purposes, purpose);
  return (
    <form
      className="app-panel"
      noValidate
      data-testid="consent-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit(() => update(api.record_consent({ person_id: record.person.id, purpose, decision: decision || null, decided_on: on }))).then(
          (r) => r && onDone(`Recorded: ${label}: ${labelOf(lists.consent_decisions, decision)}.`),
        );
      }}
    >
      <h4>{label}</h4>
      <ErrorSummary errors={errors} />
      <div className={`nhsuk-form-group${errors.fields["consent-decision"] ? " nhsuk-form-group--error" : ""}`}>
        <fieldset className="nhsuk-fieldset" id="consent-decision">
          <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Decision</legend>
          {errors.fields["consent-decision"] && <span className="nhsuk-error-message">{errors.fields["consent-decision"]}</span>}
          <div className="nhsuk-radios">
            {lists.consent_decisions.map((d) => (
              <div className="nhsuk-radios__item" key={d.value}>
                <input
                  className="nhsuk-radios__input"
                  id={`consent-decision-${d.value}`}
                  name="consent-decision"
                  type="radio"
                  autoFocus={d.value === lists.consent_decisions[0].value}
                  checked={decision === d.value}
                  onChange={() => setDecision(d.value as ConsentDecision)}
                />
                <label className="nhsuk-label nhsuk-radios__label" htmlFor={`consent-decision-${d.value}`}>
                  {d.label}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
      </div>
      <TextField
        id="consent-on"
        label="Date"
        hint="DD/MM/YYYY; today when blank"
        value={on}
        onChange={setOn}
        error={errors.fields["consent-on"]}
        inputClass="nhsuk-input--width-10"
      />
      <div className="nhsuk-button-group">
        <button className="nhsuk-button" type="submit" id="save-consent" disabled={busy}>
          Save
        </button>
        <button className="nhsuk-button nhsuk-button--secondary" type="button" onClick={() => onDone(null)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
