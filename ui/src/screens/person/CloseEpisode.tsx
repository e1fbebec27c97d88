import { useState } from "react";
import { OnDemand } from "../../components/OnDemand";
import { api, type CloseReason, type ConcernId, type ConcernView, type EpisodeView, type Measure } from "../../generated/api";
import { ErrorSummary, TextField, SaveOrCancel } from "../../components/Form";
import { Select, TextArea } from "../../components/Inputs";
import { formatDateGB } from "../../lib/format";
import { labelOf, useLists } from "../../lib/lists";
import { useForm } from "../../lib/useForm";
import type { Update } from "./update";

type Decision = { keep_open: boolean | null; note: string };

/** One open concern's fate on closing: kept open (it stays on the Open concerns list) or closed with a note. */
function ConcernDecision({ c, d, set, errors }: { c: ConcernView; d: Decision; set: (d: Decision) => void; errors: Record<string, string> }) {
  const field = `concern-${c.id}`;
  const error = errors[field];
  const noteError = errors[`${field}-note`];
  return (
    <div className={`nhsuk-form-group${error || noteError ? " nhsuk-form-group--error" : ""}`} id={field} data-concern-decision={c.concern}>
      <fieldset className="nhsuk-fieldset" aria-describedby={error ? `${field}-error` : undefined}>
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Open concern: {c.concern}</legend>
        {error && (
          <span className="nhsuk-error-message" id={`${field}-error`}>
            <span className="nhsuk-u-visually-hidden">Error:</span> {error}
          </span>
        )}
        <div className="nhsuk-radios nhsuk-radios--small">
          <div className="nhsuk-radios__item">
            <input
              className="nhsuk-radios__input"
              type="radio"
              id={`${field}-keep`}
              name={field}
              checked={d.keep_open === true}
              onChange={() => set({ ...d, keep_open: true })}
            />
            <label className="nhsuk-label nhsuk-radios__label" htmlFor={`${field}-keep`}>
              Keep it open (it stays on the Open concerns list)
            </label>
          </div>
          <div className="nhsuk-radios__item">
            <input
              className="nhsuk-radios__input"
              type="radio"
              id={`${field}-close`}
              name={field}
              checked={d.keep_open === false}
              onChange={() => set({ ...d, keep_open: false })}
            />
            <label className="nhsuk-label nhsuk-radios__label" htmlFor={`${field}-close`}>
              Close it now
            </label>
          </div>
        </div>
        {d.keep_open === false && (
          <TextArea id={`${field}-note`} label="Why does it close?" rows={2} value={d.note} onChange={(v) => set({ ...d, note: v })} error={noteError} />
        )}
      </fieldset>
    </div>
  );
}

/**
 * Closing with a reason. Every open concern on the person's risk log is decided first (kept open or
 * closed with a note), so none drops out of sight; a missing final measure is asked for (never blocks).
 */
export function CloseEpisode({
  episode,
  concerns,
  update,
  onRecordFinal,
  reason,
  onClosed,
}: {
  episode: EpisodeView;
  /** The person's live concerns. */
  concerns: ConcernView[];
  update: Update;
  onRecordFinal: (m: Measure) => void;
  /** Opens the form at once with this reason chosen (from "Close and tell the referrer"). */
  reason?: CloseReason;
  onClosed?: () => void;
}) {
  const lists = useLists();
  const [c, setC] = useState<{ reason: CloseReason | ""; closed_on: string; note: string }>({
    reason: reason ?? "",
    closed_on: formatDateGB(new Date()),
    note: "",
  });
  const [decisions, setDecisions] = useState<Record<ConcernId, Decision>>({});
  const decisionOf = (id: ConcernId): Decision => decisions[id] ?? { keep_open: null, note: "" };
  const concernFields = concerns.flatMap((x) => [`concern-${x.id}`, `concern-${x.id}-note`]);
  const { errors, submit } = useForm(["close_reason", "closed_on", ...concernFields]);
  const [asking, setAsking] = useState(false);
  const missing = episode.outcomes.final_missing;
  const close = () => {
    setAsking(false);
    void submit(() =>
      update(
        api.close_episode({
          episode_id: episode.id,
          closed_on: c.closed_on,
          reason: c.reason || null,
          note: c.note,
          concerns: concerns.map((x) => ({ concern_id: x.id, keep_open: decisionOf(x.id).keep_open, note: decisionOf(x.id).note || null })),
        }),
      ),
    ).then((r) => r && onClosed?.());
  };
  return (
    <section aria-labelledby="close-title" className="app-danger-zone">
      <h2 id="close-title" className="nhsuk-heading-s">
        Close this episode
      </h2>
      <OnDemand id="start-close" label="Choose a reason and close…" className="nhsuk-button nhsuk-button--secondary" startOpen={reason !== undefined}>
        {(done) => (
          <>
            <ErrorSummary errors={errors} />
            {asking && (
              <div className="nhsuk-warning-callout" data-testid="final-prompt" role="alertdialog" aria-labelledby="final-prompt-title">
                <h3 className="nhsuk-warning-callout__label" id="final-prompt-title">
                  <span role="text">
                    <span className="nhsuk-u-visually-hidden">Important: </span>
                    No final {missing.map((m) => labelOf(lists.measures, m)).join(" or ")} recorded
                  </span>
                </h3>
                <p>A final measure shows the change this support made. Record it now, or close without it.</p>
                <div className="nhsuk-button-group">
                  <button
                    className="nhsuk-button"
                    type="button"
                    id="record-final"
                    autoFocus
                    onClick={() => {
                      setAsking(false);
                      onRecordFinal(missing[0]);
                    }}
                  >
                    Record {labelOf(lists.measures, missing[0])} now
                  </button>
                  <button className="nhsuk-button nhsuk-button--secondary" type="button" id="close-without" onClick={close}>
                    Close without a final measure
                  </button>
                </div>
              </div>
            )}
            <form
              id="close-form"
              noValidate
              onSubmit={(e) => {
                e.preventDefault();
                // The final measure is asked about once the rest would close it.
                const decided = concerns.every((x) => decisionOf(x.id).keep_open !== null);
                if (missing.length > 0 && c.reason !== "" && decided && !asking) setAsking(true);
                else close();
              }}
            >
              <Select
                id="close_reason"
                label="Reason"
                blank="Choose a reason"
                choices={lists.close_reasons}
                value={c.reason}
                onChange={(v) => setC({ ...c, reason: v })}
                error={errors.fields.close_reason}
              />
              <TextField
                id="closed_on"
                label="Date closed"
                inputClass="nhsuk-input--width-10"
                value={c.closed_on}
                onChange={(v) => setC({ ...c, closed_on: v })}
                error={errors.fields.closed_on}
              />
              <TextArea id="close_note" label="Note (optional)" rows={2} value={c.note} onChange={(v) => setC({ ...c, note: v })} />
              {concerns.map((x) => (
                <ConcernDecision key={x.id} c={x} d={decisionOf(x.id)} set={(d) => setDecisions({ ...decisions, [x.id]: d })} errors={errors.fields} />
              ))}
              <SaveOrCancel id="close-episode" label="Close episode" warning onCancel={() => done()} />
            </form>
          </>
        )}
      </OnDemand>
    </section>
  );
}
