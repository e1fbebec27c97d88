import type { ItemScore, Reminder, Tone } from "../../generated/api";

const TONE_TAG: Record<Tone, string> = {
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

export function ReminderTag({ r }: { r: Reminder }) {
  const cls = r.state === "overdue" ? "nhsuk-tag--red" : r.state === "due" ? "nhsuk-tag--yellow" : "nhsuk-tag--grey";
  return (
    <strong className={`nhsuk-tag ${cls} app-tag-inline`} data-testid="reminder">
      {r.text}
    </strong>
  );
}
