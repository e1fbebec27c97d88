import { Fragment, useEffect, useRef, useState } from "react";
import { api, type GpChecklist, type PersonId, type PersonToCode, type ToCorrect } from "../../generated/api";
import { Loading } from "../../components/Loading";
import { useCommand } from "../../lib/useCommand";
import { ErrorSummary, TextField } from "../../components/Form";
import { copyText, lineTsv } from "../../lib/clipboard";
import { Undo } from "../../components/Undo";
import { toApiError } from "../../lib/errors";
import { daysAgo, daysBefore, isoToGB, plural } from "../../lib/format";
import { useForm } from "../../lib/useForm";
import { TableRegion } from "../../components/TableRegion";

type Order = "oldest" | "most" | "name" | "practice";

const ORDERS: { value: Order; label: string }[] = [
  { value: "oldest", label: "Oldest first" },
  { value: "most", label: "Most lines first" },
  { value: "name", label: "By name" },
  { value: "practice", label: "By practice, oldest first" },
];

/** "Practice not recorded" stands for people with none, so they can be worked through too. */
const NO_PRACTICE = "Practice not recorded";

/** Which practice's record a row is for: the practice registered, else the name as typed. */
function practiceKey(p: { practice_id: string | null; practice: string | null }): string {
  return p.practice_id ?? `typed:${p.practice ?? NO_PRACTICE}`;
}

function sorted(people: PersonToCode[], order: Order): PersonToCode[] {
  const out = [...people];
  if (order === "most") out.sort((a, b) => b.lines.length - a.lines.length || a.lines[0].on.localeCompare(b.lines[0].on));
  else if (order === "name") out.sort((a, b) => a.name.localeCompare(b.name, "en-GB"));
  // Stable: within a practice, the core's order (oldest first) stays.
  else if (order === "practice") out.sort((a, b) => (a.practice ?? NO_PRACTICE).localeCompare(b.practice ?? NO_PRACTICE, "en-GB"));
  // "oldest": the core's order, the one waiting longest first.
  return out;
}

/**
 * What is left to key into the GP record, worked through at the practice as a worklist: one row per
 * person (practice, NHS number, lines waiting, the oldest), opening to their lines; copy, enter in
 * the practice template, mark entered, and on to the next person. Corrections stay on top: they
 * matter more. Alt+N and Alt+P move between people, Alt+C copies the open person's lines, Alt+M
 * marks them entered and Alt+U undoes that.
 */
