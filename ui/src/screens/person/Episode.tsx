import { useState } from "react";
import { api, type EpisodeView } from "../../generated/api";
import { ErrorSummary, TextField } from "../../components/Form";
import { useForm } from "../../lib/useForm";
import { InErrorNote, MarkInError } from "../../components/InError";
import type { Update } from "./update";
import { dayCount, isoTimeToGB, isoToGB } from "../../lib/format";
import { labelOf, useLists } from "../../lib/lists";
import { TableRegion } from "../../components/TableRegion";

/** How the episode started (and ended), in a summary list. */
export function EpisodeSummary({ e }: { e: EpisodeView }) {
  const lists = useLists();
  return (
    <dl className="nhsuk-summary-list">
      <div className="nhsuk-summary-list__row">
        <dt className="nhsuk-summary-list__key">Referred</dt>
        <dd className="nhsuk-summary-list__value">
          {isoToGB(e.referral_received_on)}, {labelOf(lists.referral_methods, e.referral_method)}
          {e.referrer_name ? ` from ${e.referrer_name}` : ""}
          {e.referrer_role ? `, ${e.referrer_role}` : ""}
          {e.referrer_organisation ? `, ${e.referrer_organisation}` : ""}
          {e.referral_source ? ` (${labelOf(lists.referral_sources, e.referral_source)})` : ""}
          {e.priority === "urgent" && (
            <>
              {" "}
              <strong className="nhsuk-tag nhsuk-tag--red">Urgent</strong>
            </>
          )}
        </dd>
      </div>
      <div className="nhsuk-summary-list__row">
        <dt className="nhsuk-summary-list__key">Needs and concerns</dt>
        <dd className="nhsuk-summary-list__value">
          {[...e.referral_reasons.map((r) => labelOf(lists.referral_reasons, r)), ...e.referral_categories.map((c) => labelOf(lists.needs, c))].join(", ") ||
            "–"}
        </dd>
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

/** The offer of support and the person's answer (these decide the GP codes for the episode). */
export function Offer({ e, update }: { e: EpisodeView; update: Update }) {
  const [editing, setEditing] = useState(false);
  const [f, setF] = useState({ offered_on: isoToGB(e.offered_on), accepted_on: isoToGB(e.accepted_on), declined_on: isoToGB(e.declined_on) });
  const { errors, busy, submit } = useForm(["offered_on", "accepted_on", "declined_on"]);
  const said = [
    e.offered_on && `offered ${isoToGB(e.offered_on)}`,
    e.accepted_on && `accepted ${isoToGB(e.accepted_on)}`,
    e.declined_on && `declined ${isoToGB(e.declined_on)}`,
  ].filter(Boolean);
  if (!editing)
    return (
      <p data-testid="offer">
        Offer of support: {said.length ? said.join(", ") : "not recorded"}{" "}
        <button type="button" className="app-link-button" id="edit-offer" onClick={() => setEditing(true)}>
          {said.length ? "Change" : "Record the offer"}
        </button>
      </p>
    );
  const field = (id: keyof typeof f, label: string) => (
    <TextField id={id} label={label} inputClass="nhsuk-input--width-10" value={f[id]} onChange={(v) => setF({ ...f, [id]: v })} error={errors.fields[id]} />
  );
  return (
    <form
      id="offer-form"
      className="app-panel"
      noValidate
      onSubmit={(ev) => {
        ev.preventDefault();
        void submit(() => update(api.update_offer({ episode_id: e.id, ...f }))).then((ok) => ok && setEditing(false));
      }}
    >
      <h3>Offer of support</h3>
      <ErrorSummary errors={errors} />
      {field("offered_on", "Date offered")}
      {field("accepted_on", "Date accepted (leave blank if not)")}
      {field("declined_on", "Date declined (leave blank if not)")}
      <div className="nhsuk-button-group">
        <button className="nhsuk-button" type="submit" disabled={busy}>
          Save offer
        </button>
        <button className="app-link-button" type="button" onClick={() => setEditing(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** The episode's contacts, newest first; those entered in error stay, struck through. */
export function Contacts({ e, update }: { e: EpisodeView; update: Update }) {
  const lists = useLists();
  if (e.contacts.length === 0) return <p>No contacts yet.</p>;
  return (
    <TableRegion>
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
              <td>{labelOf(lists.all_contact_outcomes, c.outcome)}</td>
              <td className="app-prewrap">{c.notes}</td>
              <td>
                {c.entered_in_error ? (
                  <InErrorNote mark={c.entered_in_error} of={c.id} />
                ) : (
                  <MarkInError record={{ kind: "contact", id: c.id }} what={`contact of ${isoTimeToGB(c.occurred_at)}`} update={update} />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}
