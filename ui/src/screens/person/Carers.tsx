import { useState } from "react";
import { api, type CarerLinkView, type CarerRole, type PersonId, type PersonRecord } from "../../generated/api";
import { ErrorSummary, TextField } from "../../components/Form";
import { Select } from "../../components/Inputs";
import { Saved } from "../../components/Saved";
import { formatDateGB, isoToGB } from "../../lib/format";
import { labelOf, useLists } from "../../lib/lists";
import { useCommand } from "../../lib/useCommand";
import { useForm } from "../../lib/useForm";
import type { Act, Update } from "./update";

const IDS = { role: "carer-role", other_name: "carer-name", other_person_id: "carer-find", relationship: "carer-relationship", since: "carer-since" };

/** A carer named only, to refer in their own right: their name split as a form would take it. */
export function nameParts(name: string): { given_name: string; family_name: string } {
  const words = name.trim().split(/\s+/);
  return words.length < 2
    ? { given_name: words[0] ?? "", family_name: "" }
    : { given_name: words.slice(0, -1).join(" "), family_name: words[words.length - 1] };
}

/**
 * Who this person cares for and who cares for them: on the caseload (linked both ways) or a name
 * only. A carer named only can be referred in their own right.
 */
export function Carers({
  record,
  update,
  act,
  onOpen,
  onReferCarer,
}: {
  record: PersonRecord;
  update: Update;
  act: Act;
  onOpen: (id: PersonId) => void;
  onReferCarer?: (link: CarerLinkView) => void;
}) {
  const lists = useLists();
  const me = record.person;
  const [adding, setAdding] = useState(false);
  const [said, setSaid] = useState("");
  const [f, setF] = useState({
    role: "" as CarerRole | "",
    name: "",
    other: null as { id: PersonId; name: string } | null,
    relationship: "",
    since: formatDateGB(new Date()),
  });
  const { errors, busy, submit } = useForm(Object.keys(IDS), IDS);
  const text = f.name.trim();
  const found = useCommand(() => (adding && text.length >= 2 && !f.other ? api.list_people({ search: text }) : Promise.resolve([])), [adding, text, f.other]);
  const matches = (found.data ?? []).filter((p) => p.id !== me.id).slice(0, 5);

  async function save() {
    const done = await submit(() =>
      update(
        api.add_carer_link({
          person_id: me.id,
          role: f.role || null,
          other_person_id: f.other?.id ?? null,
          other_name: f.other ? null : f.name,
          relationship: f.relationship || null,
          since: f.since || null,
        }),
      ),
    );
    if (done) {
      setAdding(false);
      setSaid(`Saved: ${me.given_name} ${f.role === "cared_for_by" ? "is cared for by" : "cares for"} ${f.other?.name ?? text}.`);
    }
  }

  return (
    <section aria-labelledby="carers-title" className="app-panel">
      <h3 id="carers-title">Caring</h3>
      {said && <Saved text={said} testid="carer-saved" />}
      {record.carers.length === 0 ? (
        <p>No one recorded: {me.given_name} is not recorded as caring for anyone, or as cared for.</p>
      ) : (
        <ul className="nhsuk-list" data-testid="carer-links">
          {record.carers.map((l) => (
            <li key={l.id} className={l.ended_on ? "app-muted" : undefined}>
              {labelOf(lists.carer_roles, l.role)}{" "}
              {l.other_person_id ? (
                <button type="button" className="app-link-button" onClick={() => onOpen(l.other_person_id!)}>
                  {l.other_name}
                </button>
              ) : (
                <strong>{l.other_name}</strong>
              )}
              {l.relationship ? ` (${l.relationship})` : ""}
              {!l.other_person_id && " — not on the caseload"}, since {isoToGB(l.since)}
              {l.ended_on ? `, ended ${isoToGB(l.ended_on)}` : ""}
              {!l.ended_on && (
                <span className="app-inline-actions">
                  {!l.other_person_id && l.role === "cared_for_by" && onReferCarer && (
                    <button type="button" className="app-link-button" data-refer-carer={l.other_name} onClick={() => onReferCarer(l)}>
                      Refer {l.other_name} in their own right
                    </button>
                  )}
                  <button type="button" className="app-link-button" onClick={() => act(api.end_carer_link({ person_id: me.id, link_id: l.id }))}>
                    Caring has ended<span className="nhsuk-u-visually-hidden">: {l.other_name}</span>
                  </button>
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      {!adding ? (
        <button
          type="button"
          className="nhsuk-button nhsuk-button--secondary"
          id="carer-add"
          onClick={() => {
            setF({ role: "", name: "", other: null, relationship: "", since: formatDateGB(new Date()) });
            setSaid("");
            setAdding(true);
          }}
        >
          Add a carer or someone they care for
        </button>
      ) : (
        <>
          <ErrorSummary errors={errors} />
          <Select
            id={IDS.role}
            label={`${me.given_name}…`}
            choices={lists.carer_roles}
            value={f.role}
            onChange={(v) => setF({ ...f, role: v })}
            blank="Choose…"
            error={errors.fields[IDS.role]}
          />
          {f.other ? (
            <p>
              <strong>{f.other.name}</strong> (on the caseload){" "}
              <button type="button" className="app-link-button" onClick={() => setF({ ...f, other: null })}>
                Choose someone else
              </button>
            </p>
          ) : (
            <>
              <TextField
                id={IDS.other_name}
                label="Their name"
                hint="Someone on the caseload is offered as you type; anyone else is kept by name only."
                value={f.name}
                onChange={(v) => setF({ ...f, name: v })}
                error={errors.fields[IDS.other_name] ?? errors.fields[IDS.other_person_id]}
              />
              {matches.length > 0 && (
                <ul className="nhsuk-list" data-testid="carer-candidates">
                  {matches.map((p) => (
                    <li key={p.id}>
                      <button type="button" className="app-link-button" onClick={() => setF({ ...f, other: { id: p.id, name: p.name } })}>
                        {p.name}
                        {p.nhs_number ? `, ${p.nhs_number}` : ""}
                      </button>
                    </li>
                  ))}
                </ul>
              )}
            </>
          )}
          <TextField
            id={IDS.relationship}
            label="Relationship (optional)"
            hint="Like “daughter” or “neighbour”."
            value={f.relationship}
            onChange={(v) => setF({ ...f, relationship: v })}
            error={errors.fields[IDS.relationship]}
          />
          <TextField
            id={IDS.since}
            label="Since"
            inputClass="nhsuk-input--width-10"
            value={f.since}
            onChange={(v) => setF({ ...f, since: v })}
            error={errors.fields[IDS.since]}
          />
          <div className="nhsuk-button-group">
            <button className="nhsuk-button" type="button" id="carer-save" onClick={() => void save()} disabled={busy}>
              Save
            </button>
            <button className="app-link-button" type="button" onClick={() => setAdding(false)}>
              Cancel
            </button>
          </div>
        </>
      )}
    </section>
  );
}
