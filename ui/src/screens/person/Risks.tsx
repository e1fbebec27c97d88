import { useState } from "react";
import { api, type PersonRecord, type RiskEntryKind } from "../../generated/api";
import { ErrorSummary, TextField } from "../../components/Form";
import { Select, TextArea } from "../../components/Inputs";
import { isoToGB } from "../../lib/format";
import { labelOf, useLists } from "../../lib/lists";
import { useForm } from "../../lib/useForm";
import type { Update } from "./update";

/** The person's risk and safeguarding log, newest first, and a new entry. */
export function Risks({ record, update }: { record: PersonRecord; update: Update }) {
  const lists = useLists();
  const [r, setR] = useState<{ kind: RiskEntryKind; concern: string; action_taken: string; recorded_on: string }>({
    kind: "raised",
    concern: "",
    action_taken: "",
    recorded_on: "",
  });
  const { errors, submit } = useForm(["risk_concern", "risk_kind", "risk_recorded_on"]);
  return (
    <section aria-labelledby="risk-title">
      <h2 id="risk-title">Risks and safeguarding</h2>
      {record.risk_log.length === 0 ? (
        <p>No concerns recorded.</p>
      ) : (
        <table className="nhsuk-table" data-testid="risk-log">
          <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Risk log, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Entry</th>
              <th scope="col">Concern</th>
              <th scope="col">What was done</th>
            </tr>
          </thead>
          <tbody>
            {record.risk_log.map((e) => (
              <tr key={e.id}>
                <td className="app-nowrap">{isoToGB(e.recorded_on)}</td>
                <td>{labelOf(lists.risk_kinds, e.kind)}</td>
                <td>{e.concern}</td>
                <td>{e.action_taken}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ErrorSummary errors={errors} />
      <form
        id="risk-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit(() => update(api.add_risk({ person_id: record.person.id, ...r }))).then(
            (ok) => ok && setR({ kind: "update", concern: "", action_taken: "", recorded_on: "" }),
          );
        }}
      >
        <Select
          id="risk_kind"
          label="Entry"
          choices={lists.risk_kinds}
          value={r.kind}
          onChange={(v) => setR({ ...r, kind: v })}
          error={errors.fields.risk_kind}
        />
        <TextArea
          id="risk_concern"
          label="Concern"
          rows={2}
          value={r.concern}
          onChange={(v) => setR({ ...r, concern: v })}
          error={errors.fields.risk_concern}
        />
        <TextArea id="risk_action" label="What was done" rows={2} value={r.action_taken} onChange={(v) => setR({ ...r, action_taken: v })} />
        <TextField
          id="risk_recorded_on"
          label="Date (blank for today)"
          inputClass="nhsuk-input--width-10"
          value={r.recorded_on}
          onChange={(v) => setR({ ...r, recorded_on: v })}
          error={errors.fields.risk_recorded_on}
        />
        <button className="nhsuk-button nhsuk-button--secondary" type="submit">
          Add to risk log
        </button>
      </form>
    </section>
  );
}