export function ToCode({ onOpen }: { onOpen: (id: PersonId) => void }) {
  const loaded = useCommand(() => api.gp_checklist(), []);
  const list = loaded.data;
  const setList = loaded.set;
  const [practice, setPractice] = useState("");
  const [order, setOrder] = useState<Order>("oldest");
  const [correctionsOnly, setCorrectionsOnly] = useState(false);
  const [open, setOpen] = useState<PersonId | null>(null);
  const [said, setSaid] = useState("");
  // The keys just marked (and whose they were), while "Undo" is offered.
  const [undo, setUndo] = useState<{ keys: string[]; person: PersonId } | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Where focus goes once the list has re-rendered after a change (an element id).
  const focusNext = useRef<string | null>(null);

  useEffect(() => {
    if (!focusNext.current) return;
    const el = document.getElementById(focusNext.current);
    focusNext.current = null;
    el?.focus();
    el?.scrollIntoView?.({ block: "nearest" });
  });

  const inPractice = (p: PersonToCode | ToCorrect) => practice === "" || practiceKey(p) === practice;
  const people = list
    ? sorted(
        list.people.filter((p) => inPractice(p)),
        order,
      )
    : [];
  const corrections = list ? list.to_correct.filter((c) => inPractice(c)) : [];
  // Each practice in the list, with how many people are waiting there (corrections count once).
  const practices: { key: string; name: string; people: number }[] = [];
  for (const p of list ? [...list.people, ...list.to_correct] : []) {
    const key = practiceKey(p);
    const row = practices.find((x) => x.key === key) ?? (practices.push({ key, name: p.practice ?? NO_PRACTICE, people: 0 }), practices[practices.length - 1]);
    if ("lines" in p) row.people += 1;
  }
  practices.sort((a, b) => a.name.localeCompare(b.name, "en-GB"));
  const practiceName = practices.find((p) => p.key === practice)?.name ?? "";
  const current = people.find((p) => p.person_id === open) ?? null;
  const toggleId = (id: PersonId) => `to-code-person-${id}`;

  /** Opens a person's lines and puts focus on their row. */
  const goTo = (p: PersonToCode | undefined) => {
    if (!p) return;
    setOpen(p.person_id);
    focusNext.current = toggleId(p.person_id);
  };
  const step = (by: number) => {
    if (people.length === 0) return;
    const at = current ? people.indexOf(current) : -1;
    goTo(people[Math.max(0, Math.min(people.length - 1, at < 0 ? 0 : at + by))]);
  };

  async function change(p: Promise<GpChecklist>, message: string, after: (l: GpChecklist) => void) {
    try {
      const l = await p;
      setList(l);
      setError(null);
      setSaid(message);
      after(l);
    } catch (e) {
      setError(toApiError(e).message);
    }
  }

  /** Marks lines of one person entered. With none of theirs left, the next person opens; else
   *  focus goes to their next line. */
  function mark(p: PersonToCode, keys: string[]) {
    const at = people.indexOf(p);
    const after = people[at + 1] ?? people[at - 1];
    void change(api.gp_mark_entered({ keys }), `Marked ${plural(keys.length, "line")} entered for ${p.name}.`, (l) => {
      setUndo({ keys, person: p.person_id });
      const still = l.people.find((q) => q.person_id === p.person_id);
      if (still) {
        focusNext.current = `to-code-mark-${still.lines[0].key}`;
      } else if (after && l.people.some((q) => q.person_id === after.person_id)) {
        setOpen(after.person_id);
        focusNext.current = toggleId(after.person_id);
      } else {
        setOpen(null);
        focusNext.current = "to-code-status";
      }
    });
  }

  function takeBack() {
    if (!undo) return;
    const { keys, person } = undo;
    void change(api.gp_unmark_entered({ keys }), `${plural(keys.length, "line")} back on the list.`, () => {
      setUndo(null);
      setOpen(person);
      focusNext.current = toggleId(person);
    });
  }

  async function copyAll(p: PersonToCode) {
    const ok = await copyText(p.lines.map(lineTsv).join("\n"));
    setSaid(ok ? `Copied ${plural(p.lines.length, "line")} for ${p.name}.` : "Could not copy: select the lines and press Ctrl+C.");
  }

  // The worklist's keys, anywhere on this screen (Alt, so typing in a field is never taken).
  const keys = useRef<(e: KeyboardEvent) => void>(() => undefined);
  keys.current = (e: KeyboardEvent) => {
    if (!e.altKey || e.ctrlKey || e.metaKey || correctionsOnly) return;
    const k = e.key.toLowerCase();
    if (k === "n") step(1);
    else if (k === "p") step(-1);
    else if (k === "c" && current) void copyAll(current);
    else if (k === "m" && current)
      mark(
        current,
        current.lines.map((l) => l.key),
      );
    else if (k === "u" && undo) takeBack();
    else return;
    e.preventDefault();
  };
  useEffect(() => {
    const on = (e: KeyboardEvent) => keys.current(e);
    window.addEventListener("keydown", on);
    return () => window.removeEventListener("keydown", on);
  }, []);

  if (!list)
    return (
      <main className="nhsuk-main-wrapper" id="maincontent" data-screen="to-code">
        <h1>To code in the GP record</h1>
        <Loading loaded={loaded} what="the to-code list" />
      </main>
    );

  const waiting = people.reduce((n, p) => n + p.lines.length, 0);
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
          : `${plural(list.pending, "line")} for ${plural(list.people.length, "person", "people")} to enter. Open a person, copy their lines, enter them in the practice template, then mark them entered.`}
      </p>
      <GoLive onDone={(l, n) => (setList(l), setUndo(null), setSaid(`Marked ${plural(n, "line")} entered.`))} pending={list.pending} />
      <p role="status" id="to-code-status" tabIndex={-1} data-testid="to-code-status">
        {said}
        {undo && <Undo id="undo-mark" onUndo={takeBack} />}
      </p>

      {(list.people.length > 0 || list.to_correct.length > 0) && (
        <div className="app-to-code-filters" role="group" aria-label="Which people">
          <div className="nhsuk-form-group">
            <label className="nhsuk-label" htmlFor="to-code-practice">
              Practice
            </label>
            <select className="nhsuk-select" id="to-code-practice" value={practice} onChange={(e) => setPractice(e.target.value)}>
              <option value="">All practices</option>
              {practices.map((p) => (
                <option key={p.key} value={p.key}>
                  {p.name} ({plural(p.people, "person", "people")})
                </option>
              ))}
            </select>
          </div>
          <div className="nhsuk-form-group">
            <label className="nhsuk-label" htmlFor="to-code-order">
              Order
            </label>
            <select className="nhsuk-select" id="to-code-order" value={order} onChange={(e) => setOrder(e.target.value as Order)}>
              {ORDERS.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </div>
          <div className="nhsuk-checkboxes__item">
            <input
              className="nhsuk-checkboxes__input"
              id="to-code-corrections-only"
              type="checkbox"
              checked={correctionsOnly}
              onChange={(e) => setCorrectionsOnly(e.target.checked)}
            />
            <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor="to-code-corrections-only">
              Corrections only
            </label>
          </div>
        </div>
      )}

      {corrections.length > 0 && (
        <section className="nhsuk-warning-callout" aria-labelledby="to-correct-title" data-testid="to-correct">
          <h2 className="nhsuk-warning-callout__label" id="to-correct-title">
            <span role="text">
              <span className="nhsuk-u-visually-hidden">Important: </span>
              {plural(corrections.length, "entry", "entries")} to correct in the GP record
            </span>
          </h2>
          <TableRegion>
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
                {corrections.map((c) => (
                  <tr key={c.mark.key}>
                    <td>
                      {c.name}
                      <div className="app-muted">NHS {c.nhs_number ?? "not known"}</div>
                      {c.practice && <div className="app-muted">{c.practice}</div>}
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
                        onClick={() =>
                          void change(api.gp_mark_corrected({ keys: [c.mark.key] }), "Correction marked done.", () => {
                            focusNext.current = "to-code-status";
                          })
                        }
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
          </TableRegion>
        </section>
      )}
      {correctionsOnly && corrections.length === 0 && <p data-testid="no-corrections">No entries to correct{practice ? ` for ${practiceName}` : ""}.</p>}

      {!correctionsOnly && list.no_acceptance.length > 0 && (
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

      {!correctionsOnly && people.length > 0 && (
        <>
          <p className="app-muted app-to-code-keys" id="to-code-keys">
            Alt+N next person, Alt+P previous, Alt+C copy their lines, Alt+M mark them entered, Alt+U undo.
          </p>
          <TableRegion>
            <table className="nhsuk-table app-table app-worklist" data-testid="to-code-people" aria-describedby="to-code-keys">
              <caption className="nhsuk-table__caption nhsuk-table__caption--s">
                {practice ? `${practiceName}: ` : ""}
                {plural(waiting, "line")} for {plural(people.length, "person", "people")}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Person</th>
                  <th scope="col">Practice</th>
                  <th scope="col">NHS number</th>
                  <th scope="col">Lines</th>
                  <th scope="col">Oldest</th>
                </tr>
              </thead>
              <tbody>
                {people.map((p) => {
                  const shown = p.person_id === open;
                  const oldest = p.lines[0].on;
                  const days = daysBefore(oldest) ?? 0;
                  return (
                    <Fragment key={p.person_id}>
                      <tr data-person={p.name} className={shown ? "app-worklist__open" : undefined}>
                        <td>
                          <button
                            type="button"
                            className="app-link-button app-worklist__toggle"
                            id={toggleId(p.person_id)}
                            aria-expanded={shown}
                            aria-controls={`to-code-lines-${p.person_id}`}
                            onClick={() => setOpen(shown ? null : p.person_id)}
                          >
                            {p.name}
                          </button>
                        </td>
                        <td>{p.practice ?? <span className="app-muted">Not recorded</span>}</td>
                        <td className="app-nowrap">{p.nhs_number ?? "not known"}</td>
                        <td>{p.lines.length}</td>
                        <td className="app-nowrap">
                          {isoToGB(oldest)} <span className="app-muted">({daysAgo(days)})</span>
                        </td>
                      </tr>
                      {shown && (
                        <tr className="app-worklist__lines" id={`to-code-lines-${p.person_id}`}>
                          <td colSpan={5}>
                            <PersonLines
                              p={p}
                              onCopyAll={() => void copyAll(p)}
                              onMark={(keys) => mark(p, keys)}
                              onOpen={() => onOpen(p.person_id)}
                              onSaid={setSaid}
                            />
                          </td>
                        </tr>
                      )}
                    </Fragment>
                  );
                })}
              </tbody>
            </table>
          </TableRegion>
        </>
      )}
      {!correctionsOnly && list.people.length > 0 && people.length === 0 && <p>No lines waiting for {practiceName}.</p>}
    </main>
  );
}

/** One person's lines, opened from the worklist. */
function PersonLines({
  p,
  onCopyAll,
  onMark,
  onOpen,
  onSaid,
}: {
  p: PersonToCode;
  onCopyAll: () => void;
  onMark: (keys: string[]) => void;
  onOpen: () => void;
  onSaid: (s: string) => void;
}) {
  return (
    <div className="app-worklist__detail" data-testid="to-code-lines">
      <div className="nhsuk-button-group app-worklist__actions">
        <button
          type="button"
          className="nhsuk-button nhsuk-button--secondary app-button-small"
          id="to-code-copy-all"
          aria-keyshortcuts="Alt+C"
          onClick={onCopyAll}
        >
          Copy all {p.lines.length}
        </button>
        <button
          type="button"
          className="nhsuk-button app-button-small"
          id="to-code-mark-all"
          aria-keyshortcuts="Alt+M"
          onClick={() => onMark(p.lines.map((l) => l.key))}
        >
          Mark all {p.lines.length} entered
        </button>
        <button type="button" className="app-link-button" id="to-code-open" onClick={onOpen}>
          Open {p.name}&rsquo;s record
        </button>
      </div>
      <table className="nhsuk-table app-table app-compact">
        <caption className="nhsuk-u-visually-hidden">Lines to enter for {p.name}, oldest first</caption>
        <thead>
          <tr>
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
                  onClick={() => void copyText(lineTsv(l)).then((ok) => onSaid(ok ? "Copied the line." : "Could not copy."))}
                >
                  Copy<span className="nhsuk-u-visually-hidden"> {l.term}</span>
                </button>{" "}
                <button type="button" className="app-link-button" id={`to-code-mark-${l.key}`} onClick={() => onMark([l.key])}>
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
    </div>
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
