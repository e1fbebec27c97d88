import { useState, type FormEvent } from "react";
import { api, type GpSystem, type Practice, type PracticeId } from "../../generated/api";
import { ErrorSummary, SubmitButton, TextField } from "../../components/Form";
import { Select } from "../../components/Inputs";
import { Loading } from "../../components/Loading";
import { Saved } from "../../components/Saved";
import { TableRegion } from "../../components/TableRegion";
import { labelOf, useLists } from "../../lib/lists";
import { plural } from "../../lib/format";
import { useCommand } from "../../lib/useCommand";
import { useForm } from "../../lib/useForm";

/** Sent on `window` when a practice is added or changed. */
export const PRACTICES_CHANGED = "linkwork:practices-changed";

const IDS = { name: "practice-name", ods_code: "practice-ods", gp_system: "practice-system" };
const BLANK = { name: "", ods_code: "", gp_system: "" as GpSystem | "" };

/** The GP practices this link worker serves: a Primary Care Network's link worker has several,
 *  each keying its own record in its own GP system. */
export function Practices() {
  const lists = useLists();
  const loaded = useCommand(() => api.practices(), []);
  // The practice being changed, or null for a new one.
  const [editing, setEditing] = useState<PracticeId | null>(null);
  const [f, setF] = useState(BLANK);
  const [said, setSaid] = useState<string | null>(null);
  const { errors, busy, submit, clear } = useForm(["name", "ods_code", "gp_system"], IDS);

  function edit(p: Practice) {
    setEditing(p.id);
    setF({ name: p.name, ods_code: p.ods_code ?? "", gp_system: p.gp_system });
    setSaid(null);
    clear();
    setTimeout(() => document.getElementById(IDS.name)?.focus(), 0);
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    const p = await submit(() => api.save_practice({ practice_id: editing, name: f.name, ods_code: f.ods_code || null, gp_system: f.gp_system || null }));
    if (!p) return;
    const all = await api.practices();
    loaded.set(all);
    // Other sections listing practices (GP codes) take the new list.
    window.dispatchEvent(new Event(PRACTICES_CHANGED));
    setSaid(`${editing ? "Saved" : "Added"} ${p.name}${p.ods_code ? ` (${p.ods_code})` : ""}, ${labelOf(lists.gp_systems, p.gp_system)}.`);
    setEditing(null);
    setF(BLANK);
  }

  return (
    <section aria-labelledby="practices-title">
      <h2 id="practices-title">GP practices</h2>
      <p>
        The practices you take referrals from. Each keeps its record in its own GP system, so what you code is entered at the person&apos;s practice, and its
        own codes can be set under GP codes. Practices named on people&apos;s records, or on a referral, are listed here; give them their ODS code and system.
      </p>
      {loaded.data ? (
        loaded.data.length === 0 ? (
          <p data-testid="no-practices">No practices yet.</p>
        ) : (
          <TableRegion>
            <table className="nhsuk-table" data-testid="practices">
              <thead className="nhsuk-table__head">
                <tr>
                  <th scope="col">Practice</th>
                  <th scope="col">ODS code</th>
                  <th scope="col">GP system</th>
                  <th scope="col">Registered</th>
                  <th scope="col">
                    <span className="nhsuk-u-visually-hidden">Change</span>
                  </th>
                </tr>
              </thead>
              <tbody className="nhsuk-table__body">
                {loaded.data.map((p) => (
                  <tr key={p.id}>
                    <th scope="row">{p.name}</th>
                    <td>{p.ods_code ?? "Not known"}</td>
                    <td>{labelOf(lists.gp_systems, p.gp_system)}</td>
                    <td>{plural(p.people, "person", "people")}</td>
                    <td>
                      <button type="button" className="app-link-button" onClick={() => edit(p)} aria-label={`Change ${p.name}`}>
                        Change
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        )
      ) : (
        <Loading loaded={loaded} what="the practices" />
      )}
      {said && <Saved text={said} testid="practice-saved" />}
      <h3>{editing ? `Change ${f.name || "the practice"}` : "Add a practice"}</h3>
      <ErrorSummary errors={errors} />
      <form onSubmit={(e) => void save(e)} noValidate id="practice-form">
        <TextField id={IDS.name} label="Practice name" value={f.name} onChange={(v) => setF({ ...f, name: v })} error={errors.fields[IDS.name]} />
        <TextField
          id={IDS.ods_code}
          label="ODS code (optional)"
          hint="A letter and five digits, like B86002: on the practice's letters and in its GP system."
          inputClass="nhsuk-input--width-10"
          value={f.ods_code}
          onChange={(v) => setF({ ...f, ods_code: v })}
          error={errors.fields[IDS.ods_code]}
        />
        <Select
          id={IDS.gp_system}
          label="GP system"
          choices={lists.gp_systems}
          value={f.gp_system}
          blank="Choose the system"
          onChange={(v) => setF({ ...f, gp_system: v })}
          error={errors.fields[IDS.gp_system]}
        />
        <SubmitButton busy={busy} busyText="Saving…">
          {editing ? "Save the practice" : "Add the practice"}
        </SubmitButton>
        {editing && (
          <button
            type="button"
            className="nhsuk-button nhsuk-button--secondary"
            onClick={() => {
              setEditing(null);
              setF(BLANK);
              clear();
            }}
          >
            Cancel
          </button>
        )}
      </form>
    </section>
  );
}
