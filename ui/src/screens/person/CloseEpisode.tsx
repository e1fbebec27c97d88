import { useState } from "react";
import { OnDemand } from "../../components/OnDemand";
import { api, type CloseReason, type EpisodeView, type Measure } from "../../generated/api";
import { ErrorSummary, TextField, SaveOrCancel } from "../../components/Form";
import { Select, TextArea } from "../../components/Inputs";
import { formatDateGB } from "../../lib/format";
import { labelOf, useLists } from "../../lib/lists";
import { useForm } from "../../lib/useForm";
import type { Update } from "./update";

/** Closing with a reason; asks for a final measure first when one is missing (never blocks). */
export function CloseEpisode({ episode, update, onRecordFinal }: { episode: EpisodeView; update: Update; onRecordFinal: (m: Measure) => void }) {
  const lists = useLists();
  const [c, setC] = useState<{ reason: CloseReason | ""; closed_on: string; note: string }>({ reason: "", closed_on: formatDateGB(new Date()), note: "" });
  const { errors, submit } = useForm(["close_reason", "closed_on"]);
  const [asking, setAsking] = useState(false);
  const missing = episode.outcomes.final_missing;
  const close = () => {
    setAsking(false);
    void submit(() => update(api.close_episode({ episode_id: episode.id, closed_on: c.closed_on, reason: c.reason || null, note: c.note })));
  };
  return (
    <section aria-labelledby="close-title" className="app-danger-zone">
      <h2 id="close-title" className="nhsuk-heading-s">
        Close this episode
      </h2>
      <OnDemand id="start-close" label="Choose a reason and close…" className="nhsuk-button nhsuk-button--secondary">
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
                if (missing.length > 0 && c.reason !== "" && !asking) setAsking(true);
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
              <SaveOrCancel id="close-episode" label="Close episode" warning onCancel={() => done()} />
            </form>
          </>
        )}
      </OnDemand>
    </section>
  );
}
