import { useState } from "react";
import { api, type ConcernId, type ConcernView, type PersonRecord, type RiskLevel } from "../../generated/api";
import { ErrorSummary, TextField, focusSoon } from "../../components/Form";
import { InErrorNote, MarkInError } from "../../components/InError";
import { Select, TextArea } from "../../components/Inputs";
import { daysBefore, isoToGB } from "../../lib/format";
import { labelOf, useLists } from "../../lib/lists";
import { useForm } from "../../lib/useForm";
import type { Update } from "./update";

const LEVEL_TAG: Record<RiskLevel, string> = { high: "nhsuk-tag--red", medium: "nhsuk-tag--orange", low: "nhsuk-tag--grey" };

/** The level of a concern as a coloured tag ("Level not recorded" for concerns from the old log). */
export function LevelTag({ level }: { level: RiskLevel | null }) {
  const lists = useLists();
  if (!level) return <strong className="nhsuk-tag nhsuk-tag--white">Level not recorded</strong>;
  return <strong className={`nhsuk-tag ${LEVEL_TAG[level]}`}>{labelOf(lists.risk_levels, level)} risk</strong>;
}

/** Said beside a date field: a back-dated entry is fine, but it never switches the flag by its date. */
function BackDated({ text }: { text: string }) {
  const n = daysBefore(text);
  if (n === null) return null;
  return (
    <p className="app-warning-text" role="note" data-testid="back-dated">
      Back-dated {n === 1 ? "1 day" : `${n} days`}: the entry is filed under that date. Only closing a concern turns its flag off.
    </p>
  );
}

type Editing = { concern: ConcernId; mode: "update" | "close" } | null;

/** The risk and safeguarding log: each concern on its own, open ones first, with its timeline. */
export function Risks({ record, update }: { record: PersonRecord; update: Update }) {
  const [raising, setRaising] = useState(false);
  const [editing, setEditing] = useState<Editing>(null);
  const open = record.concerns.filter((c) => c.live);
  const closed = record.concerns.filter((c) => c.closed_on || c.entered_in_error);
  return (
    <section aria-labelledby="risk-title">
      <h2 id="risk-title">Risks and safeguarding</h2>
      {open.length === 0 && <p>No open concerns.</p>}
      {open.map((c) => (
        <Concern key={c.id} c={c} update={update} editing={editing} setEditing={setEditing} />
      ))}
      {raising ? (
        <RaiseForm
          record={record}
          update={update}
          onDone={() => {
            setRaising(false);
            focusSoon("raise-concern");
          }}
        />
      ) : (
        <button className="nhsuk-button nhsuk-button--secondary" type="button" id="raise-concern" onClick={() => setRaising(true)}>
          Raise a concern
        </button>
      )}
      {closed.length > 0 && (
        <details className="nhsuk-details">
          <summary className="nhsuk-details__summary">
            <span className="nhsuk-details__summary-text">Closed concerns ({closed.length})</span>
          </summary>
          <div className="nhsuk-details__text">
            {closed.map((c) => (
              <Concern key={c.id} c={c} update={update} editing={null} setEditing={setEditing} />
            ))}
          </div>
        </details>
      )}
    </section>
  );
}

function Concern({ c, update, editing, setEditing }: { c: ConcernView; update: Update; editing: Editing; setEditing: (e: Editing) => void }) {
  const lists = useLists();
  const live = c.live;
  const mode = editing?.concern === c.id ? editing.mode : null;
  return (
    <div className={`app-concern${c.entered_in_error ? " app-in-error" : ""}`} data-concern={c.concern}>
      <h3 className="app-concern__title">
        <span className="app-concern__text">{c.concern}</span> <LevelTag level={c.level} />{" "}
        {c.entered_in_error ? (
          <InErrorNote mark={c.entered_in_error} of={c.id} />
        ) : c.closed_on ? (
          <strong className="nhsuk-tag nhsuk-tag--green">Closed {isoToGB(c.closed_on)}</strong>
        ) : (
          <strong className="nhsuk-tag nhsuk-tag--red">Open</strong>
        )}
      </h3>
      <p className="app-muted app-small">
        Raised {isoToGB(c.raised_on)}
        {c.raised_by ? ` by ${c.raised_by}` : ""}
        {live && c.review_on && <span data-testid="concern-review">; review by {isoToGB(c.review_on)}</span>}
        {live && c.review_overdue && <strong className="nhsuk-tag nhsuk-tag--red app-tag-inline">Review overdue</strong>}
      </p>
      <ol className="app-concern__entries">
        {c.entries.map((e) => (
          <li key={e.id} className={e.entered_in_error ? "app-in-error" : undefined}>
            <span className="app-nowrap">{isoToGB(e.recorded_on)}</span> <strong>{labelOf(lists.risk_kinds, e.kind)}</strong>
            {e.level && e.kind === "update" ? ` (now ${labelOf(lists.risk_levels, e.level).toLowerCase()})` : ""}:{" "}
            <span className="app-prewrap">{e.concern}</span>
            {e.action_taken && <span className="app-prewrap"> – done: {e.action_taken}</span>}{" "}
            {e.entered_in_error ? (
              <InErrorNote mark={e.entered_in_error} of={e.id} />
            ) : (
              e.kind !== "raised" &&
              !c.entered_in_error && (
                <MarkInError record={{ kind: "risk_entry", id: e.id }} what={`${labelOf(lists.risk_kinds, e.kind).toLowerCase()} entry`} update={update} />
              )
            )}
          </li>
        ))}
      </ol>
      {live && mode && <EntryForm c={c} mode={mode} update={update} onDone={() => setEditing(null)} />}
      {live && !mode && (
        <div className="app-concern__actions">
          <button
            type="button"
            className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
            onClick={() => setEditing({ concern: c.id, mode: "update" })}
          >
            Add an update<span className="nhsuk-u-visually-hidden"> to {c.concern}</span>
          </button>{" "}
          <button
            type="button"
            className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
            onClick={() => setEditing({ concern: c.id, mode: "close" })}
          >
            Close this concern<span className="nhsuk-u-visually-hidden">: {c.concern}</span>
          </button>{" "}
          <MarkInError record={{ kind: "concern", id: c.id }} what={`concern "${c.concern}"`} update={update} />
        </div>
      )}
    </div>
  );
}

