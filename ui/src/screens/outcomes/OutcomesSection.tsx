import { useState } from "react";
import { Saved } from "../../components/Saved";
import { focusSoon } from "../../components/Form";
import type { EpisodeView, Measure } from "../../generated/api";
import type { Update } from "../person/update";
import { ReminderTag } from "./Band";
import { Ons4FormPanel } from "./Ons4Form";
import { PamFormPanel } from "./PamForm";
import { Ons4Results, OutcomesInError, PamResults } from "./Results";

/** The person's outcomes for one episode: reminders, record buttons, charts and tables. */
export function OutcomesSection({
  episode,
  update,
  recording,
  setRecording,
}: {
  episode: EpisodeView;
  update: Update;
  recording: Measure | null;
  setRecording: (m: Measure | null) => void;
}) {
  const open = episode.status !== "closed";
  const reminders = episode.outcomes.reminders;
  const [saved, setSaved] = useState<string | null>(null);
  // Cancelled, focus goes back to the button that opened the form; saved, to the words saying so.
  const done = (button: string) => (said?: string) => {
    setRecording(null);
    setSaved(said ?? null);
    if (!said) focusSoon(button);
  };
  const record = (m: Measure) => {
    setSaved(null);
    setRecording(m);
  };
  return (
    <section aria-labelledby={`outcomes-title-${episode.id}`} className="app-outcomes">
      <h2 id={`outcomes-title-${episode.id}`}>Wellbeing and activation</h2>
      {open && reminders.length > 0 && (
        <ul className="app-reminders" data-testid="reminders">
          {reminders.map((r) => (
            <li key={r.measure}>
              <ReminderTag r={r} />
            </li>
          ))}
        </ul>
      )}
      {open &&
        (recording === "ons4" ? (
          <Ons4FormPanel episode={episode} update={update} onDone={done("record-ons4")} />
        ) : recording === "pam" ? (
          <PamFormPanel episode={episode} update={update} onDone={done("record-pam")} />
        ) : (
          <>
            {saved && <Saved text={saved} testid="outcome-saved" />}
            <div className="nhsuk-button-group">
              <button className="nhsuk-button nhsuk-button--secondary" type="button" id="record-ons4" onClick={() => record("ons4")}>
                Record ONS4
              </button>
              <button className="nhsuk-button nhsuk-button--secondary" type="button" id="record-pam" onClick={() => record("pam")}>
                Record PAM
              </button>
            </div>
          </>
        ))}
      <Ons4Results e={episode} update={update} />
      <PamResults e={episode} update={update} />
      <OutcomesInError e={episode} />
    </section>
  );
}
