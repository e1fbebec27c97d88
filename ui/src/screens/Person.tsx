import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import { api, type EpisodeView, type PersonRecord } from "../generated/api";
import { ErrorSummary, TextField, errorsFrom, noErrors, type FormErrors } from "../components/Form";
import { Checkboxes, Select, TextArea } from "../components/Inputs";
import { toApiError } from "../lib/errors";
import { dayCount, formatDateGB, isoTimeToGB, isoToGB, nowGB } from "../lib/format";
import { labelOf, useLists } from "../lib/lists";
import { OutcomesSection, ReminderTag } from "./Outcomes";
import { OnwardSection } from "./Onward";

/** How often a contact being written is saved to the encrypted store. */
const DRAFT_EVERY_MS = 3000;

type Update = (p: Promise<PersonRecord>) => Promise<boolean>;

interface ContactDraft {
  occurred_at: string;
  contact_type: string;
  duration_minutes: string;
  outcome: string;
  notes: string;
}

function freshContact(): ContactDraft {
  return { occurred_at: nowGB(), contact_type: "phone", duration_minutes: "", outcome: "took_place", notes: "" };
}

function ContactFormPanel({ episode, initial, update, onDone }: { episode: EpisodeView; initial: ContactDraft; update: Update; onDone: () => void }) {
  const lists = useLists();
  const [c, setC] = useState<ContactDraft>(initial);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const dirty = useRef(false);
  const latest = useRef(c);
  latest.current = c;
  // The autosave in flight, so saving the contact can wait for it (else it could land afterwards and
  // bring back a draft of a note that was just saved).
  const inflight = useRef<Promise<void>>(Promise.resolve());

  const saveDraft = useCallback(async () => {
    if (!dirty.current) return;
    dirty.current = false;
    const run = api.save_draft({ episode_id: episode.id, form: JSON.stringify(latest.current) }).then(
      () => setSavedAt(new Date().toLocaleTimeString("en-GB")),
      () => {
        dirty.current = true;
      },
    );
    inflight.current = run;
    await run;
  }, [episode.id]);

  useEffect(() => {
    const t = setInterval(() => void saveDraft(), DRAFT_EVERY_MS);
    return () => {
      clearInterval(t);
      // Leaving the page mid-note keeps the last few seconds too.
      void saveDraft();
    };
  }, [saveDraft]);

  const set = (k: keyof ContactDraft) => (v: string) => {
    dirty.current = true;
    setC({ ...latest.current, [k]: v });
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    dirty.current = false;
    await inflight.current;
    const minutes = c.duration_minutes.trim() === "" ? null : Number(c.duration_minutes);
    const ok = await update(
      api.add_contact({
        episode_id: episode.id,
        occurred_at: c.occurred_at,
        contact_type: c.contact_type,
        duration_minutes: minutes !== null && Number.isInteger(minutes) && minutes >= 0 ? minutes : minutes === null ? null : 0,
        outcome: c.outcome,
        notes: c.notes,
      }).catch((err) => {
        setErrors(errorsFrom(toApiError(err), ["occurred_at", "contact_type", "duration_minutes", "outcome"]));
        throw err;
      }),
    );
    if (ok) {
      onDone();
    } else {
      // Not saved (e.g. a field to correct): keep autosaving what is on screen.
      dirty.current = true;
    }
  }

  async function discard() {
    dirty.current = false;
    await inflight.current;
    await update(api.discard_draft({ episode_id: episode.id }));
    onDone();
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate id="contact-form" className="app-panel" onBlur={() => void saveDraft()}>
      <h3>Record a contact</h3>
      <ErrorSummary errors={errors} />
      <TextField id="occurred_at" label="When" hint="Date and time, for example 21/11/2026 14:05." inputClass="nhsuk-input--width-20" value={c.occurred_at} onChange={set("occurred_at")} error={errors.fields.occurred_at} />
      <Select id="contact_type" label="Type" choices={lists.contact_types} value={c.contact_type} onChange={set("contact_type")} error={errors.fields.contact_type} />
      <Select id="outcome" label="Outcome" choices={lists.contact_outcomes} value={c.outcome} onChange={set("outcome")} error={errors.fields.outcome} />
      <TextField id="duration_minutes" label="Duration in minutes" hint="1 to 600. Needed when the contact took place." inputClass="nhsuk-input--width-3" inputMode="numeric" value={c.duration_minutes} onChange={set("duration_minutes")} error={errors.fields.duration_minutes} />
      <TextArea id="contact_notes" label="Notes" hint="Saved as a draft every few seconds, so nothing is lost if the laptop shuts down." rows={8} value={c.notes} onChange={set("notes")} onBlur={() => void saveDraft()} />
      <p className="app-muted" role="status" data-testid="draft-status">
        {savedAt ? `Draft saved at ${savedAt}` : ""}
      </p>
      <div className="nhsuk-button-group">
        <button className="nhsuk-button" type="submit" id="save-contact">
          Save contact
        </button>
        <button className="nhsuk-button nhsuk-button--secondary" type="button" onClick={() => void discard()}>
          Discard
        </button>
      </div>
    </form>
  );
}

