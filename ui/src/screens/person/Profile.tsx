import { useState } from "react";
import { api, type Disability, type EthnicGroup, type PersonRecord, type Sex } from "../../generated/api";
import { ErrorSummary, TextField } from "../../components/Form";
import { Select } from "../../components/Inputs";
import { Saved } from "../../components/Saved";
import { labelOf, useLists } from "../../lib/lists";
import { useForm } from "../../lib/useForm";
import type { Update } from "./update";

const IDS = {
  sex: "profile-sex",
  ethnic_group: "profile-ethnic",
  first_language: "profile-language",
  interpreter_needed: "profile-interpreter",
  disability: "profile-disability",
  imd_decile: "profile-imd",
};

const YES_NO = [
  { value: "yes", label: "Yes" },
  { value: "no", label: "No" },
];

/**
 * Who the service reaches: optional details, never required and shown only here. The report
 * counts people by age band, sex and broad ethnic group, so a supervisor can see who is missed.
 */
export function Profile({ record, update }: { record: PersonRecord; update: Update }) {
  const lists = useLists();
  const p = record.person.profile;
  const [editing, setEditing] = useState(false);
  const [said, setSaid] = useState("");
  const initial = () => ({
    sex: p.sex ?? "",
    ethnic_group: p.ethnic_group ?? "",
    first_language: p.first_language ?? "",
    interpreter_needed: p.interpreter_needed === null ? "" : p.interpreter_needed ? "yes" : "no",
    disability: p.disability ?? "",
    imd_decile: p.imd_decile === null ? "" : String(p.imd_decile),
  });
  const [f, setF] = useState(initial);
  const { errors, busy, submit } = useForm(Object.keys(IDS), IDS);

  async function save() {
    const done = await submit(() =>
      update(
        api.update_person_profile({
          person_id: record.person.id,
          sex: (f.sex || null) as Sex | null,
          ethnic_group: (f.ethnic_group || null) as EthnicGroup | null,
          first_language: f.first_language || null,
          interpreter_needed: f.interpreter_needed === "" ? null : f.interpreter_needed === "yes",
          disability: (f.disability || null) as Disability | null,
          imd_decile: f.imd_decile || null,
        }),
      ),
    );
    if (done) {
      setEditing(false);
      setSaid("Saved: who they are.");
    }
  }

  const rows: [string, string | null][] = [
    ["Sex", p.sex ? labelOf(lists.sexes, p.sex) : null],
    ["Ethnic group", p.ethnic_group ? labelOf(lists.ethnic_groups, p.ethnic_group) : null],
    [
      "First language",
      [p.first_language, p.interpreter_needed === null ? null : p.interpreter_needed ? "interpreter needed" : "no interpreter needed"]
        .filter(Boolean)
        .join(", ") || null,
    ],
    ["Disability or long-term condition", p.disability ? labelOf(lists.disabilities, p.disability) : null],
    ["Deprivation decile (from the practice)", p.imd_decile === null ? null : `${p.imd_decile} of 10`],
  ];
  return (
    <section aria-labelledby="profile-title" className="app-panel">
      <h3 id="profile-title">Who they are (optional)</h3>
      <p className="nhsuk-hint">Never required. Used only to see who the service reaches; the report counts broad groups, never a person.</p>
      {said && <Saved text={said} testid="profile-saved" />}
      {!editing ? (
        <>
          <dl className="nhsuk-summary-list" data-testid="person-profile">
            {rows.map(([k, v]) => (
              <div className="nhsuk-summary-list__row" key={k}>
                <dt className="nhsuk-summary-list__key">{k}</dt>
                <dd className="nhsuk-summary-list__value">{v || "Not recorded"}</dd>
              </div>
            ))}
          </dl>
          <button
            className="nhsuk-button nhsuk-button--secondary"
            type="button"
            id="edit-profile"
            onClick={() => {
              setF(initial());
              setSaid("");
              setEditing(true);
            }}
          >
            Change who they are
          </button>
        </>
      ) : (
        <>
          <ErrorSummary errors={errors} />
          <Select
            id={IDS.sex}
            label="Sex (as they describe it)"
            choices={lists.sexes}
            value={f.sex}
            onChange={(v) => setF({ ...f, sex: v })}
            blank="Not recorded"
            error={errors.fields[IDS.sex]}
          />
          <Select
            id={IDS.ethnic_group}
            label="Ethnic group (as they give it)"
            choices={lists.ethnic_groups}
            value={f.ethnic_group}
            onChange={(v) => setF({ ...f, ethnic_group: v })}
            blank="Not recorded"
            error={errors.fields[IDS.ethnic_group]}
          />
          <TextField
            id={IDS.first_language}
            label="First language"
            value={f.first_language}
            onChange={(v) => setF({ ...f, first_language: v })}
            error={errors.fields[IDS.first_language]}
          />
          <Select
            id={IDS.interpreter_needed}
            label="Interpreter needed"
            choices={YES_NO}
            value={f.interpreter_needed}
            onChange={(v) => setF({ ...f, interpreter_needed: v })}
            blank="Not recorded"
            error={errors.fields[IDS.interpreter_needed]}
          />
          <Select
            id={IDS.disability}
            label="Disability or long-term condition"
            choices={lists.disabilities}
            value={f.disability}
            onChange={(v) => setF({ ...f, disability: v })}
            blank="Not recorded"
            error={errors.fields[IDS.disability]}
          />
          <TextField
            id={IDS.imd_decile}
            label="Deprivation decile, if the practice gives one"
            hint="1 is the most deprived tenth of areas, 10 the least."
            inputClass="nhsuk-input--width-2"
            inputMode="numeric"
            value={f.imd_decile}
            onChange={(v) => setF({ ...f, imd_decile: v })}
            error={errors.fields[IDS.imd_decile]}
          />
          <div className="nhsuk-button-group">
            <button className="nhsuk-button" type="button" id="profile-save" onClick={() => void save()} disabled={busy}>
              Save
            </button>
            <button className="app-link-button" type="button" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </div>
        </>
      )}
    </section>
  );
}
