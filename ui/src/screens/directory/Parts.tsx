import { isoToGB } from "../../lib/format";

/** When the details were last checked with the provider; stale after a year. */
export function VerifiedTag({ stale, on }: { stale: boolean; on: string | null }) {
  if (!on)
    return (
      <strong className="nhsuk-tag nhsuk-tag--grey" data-stale="true">
        Not verified yet
      </strong>
    );
  if (stale)
    return (
      <strong className="nhsuk-tag nhsuk-tag--orange" data-stale="true">
        Stale: checked {isoToGB(on)}
      </strong>
    );
  return <span>Checked {isoToGB(on)}</span>;
}

export function Star({ on, name, onToggle }: { on: boolean; name: string; onToggle: () => void }) {
  return (
    <button
      type="button"
      className="app-star"
      aria-pressed={on}
      onClick={onToggle}
      title={on ? "Remove from favourites" : "Add to favourites"}
      data-favourite={name}
    >
      <span aria-hidden="true">{on ? "★" : "☆"}</span>
      <span className="nhsuk-u-visually-hidden">{on ? `Remove ${name} from favourites` : `Add ${name} to favourites`}</span>
    </button>
  );
}