function Plan({ episode, update }: { episode: EpisodeView; update: Update }) {
  const lists = useLists();
  const [what, setWhat] = useState(episode.what_matters ?? "");
  const [needs, setNeeds] = useState<string[]>(episode.plan_needs);
  const [review, setReview] = useState(isoToGB(episode.next_review_on));
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [goal, setGoal] = useState({ text: "", importance: "5" });
  const [action, setAction] = useState({ who: "", what: "", due_on: "" });
  const [saved, setSaved] = useState<string | null>(null);
  const fail = (fields: string[]) => (err: unknown) => {
    setErrors(errorsFrom(toApiError(err), fields));
    throw err;
  };
  const open = episode.status !== "closed";
  return (
    <section aria-labelledby="plan-title">
      <h2 id="plan-title">What matters and the plan</h2>
      <ErrorSummary errors={errors} />
      <form
        id="plan-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void update(api.update_plan({ episode_id: episode.id, what_matters: what, needs, next_review_on: review }).catch(fail(["next_review_on", "needs"]))).then((ok) => ok && (setErrors(noErrors), setSaved("Plan saved.")));
        }}
      >
        <TextArea id="what_matters" label="What matters to me" hint="In the person's own words." value={what} onChange={setWhat} />
        <Checkboxes id="needs" legend="Needs and concerns agreed" choices={lists.needs} values={needs} onChange={setNeeds} error={errors.fields.needs} />
        <TextField id="next_review_on" label="Next review" hint="For example, 05/01/2027." inputClass="nhsuk-input--width-10" value={review} onChange={setReview} error={errors.fields.next_review_on} />
        {open && (
          <button className="nhsuk-button nhsuk-button--secondary" type="submit">
            Save plan
          </button>
        )}
        <p className="app-saved" role="status">{saved}</p>
      </form>

      <h3>Goals</h3>
      {episode.goals.length === 0 && <p>No goals yet.</p>}
      <ul className="nhsuk-list app-goals" data-testid="goals">
        {episode.goals.map((g) => (
          <li key={g.id}>
            <strong>{g.text}</strong> <span className="app-muted">(importance {g.importance} of 10)</span>
            <label className="nhsuk-u-visually-hidden" htmlFor={`goal-${g.id}`}>
              Status of {g.text}
            </label>
            <select className="nhsuk-select app-inline-select" id={`goal-${g.id}`} value={g.status} disabled={!open} onChange={(e) => void update(api.save_goal({ goal_id: g.id, episode_id: null, text: g.text, importance: g.importance, status: e.target.value }))}>
              {lists.goal_statuses.map((s) => (
                <option key={s.value} value={s.value}>
                  {s.label}
                </option>
              ))}
            </select>
          </li>
        ))}
      </ul>
      {open && (
        <form
          id="goal-form"
          noValidate
          className="app-inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            void update(api.save_goal({ episode_id: episode.id, goal_id: null, text: goal.text, importance: Number(goal.importance), status: "not_started" }).catch(fail(["goal_text", "importance"]))).then((ok) => ok && (setGoal({ text: "", importance: "5" }), setErrors(noErrors)));
          }}
        >
          <TextField id="goal_text" label="New goal" value={goal.text} onChange={(v) => setGoal({ ...goal, text: v })} error={errors.fields.goal_text} />
          <Select id="importance" label="How important (1 to 10)" choices={[...Array(10)].map((_, i) => ({ value: String(i + 1), label: String(i + 1) }))} value={goal.importance} onChange={(v) => setGoal({ ...goal, importance: v })} error={errors.fields.importance} />
          <button className="nhsuk-button nhsuk-button--secondary" type="submit">
            Add goal
          </button>
        </form>
      )}

      <h3>Actions</h3>
      {episode.actions.length === 0 && <p>No actions yet.</p>}
      <ul className="nhsuk-list" data-testid="actions">
        {episode.actions.map((a) => (
          <li key={a.id} className="nhsuk-checkboxes__item">
            <input className="nhsuk-checkboxes__input" type="checkbox" id={`action-${a.id}`} checked={a.done_on !== null} onChange={(e) => void update(api.set_action_done({ action_id: a.id, done: e.target.checked }))} />
            <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={`action-${a.id}`}>
              {a.who}: {a.what}
              {a.due_on ? ` (by ${isoToGB(a.due_on)})` : ""}
              {a.done_on ? ` – done ${isoToGB(a.done_on)}` : ""}
            </label>
          </li>
        ))}
      </ul>
      {open && (
        <form
          id="action-form"
          noValidate
          className="app-inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            void update(api.add_action({ episode_id: episode.id, ...action }).catch(fail(["action_who", "action_what", "action_due_on"]))).then((ok) => ok && (setAction({ who: "", what: "", due_on: "" }), setErrors(noErrors)));
          }}
        >
          <TextField id="action_who" label="Who" inputClass="nhsuk-input--width-20" value={action.who} onChange={(v) => setAction({ ...action, who: v })} error={errors.fields.action_who} />
          <TextField id="action_what" label="What" value={action.what} onChange={(v) => setAction({ ...action, what: v })} error={errors.fields.action_what} />
          <TextField id="action_due_on" label="By when (optional)" hint="For example, 05/12/2026." inputClass="nhsuk-input--width-10" value={action.due_on} onChange={(v) => setAction({ ...action, due_on: v })} error={errors.fields.action_due_on} />
          <button className="nhsuk-button nhsuk-button--secondary" type="submit">
            Add action
          </button>
        </form>
      )}
    </section>
  );
}

