import type { EpisodeView } from "../../generated/api";
import { InErrorNote, MarkInError } from "../../components/InError";
import type { Update } from "./update";
import { dayCount, isoTimeToGB, isoToGB } from "../../lib/format";
import { labelOf, useLists } from "../../lib/lists";

/** How the episode started (and ended), in a summary list. */
export function EpisodeSummary({ e }: { e: EpisodeView }) {
  const lists = useLists();
  return (
    <dl className="nhsuk-summary-list">
      <div className="nhsuk-summary-list__row">
        <dt className="nhsuk-summary-list__key">Referred</dt>
        <dd className="nhsuk-summary-list__value">
          {isoToGB(e.referral_received_on)} by {labelOf(lists.referral_methods, e.referral_method).toLowerCase()}
          {e.referrer_name ? ` from ${e.referrer_name}` : ""}
          {e.referrer_role ? `, ${e.referrer_role}` : ""}
          {e.referrer_organisation ? `, ${e.referrer_organisation}` : ""}
        </dd>
      </div>
      <div className="nhsuk-summary-list__row">
        <dt className="nhsuk-summary-list__key">Needs and concerns</dt>
        <dd className="nhsuk-summary-list__value">{e.referral_reasons.map((r) => labelOf(lists.needs, r)).join(", ") || "–"}</dd>
      </div>
      <div className="nhsuk-summary-list__row">
        <dt className="nhsuk-summary-list__key">Referral to first contact</dt>
        <dd className="nhsuk-summary-list__value" data-testid="days-to-first-contact">
          {e.days_to_first_contact !== null ? dayCount(e.days_to_first_contact) : "No contact yet"}
        </dd>
      </div>
      {e.status === "closed" && (
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">Closed</dt>
          <dd className="nhsuk-summary-list__value">
            {isoToGB(e.closed_on)}: {labelOf(lists.close_reasons, e.close_reason)}
            {e.close_note ? ` – ${e.close_note}` : ""}
          </dd>
        </div>
      )}
    </dl>
  );
}

/** The episode's contacts, newest first; those entered in error stay, struck through. */
export function Contacts({ e, update }: { e: EpisodeView; update: Update }) {
  const lists = useLists();
  if (e.contacts.length === 0) return <p>No contacts yet.</p>;
  return (
    <table className="nhsuk-table" data-testid="contacts">
      <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Contacts, newest first</caption>
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Type</th>
          <th scope="col">Outcome</th>
          <th scope="col">Notes</th>
          <th scope="col">
            <span className="nhsuk-u-visually-hidden">Corrections</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {e.contacts.map((c) => (
          <tr key={c.id} className={c.entered_in_error ? "app-in-error" : undefined} data-contact={c.id}>
            <td className="app-nowrap">{isoTimeToGB(c.occurred_at)}</td>
            <td>
              {labelOf(lists.contact_types, c.contact_type)}
              {c.duration_minutes ? `, ${c.duration_minutes} min` : ""}
            </td>
            <td>{labelOf(lists.contact_outcomes, c.outcome)}</td>
            <td className="app-prewrap">{c.notes}</td>
            <td>
              {c.entered_in_error ? (
                <InErrorNote mark={c.entered_in_error} />
              ) : (
                <MarkInError record={{ kind: "contact", id: c.id }} what={`contact of ${isoTimeToGB(c.occurred_at)}`} update={update} />
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
