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
          <Ons4FormPanel
            episode={episode}
            update={update}
            onDone={() => {
              setRecording(null);
              focusSoon("record-ons4");
            }}
          />
        ) : recording === "pam" ? (
          <PamFormPanel
            episode={episode}
            update={update}
            onDone={() => {
              setRecording(null);
              focusSoon("record-pam");
            }}
          />
        ) : (
          <div className="nhsuk-button-group">
            <button className="nhsuk-button nhsuk-button--secondary" type="button" id="record-ons4" onClick={() => setRecording("ons4")}>
              Record ONS4
            </button>
            <button className="nhsuk-button nhsuk-button--secondary" type="button" id="record-pam" onClick={() => setRecording("pam")}>
              Record PAM
            </button>
          </div>
        ))}
      <Ons4Results e={episode} update={update} />
      <PamResults e={episode} update={update} />
      <OutcomesInError e={episode} />
    </section>
  );
}
