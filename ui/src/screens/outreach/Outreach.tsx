import { useEffect, useRef, useState } from "react";
import {
  api,
  type OutreachEntryView,
  type OutreachListId,
  type OutreachListView,
  type OutreachOutcome,
  type OutreachPreview,
  type PersonId,
  type PracticeId,
} from "../../generated/api";
import { ErrorSummary, TextField } from "../../components/Form";
import { Select } from "../../components/Inputs";
import { Loading } from "../../components/Loading";
import { TableRegion } from "../../components/TableRegion";
import { toApiError } from "../../lib/errors";
import { pickFile, type Chosen } from "../../lib/files";
import { formatDateGB, isoTimeToGB, isoToGB, plural } from "../../lib/format";
import { labelOf, useLists } from "../../lib/lists";
import { useCommand } from "../../lib/useCommand";
import { useForm } from "../../lib/useForm";

const CSV = [{ name: "CSV", extensions: ["csv", "txt"] }];

/**
 * Proactive outreach: the people a practice search found, reached by phone rather than waiting
 * for a referral. Lists are imported whole from the GP system's CSV, worked person by person
 * ("Next to call", then what the call came to), and a yes becomes a referral in one step.
 */
export function Outreach({ onOpen }: { onOpen: (id: PersonId) => void }) {
  const [open, setOpen] = useState<OutreachListId | null>(null);
  const lists = useCommand(() => api.outreach_lists(), [open]);
  if (open) return <WorkList id={open} onBack={() => setOpen(null)} onOpen={onOpen} />;
  return (
    <main className="nhsuk-main-wrapper" id="maincontent" data-screen="outreach" aria-labelledby="outreach-title">
      <h1 id="outreach-title">Outreach lists</h1>
      <p>
        People a practice search found (a frailty register, people who are lonely or often attend), to contact rather than wait for a referral. Rows that do not
        become referrals are removed some months after a list is closed (Settings, caseload rules).
      </p>
      {lists.data ? (
        lists.data.length === 0 ? (
          <p data-testid="no-outreach-lists">No lists yet.</p>
        ) : (
          <TableRegion>
            <table className="nhsuk-table app-table" data-testid="outreach-lists">
              <caption className="nhsuk-table__caption nhsuk-table__caption--s">{plural(lists.data.length, "list")}</caption>
              <thead>
                <tr>
                  <th scope="col">List</th>
                  <th scope="col">Practice</th>
                  <th scope="col">Searched</th>
                  <th scope="col">People</th>
                  <th scope="col">To work</th>
                  <th scope="col">Accepted</th>
                </tr>
              </thead>
              <tbody>
                {lists.data.map((l) => (
                  <tr key={l.id}>
                    <td>
                      <button type="button" className="app-link-button" onClick={() => setOpen(l.id)} data-list={l.name}>
                        {l.name}
                      </button>
                      {l.closed_on && <div className="app-muted">Closed {isoToGB(l.closed_on)}</div>}
                    </td>
                    <td>{l.practice}</td>
                    <td className="app-nowrap">{isoToGB(l.searched_on)}</td>
                    <td>{l.people}</td>
                    <td>{l.open}</td>
                    <td>{l.accepted}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        )
      ) : (
        <Loading loaded={lists} what="the outreach lists" />
      )}
      <ImportList onImported={(v) => setOpen(v.list.id)} />
    </main>
  );
}

const IDS = { practice_id: "outreach-practice", name: "outreach-name", searched_on: "outreach-searched", path: "outreach-file" };

/** Choose the file, see what it holds and who is known, then import it all (or nothing). */
function ImportList({ onImported }: { onImported: (v: OutreachListView) => void }) {
  const practices = useCommand(() => api.practices(), []);
  const [f, setF] = useState({ practice_id: "", name: "", searched_on: formatDateGB(new Date()) });
  const [file, setFile] = useState<Chosen | null>(null);
  const [preview, setPreview] = useState<OutreachPreview | null>(null);
  const { errors, busy, submit, setErrors, clear } = useForm(["practice_id", "name", "searched_on", "path"], IDS);
  const result = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (preview) result.current?.focus();
  }, [preview]);

  async function choose() {
    const picked = await pickFile("Choose the CSV the practice search exported", CSV);
    if (!picked) return;
    setFile(picked);
    clear();
    const p = await submit(() => api.outreach_preview({ path: picked.handle }));
    setPreview(p ?? null);
  }

  async function importList() {
    if (!file) return setErrors({ fields: { [IDS.path]: "Choose the file the practice search exported first." }, form: null });
    const v = await submit(() =>
      api.import_outreach({ path: file.handle, practice_id: (f.practice_id || null) as PracticeId | null, name: f.name, searched_on: f.searched_on }),
    );
    if (v) onImported(v);
  }

  const choices = (practices.data ?? []).map((p) => ({ value: p.id as string, label: `${p.name}${p.ods_code ? ` (${p.ods_code})` : ""}` }));
  const ok = preview && preview.problems.length === 0;
  return (
    <section aria-labelledby="outreach-import-title" className="app-panel">
      <h2 id="outreach-import-title">Import a list</h2>
      <p className="app-muted">
        In EMIS Web or SystmOne, export the search as CSV with the NHS number, name and date of birth (a phone number helps). Every row is checked first; one
        that cannot be read stops the import, and nothing is added.
      </p>
      <ErrorSummary errors={errors} />
      {practices.error && <Loading loaded={practices} what="the practices" />}
      <Select
        id={IDS.practice_id}
        label="Whose search is it?"
        choices={choices}
        value={f.practice_id}
        onChange={(v) => setF({ ...f, practice_id: v })}
        blank="Choose the practice…"
        error={errors.fields[IDS.practice_id]}
        hint="Practices are listed in Settings."
      />
      <TextField
        id={IDS.name}
        label="The list's name"
        hint="The search it came from, like “Frailty register, moderate”."
        value={f.name}
        onChange={(v) => setF({ ...f, name: v })}
        error={errors.fields[IDS.name]}
      />
      <TextField
        id={IDS.searched_on}
        label="The day the search was run"
        hint="For example, 01/12/2026."
        inputClass="nhsuk-input--width-10"
        value={f.searched_on}
        onChange={(v) => setF({ ...f, searched_on: v })}
        error={errors.fields[IDS.searched_on]}
      />
      <div className={`nhsuk-form-group${errors.fields[IDS.path] ? " nhsuk-form-group--error" : ""}`}>
        {errors.fields[IDS.path] && (
          <span className="nhsuk-error-message" id={`${IDS.path}-error`}>
            <span className="nhsuk-u-visually-hidden">Error:</span> {errors.fields[IDS.path]}
          </span>
        )}
        <button type="button" className="nhsuk-button nhsuk-button--secondary" id={IDS.path} onClick={() => void choose()} disabled={busy}>
          Choose the file…
        </button>{" "}
        {file && <span data-testid="outreach-file">{file.name}</span>}
      </div>
      {preview && (
        <div ref={result} tabIndex={-1} data-testid="outreach-preview" role="region" aria-label="What the file holds">
          {preview.problems.length > 0 ? (
            <div className="nhsuk-error-summary" role="alert">
              <h3 className="nhsuk-error-summary__title">Nothing can be imported: {plural(preview.problems.length, "problem")}</h3>
              <ul className="nhsuk-list nhsuk-error-summary__list">
                {preview.problems.map((p, i) => (
                  <li key={i}>{p.line ? `Line ${p.line}${p.column ? `, column “${p.column}”` : ""}: ${p.message}` : p.message}</li>
                ))}
              </ul>
              <p>Correct the search&apos;s export and choose it again.</p>
            </div>
          ) : (
            <>
              <p>
                <strong>{plural(preview.people, "person", "people")}</strong>
                {preview.known > 0 && `, ${preview.known} known already`}
                {preview.on_other_lists > 0 && `, ${preview.on_other_lists} on another list`}.
              </p>
              <TableRegion>
                <table className="nhsuk-table app-table app-compact">
                  <caption className="nhsuk-u-visually-hidden">Rows in the file</caption>
                  <thead>
                    <tr>
                      <th scope="col">Line</th>
                      <th scope="col">Name</th>
                      <th scope="col">NHS number</th>
                      <th scope="col">Date of birth</th>
                      <th scope="col">Already</th>
                    </tr>
                  </thead>
                  <tbody>
                    {preview.rows.map((r) => (
                      <tr key={r.line}>
                        <td>{r.line}</td>
                        <td>{r.name}</td>
                        <td className="app-nowrap">{r.nhs_number ?? "–"}</td>
                        <td className="app-nowrap">{r.date_of_birth ? isoToGB(r.date_of_birth) : "–"}</td>
                        <td>
                          {[
                            r.known && `Known (${r.known.matched_by})${r.known.open_episode_id ? ", on the caseload" : ""}`,
                            r.same_as_line && `Same as line ${r.same_as_line}: left out`,
                            ...r.also_on.map((a) => `On “${a.list}”`),
                          ]
                            .filter(Boolean)
                            .join("; ") || "–"}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableRegion>
            </>
          )}
        </div>
      )}
      <button type="button" className="nhsuk-button" id="outreach-import" onClick={() => void importList()} disabled={busy || !ok}>
        Import the list
      </button>
    </section>
  );
}

/** What a call can come to, as buttons in the order a link worker meets them. */
const TRIES: OutreachOutcome[] = ["no_answer", "left_message", "wrong_number", "reached"];
const DECISIONS: OutreachOutcome[] = ["declined", "not_suitable", "died_or_moved"];

function isOpen(e: OutreachEntryView) {
  return e.state === "not_tried" || e.state === "tried" || e.state === "reached";
}

/** One list, worked by keyboard: Next to call (Alt+N), then what the call came to. */
function WorkList({ id, onBack, onOpen }: { id: OutreachListId; onBack: () => void; onOpen: (id: PersonId) => void }) {
  const lists = useLists();
  const loaded = useCommand(() => api.outreach_list({ list_id: id }), [id]);
  const view = loaded.data;
  const [current, setCurrent] = useState<OutreachEntryView["id"] | null>(null);
  const [said, setSaid] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const focusNext = useRef<string | null>(null);
  useEffect(() => {
    if (!focusNext.current) return;
    document.getElementById(focusNext.current)?.focus();
    focusNext.current = null;
  });

  const next = () => {
    if (!view) return;
    // The list comes in calling order; the one on screen is skipped so "next" moves on.
    const open = view.entries.filter(isOpen);
    const after = open.find((e) => e.id !== current) ?? open[0];
    if (!after) {
      setSaid("Everyone on this list has been worked.");
      focusNext.current = "outreach-status";
      return;
    }
    setCurrent(after.id);
    focusNext.current = "outreach-calling-title";
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && !e.ctrlKey && e.key.toLowerCase() === "n") {
        e.preventDefault();
        next();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  });

  if (!view)
    return (
      <main className="nhsuk-main-wrapper" id="maincontent" data-screen="outreach-list">
        <Loading loaded={loaded} what="the list" />
      </main>
    );
  const l = view.list;
  const entry = view.entries.find((e) => e.id === current) ?? null;
  const name = (e: OutreachEntryView) => `${e.given_name} ${e.family_name}`;

  async function act(e: OutreachEntryView, outcome: OutreachOutcome) {
    setBusy(true);
    setError(null);
    try {
      const v = await api.log_outreach({ entry_id: e.id, outcome, at: null });
      loaded.set(v);
      setSaid(`${name(e)}: ${labelOf(lists.outreach_outcomes, outcome).toLowerCase()}.`);
      focusNext.current = outcome === "reached" ? "outreach-accept" : "outreach-next";
    } catch (err) {
      setError(toApiError(err).message);
    } finally {
      setBusy(false);
    }
  }

  async function accept(e: OutreachEntryView) {
    setBusy(true);
    setError(null);
    try {
      const a = await api.accept_outreach({ entry_id: e.id });
      loaded.set(a.list);
      setSaid(`${name(e)} accepted: their referral is made.`);
      focusNext.current = "outreach-open-person";
    } catch (err) {
      setError(toApiError(err).message);
    } finally {
      setBusy(false);
    }
  }

  async function close(closed: boolean) {
    try {
      loaded.set(await api.close_outreach_list({ list_id: id, closed }));
      setSaid(closed ? "List closed." : "List reopened.");
    } catch (err) {
      setError(toApiError(err).message);
    }
  }

  const working = !l.closed_on;
  const outcomeButton = (o: OutreachOutcome) =>
    entry && (
      <button key={o} type="button" className="nhsuk-button nhsuk-button--secondary" id={`outreach-${o}`} disabled={busy} onClick={() => void act(entry, o)}>
        {labelOf(lists.outreach_outcomes, o)}
      </button>
    );
  return (
    <main className="nhsuk-main-wrapper" id="maincontent" data-screen="outreach-list" aria-labelledby="outreach-list-title">
      <p>
        <button type="button" className="app-link-button" onClick={onBack} id="outreach-back">
          All outreach lists
        </button>
      </p>
      <h1 id="outreach-list-title">{l.name}</h1>
      <p data-testid="outreach-progress">
        {l.practice}, searched {isoToGB(l.searched_on)}: {plural(l.people, "person", "people")}, {l.open} still to work, {l.reached} reached, {l.accepted}{" "}
        accepted.
        {l.closed_on && ` Closed ${isoToGB(l.closed_on)}; rows that did not become referrals are removed ${isoToGB(l.removal_due_on ?? l.closed_on)}.`}
        {l.removed > 0 && ` ${plural(l.removed, "row")} removed.`}
      </p>
      {error && (
        <div className="nhsuk-error-summary" role="alert">
          <p>{error}</p>
        </div>
      )}
      <p role="status" id="outreach-status" tabIndex={-1} data-testid="outreach-status">
        {said}
      </p>
      <div className="nhsuk-button-group">
        {working && (
          <button type="button" className="nhsuk-button" id="outreach-next" onClick={next} aria-keyshortcuts="Alt+N">
            Next to call
          </button>
        )}
        <button type="button" className="nhsuk-button nhsuk-button--secondary" id="outreach-close" onClick={() => void close(working)}>
          {working ? "Close the list" : "Reopen the list"}
        </button>
      </div>
      {entry && (
        <section className="app-panel" aria-labelledby="outreach-calling-title" data-testid="outreach-calling">
          <h2 id="outreach-calling-title" tabIndex={-1}>
            {name(entry)}
          </h2>
          <dl className="nhsuk-summary-list">
            {(
              [
                ["Phone", entry.phone],
                ["NHS number", entry.nhs_number],
                ["Date of birth", entry.date_of_birth && isoToGB(entry.date_of_birth)],
                ["Why on the list", entry.reason],
                ["Where they stand", labelOf(lists.outreach_states, entry.state)],
                ["Calls so far", entry.attempts.map((a) => `${isoTimeToGB(a.at)} ${labelOf(lists.outreach_outcomes, a.outcome).toLowerCase()}`).join("; ")],
                ["Also on", entry.also_on.map((a) => `“${a.list}”: ${labelOf(lists.outreach_states, a.state).toLowerCase()}`).join("; ")],
              ] as [string, string | null][]
            ).map(([k, v]) => (
              <div className="nhsuk-summary-list__row" key={k}>
                <dt className="nhsuk-summary-list__key">{k}</dt>
                <dd className="nhsuk-summary-list__value">{v || "–"}</dd>
              </div>
            ))}
          </dl>
          {entry.open_episode_id && (
            <p>
              On the caseload now.{" "}
              <button type="button" className="app-link-button" onClick={() => entry.person_id && onOpen(entry.person_id)}>
                Open their record
              </button>
            </p>
          )}
          {entry.state === "accepted" ? (
            <p>
              Referral made.{" "}
              <button type="button" className="app-link-button" id="outreach-open-person" onClick={() => entry.person_id && onOpen(entry.person_id)}>
                Open {entry.given_name}&apos;s record
              </button>
            </p>
          ) : (
            working &&
            isOpen(entry) && (
              <>
                <div className="nhsuk-button-group" role="group" aria-label="The call">
                  {TRIES.map(outcomeButton)}
                </div>
                <div className="nhsuk-button-group" role="group" aria-label="What they decided">
                  {!entry.open_episode_id && (
                    <button type="button" className="nhsuk-button" id="outreach-accept" disabled={busy} onClick={() => void accept(entry)}>
                      Accepted: make a referral
                    </button>
                  )}
                  {DECISIONS.map(outcomeButton)}
                </div>
              </>
            )
          )}
        </section>
      )}
      <TableRegion>
        <table className="nhsuk-table app-table app-worklist" data-testid="outreach-entries">
          <caption className="nhsuk-table__caption nhsuk-table__caption--s">In the order to call</caption>
          <thead>
            <tr>
              <th scope="col">Person</th>
              <th scope="col">NHS number</th>
              <th scope="col">Where they stand</th>
              <th scope="col">Calls</th>
              <th scope="col">Also</th>
            </tr>
          </thead>
          <tbody>
            {view.entries.map((e) => (
              <tr key={e.id} data-person={name(e)} className={e.id === current ? "app-worklist__open" : undefined}>
                <td>
                  <button
                    type="button"
                    className="app-link-button"
                    onClick={() => {
                      setCurrent(e.id);
                      focusNext.current = "outreach-calling-title";
                    }}
                  >
                    {name(e)}
                  </button>
                </td>
                <td className="app-nowrap">{e.nhs_number ?? "–"}</td>
                <td data-state={e.state}>{labelOf(lists.outreach_states, e.state)}</td>
                <td>{e.attempts.length}</td>
                <td>{[e.open_episode_id && "On the caseload", ...e.also_on.map((a) => `On “${a.list}”`)].filter(Boolean).join("; ") || "–"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
    </main>
  );
}
