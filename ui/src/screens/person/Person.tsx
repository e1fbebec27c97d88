import { useCallback, useEffect, useRef, useState } from "react";
import { api, type Measure, type PersonId, type PersonRecord } from "../../generated/api";
import { toApiError } from "../../lib/errors";
import { isoToGB } from "../../lib/format";
import { labelOf, useLists } from "../../lib/lists";
import { OutcomesSection } from "../outcomes/OutcomesSection";
import { ReminderTag } from "../outcomes/Band";
import { OnwardSection } from "../onward/OnwardSection";
import { CloseEpisode } from "./CloseEpisode";
import { ContactFormPanel, freshContact, type ContactDraft } from "./ContactForm";
import { Contacts, EpisodeSummary, Offer } from "./Episode";
import { Plan } from "./Plan";
import { Risks } from "./Risks";
import { EditPerson } from "./EditPerson";
import { ConfirmButton } from "../../components/Confirm";
import { Merge } from "./Merge";
import type { Act, Update } from "./update";

/** One person: header, current episode (contacts, onward referrals, outcomes, plan, risks,
 *  closing), details and past episodes. */
export function Person({ personId, onOpen }: { personId: PersonId; onOpen: (id: PersonId) => void }) {
  const lists = useLists();
  const [record, setRecord] = useState<PersonRecord | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [writing, setWriting] = useState<ContactDraft | null>(null);
  const [contactSaved, setContactSaved] = useState<string | null>(null);
  const savedRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (contactSaved) savedRef.current?.focus();
  }, [contactSaved]);
  const [recording, setRecording] = useState<Measure | null>(null);
  const [editing, setEditing] = useState(false);
  const [merging, setMerging] = useState(false);

  useEffect(() => {
    api.person({ person_id: personId }).then(setRecord, (e) => setError(toApiError(e).message));
  }, [personId]);

  const update: Update = useCallback(async (p) => {
    const rec = await p;
    setRecord(rec);
    setError(null);
    return rec;
  }, []);
  const act: Act = useCallback(
    (p) => {
      update(p).catch((e) => setError(toApiError(e).message));
    },
    [update],
  );

  if (!record)
    return (
      <main className="nhsuk-main-wrapper" id="maincontent">
        {error ?? "Loading…"}
      </main>
    );
  const p = record.person;
  const open = record.episodes.find((e) => e.status !== "closed");
  const past = record.episodes.filter((e) => e.status === "closed");
  const draft = open?.draft ? (JSON.parse(open.draft) as ContactDraft) : null;
  const dueNow = open ? open.outcomes.reminders.filter((r) => r.state !== "upcoming") : [];
  const recordNow = (m: Measure) => {
    setRecording(m);
    if (open) setTimeout(() => document.getElementById(`outcomes-title-${open.id}`)?.scrollIntoView(), 0);
  };

  return (
    <main className="nhsuk-main-wrapper" id="maincontent" data-screen="person">
      <div className="app-person-header">
        <h1>
          {p.given_name} {p.family_name}
          {p.preferred_name && <span className="app-muted app-preferred"> (prefers {p.preferred_name})</span>}
        </h1>
        <p className="app-person-ids">
          <span>
            NHS number: <strong>{p.nhs_number ?? "not known"}</strong>
          </span>
          <span>
            Born: <strong>{isoToGB(p.date_of_birth) || "not known"}</strong>
          </span>
          {p.pronouns && (
            <span>
              Pronouns: <strong>{p.pronouns}</strong>
            </span>
          )}
        </p>
        {record.risk && (
          <div className="app-risk-flag" role="note" data-testid="risk-flag">
            <strong className="nhsuk-tag nhsuk-tag--red">Risk</strong>{" "}
            <ul className="app-inline-list">
              {record.concerns
                .filter((c) => !c.closed_on && !c.entered_in_error)
                .map((c) => (
                  <li key={c.id}>
                    {c.concern}{" "}
                    <span className="app-muted app-small">
                      ({c.level ? `${c.level}, ` : ""}raised {isoToGB(c.raised_on)})
                    </span>
                  </li>
                ))}
            </ul>
          </div>
        )}
        {dueNow.length > 0 && (
          <div className="app-header-reminders" data-testid="header-reminders">
            {dueNow.map((r) => (
              <span key={r.measure}>
                <ReminderTag r={r} />{" "}
                <button type="button" className="app-link-button" onClick={() => recordNow(r.measure)}>
                  Record {labelOf(lists.measures, r.measure)} now
                </button>
              </span>
            ))}
          </div>
        )}
      </div>
      {error && (
        <div className="nhsuk-error-summary" role="alert">
          <p>{error}</p>
        </div>
      )}

      {open && draft && !writing && (
        <div className="nhsuk-warning-callout" data-testid="draft-offer">
          <h2 className="nhsuk-warning-callout__label">
            <span role="text">
              <span className="nhsuk-u-visually-hidden">Important: </span>
              Unsaved contact note
            </span>
          </h2>
          <p>A contact note for {p.given_name} was being written and not saved. It was kept safe.</p>
          <p className="app-prewrap app-draft-preview">{draft.notes.slice(0, 200)}</p>
          <div className="nhsuk-button-group">
            <button className="nhsuk-button" type="button" id="restore-draft" onClick={() => setWriting(draft)}>
              Carry on writing it
            </button>
            <ConfirmButton
              id="discard-draft"
              label="Discard it"
              question="Discard the unsaved note for good? It cannot be recovered."
              yes="Yes, discard it"
              onConfirm={() => act(api.discard_draft({ episode_id: open.id }))}
            />
          </div>
        </div>
      )}

      {open ? (
        <section aria-labelledby="episode-title">
          <h2 id="episode-title">
            Current episode{" "}
            <strong className={`nhsuk-tag ${open.status === "waiting" ? "nhsuk-tag--grey" : "nhsuk-tag--blue"}`} data-testid="episode-status">
              {labelOf(lists.episode_statuses, open.status)}
            </strong>
          </h2>
          <EpisodeSummary e={open} />
          <Offer e={open} update={update} />
          <h2>Contacts</h2>
          {writing ? (
            <ContactFormPanel
              episode={open}
              initial={writing}
              update={update}
              onDone={(saved) => {
                setWriting(null);
                setContactSaved(saved);
                // Discarded: back to where a new contact starts.
                if (!saved) setTimeout(() => document.getElementById("record-contact")?.focus(), 0);
              }}
            />
          ) : (
            !draft && (
              <button
                className="nhsuk-button"
                type="button"
                id="record-contact"
                onClick={() => {
                  setContactSaved(null);
                  setWriting(freshContact());
                }}
              >
                Record a contact
              </button>
            )
          )}
          {contactSaved && !writing && (
            <p className="app-saved" role="status" tabIndex={-1} ref={savedRef} data-testid="contact-saved">
              {contactSaved}
            </p>
          )}
          <Contacts e={open} update={update} />
          <OnwardSection episode={open} update={update} canAdd />
          <OutcomesSection episode={open} update={update} recording={recording} setRecording={setRecording} />
          <Plan key={open.id} episode={open} update={update} act={act} />
          <Risks record={record} update={update} />
          <CloseEpisode episode={open} update={update} onRecordFinal={recordNow} />
        </section>
      ) : (
        <>
          <p className="nhsuk-inset-text">No open episode. A new referral starts a new one.</p>
          <Risks record={record} update={update} />
        </>
      )}

      <section aria-labelledby="details-title">
        <h2 id="details-title">Details</h2>
        {editing ? (
          <EditPerson
            record={record}
            update={update}
            onOpen={onOpen}
            onDone={() => {
              setEditing(false);
              setTimeout(() => document.getElementById("edit-person")?.focus(), 0);
            }}
          />
        ) : (
          <>
            <dl className="nhsuk-summary-list" data-testid="person-details">
              {(
                [
                  ["Phone", p.phone],
                  ["Prefers", p.preferred_contact ? labelOf(lists.preferred_contacts, p.preferred_contact) : null],
                  ["Address", [p.address, p.postcode].filter(Boolean).join(", ")],
                  ["GP practice", [p.gp_practice_name, p.gp_practice_ods].filter(Boolean).join(", ")],
                  ["Communication needs", p.communication_needs],
                  [
                    "Consent to share with GP",
                    `${labelOf(lists.consent, p.consent_to_share)}${p.consent_recorded_on ? ` (${isoToGB(p.consent_recorded_on)})` : ""}`,
                  ],
                  ["Groups", p.tags.map((t) => labelOf(lists.group_tags, t)).join(", ")],
                  ["Notes", p.notes],
                ] as [string, string | null][]
              ).map(([k, v]) => (
                <div className="nhsuk-summary-list__row" key={k}>
                  <dt className="nhsuk-summary-list__key">{k}</dt>
                  <dd className="nhsuk-summary-list__value app-prewrap">{v || "–"}</dd>
                </div>
              ))}
            </dl>
            <div className="nhsuk-button-group">
              <button className="nhsuk-button nhsuk-button--secondary" type="button" id="edit-person" onClick={() => setEditing(true)}>
                Change details
              </button>
              {!merging && (
                <button className="app-link-button" type="button" id="merge-start" onClick={() => setMerging(true)}>
                  Merge with another record of this person
                </button>
              )}
            </div>
            {merging && (
              <Merge
                record={record}
                onCancel={() => setMerging(false)}
                onMerged={(kept) => {
                  setMerging(false);
                  if (kept.person.id === personId) setRecord(kept);
                  else onOpen(kept.person.id);
                }}
              />
            )}
          </>
        )}
        {record.consent_history.length > 0 && (
          <details className="nhsuk-details" data-testid="consent-history">
            <summary className="nhsuk-details__summary">
              <span className="nhsuk-details__summary-text">Consent history ({record.consent_history.length})</span>
            </summary>
            <div className="nhsuk-details__text">
              <ul className="nhsuk-list">
                {record.consent_history.map((c) => (
                  <li key={c.id}>
                    {isoToGB(c.decided_on)}: {labelOf(lists.consent_decisions, c.decision)}
                    {c.recorded_by ? `, recorded by ${c.recorded_by}` : ""}
                  </li>
                ))}
              </ul>
            </div>
          </details>
        )}
      </section>

      {past.length > 0 && (
        <section aria-labelledby="past-title">
          <h2 id="past-title">Past episodes</h2>
          {past.map((e) => (
            <details className="nhsuk-details" key={e.id}>
              <summary className="nhsuk-details__summary">
                <span className="nhsuk-details__summary-text">
                  Referred {isoToGB(e.referral_received_on)}, closed {isoToGB(e.closed_on)} ({labelOf(lists.close_reasons, e.close_reason).toLowerCase()})
                </span>
              </summary>
              <div className="nhsuk-details__text">
                <EpisodeSummary e={e} />
                <Contacts e={e} update={update} />
                <OnwardSection episode={e} update={update} canAdd={false} />
                <OutcomesSection episode={e} update={update} recording={null} setRecording={() => undefined} />
              </div>
            </details>
          ))}
        </section>
      )}
    </main>
  );
}
