import { useCallback, useEffect, useRef, useState, type KeyboardEvent as ReactKeyboardEvent, type ReactNode } from "react";
import { api, type CloseReason, type EpisodeView, type GroupId, type LetterTo, type Measure, type PersonId, type PersonRecord } from "../../generated/api";
import { toApiError } from "../../lib/errors";
import { useCommand } from "../../lib/useCommand";
import { Loading } from "../../components/Loading";
import { isoTimeToGB, isoToGB } from "../../lib/format";
import { labelOf, useLists } from "../../lib/lists";
import { OutcomesSection } from "../outcomes/OutcomesSection";
import { ReminderTag } from "../outcomes/Band";
import { OnwardSection } from "../onward/OnwardSection";
import { CloseEpisode } from "./CloseEpisode";
import { ContactFormPanel, DISCARDED, freshContact, loadContactDefaults, type ContactDraft, type ContactSaved } from "./ContactForm";
import { AcceptanceQuestion } from "./Acceptance";
import { ConsentPanel } from "./Consent";
import { Contacts, EpisodeSummary, Offer } from "./Episode";
import { Plan } from "./Plan";
import { Risks } from "./Risks";
import { EditPerson } from "./EditPerson";
import { ConfirmButton } from "../../components/Confirm";
import { focusSoon } from "../../components/Form";
import { Merge } from "./Merge";
import { PersonGroups } from "./PersonGroups";
import { Profile } from "./Profile";
import { CaseStudies } from "./CaseStudies";
import { Carers, nameParts } from "./Carers";
import type { CarerReferral } from "../caseload/NewReferral";
import { Erase, SubjectAccess } from "./Rights";
import { Death } from "./Death";
import { GpSection } from "../gp/GpSection";
import type { Act, Update } from "./update";

/** The workspace's sections, in order; Alt+1 to Alt+9 open them. */
export const SECTIONS = [
  { key: "overview", label: "Overview" },
  { key: "contacts", label: "Contacts" },
  { key: "plan", label: "Plan" },
  { key: "outcomes", label: "Outcomes" },
  { key: "onward", label: "Onward referrals" },
  { key: "risks", label: "Risks" },
  { key: "details", label: "Details" },
  { key: "history", label: "History" },
  { key: "gp", label: "GP summary" },
] as const;
export type Section = (typeof SECTIONS)[number]["key"];

/** The next dated thing on an open episode, in words (the core decides what is next and overdue,
 *  by the session's clock). */
function nextDue(e: EpisodeView): string | null {
  const n = e.next_due;
  if (!n) return null;
  return n.overdue ? `Overdue: ${n.what}, due ${isoToGB(n.on)}` : `Next: ${n.what} by ${isoToGB(n.on)}`;
}

/** The open episode at a glance: what matters, the last contact and what is still to do. */
function Overview({ e, onSection }: { e: EpisodeView; onSection: (s: Section) => void }) {
  const lists = useLists();
  const last = [...e.contacts].filter((c) => !c.entered_in_error).sort((a, b) => b.occurred_at.localeCompare(a.occurred_at))[0];
  const todo = e.actions.filter((a) => !a.done_on);
  const link = (s: Section, text: string) => (
    <button type="button" className="app-link-button" onClick={() => onSection(s)}>
      {text}
    </button>
  );
  return (
    <dl className="nhsuk-summary-list" data-testid="overview">
      <div className="nhsuk-summary-list__row">
        <dt className="nhsuk-summary-list__key">What matters</dt>
        <dd className="nhsuk-summary-list__value app-prewrap">{e.what_matters || link("plan", "Not recorded yet: agree it in the plan")}</dd>
      </div>
      <div className="nhsuk-summary-list__row">
        <dt className="nhsuk-summary-list__key">Last contact</dt>
        <dd className="nhsuk-summary-list__value">
          {last ? (
            <>
              {isoTimeToGB(last.occurred_at)}, {labelOf(lists.contact_types, last.contact_type).toLowerCase()}:{" "}
              {labelOf(lists.all_contact_outcomes, last.outcome).toLowerCase()}
              {last.notes && <span className="app-block app-muted app-clamp">{last.notes}</span>}
            </>
          ) : (
            "None yet"
          )}
        </dd>
      </div>
      <div className="nhsuk-summary-list__row">
        <dt className="nhsuk-summary-list__key">Actions to do</dt>
        <dd className="nhsuk-summary-list__value">
          {todo.length === 0
            ? "None"
            : todo.map((a) => (
                <span className="app-block" key={a.id}>
                  {a.who}: {a.what}
                  {a.due_on ? ` (by ${isoToGB(a.due_on)})` : ""}
                </span>
              ))}
        </dd>
      </div>
    </dl>
  );
}

