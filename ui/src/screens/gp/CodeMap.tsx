import { useEffect, useState } from "react";
import { PRACTICES_CHANGED } from "../settings/Practices";
import { api, type CodeUse, type GpCodeMapView, type MapEntry, type Practice, type PracticeId } from "../../generated/api";
import { ErrorSummary, TextField } from "../../components/Form";
import { Checkboxes, Select } from "../../components/Inputs";
import { Undo } from "../../components/Undo";
import { toApiError } from "../../lib/errors";
import { Loading } from "../../components/Loading";
import { useCommand } from "../../lib/useCommand";
import { labelOf } from "../../lib/lists";
import { useForm } from "../../lib/useForm";
import { TableRegion } from "../../components/TableRegion";

const IDS = { use: "local-code-use", concept_id: "local-code-id", term: "local-code-term" };

function Codes({
  entries,
  uses,
  onRemove,
  removable,
}: {
  entries: MapEntry[];
  uses: GpCodeMapView["uses"];
  onRemove?: (u: CodeUse) => void;
  removable?: (e: MapEntry) => boolean;
}) {
  return (
    <TableRegion>
      <table className="nhsuk-table app-table app-compact">
        <thead>
          <tr>
            <th scope="col">Records</th>
            <th scope="col">SNOMED CT</th>
            <th scope="col">When</th>
            <th scope="col">Source</th>
            {onRemove && (
              <th scope="col">
                <span className="nhsuk-u-visually-hidden">Remove</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={`${e.practice_id ?? ""}-${e.use}-${e.concept_id}`} data-use={e.use}>
              <td>{labelOf(uses, e.use)}</td>
              <td>
                <span className="app-nowrap">{e.concept_id}</span>
                <div>{e.term}</div>
              </td>
              <td>{e.rule}</td>
              <td>
                {e.local ? (
                  <>
                    <strong className="nhsuk-tag nhsuk-tag--grey">Local</strong> <span className="app-muted">{e.source}</span>
                  </>
                ) : (
                  e.source
                )}
              </td>
              {onRemove && (
                <td>
                  {removable?.(e) !== false && (
                    <button type="button" className="app-link-button" onClick={() => onRemove(e.use)}>
                      Remove<span className="nhsuk-u-visually-hidden"> the local code for {labelOf(uses, e.use)}</span>
                    </button>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}

/** The SNOMED CT codes Linkwork may use, and the practices' own (each checked by the core): for
 *  every practice, or for one, whose own codes and referrer habits come first for its people. */
export function CodeMap() {
  const practices = useCommand(() => api.practices(), []);
  const [practice, setPractice] = useState<PracticeId | "">("");
  const { retry } = practices;
  useEffect(() => {
    window.addEventListener(PRACTICES_CHANGED, retry);
    return () => window.removeEventListener(PRACTICES_CHANGED, retry);
  }, [retry]);
  return (
    <section aria-labelledby="code-map-title" data-testid="code-map">
      <h2 id="code-map-title">GP codes</h2>
      <p>
        Linkwork uses only the national SNOMED CT codes it ships with. If a practice&apos;s template uses its own code for an event, or has codes for ONS4 items
        or PAM, add it here: it is used instead, marked &ldquo;Local&rdquo;. Each practice keys its own record, so a code can be for every practice or for one.
      </p>
      {practices.error && <Loading loaded={practices} what="the practices" />}
      {(practices.data?.length ?? 0) > 0 && (
        <Select<PracticeId>
          id="code-map-practice"
          label="Codes for"
          choices={(practices.data ?? []).map((p: Practice) => ({ value: p.id, label: `${p.name}${p.ods_code ? ` (${p.ods_code})` : ""}` }))}
          value={practice}
          onChange={setPractice}
          blank="Every practice"
        />
      )}
      <PracticeCodes key={practice} practice={practice || null} name={practices.data?.find((p) => p.id === practice)?.name ?? null} />
    </section>
  );
}

function PracticeCodes({ practice, name }: { practice: PracticeId | null; name: string | null }) {
  const loaded = useCommand(() => api.gp_code_map({ practice_id: practice }), [practice]);
  const map = loaded.data;
  const setMap = loaded.set;
  const [f, setF] = useState({ use: "" as CodeUse | "", concept_id: "", term: "" });
  const [said, setSaid] = useState<string | null>(null);
  // The local code just removed, while "Undo" is offered.
  const [removed, setRemoved] = useState<MapEntry | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { errors, busy, submit } = useForm(["use", "concept_id", "term"], IDS);
  if (!map) return <Loading loaded={loaded} what="the code map" />;
  const local = map.entries.filter((e) => e.local);
  const shipped = map.entries.filter((e) => !e.local);
  const mine = (e: MapEntry) => (e.practice_id ?? null) === practice;
  const scope = name ? `for ${name}` : "for every practice";
  return (
    <>
      {error && (
        <div className="nhsuk-error-summary" role="alert">
          <p>{error}</p>
        </div>
      )}
      {local.length > 0 && (
        <Codes
          entries={local}
          uses={map.uses}
          removable={mine}
          onRemove={(u) => {
            const gone = local.find((e) => e.use === u && mine(e)) ?? null;
            void api.remove_gp_local_code({ practice_id: practice, use: u }).then(
              (m) => (setMap(m), setRemoved(gone), setSaid(`Local code removed ${scope}.`)),
              (e) => setError(toApiError(e).message),
            );
          }}
        />
      )}
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit(() => api.set_gp_local_code({ practice_id: practice, use: f.use || null, concept_id: f.concept_id, term: f.term })).then((m) => {
            if (!m) return;
            setMap(m);
            setF({ use: "", concept_id: "", term: "" });
            setRemoved(null);
            setSaid(`Local code ${scope} saved.`);
          });
        }}
      >
        <h3>Add a local code {scope}</h3>
        <ErrorSummary errors={errors} />
        <Select<CodeUse>
          id={IDS.use}
          label="It records"
          choices={map.uses}
          value={f.use}
          onChange={(v) => setF({ ...f, use: v })}
          blank="Choose…"
          error={errors.fields[IDS.use]}
        />
        <TextField
          id={IDS.concept_id}
          label="SNOMED CT concept id"
          hint="6 to 18 digits, as in the practice template; it must pass the SNOMED check digit."
          value={f.concept_id}
          onChange={(v) => setF({ ...f, concept_id: v })}
          inputMode="numeric"
          inputClass="nhsuk-input--width-20"
          error={errors.fields[IDS.concept_id]}
        />
        <TextField id={IDS.term} label="Term" value={f.term} onChange={(v) => setF({ ...f, term: v })} error={errors.fields[IDS.term]} />
        <button className="nhsuk-button nhsuk-button--secondary" type="submit" id="save-local-code" disabled={busy}>
          Save the local code
        </button>
      </form>
      <p className="app-saved" role="status">
        {said}
        {removed && (
          <Undo
            id="undo-remove-local-code"
            onUndo={() =>
              void api.set_gp_local_code({ practice_id: practice, use: removed.use, concept_id: removed.concept_id, term: removed.term }).then(
                (m) => (setMap(m), setRemoved(null), setSaid("Local code put back.")),
                (e) => setError(toApiError(e).message),
              )
            }
          />
        )}
      </p>
      <ReferrerCodes map={map} name={name} onSaved={(m) => setMap(m)} />
      <details className="nhsuk-details">
        <summary className="nhsuk-details__summary">
          <span className="nhsuk-details__summary-text">The {shipped.length} national codes Linkwork ships with</span>
        </summary>
        <div className="nhsuk-details__text">
          <Codes entries={shipped} uses={map.uses} />
        </div>
      </details>
    </>
  );
}

/** What a practice's referrers code themselves (or every practice's), so it is never entered twice. */
function ReferrerCodes({ map, name, onSaved }: { map: GpCodeMapView; name: string | null; onSaved: (m: GpCodeMapView) => void }) {
  const [uses, setUses] = useState<CodeUse[]>(map.by_referrer);
  const [asEvery, setAsEvery] = useState(map.referrer_as_every_practice);
  const [said, setSaid] = useState("");
  const { errors, busy, submit } = useForm(["uses"], { uses: "referrer-codes" });
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit(() => api.set_gp_referrer_codes({ practice_id: map.practice_id, uses, as_every_practice: asEvery })).then((m) => {
          if (!m) return;
          onSaved(m);
          setUses(m.by_referrer);
          setSaid(
            m.referrer_as_every_practice
              ? "Saved: as for every practice."
              : m.by_referrer.length === 0
                ? "Saved: every coded line is on the to-code list."
                : `Saved: ${m.by_referrer.map((u) => labelOf(map.referrer_may_code, u).toLowerCase()).join(", ")} left to the referrer.`,
          );
        });
      }}
    >
      <h3>Codes the referrer enters</h3>
      <ErrorSummary errors={errors} />
      {name && (
        <div className="nhsuk-checkboxes nhsuk-u-margin-bottom-3">
          <div className="nhsuk-checkboxes__item">
            <input
              className="nhsuk-checkboxes__input"
              id="referrer-as-every"
              type="checkbox"
              checked={asEvery}
              onChange={(e) => setAsEvery(e.target.checked)}
            />
            <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor="referrer-as-every">
              As for every practice
            </label>
          </div>
        </div>
      )}
      {!(name && asEvery) && (
        <Checkboxes<CodeUse>
          id="referrer-codes"
          legend={name ? `Which events do ${name}'s referrers code themselves?` : "Which events do the practices' referrers code themselves?"}
          hint="Often the GP codes “offered” and “referral to social prescribing service” when referring. Those lines are then shown as “coded by the referrer” and never put on the to-code list, so nothing is entered twice."
          choices={map.referrer_may_code}
          values={uses}
          onChange={setUses}
          error={errors.fields["referrer-codes"]}
        />
      )}
      <button className="nhsuk-button nhsuk-button--secondary" type="submit" id="save-referrer-codes" disabled={busy}>
        Save
      </button>
      <p className="app-saved" role="status">
        {said}
      </p>
    </form>
  );
}
