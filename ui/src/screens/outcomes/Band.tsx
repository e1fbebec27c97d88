import type { ItemScore, Reminder, Tone } from "../../generated/api";
import { isoToGB } from "../../lib/format";

export const TONE_TAG: Record<Tone, string> = {
  poor: "nhsuk-tag--red",
  fair: "nhsuk-tag--yellow",
  good: "nhsuk-tag--green",
  very_good: "nhsuk-tag--blue",
};

/** A score with its band in words; the colour only repeats what the words say. */
export function Band({ s }: { s: ItemScore }) {
  if (s.value === null) return <span className="app-muted">Declined</span>;
  return (
    <span className="app-band">
      <strong className="app-band__value">{s.value}</strong>{" "}
      <strong className={`nhsuk-tag ${TONE_TAG[s.tone ?? "fair"]} app-tag-inline`}>{s.band_label}</strong>
    </span>
  );
}

/** The reminder in fewer words and two lines, for the caseload's narrow Outcomes column
 *  ("ONS4 overdue" / "since 21/11/2026"). */
export function shortReminder(r: Reminder, measure: string): [string, string] {
  if (!r.due_on) return [`Baseline ${measure}`, "not recorded yet"];
  const when = isoToGB(r.due_on);
  return r.state === "overdue" ? [`${measure} overdue`, `since ${when}`] : r.state === "due" ? [`${measure} due`, `by ${when}`] : [`${measure} next due`, when];
}

/** A reminder's tag; with `short` (the measure's name), in two short lines. */
export function ReminderTag({ r, short }: { r: Reminder; short?: string }) {
  const cls = r.state === "overdue" ? "nhsuk-tag--red" : r.state === "due" ? "nhsuk-tag--yellow" : "nhsuk-tag--grey";
  const lines = short ? shortReminder(r, short) : null;
  return (
    <strong className={`nhsuk-tag ${cls} app-tag-inline`} data-testid="reminder">
      {lines ? (
        <>
          {lines[0]} <span className="app-block">{lines[1]}</span>
        </>
      ) : (
        r.text
      )}
    </strong>
  );
}
