import { useState } from "react";
import { api, type PersonRecord } from "../../generated/api";
import { ErrorSummary, TextField, focusSoon } from "../../components/Form";
import { OnDemand } from "../../components/OnDemand";
import { isoToGB } from "../../lib/format";
import { useForm } from "../../lib/useForm";
import type { Update } from "./update";

/**
 * Recording that the person died: their open episode closes ("died"), so they leave the waiting
 * list, reminders and prompts; the date shows wherever they appear. A date entered by mistake can
 * be taken back (closed episodes stay closed).
 */
export function Death({ record, update }: { record: PersonRecord; update: Update }) {
  const p = record.person;
  const [on, setOn] = useState("");
  const { errors, busy, submit } = useForm(["date_of_death"]);
  const open = record.episodes.some((e) => e.status !== "closed");
  if (p.date_of_death)
    return (
      <section aria-labelledby="death-title" className="app-panel" data-testid="death">
        <h3 id="death-title" className="nhsuk-heading-s">
          Died {isoToGB(p.date_of_death)}
        </h3>
        <ErrorSummary errors={errors} />
        <button
          className="app-link-button"
          type="button"
          id="remove-death"
          disabled={busy}
          onClick={() => void submit(() => update(api.record_death({ person_id: p.id, date_of_death: null, remove: true })))}
        >
          Remove the date of death (it was recorded by mistake)
        </button>
      </section>
    );
  return (
    <section aria-labelledby="death-title" data-testid="death">
      <h3 id="death-title" className="nhsuk-u-visually-hidden">
        Death
      </h3>
      <OnDemand id="record-death" label="Record that this person died…" className="app-link-button">
        {(done) => (
          <form
            className="app-panel"
            id="death-form"
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              void submit(() => update(api.record_death({ person_id: p.id, date_of_death: on, remove: false }))).then((r) => r && focusSoon("remove-death"));
            }}
          >
            <ErrorSummary errors={errors} />
            <TextField
              id="date_of_death"
              label="Date of death"
              hint={
                open
                  ? "DD/MM/YYYY. Their open episode closes with the reason “died”. Open concerns stay open until you close them."
                  : "DD/MM/YYYY. Open concerns stay open until you close them."
              }
              inputClass="nhsuk-input--width-10"
              value={on}
              onChange={setOn}
              error={errors.fields.date_of_death}
            />
            <div className="nhsuk-button-group">
              <button className="nhsuk-button nhsuk-button--warning" type="submit" disabled={busy}>
                Record the death
              </button>
              <button className="app-link-button" type="button" onClick={() => done()}>
                Cancel
              </button>
            </div>
          </form>
        )}
      </OnDemand>
    </section>
  );
}
