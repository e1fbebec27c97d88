import { useEffect, useState } from "react";
import { api, type GpChecklist, type PersonId } from "../../generated/api";
import { ErrorSummary, TextField } from "../../components/Form";
import { copyText, lineTsv } from "../../lib/clipboard";
import { Undo } from "../../components/Undo";
import { toApiError } from "../../lib/errors";
import { isoToGB, plural } from "../../lib/format";
import { useForm } from "../../lib/useForm";

/**
 * What is left to key into the GP record, by person (the one waiting longest first), worked
 * through at the practice: copy, enter, mark. Corrections come first: they matter more.
 */
export function ToCode({ onOpen }: { onOpen: (id: PersonId) => void }) {
  const [list, setList] = useState<GpChecklist | null>(null);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [said, setSaid] = useState("");
  // The keys just marked, while "Undo" is offered.
  const [undo, setUndo] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api
      .gp_checklist()
      .then(setList)
      .catch((e) => setError(toApiError(e).message));
  }, []);

  async function run(p: Promise<GpChecklist>, message: string, focus?: string, undoable: string[] | null = null) {
    try {
      setList(await p);
      setChosen(new Set());
      setError(null);
      setSaid(message);
      setUndo(undoable);
      if (focus) setTimeout(() => document.getElementById(focus)?.focus(), 0);
    } catch (e) {
      setError(toApiError(e).message);
    }
  }
  const mark = (keys: string[]) =>
    run(api.gp_mark_entered({ keys }), `Marked ${plural(keys.length, "line")} entered in the GP record.`, "to-code-status", keys);
  const unmark = (keys: string[]) => run(api.gp_unmark_entered({ keys }), `${plural(keys.length, "line")} back on the list.`, "to-code-status");
  const toggle = (key: string, on: boolean) =>
    setChosen((c) => {
      const n = new Set(c);
      if (on) n.add(key);
      else n.delete(key);
      return n;
    });

  if (!list)
    return (
      <main className="nhsuk-main-wrapper" id="maincontent" data-screen="to-code">
        <h1>To code in the GP record</h1>
        <p>{error ?? "Loading…"}</p>
      </main>
    );

  return (
    <main className="nhsuk-main-wrapper" id="maincontent" data-screen="to-code">
      <h1>To code in the GP record</h1>
      {error && (
        <div className="nhsuk-error-summary" role="alert">
          <p>{error}</p>
        </div>
      )}
      <p data-testid="to-code-count">
        {list.pending === 0
          ? "Nothing to enter in the GP record. Lines appear here as you accept referrals, hold contacts, refer people onward and close cases."
          : `${plural(list.pending, "line")} for ${plural(list.people.length, "person", "people")} to enter, the longest waiting first. Copy a line, enter it in the practice template, then mark it entered.`}
      </p>
      <GoLive onDone={(l, n) => (setList(l), setUndo(null), setSaid(`Marked ${plural(n, "line")} entered.`))} pending={list.pending} />
      <p role="status" id="to-code-status" tabIndex={-1} data-testid="to-code-status">
        {said}
        {undo && <Undo id="undo-mark" onUndo={() => void unmark(undo)} />}
      </p>

      {list.to_correct.length > 0 && (
        <section className="nhsuk-warning-callout" aria-labelledby="to-correct-title" data-testid="to-correct">
          <h2 className="nhsuk-warning-callout__label" id="to-correct-title">
            <span role="text">
              <span className="nhsuk-u-visually-hidden">Important: </span>
              {plural(list.to_correct.length, "entry", "entries")} to correct in the GP record
            </span>
          </h2>
          <table className="nhsuk-table app-table">
            <thead>
              <tr>
                <th scope="col">Person</th>
                <th scope="col">Entry</th>
                <th scope="col">Why</th>
                <th scope="col">
                  <span className="nhsuk-u-visually-hidden">Done</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.to_correct.map((c) => (
                <tr key={c.mark.key}>
                  <td>
                    {c.name}
                    <div className="app-muted">NHS {c.nhs_number ?? "not known"}</div>
                  </td>
                  <td>
                    {c.now ? <span className="app-block app-muted">Entered:</span> : null}
                    {isoToGB(c.mark.on)} {c.mark.concept_id} {c.mark.term}
                    {c.mark.value ? ` ${c.mark.value}` : ""}
                    {c.now && (
                      <span className="app-block" data-testid="correction-now">
                        <span className="app-muted">Now: </span>
                        {isoToGB(c.now.on)} {c.now.concept_id} {c.now.term}
                        {c.now.value ? ` ${c.now.value}` : ""}
                      </span>
                    )}
                  </td>
                  <td>{c.why}</td>
                  <td>
                    <button
                      type="button"
                      className="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0"
                      onClick={() => void run(api.gp_mark_corrected({ keys: [c.mark.key] }), "Correction marked done.", "to-code-status")}
                    >
                      {c.now ? "Corrected" : "Done"}
                      <span className="nhsuk-u-visually-hidden">
                        : corrected {c.mark.term} for {c.name}
                      </span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}

      {list.no_acceptance.length > 0 && (
        <section className="nhsuk-inset-text" aria-labelledby="no-acceptance-title" data-testid="no-acceptance">
          <h2 className="nhsuk-heading-s" id="no-acceptance-title">
            Seen, but accepting support is not recorded ({list.no_acceptance.length})
          </h2>
          <p>The &ldquo;referral accepted&rdquo; code needs the date each person accepted. Record it on their page (Overview, the offer of support).</p>
          <ul className="nhsuk-list">
            {list.no_acceptance.map((a) => (
              <li key={a.episode_id}>
                <button type="button" className="app-link-button" onClick={() => onOpen(a.person_id)}>
                  {a.name}
                </button>{" "}
                <span className="app-muted">
                  NHS {a.nhs_number ?? "not known"}, first seen {isoToGB(a.first_seen)}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}

      {chosen.size > 0 && (
        <button className="nhsuk-button" type="button" id="mark-chosen" onClick={() => void mark([...chosen])}>
          Mark the {plural(chosen.size, "chosen line")} entered
        </button>
      )}

      {list.people.map((p) => (
        <section key={p.person_id} aria-labelledby={`to-code-${p.person_id}`} className="app-to-code-person" data-person={p.name}>
          <div className="app-to-code-person__head">
            <h2 id={`to-code-${p.person_id}`} className="nhsuk-heading-s">
              {p.name} <span className="app-nowrap app-muted">NHS {p.nhs_number ?? "not known"}</span>
            </h2>
            <button type="button" className="app-link-button" onClick={() => onOpen(p.person_id)}>
              Open<span className="nhsuk-u-visually-hidden"> {p.name}</span>
            </button>
            <button
              type="button"
              className="app-link-button"
              onClick={() =>
                void copyText(p.lines.map(lineTsv).join("\n")).then((ok) =>
                  setSaid(ok ? `Copied ${plural(p.lines.length, "line")} for ${p.name}.` : "Could not copy."),
                )
              }
            >
              Copy all<span className="nhsuk-u-visually-hidden"> for {p.name}</span>
            </button>
            <button type="button" className="app-link-button" onClick={() => void mark(p.lines.map((l) => l.key))}>
              Mark all {p.lines.length} entered<span className="nhsuk-u-visually-hidden"> for {p.name}</span>
            </button>
          </div>
          <table className="nhsuk-table app-table app-compact">
            <thead>
              <tr>
                <th scope="col">
                  <span className="nhsuk-u-visually-hidden">Choose</span>
                </th>
                <th scope="col">Date</th>
                <th scope="col">SNOMED CT</th>
                <th scope="col">Entry</th>
                <th scope="col">Value</th>
                <th scope="col">
                  <span className="nhsuk-u-visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {p.lines.map((l) => (
                <tr key={l.key} data-key={l.key}>
                  <td>
                    <input
                      type="checkbox"
                      className="app-row-check"
                      aria-label={`Choose ${l.term}, ${isoToGB(l.on)}, ${p.name}`}
                      checked={chosen.has(l.key)}
                      onChange={(e) => toggle(l.key, e.target.checked)}
                    />
                  </td>
                  <td className="app-nowrap">{isoToGB(l.on)}</td>
                  <td className="app-nowrap">
                    {l.concept_id}
                    {l.local && <strong className="nhsuk-tag nhsuk-tag--grey app-tag-small">Local</strong>}
                  </td>
                  <td>{l.term}</td>
                  <td>{l.value}</td>
                  <td className="app-nowrap">
                    <button
                      type="button"
                      className="app-link-button"
                      onClick={() => void copyText(lineTsv(l)).then((ok) => setSaid(ok ? "Copied the line." : "Could not copy."))}
                    >
                      Copy<span className="nhsuk-u-visually-hidden"> {l.term}</span>
                    </button>{" "}
                    <button type="button" className="app-link-button" onClick={() => void mark([l.key])}>
                      Mark entered
                      <span className="nhsuk-u-visually-hidden">
                        : {l.term}, {isoToGB(l.on)}
                      </span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </main>
  );
}

/** Starting with Linkwork: what happened before a day is already in the GP record. */
function GoLive({ onDone, pending }: { onDone: (l: GpChecklist, n: number) => void; pending: number }) {
  const [before, setBefore] = useState("");
  const { errors, busy, submit } = useForm(["before"], { before: "go-live-before" });
  if (pending === 0) return null;
  return (
    <details className="nhsuk-details">
      <summary className="nhsuk-details__summary">
        <span className="nhsuk-details__summary-text">Starting with Linkwork? Mark history already in the GP record</span>
      </summary>
      <div className="nhsuk-details__text">
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void submit(() => api.gp_mark_entered_before({ before })).then((l) => l && onDone(l, pending - l.pending));
          }}
        >
          <ErrorSummary errors={errors} />
          <TextField
            id="go-live-before"
            label="Mark every line dated before"
            hint="DD/MM/YYYY. Lines on this day and after stay on the list."
            value={before}
            onChange={setBefore}
            error={errors.fields["go-live-before"]}
            inputClass="nhsuk-input--width-10"
          />
          <button className="nhsuk-button nhsuk-button--secondary" type="submit" disabled={busy}>
            Mark them entered
          </button>
        </form>
      </div>
    </details>
  );
}
