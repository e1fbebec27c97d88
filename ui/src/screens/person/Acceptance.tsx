import { useEffect, useRef, useState } from "react";
import { api, type EpisodeView, type OfferAnswer } from "../../generated/api";
import { ErrorSummary } from "../../components/Form";
import { isoToGB } from "../../lib/format";
import { useForm } from "../../lib/useForm";
import type { Update } from "./update";

/** The most recent contact with the person that took place, as DD/MM/YYYY. */
export function lastSeenGB(e: EpisodeView): string {
  const seen = e.contacts.filter((c) => !c.entered_in_error && c.outcome === "took_place").map((c) => c.occurred_at);
  seen.sort();
  return isoToGB(seen[seen.length - 1] ?? null);
}

/**
 * "Has Ivy accepted support?" Asked when the person has been seen but no answer to the offer is
 * recorded (the core's `acceptance_missing`): the GP code "Referral to social prescribing
 * service" needs the date they accepted. "Not yet" records nothing; the question comes back with
 * the next contact that takes place.
 */
export function AcceptanceQuestion({
  episode,
  name,
  on,
  update,
  id = "acceptance",
}: {
  episode: EpisodeView;
  name: string;
  /** The day an answer is recorded for: the contact just saved (DD/MM/YYYY). */
  on: string;
  update: Update;
  id?: string;
}) {
  const [said, setSaid] = useState<string | null>(null);
  const [dismissed, setDismissed] = useState(false);
  const { errors, busy, submit } = useForm(["answer", "on"]);
  // The buttons go once answered: focus moves to what was recorded, never to the page.
  const saidRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (said) saidRef.current?.focus();
  }, [said]);

  if (said)
    return (
      <p className="app-saved" role="status" id={`${id}-said`} tabIndex={-1} ref={saidRef} data-testid="acceptance-said">
        {said}
      </p>
    );
  if (!episode.acceptance_missing || dismissed) return null;

  async function answer(a: OfferAnswer) {
    const ok = await submit(() => update(api.record_answer({ episode_id: episode.id, answer: a, on })));
    if (ok) {
      setSaid(a === "accepted" ? `Recorded: ${name} accepted support on ${on}.` : `Recorded: ${name} declined support on ${on}.`);
    }
  }

  return (
    <div className="app-panel app-question" role="group" aria-labelledby={`${id}-title`} data-testid="acceptance-question">
      <h3 className="nhsuk-heading-s" id={`${id}-title`}>
        Has {name} accepted support?
      </h3>
      <p className="nhsuk-hint" id={`${id}-hint`}>
        The GP code &ldquo;Referral to social prescribing service&rdquo; is entered once, at the first contact after {name} accepts, so it needs the date.
      </p>
      <ErrorSummary errors={errors} />
      <div className="nhsuk-button-group app-button-row">
        <button
          className="nhsuk-button"
          type="button"
          id={`${id}-accepted`}
          disabled={busy}
          aria-describedby={`${id}-hint`}
          onClick={() => void answer("accepted")}
        >
          Accepted on {on}
        </button>
        <button
          className="nhsuk-button nhsuk-button--secondary"
          type="button"
          id={`${id}-not-yet`}
          onClick={() => (setDismissed(true), setSaid(`Nothing recorded yet: you will be asked again after the next contact.`))}
        >
          Not yet
        </button>
        <button className="nhsuk-button nhsuk-button--secondary" type="button" id={`${id}-declined`} disabled={busy} onClick={() => void answer("declined")}>
          Declined on {on}
        </button>
      </div>
    </div>
  );
}