/** Whether the header's "More details" was left open, kept while the app runs (not stored). */
let moreDetailsShown = false;

/**
 * One person as a workspace: a header that stays in view (who they are, how to reach them, consent,
 * risks, episode status, what is due) with "Log contact", and one section at a time beneath it.
 */
export function Person({
  personId,
  onOpen,
  onCaseload,
  onGroup,
  onReferCarer,
  log,
}: {
  personId: PersonId;
  onOpen: (id: PersonId) => void;
  onCaseload: () => void;
  onGroup?: (id: GroupId) => void;
  /** A carer named only, referred in their own right. */
  onReferCarer?: (carer: CarerReferral) => void;
  /** Opened with "Log contact": the contact form is open and focused. */
  log?: boolean;
}) {
  const lists = useLists();
  // The defaults are a nicety: a failure to read them leaves the duration blank.
  const loaded = useCommand(
    () => Promise.all([api.person({ person_id: personId }), loadContactDefaults(personId).catch(() => undefined)]).then(([r]) => r),
    [personId],
  );
  const record = loaded.data;
  const setRecord = loaded.set;
  // A change that failed (the record as loaded stays on screen).
  const [error, setError] = useState<string | null>(null);
  const [section, setSection] = useState<Section>(log ? "contacts" : "overview");
  const [writing, setWriting] = useState<ContactDraft | null>(null);
  const [moreShown, setMoreShownHere] = useState(moreDetailsShown);
  const setMoreShown = (f: (m: boolean) => boolean) =>
    setMoreShownHere((m) => {
      moreDetailsShown = f(m);
      return moreDetailsShown;
    });
  const [contactSaved, setContactSaved] = useState<ContactSaved | null>(null);
  const savedRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (contactSaved) savedRef.current?.focus();
  }, [contactSaved]);
  // The header stays in view by giving the sections their own scroll area (not a sticky header,
  // which would cover whatever is scrolled to under it: WCAG 2.4.11).
  useEffect(() => {
    document.body.classList.add("app-fixed-layout");
    return () => document.body.classList.remove("app-fixed-layout");
  }, []);
  const [recording, setRecording] = useState<Measure | null>(null);
  const [editing, setEditing] = useState(false);
  const [merging, setMerging] = useState(false);
  const [rights, setRights] = useState<"copy" | "erase" | null>(null);
  // "Close and tell the referrer": the close form opens with its reason, then the referrer's letter.
  const [closingFor, setClosingFor] = useState<{ reason: CloseReason; asked: number } | null>(null);
  const [letterFor, setLetterFor] = useState<{ to: LetterTo; asked: number } | null>(null);

  // "Log contact": once the record is in, carry on an unsaved note if there is one, else a fresh
  // contact (once per person: later saves change the record, not what is being written).
  const loadedId = record?.person.id;
  useEffect(() => {
    if (!log || !loadedId || !record) return;
    const o = record.episodes.find((e) => e.status !== "closed");
    if (o) setWriting(o.draft ?? freshContact());
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [loadedId, log]);

  const update: Update = useCallback(
    async (p) => {
      const rec = await p;
      setRecord(rec);
      setError(null);
      return rec;
    },
    [setRecord],
  );
  const act: Act = useCallback(
    (p) => {
      update(p).catch((e) => setError(toApiError(e).message));
    },
    [update],
  );

  const open = record?.episodes.find((e) => e.status !== "closed");
  const draft = open?.draft ?? null;

  const show = useCallback((s: Section) => {
    setSection(s);
    setTimeout(() => document.getElementById(`tab-${s}`)?.focus(), 0);
  }, []);
  const logContact = useCallback(() => {
    if (!open) return;
    setSection("contacts");
    setContactSaved(null);
    setWriting((w) => w ?? (draft ? draft : freshContact()));
    // A form already open keeps what was typed; focus goes back to its notes.
    focusSoon("contact_notes");
  }, [open, draft]);

  // Alt+1…9 open a section; Alt+L logs a contact, from anywhere on the page.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      const n = Number(e.key);
      if (n >= 1 && n <= SECTIONS.length) {
        e.preventDefault();
        show(SECTIONS[n - 1].key);
      } else if (e.key === "l" || e.key === "L") {
        e.preventDefault();
        logContact();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [show, logContact]);

  if (!record)
    return (
      <main className="nhsuk-main-wrapper" id="maincontent">
        <Loading loaded={loaded} what="this person's record" />
      </main>
    );
  const p = record.person;
  const past = record.episodes.filter((e) => e.status === "closed");
  const dueNow = open ? open.outcomes.reminders.filter((r) => r.state !== "upcoming") : [];
  const liveConcerns = record.concerns.filter((c) => c.live);
  const years = p.age;
  const recordNow = (m: Measure) => {
    setRecording(m);
    setSection("outcomes");
  };
  const counts: Partial<Record<Section, number>> = {
    contacts: open?.contacts.filter((c) => !c.entered_in_error).length,
    risks: liveConcerns.length || undefined,
  };
  const next = open ? nextDue(open) : null;
  const overdueUrgent = !!open?.first_contact_overdue;

  const tabKeys = (e: ReactKeyboardEvent) => {
    const i = SECTIONS.findIndex((s) => s.key === section);
    const to = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: SECTIONS.length - 1 }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    show(SECTIONS[(to + SECTIONS.length) % SECTIONS.length].key);
  };

  const panels: Record<Section, () => ReactNode> = {
    overview: () => (
      <>
        {open ? (
          <>
            <EpisodeSummary e={open} />
            <Overview e={open} onSection={show} />
            <Offer e={open} update={update} />
            <CloseEpisode
              key={closingFor?.asked ?? 0}
              episode={open}
              concerns={liveConcerns}
              update={update}
              onRecordFinal={recordNow}
              reason={closingFor?.reason}
              onClosed={() => {
                if (!closingFor) return;
                setClosingFor(null);
                setLetterFor({ to: "referrer", asked: Date.now() });
                show("gp");
              }}
            />
          </>
        ) : (
          <p className="nhsuk-inset-text">No open episode. A new referral starts a new one.</p>
        )}
      </>
    ),
    contacts: () =>
      open ? (
        <>
          {contactSaved && !writing && (
            <div className="app-saved" role="status" tabIndex={-1} ref={savedRef} data-testid="contact-saved">
              <p>{contactSaved.text}</p>
              <button type="button" className="app-link-button" id="back-to-caseload" onClick={onCaseload}>
                Back to the caseload
              </button>
            </div>
          )}
          {contactSaved && !writing && contactSaved.tookPlace && (
            <AcceptanceQuestion key={contactSaved.text} episode={open} name={p.given_name} on={contactSaved.on} update={update} />
          )}
          {!writing && !draft && (
            <button className="nhsuk-button" type="button" id="record-contact" onClick={logContact}>
              Record a contact
            </button>
          )}
          <Contacts e={open} update={update} />
        </>
      ) : (
        <p className="nhsuk-inset-text">No open episode. Contacts of past episodes are under History.</p>
      ),
    plan: () => (open ? <Plan key={open.id} episode={open} update={update} act={act} /> : <p className="nhsuk-inset-text">No open episode.</p>),
    outcomes: () => (
      <>
        {open ? (
          <OutcomesSection episode={open} update={update} recording={recording} setRecording={setRecording} />
        ) : (
          <p className="nhsuk-inset-text">No open episode. Outcomes of past episodes are under History.</p>
        )}
        <CaseStudies record={record} />
      </>
    ),
    onward: () => (
      <>
        {open ? <OnwardSection episode={open} update={update} canAdd /> : <p className="nhsuk-inset-text">No open episode.</p>}
        <PersonGroups personId={p.id} name={p.given_name} onGroup={onGroup} />
      </>
    ),
    risks: () => <Risks record={record} update={update} />,
    gp: () => <GpSection record={record} update={update} letterFor={letterFor} />,
    details: () => (
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
                  ["GP practice", practiceLine(p, record.practice_history)],
                  ["Communication needs", p.communication_needs],
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
              <button className="app-link-button" type="button" id="sar-start" onClick={() => setRights("copy")}>
                Copy of their records
              </button>
              <button className="app-link-button" type="button" id="erase-start" onClick={() => setRights("erase")}>
                Erase this person
              </button>
            </div>
            <Profile record={record} update={update} />
            <Carers
              record={record}
              update={update}
              act={act}
              onOpen={onOpen}
              onReferCarer={onReferCarer && ((l) => onReferCarer({ ...nameParts(l.other_name), link: l.id }))}
            />
            <ConsentPanel record={record} update={update} />
            <Death record={record} update={update} />
            {rights === "copy" && <SubjectAccess record={record} onClose={() => setRights(null)} />}
            {rights === "erase" && <Erase record={record} onErased={onCaseload} onCancel={() => setRights(null)} />}
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
                    {isoToGB(c.decided_on)}: {labelOf(lists.consent_purposes, c.purpose)}: {labelOf(lists.consent_decisions, c.decision)}
                    {c.recorded_by ? `, recorded by ${c.recorded_by}` : ""}
                  </li>
                ))}
              </ul>
            </div>
          </details>
        )}
      </section>
    ),
    history: () => (
      <section aria-labelledby="past-title">
        <h2 id="past-title">Past episodes</h2>
        {past.length === 0 && <p className="app-muted">No past episodes.</p>}
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
    ),
  };

  return (
    <main className="nhsuk-main-wrapper app-workspace" id="maincontent" data-screen="person">
      <div className="app-person-header" data-testid="person-header">
        {/* One line of essentials (who, status, risk, what is due); the rest on demand, so a form
            with errors still fits a 1024×768 screen and the header holds at 200 %. */}
        <div className="app-person-header__top">
          <h1>
            {p.given_name} {p.family_name}
            {p.preferred_name && <span className="app-muted app-preferred"> (prefers {p.preferred_name})</span>}
          </h1>
          <span className="app-person-header__nhs">
            NHS <strong className="app-nowrap">{p.nhs_number ?? "not known"}</strong>
          </span>
          {p.phone && (
            <span className="app-person-header__wide">
              Phone <strong className="app-nowrap">{p.phone}</strong>
            </span>
          )}
          {p.date_of_death && (
            <strong className="nhsuk-tag nhsuk-tag--grey" data-testid="died">
              Died {isoToGB(p.date_of_death)}
            </strong>
          )}
          {open?.first_contact_due_on && (
            <strong className={`nhsuk-tag ${overdueUrgent ? "nhsuk-tag--red" : "nhsuk-tag--orange"}`} data-testid="urgent-due">
              Urgent: first contact {overdueUrgent ? "overdue since" : "due by"} {isoToGB(open.first_contact_due_on)}
            </strong>
          )}
          {open ? (
            <strong className={`nhsuk-tag ${open.status === "waiting" ? "nhsuk-tag--grey" : "nhsuk-tag--blue"}`} data-testid="episode-status">
              {labelOf(lists.episode_statuses, open.status)}
            </strong>
          ) : (
            <strong className="nhsuk-tag nhsuk-tag--white">No open episode</strong>
          )}
          {liveConcerns.length > 0 && (
            <button type="button" className="app-link-button app-risk-link" data-testid="risk-flag" onClick={() => show("risks")}>
              <strong className="nhsuk-tag nhsuk-tag--red">Risk</strong>{" "}
              <span className="app-risk-link__what">{liveConcerns.map((c) => c.concern).join("; ")}</span>
            </button>
          )}
          {dueNow.map((r) => (
            <span key={r.measure} data-testid="header-reminders">
              <ReminderTag r={r} />{" "}
              <button type="button" className="app-link-button" onClick={() => recordNow(r.measure)}>
                Record {labelOf(lists.measures, r.measure)} now
              </button>
            </span>
          ))}
          <span className="app-person-header__actions">
            <button
              type="button"
              className="app-link-button app-person-more"
              aria-expanded={moreShown}
              aria-controls="person-more"
              id="person-more-button"
              onClick={() => setMoreShown((m) => !m)}
            >
              {moreShown ? "Less" : "More"}
              <span className="nhsuk-u-visually-hidden"> details</span>
            </button>
            {open && (
              <button className="nhsuk-button app-button-small" type="button" id="log-contact" aria-keyshortcuts="Alt+L" onClick={logContact}>
                Log contact <span className="app-kbd">Alt+L</span>
              </button>
            )}
          </span>
        </div>
        <div id="person-more" hidden={!moreShown}>
          <ul className="app-person-facts" aria-label="Key facts">
            <li>
              {years !== null ? (
                <>
                  <strong>{years}</strong> years (born {isoToGB(p.date_of_birth)})
                </>
              ) : (
                "Date of birth not known"
              )}
            </li>
            <li className="app-person-facts__phone">
              Phone{" "}
              {p.phone ? (
                <strong className="app-nowrap" data-testid="header-phone">
                  {p.phone}
                </strong>
              ) : (
                "not known"
              )}
              {p.preferred_contact && <span className="app-muted"> (prefers {labelOf(lists.preferred_contacts, p.preferred_contact).toLowerCase()})</span>}
            </li>
            <li>
              Share with GP: <strong>{labelOf(lists.consent, p.consent_to_share)}</strong>
            </li>
            {p.pronouns && <li>{p.pronouns}</li>}
            {dueNow.length === 0 && next && (
              <li className="app-muted" data-testid="next-due">
                {next}
              </li>
            )}
          </ul>
        </div>
        <div className="app-tabs" role="tablist" aria-label="Sections" onKeyDown={tabKeys}>
          {SECTIONS.map((s, i) => (
            <button
              key={s.key}
              type="button"
              role="tab"
              id={`tab-${s.key}`}
              aria-selected={section === s.key}
              aria-controls={`panel-${s.key}`}
              aria-keyshortcuts={`Alt+${i + 1}`}
              tabIndex={section === s.key ? 0 : -1}
              className="app-tab"
              onClick={() => setSection(s.key)}
            >
              {s.label}
              {counts[s.key] !== undefined && <span className="app-tab__count"> ({counts[s.key]})</span>}
            </button>
          ))}
        </div>
      </div>
      <div className="app-workspace__body" data-testid="workspace-body">
        {error && (
          <div className="nhsuk-error-summary" role="alert">
            <p>{error}</p>
          </div>
        )}

        {open && open.not_reached !== null && !writing && (
          <div className="nhsuk-warning-callout" data-testid="not-reached-callout">
            <h2 className="nhsuk-warning-callout__label">
              <span role="text">
                <span className="nhsuk-u-visually-hidden">Important: </span>
                Not reached
              </span>
            </h2>
            <p>
              The last {open.not_reached} tries did not reach {p.given_name} (did not attend, unable to contact or left a message). Try again, or close the
              episode and tell the referrer.
            </p>
            <div className="nhsuk-button-group">
              <button className="nhsuk-button" type="button" id="try-again" onClick={logContact}>
                Try again
              </button>
              <button
                className="nhsuk-button nhsuk-button--secondary"
                type="button"
                id="close-not-reached"
                onClick={() => {
                  setClosingFor({ reason: "unable_to_contact", asked: Date.now() });
                  setSection("overview");
                }}
              >
                Close and tell the referrer
              </button>
            </div>
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
              <button
                className="nhsuk-button"
                type="button"
                id="restore-draft"
                onClick={() => {
                  setSection("contacts");
                  setWriting(draft);
                }}
              >
                Carry on writing it
              </button>
              <ConfirmButton
                id="discard-draft"
                label="Discard it"
                question="Discard the unsaved note for good? It cannot be recovered."
                yes="Yes, discard it"
                onConfirm={() => {
                  setSection("contacts");
                  setContactSaved({ ...DISCARDED });
                  act(api.discard_draft({ episode_id: open.id }));
                }}
              />
            </div>
          </div>
        )}

        {/* Every section stays mounted (hidden when not shown), so a note or a half-made choice
          survives a look at another section. */}
        {SECTIONS.map((s) => (
          <div
            role="tabpanel"
            key={s.key}
            id={`panel-${s.key}`}
            aria-labelledby={`tab-${s.key}`}
            className="app-tabpanel"
            data-section={s.key}
            hidden={section !== s.key}
          >
            {s.key === "contacts" && open && writing && (
              <ContactFormPanel
                episode={open}
                initial={writing}
                update={update}
                onDone={(saved) => {
                  setWriting(null);
                  // Saved or discarded, the words saying so take focus.
                  setContactSaved(saved);
                }}
              />
            )}
            {panels[s.key]()}
          </div>
        ))}
      </div>
    </main>
  );
}

/** The practice a person is registered at, since when, and where they were before. */
function practiceLine(p: PersonRecord["person"], history: PersonRecord["practice_history"]): string {
  const named = (name: string | null, ods: string | null) => [name, ods && ods !== name ? ods : null].filter(Boolean).join(", ") || "not known";
  const now = [p.gp_practice_name, p.gp_practice_ods].filter(Boolean).length ? named(p.gp_practice_name, p.gp_practice_ods) : "";
  if (!p.practice_id || history.length === 0) return now;
  const before = history.slice(1).map((h) => `${named(h.name, h.ods_code)} from ${isoToGB(h.since)}`);
  return `${now}, since ${isoToGB(history[0].since)}${before.length ? `\nBefore: ${before.join("; ")}` : ""}`;
}