function RaiseForm({ record, update, onDone }: { record: PersonRecord; update: Update; onDone: () => void }) {
  const lists = useLists();
  const [f, setF] = useState<{ concern: string; level: RiskLevel | ""; raised_by: string; action_taken: string; raised_on: string; review_on: string }>({
    concern: "",
    level: "",
    raised_by: "",
    action_taken: "",
    raised_on: "",
    review_on: "",
  });
  const { errors, busy, submit } = useForm(["concern_text", "concern_level", "concern_raised_on", "concern_review_on", "concern_raised_by"]);
  return (
    <form
      id="raise-concern-form"
      className="app-panel"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit(() => update(api.raise_concern({ person_id: record.person.id, ...f, level: f.level || null, review_on: f.review_on || null }))).then(
          (ok) => ok && onDone(),
        );
      }}
    >
      <h3>Raise a concern</h3>
      <ErrorSummary errors={errors} />
      <TextArea
        id="concern_text"
        label="What is the concern?"
        rows={2}
        value={f.concern}
        onChange={(v) => setF({ ...f, concern: v })}
        error={errors.fields.concern_text}
        autoFocus
      />
      <Select
        id="concern_level"
        label="Level"
        choices={lists.risk_levels}
        value={f.level}
        onChange={(v) => setF({ ...f, level: v })}
        error={errors.fields.concern_level}
        blank="Choose a level"
      />
      <TextField
        id="concern_raised_by"
        label="Raised by (optional)"
        hint="For example, the person, their daughter, the GP"
        value={f.raised_by}
        onChange={(v) => setF({ ...f, raised_by: v })}
      />
      <TextArea id="concern_action" label="What was done (optional)" rows={2} value={f.action_taken} onChange={(v) => setF({ ...f, action_taken: v })} />
      <TextField
        id="concern_raised_on"
        label="Date raised (blank for today)"
        inputClass="nhsuk-input--width-10"
        value={f.raised_on}
        onChange={(v) => setF({ ...f, raised_on: v })}
        error={errors.fields.concern_raised_on}
      />
      <BackDated text={f.raised_on} />
      <TextField
        id="concern_review_on"
        label="Review by (optional)"
        hint="The date to look at it again. It shows as overdue on the Open concerns list after that."
        inputClass="nhsuk-input--width-10"
        value={f.review_on}
        onChange={(v) => setF({ ...f, review_on: v })}
        error={errors.fields.concern_review_on}
      />
      <div className="nhsuk-button-group">
        <button className="nhsuk-button" type="submit" disabled={busy}>
          Raise concern
        </button>
        <button className="app-link-button" type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function EntryForm({ c, mode, update, onDone }: { c: ConcernView; mode: "update" | "close"; update: Update; onDone: () => void }) {
  const lists = useLists();
  const [f, setF] = useState<{ note: string; action_taken: string; recorded_on: string; level: RiskLevel | ""; review_on: string }>({
    note: "",
    action_taken: "",
    recorded_on: "",
    level: "",
    review_on: "",
  });
  const { errors, busy, submit } = useForm(["risk_note", "risk_on", "risk_review_on"]);
  const closing = mode === "close";
  return (
    <form
      className="app-panel"
      id={closing ? "close-concern-form" : "update-concern-form"}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const form = { concern_id: c.id, ...f, level: f.level || null, review_on: f.review_on || null };
        void submit(() => update(closing ? api.close_concern(form) : api.update_concern(form))).then((ok) => ok && onDone());
      }}
    >
      <ErrorSummary errors={errors} />
      <TextArea
        id="risk_note"
        label={closing ? `Why is "${c.concern}" closed?` : `Update on "${c.concern}"`}
        rows={2}
        value={f.note}
        onChange={(v) => setF({ ...f, note: v })}
        error={errors.fields.risk_note}
        autoFocus
      />
      {!closing && (
        <Select
          id="risk_level"
          label="Level now"
          choices={lists.risk_levels}
          value={f.level}
          onChange={(v) => setF({ ...f, level: v })}
          blank="Keep the current level"
        />
      )}
      <TextArea id="risk_action" label="What was done (optional)" rows={2} value={f.action_taken} onChange={(v) => setF({ ...f, action_taken: v })} />
      <TextField
        id="risk_on"
        label="Date (blank for today)"
        inputClass="nhsuk-input--width-10"
        value={f.recorded_on}
        onChange={(v) => setF({ ...f, recorded_on: v })}
        error={errors.fields.risk_on}
      />
      <BackDated text={f.recorded_on} />
      {!closing && (
        <TextField
          id="risk_review_on"
          label="Next review by (optional)"
          hint={c.review_on ? `Now ${isoToGB(c.review_on)}. Blank keeps it.` : "Blank leaves it without a date."}
          inputClass="nhsuk-input--width-10"
          value={f.review_on}
          onChange={(v) => setF({ ...f, review_on: v })}
          error={errors.fields.risk_review_on}
        />
      )}
      <div className="nhsuk-button-group">
        <button className="nhsuk-button" type="submit" disabled={busy}>
          {closing ? "Close concern" : "Save update"}
        </button>
        <button className="app-link-button" type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
