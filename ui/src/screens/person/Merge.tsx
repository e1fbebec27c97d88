import { useEffect, useState } from "react";
import { api, type PersonRecord, type PersonSummary } from "../../generated/api";
import { ErrorSummary, TextField } from "../../components/Form";
import { isoToGB } from "../../lib/format";
import { useForm } from "../../lib/useForm";
import { useCommand } from "../../lib/useCommand";
import { Loading } from "../../components/Loading";

function describe(p: { name: string; date_of_birth: string | null; nhs_number: string | null; postcode: string | null }): string {
  return [p.name, p.date_of_birth ? `born ${isoToGB(p.date_of_birth)}` : null, p.nhs_number ? `NHS ${p.nhs_number}` : "no NHS number", p.postcode]
    .filter(Boolean)
    .join(", ");
}

function contents(r: PersonRecord): string {
  const contacts = r.episodes.reduce((n, e) => n + e.contacts.length, 0);
  return `${r.episodes.length} episode(s), ${contacts} contact(s), ${r.concerns.length} risk concern(s), ${r.consent_history.length} consent decision(s)`;
}

/** Merging two records of one person: find the other record, choose which to keep, confirm. */
export function Merge({ record, onMerged, onCancel }: { record: PersonRecord; onMerged: (kept: PersonRecord) => void; onCancel: () => void }) {
  const me = record.person;
  const [search, setSearch] = useState(`${me.family_name}`);
  const [other, setOther] = useState<PersonRecord | null>(null);
  const [keepThis, setKeepThis] = useState(true);
  const { errors, busy, submit, clear } = useForm([]);
  // A change elsewhere on the page (closing an episode) may have removed the reason for a refusal.
  useEffect(clear, [record, clear]);

  // A failed search says so (and can be asked again), never "no other records match".
  const matches = useCommand(() => api.list_people({ search }).then((people) => people.filter((p) => p.id !== me.id).slice(0, 20)), [search, me.id]);
  const found: PersonSummary[] = matches.data ?? [];

  const mine = { name: `${me.given_name} ${me.family_name}`, date_of_birth: me.date_of_birth, nhs_number: me.nhs_number, postcode: me.postcode };
  return (
    <div className="app-panel" id="merge-panel">
      <h2>Merge with another record of {me.given_name}</h2>
      <ErrorSummary errors={errors} />
      {!other ? (
        <>
          <TextField id="merge_search" label="Find the other record by name or NHS number" value={search} onChange={setSearch} autoFocus />
          {matches.error ? (
            <Loading loaded={matches} what="the matching records" />
          ) : found.length === 0 ? (
            <p>{matches.loading ? "Searching…" : "No other records match."}</p>
          ) : (
            <ul className="nhsuk-list" data-testid="merge-candidates">
              {found.map((p) => (
                <li key={p.id}>
                  {describe(p)}{" "}
                  <button
                    type="button"
                    className="app-link-button"
                    data-merge-candidate={p.name}
                    onClick={() => void submit(() => api.person({ person_id: p.id })).then((r) => r && setOther(r))}
                  >
                    Choose<span className="nhsuk-u-visually-hidden"> {p.name}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
          <button type="button" className="app-link-button" onClick={onCancel}>
            Cancel
          </button>
        </>
      ) : (
        <form
          id="merge-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            const [keep, gone] = keepThis ? [me.id, other.person.id] : [other.person.id, me.id];
            void submit(() => api.merge_people({ keep_id: keep, other_id: gone })).then((r) => r && onMerged(r));
          }}
        >
          <fieldset className="nhsuk-fieldset">
            <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Which record do you keep?</legend>
            <div className="nhsuk-radios">
              {(
                [
                  [true, "merge-keep-this", `${describe(mine)} – this record (${contents(record)})`],
                  [
                    false,
                    "merge-keep-other",
                    `${describe({ ...other.person, name: `${other.person.given_name} ${other.person.family_name}` })} (${contents(other)})`,
                  ],
                ] as const
              ).map(([value, id, label]) => (
                <div className="nhsuk-radios__item" key={id}>
                  <input
                    className="nhsuk-radios__input"
                    id={id}
                    name="merge-keep"
                    type="radio"
                    checked={keepThis === value}
                    onChange={() => setKeepThis(value)}
                  />
                  <label className="nhsuk-label nhsuk-radios__label" htmlFor={id}>
                    {label}
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
          <p className="nhsuk-inset-text">
            Everything on the other record moves to the one you keep: episodes, contacts, outcomes, plans, risks and consent. Details the kept record lacks are
            filled in; ones that differ are kept in its notes. The other record is then removed. This cannot be undone.
          </p>
          <div className="nhsuk-button-group">
            <button className="nhsuk-button nhsuk-button--warning" type="submit" id="merge-confirm" disabled={busy}>
              Merge records
            </button>
            <button type="button" className="app-link-button" onClick={() => setOther(null)}>
              Choose a different record
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