function Risks({ record, update }: { record: PersonRecord; update: Update }) {
  const lists = useLists();
  const [r, setR] = useState({ kind: "raised", concern: "", action_taken: "", recorded_on: "" });
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  return (
    <section aria-labelledby="risk-title">
      <h2 id="risk-title">Risks and safeguarding</h2>
      {record.risk_log.length === 0 ? (
        <p>No concerns recorded.</p>
      ) : (
        <table className="nhsuk-table" data-testid="risk-log">
          <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Risk log, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Entry</th>
              <th scope="col">Concern</th>
              <th scope="col">What was done</th>
            </tr>
          </thead>
          <tbody>
            {record.risk_log.map((e) => (
              <tr key={e.id}>
                <td className="app-nowrap">{isoToGB(e.recorded_on)}</td>
                <td>{labelOf(lists.risk_kinds, e.kind)}</td>
                <td>{e.concern}</td>
                <td>{e.action_taken}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ErrorSummary errors={errors} />
      <form
        id="risk-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void update(
            api.add_risk({ person_id: record.person.id, ...r }).catch((err) => {
              setErrors(errorsFrom(toApiError(err), ["risk_concern", "risk_kind", "risk_recorded_on"]));
              throw err;
            }),
          ).then((ok) => ok && (setR({ kind: "update", concern: "", action_taken: "", recorded_on: "" }), setErrors(noErrors)));
        }}
      >
        <Select id="risk_kind" label="Entry" choices={lists.risk_kinds} value={r.kind} onChange={(v) => setR({ ...r, kind: v })} error={errors.fields.risk_kind} />
        <TextArea id="risk_concern" label="Concern" rows={2} value={r.concern} onChange={(v) => setR({ ...r, concern: v })} error={errors.fields.risk_concern} />
        <TextArea id="risk_action" label="What was done" rows={2} value={r.action_taken} onChange={(v) => setR({ ...r, action_taken: v })} />
        <TextField id="risk_recorded_on" label="Date (blank for today)" inputClass="nhsuk-input--width-10" value={r.recorded_on} onChange={(v) => setR({ ...r, recorded_on: v })} error={errors.fields.risk_recorded_on} />
        <button className="nhsuk-button nhsuk-button--secondary" type="submit">
          Add to risk log
        </button>
      </form>
    </section>
  );
}

function CloseEpisode({ episode, update, onRecordFinal }: { episode: EpisodeView; update: Update; onRecordFinal: (m: "ons4" | "pam") => void }) {
  const lists = useLists();
  const [c, setC] = useState({ reason: "", closed_on: formatDateGB(new Date()), note: "" });
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [asking, setAsking] = useState(false);
  const missing = episode.outcomes.final_missing;
  const close = () =>
    void update(
      api.close_episode({ episode_id: episode.id, ...c }).catch((err) => {
        setAsking(false);
        setErrors(errorsFrom(toApiError(err), ["close_reason", "closed_on"]));
        throw err;
      }),
    );
  return (
    <section aria-labelledby="close-title">
      <h2 id="close-title">Close this episode</h2>
      <ErrorSummary errors={errors} />
      {asking && (
        <div className="nhsuk-warning-callout" data-testid="final-prompt" role="alertdialog" aria-labelledby="final-prompt-title">
          <h3 className="nhsuk-warning-callout__label" id="final-prompt-title">
            <span role="text">
              <span className="nhsuk-u-visually-hidden">Important: </span>
              No final {missing.map((m) => labelOf(lists.measures, m)).join(" or ")} recorded
            </span>
          </h3>
          <p>A final measure shows the change this support made. Record it now, or close without it.</p>
          <div className="nhsuk-button-group">
            <button className="nhsuk-button" type="button" id="record-final" autoFocus onClick={() => { setAsking(false); onRecordFinal(missing[0]); }}>
              Record {labelOf(lists.measures, missing[0])} now
            </button>
            <button className="nhsuk-button nhsuk-button--secondary" type="button" id="close-without" onClick={() => { setAsking(false); close(); }}>
              Close without a final measure
            </button>
          </div>
        </div>
      )}
      <form
        id="close-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (missing.length > 0 && c.reason !== "" && !asking) setAsking(true);
          else close();
        }}
      >
        <Select id="close_reason" label="Reason" blank="Choose a reason" choices={lists.close_reasons} value={c.reason} onChange={(v) => setC({ ...c, reason: v })} error={errors.fields.close_reason} />
        <TextField id="closed_on" label="Date closed" inputClass="nhsuk-input--width-10" value={c.closed_on} onChange={(v) => setC({ ...c, closed_on: v })} error={errors.fields.closed_on} />
        <TextArea id="close_note" label="Note (optional)" rows={2} value={c.note} onChange={(v) => setC({ ...c, note: v })} />
        <button className="nhsuk-button nhsuk-button--warning" type="submit" id="close-episode">
          Close episode
        </button>
      </form>
    </section>
  );
}

