import { useState, type FormEvent } from "react";
import { api, type Barrier, type OnwardOutcome, type OnwardView } from "../../generated/api";
import { ErrorSummary, TextField } from "../../components/Form";
import { Checkboxes, Select } from "../../components/Inputs";
import { formatDateGB, isoToGB } from "../../lib/format";
import { labelOf, useLists } from "../../lib/lists";
import { useForm } from "../../lib/useForm";
import type { Update } from "../person/update";

// Not "outcome": the contact form on the same page has that field.
const IDS = { outcome: "onward_outcome", outcome_on: "onward_outcome_on", barriers: "onward_barriers" };

/** What happened with an onward referral: the outcome, its date and any barriers. */
export function OutcomeForm({ o, update, onDone }: { o: OnwardView; update: Update; onDone: (saved?: string) => void }) {
  const lists = useLists();
  const [outcome, setOutcome] = useState<OnwardOutcome>(o.outcome === "pending" ? "attended" : o.outcome);
  const [date, setDate] = useState(o.outcome_on ? isoToGB(o.outcome_on) : formatDateGB(new Date()));
  const [barriers, setBarriers] = useState<Barrier[]>(o.barriers);
  const { errors, submit } = useForm(["outcome", "outcome_on", "barriers"], IDS);
  async function save(e: FormEvent) {
    e.preventDefault();
    if (await submit(() => update(api.record_onward_outcome({ onward_id: o.id, outcome, outcome_on: date, barriers }))))
      onDone(`Outcome for ${o.asset_name} saved: ${labelOf(lists.onward_outcomes, outcome).toLowerCase()}${outcome === "pending" ? "" : `, ${date}`}.`);
  }
  return (
    <form className="app-panel" onSubmit={(e) => void save(e)} noValidate data-testid="onward-outcome-form">
      <h3>What happened with {o.asset_name}?</h3>
      <ErrorSummary errors={errors} />
      <Select id={IDS.outcome} label="Outcome" choices={lists.onward_outcomes} value={outcome} onChange={setOutcome} error={errors.fields[IDS.outcome]} />
      {outcome !== "pending" && (
        <TextField
          id={IDS.outcome_on}
          label="Date"
          hint="DD/MM/YYYY"
          value={date}
          onChange={setDate}
          error={errors.fields[IDS.outcome_on]}
          inputClass="nhsuk-input--width-10"
        />
      )}
      <Checkboxes
        id={IDS.barriers}
        legend="Barriers (any that applied)"
        choices={lists.barriers}
        values={barriers}
        onChange={setBarriers}
        error={errors.fields[IDS.barriers]}
      />
      <div className="nhsuk-button-group">
        <button className="nhsuk-button" type="submit" id="save-onward-outcome">
          Save outcome
        </button>
        <button className="nhsuk-button nhsuk-button--secondary" type="button" onClick={() => onDone()}>
          Cancel
        </button>
      </div>
    </form>
  );
}