function EpisodeSummary({ e }: { e: EpisodeView }) {
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
        <dd className="nhsuk-summary-list__value" data-testid="days-to-first-contact">{e.days_to_first_contact !== null ? dayCount(e.days_to_first_contact) : "No contact yet"}</dd>
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

function Contacts({ e }: { e: EpisodeView }) {
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
        </tr>
      </thead>
      <tbody>
        {e.contacts.map((c) => (
          <tr key={c.id}>
            <td className="app-nowrap">{isoTimeToGB(c.occurred_at)}</td>
            <td>
              {labelOf(lists.contact_types, c.contact_type)}
              {c.duration_minutes ? `, ${c.duration_minutes} min` : ""}
            </td>
            <td>{labelOf(lists.contact_outcomes, c.outcome)}</td>
            <td className="app-prewrap">{c.notes}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function Person({ personId }: { personId: string }) {
  const lists = useLists();
  const [record, setRecord] = useState<PersonRecord | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [writing, setWriting] = useState<ContactDraft | null>(null);
  const [recording, setRecording] = useState<"ons4" | "pam" | null>(null);

  useEffect(() => {
    api.person({ person_id: personId }).then(setRecord, (e) => setError(toApiError(e).message));
  }, [personId]);

  const update: Update = useCallback(async (p) => {
    try {
      setRecord(await p);
      setError(null);
      return true;
    } catch (e) {
      const err = toApiError(e);
      if (!err.field) setError(err.message);
      return false;
    }
  }, []);

  if (!record) return <main className="nhsuk-main-wrapper" id="maincontent">{error ?? "Loading…"}</main>;
  const p = record.person;
  const open = record.episodes.find((e) => e.status !== "closed");
  const past = record.episodes.filter((e) => e.status === "closed");
  const draft = open?.draft ? (JSON.parse(open.draft) as ContactDraft) : null;
  const dueNow = open ? open.outcomes.reminders.filter((r) => r.state !== "upcoming") : [];
  const recordNow = (m: "ons4" | "pam") => {
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
          <span>NHS number: <strong>{p.nhs_number ?? "not known"}</strong></span>
          <span>Born: <strong>{isoToGB(p.date_of_birth) || "not known"}</strong></span>
          {p.pronouns && <span>Pronouns: <strong>{p.pronouns}</strong></span>}
        </p>
        {record.risk && (
          <div className="app-risk-flag" role="note" data-testid="risk-flag">
            <strong className="nhsuk-tag nhsuk-tag--red">Risk</strong> {record.risk_log[0]?.concern}
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
            <button className="nhsuk-button nhsuk-button--secondary" type="button" onClick={() => void update(api.discard_draft({ episode_id: open.id }))}>
              Discard it
            </button>
          </div>
        </div>
      )}

      {open ? (
        <section aria-labelledby="episode-title">
          <h2 id="episode-title">
            Current episode <strong className={`nhsuk-tag ${open.status === "waiting" ? "nhsuk-tag--grey" : "nhsuk-tag--blue"}`} data-testid="episode-status">{labelOf(lists.episode_statuses, open.status)}</strong>
          </h2>
          <EpisodeSummary e={open} />
          <h2>Contacts</h2>
          {writing ? (
            <ContactFormPanel episode={open} initial={writing} update={update} onDone={() => setWriting(null)} />
          ) : (
            !draft && (
              <button className="nhsuk-button" type="button" id="record-contact" onClick={() => setWriting(freshContact())}>
                Record a contact
              </button>
            )
          )}
          <Contacts e={open} />
          <OnwardSection episode={open} update={update} canAdd />
          <OutcomesSection episode={open} update={update} recording={recording} setRecording={setRecording} />
          <Plan key={open.id} episode={open} update={update} />
          <Risks record={record} update={update} />
          <CloseEpisode
            episode={open}
            update={update}
            onRecordFinal={recordNow}
          />
        </section>
      ) : (
        <>
          <p className="nhsuk-inset-text">No open episode. A new referral starts a new one.</p>
          <Risks record={record} update={update} />
        </>
      )}

      <section aria-labelledby="details-title">
        <h2 id="details-title">Details</h2>
        <dl className="nhsuk-summary-list">
          {(
            [
              ["Phone", p.phone],
              ["Address", [p.address, p.postcode].filter(Boolean).join(", ")],
              ["GP practice", [p.gp_practice_name, p.gp_practice_ods].filter(Boolean).join(", ")],
              ["Communication needs", p.communication_needs],
              ["Consent to share with GP", `${labelOf(lists.consent, p.consent_to_share)}${p.consent_recorded_on ? ` (${isoToGB(p.consent_recorded_on)})` : ""}`],
              ["Groups", p.tags.map((t) => labelOf(lists.group_tags, t)).join(", ")],
            ] as [string, string | null][]
          ).map(([k, v]) => (
            <div className="nhsuk-summary-list__row" key={k}>
              <dt className="nhsuk-summary-list__key">{k}</dt>
              <dd className="nhsuk-summary-list__value">{v || "–"}</dd>
            </div>
          ))}
        </dl>
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
                <Contacts e={e} />
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
