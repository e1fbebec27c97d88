import { useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import {
  api,
  type Choice,
  type EpisodeView,
  type ItemScore,
  type Ons4ItemInfo,
  type PersonRecord,
  type Reminder,
  type Tone,
} from "../generated/api";
import { ErrorSummary, TextField, errorsFrom, noErrors, type FormErrors } from "../components/Form";
import { Select } from "../components/Inputs";
import { ChartCanvas, SERIES, dateAxis, dateTooltip, dayNumber } from "../components/Charts";
import { toApiError } from "../lib/errors";
import { formatDateGB, isoTimeToGB, isoToGB } from "../lib/format";
import { labelOf, useLists } from "../lib/lists";

type Update = (p: Promise<PersonRecord>) => Promise<boolean>;

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
  return <strong className={`nhsuk-tag ${cls} app-tag-inline`} data-testid="reminder">{r.text}</strong>;
}

const ANSWERS = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"];

/** One ONS4 question: eleven buttons and "declined", as a native radio group (arrow keys work)
 *  plus number keys: 0–9 pick that score, 1 then 0 quickly picks 10, D picks declined. */
function Scale({ info, value, onChange, error, autoFocus }: { info: Ons4ItemInfo; value: string; onChange: (v: string) => void; error?: string; autoFocus?: boolean }) {
  const lastKey = useRef<{ key: string; at: number }>({ key: "", at: 0 });
  const name = `ons4-${info.item}`;
  function pick(v: string, e: KeyboardEvent) {
    e.preventDefault();
    onChange(v);
    (e.currentTarget.querySelector(`input[value="${v}"]`) as HTMLInputElement | null)?.focus();
  }
  function onKey(e: KeyboardEvent<HTMLFieldSetElement>) {
    const now = Date.now();
    if (/^[0-9]$/.test(e.key)) {
      const ten = e.key === "0" && lastKey.current.key === "1" && now - lastKey.current.at < 800;
      lastKey.current = { key: ten ? "" : e.key, at: now };
      pick(ten ? "10" : e.key, e);
    } else if (e.key === "d" || e.key === "D") {
      pick("declined", e);
    }
  }
  const band = value !== "" && value !== "declined" ? info.bands[Number(value)] : null;
  return (
    <div className={`nhsuk-form-group app-scale${error ? " nhsuk-form-group--error" : ""}`} id={info.item}>
      <fieldset className="nhsuk-fieldset" onKeyDown={onKey} aria-describedby={`${name}-hint`}>
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">
          <span className="app-scale__label">{info.label}</span> {info.question}
        </legend>
        <div className="nhsuk-hint" id={`${name}-hint`}>
          0 = {info.zero}, 10 = {info.ten}. Type a number, or D for declined.
        </div>
        {error && (
          <span className="nhsuk-error-message">
            <span className="nhsuk-u-visually-hidden">Error:</span> {error}
          </span>
        )}
        <div className="app-scale__row">
          {ANSWERS.map((a, i) => (
            <span className="app-scale__option" key={a}>
              <input className="app-scale__input" type="radio" id={`${name}-${a}`} name={name} value={a} checked={value === a} onChange={() => onChange(a)} autoFocus={autoFocus && i === 0} />
              <label className="app-scale__button" htmlFor={`${name}-${a}`}>
                {a}
              </label>
            </span>
          ))}
          <span className="app-scale__option app-scale__option--declined">
            <input className="app-scale__input" type="radio" id={`${name}-declined`} name={name} value="declined" checked={value === "declined"} onChange={() => onChange("declined")} />
            <label className="app-scale__button" htmlFor={`${name}-declined`}>
              Declined to answer
            </label>
          </span>
        </div>
        <p className="app-scale__band" aria-live="polite" data-testid={`band-${info.item}`}>
          {band ? (
            <>
              Band: <Band s={band} />
            </>
          ) : value === "declined" ? (
            "Declined to answer"
          ) : (
            "\u00a0"
          )}
        </p>
      </fieldset>
    </div>
  );
}

function contactChoices(e: EpisodeView, types: Choice[]) {
  return e.contacts
    .filter((c) => c.outcome === "took_place")
    .map((c) => ({ value: c.id, label: `${isoTimeToGB(c.occurred_at)}, ${labelOf(types, c.contact_type).toLowerCase()}` }));
}

/** Date and optional contact: picking a contact sets the date to the contact's. */
function WhenFields({ episode, date, contact, onDate, onContact, errors }: { episode: EpisodeView; date: string; contact: string; onDate: (v: string) => void; onContact: (v: string) => void; errors: FormErrors }) {
  const lists = useLists();
  const choices = contactChoices(episode, lists.contact_types);
  return (
    <div className="app-form-row">
      {choices.length > 0 && (
        <Select
          id="contact_id"
          label="Recorded at a contact (optional)"
          blank="Not linked to a contact"
          choices={choices}
          value={contact}
          onChange={(v) => {
            onContact(v);
            const c = episode.contacts.find((x) => x.id === v);
            if (c) onDate(isoToGB(c.occurred_at));
          }}
          error={errors.fields.contact_id}
        />
      )}
      <TextField id="recorded_on" label="Date" hint="DD/MM/YYYY" inputClass="nhsuk-input--width-10" value={date} onChange={onDate} error={errors.fields.recorded_on} />
    </div>
  );
}

function SaveOrCancel({ id, label, onCancel }: { id: string; label: string; onCancel: () => void }) {
  return (
    <div className="nhsuk-button-group">
      <button className="nhsuk-button" type="submit" id={id}>
        {label}
      </button>
      <button className="nhsuk-button nhsuk-button--secondary" type="button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}

const ITEM_FIELDS = ["life_satisfaction", "worthwhile", "happiness", "anxiety"] as const;

export function Ons4FormPanel({ episode, update, onDone }: { episode: EpisodeView; update: Update; onDone: () => void }) {
  const lists = useLists();
  const [answers, setAnswers] = useState<Record<string, string>>({ life_satisfaction: "", worthwhile: "", happiness: "", anxiety: "" });
  const [date, setDate] = useState(formatDateGB(new Date()));
  const [contact, setContact] = useState("");
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const form = useRef<HTMLFormElement>(null);

  async function submit(e?: FormEvent) {
    e?.preventDefault();
    const ok = await update(
      api
        .add_ons4({
          episode_id: episode.id,
          contact_id: contact || null,
          recorded_on: date,
          life_satisfaction: answers.life_satisfaction,
          worthwhile: answers.worthwhile,
          happiness: answers.happiness,
          anxiety: answers.anxiety,
        })
        .catch((err) => {
          setErrors(errorsFrom(toApiError(err), [...ITEM_FIELDS, "recorded_on", "contact_id"]));
          throw err;
        }),
    );
    if (ok) onDone();
  }

  return (
    <div className="app-panel" data-testid="ons4-form">
      <h3>ONS4 personal wellbeing</h3>
      <ErrorSummary errors={errors} />
      <form
        ref={form}
        noValidate
        id="ons4-form"
        onSubmit={(e) => void submit(e)}
        onKeyDown={(e) => {
          // Enter on a score submits, as it would in a text field.
          if (e.key === "Enter" && (e.target as HTMLInputElement).type === "radio") {
            e.preventDefault();
            form.current?.requestSubmit();
          }
        }}
      >
        <p className="app-read-aloud" id="ons4-introduction">
          <span className="nhsuk-u-visually-hidden">Read to the person: </span>
          {lists.ons4_introduction}
        </p>
        {lists.ons4_items.map((info, i) => (
          <Scale key={info.item} info={info} value={answers[info.item]} onChange={(v) => setAnswers((a) => ({ ...a, [info.item]: v }))} error={errors.fields[info.item]} autoFocus={i === 0} />
        ))}
        <WhenFields episode={episode} date={date} contact={contact} onDate={setDate} onContact={setContact} errors={errors} />
        <SaveOrCancel id="save-ons4" label="Save ONS4" onCancel={onDone} />
      </form>
    </div>
  );
}

export function PamFormPanel({ episode, update, onDone }: { episode: EpisodeView; update: Update; onDone: () => void }) {
  const lists = useLists();
  const [f, setF] = useState({ score: "", level: "", version: "pam_13" });
  const [date, setDate] = useState(formatDateGB(new Date()));
  const [contact, setContact] = useState("");
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  async function submit(e: FormEvent) {
    e.preventDefault();
    const ok = await update(
      api.add_pam({ episode_id: episode.id, contact_id: contact || null, recorded_on: date, ...f }).catch((err) => {
        setErrors(errorsFrom(toApiError(err), ["pam_score", "pam_level", "pam_version", "recorded_on", "contact_id"]));
        throw err;
      }),
    );
    if (ok) onDone();
  }
  return (
    <div className="app-panel" data-testid="pam-form">
      <h3>Patient Activation Measure (PAM)</h3>
      <p className="nhsuk-hint">Enter the score and level exactly as your organisation&rsquo;s licensed PAM tool reported them. Linkwork does not score PAM.</p>
      <ErrorSummary errors={errors} />
      <form noValidate id="pam-form" onSubmit={(e) => void submit(e)}>
        <div className="app-form-row">
          <TextField id="pam_score" label="Score" hint="0 to 100, one decimal place" inputClass="nhsuk-input--width-4" inputMode="decimal" value={f.score} onChange={(v) => setF({ ...f, score: v })} error={errors.fields.pam_score} autoFocus />
          <Select id="pam_level" label="Level" blank="Choose the level" choices={lists.pam_levels} value={f.level} onChange={(v) => setF({ ...f, level: v })} error={errors.fields.pam_level} />
          <Select id="pam_version" label="Version" choices={lists.pam_versions} value={f.version} onChange={(v) => setF({ ...f, version: v })} error={errors.fields.pam_version} />
        </div>
        <WhenFields episode={episode} date={date} contact={contact} onDate={setDate} onContact={setContact} errors={errors} />
        <SaveOrCancel id="save-pam" label="Save PAM" onCancel={onDone} />
      </form>
    </div>
  );
}

function DeleteButton({ onConfirm, what }: { onConfirm: () => void; what: string }) {
  const [asking, setAsking] = useState(false);
  return asking ? (
    <span className="app-confirm">
      <button type="button" className="app-link-button app-danger" onClick={onConfirm}>
        Yes, delete
      </button>{" "}
      <button type="button" className="app-link-button" onClick={() => setAsking(false)}>
        Keep
      </button>
    </span>
  ) : (
    <button type="button" className="app-link-button" onClick={() => setAsking(true)} aria-label={`Delete ${what}`}>
      Delete
    </button>
  );
}

function Ons4Results({ e, update, editable }: { e: EpisodeView; update: Update; editable: boolean }) {
  const lists = useLists();
  const o = e.outcomes;
  if (o.ons4.length === 0) return <p>No ONS4 recorded in this episode.</p>;
  const days = o.ons4.map((r) => dayNumber(r.recorded_on));
  const latest = o.ons4[o.ons4.length - 1];
  const chartLabel = `ONS4 over time, ${o.ons4.length} record${o.ons4.length === 1 ? "" : "s"}. Latest ${isoToGB(latest.recorded_on)}: ${latest.items
    .map((s, i) => `${lists.ons4_items[i].label.toLowerCase()} ${s.value ?? "declined"}`)
    .join(", ")}. The table below has every value.`;
  return (
    <>
      <ChartCanvas
        testId="ons4-chart"
        label={chartLabel}
        config={{
          type: "line",
          data: {
            datasets: lists.ons4_items.map((info, i) => ({
              label: info.item === "anxiety" ? `${info.label} (lower is better)` : info.label,
              data: o.ons4.map((r, k) => ({ x: days[k], y: r.items[i].value })),
              borderColor: SERIES[i].color,
              backgroundColor: SERIES[i].color,
              pointStyle: SERIES[i].point,
              pointRadius: 6,
              borderDash: SERIES[i].dash,
              borderWidth: 2,
              spanGaps: true,
            })),
          },
          options: {
            scales: { x: dateAxis(days), y: { min: 0, max: 10, ticks: { stepSize: 1 }, title: { display: true, text: "Score (0 to 10)" } } },
            plugins: { legend: { position: "bottom", labels: { usePointStyle: true } }, tooltip: dateTooltip },
          },
        }}
      />
      {o.ons4_change && (
        <table className="nhsuk-table app-change" data-testid="ons4-change">
          <caption className="nhsuk-table__caption nhsuk-table__caption--s">
            Change from baseline ({isoToGB(o.ons4[0].recorded_on)}) to latest ({isoToGB(latest.recorded_on)})
          </caption>
          <thead>
            <tr>
              <th scope="col">Item</th>
              <th scope="col">Baseline</th>
              <th scope="col">Latest</th>
              <th scope="col">Change</th>
            </tr>
          </thead>
          <tbody>
            {o.ons4_change.map((c) => (
              <tr key={c.item} data-item={c.item}>
                <th scope="row">{c.label}{c.item === "anxiety" && <span className="app-muted app-small"> (lower is better)</span>}</th>
                <td><Band s={c.baseline} /></td>
                <td><Band s={c.latest} /></td>
                <td className={`app-direction app-direction--${c.direction ?? "none"}`}>{c.summary}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <table className="nhsuk-table" data-testid="ons4-records">
        <caption className="nhsuk-table__caption nhsuk-table__caption--s">ONS4 records</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Record</th>
            {lists.ons4_items.map((i) => (
              <th scope="col" key={i.item}>{i.label}</th>
            ))}
            {editable && <th scope="col"><span className="nhsuk-u-visually-hidden">Actions</span></th>}
          </tr>
        </thead>
        <tbody>
          {o.ons4.map((r) => (
            <tr key={r.id}>
              <td className="app-nowrap">{isoToGB(r.recorded_on)}</td>
              <td>{labelOf(lists.outcome_roles, r.role)}</td>
              {r.items.map((s) => (
                <td key={s.item}><Band s={s} /></td>
              ))}
              {editable && (
                <td><DeleteButton what={`ONS4 of ${isoToGB(r.recorded_on)}`} onConfirm={() => void update(api.delete_outcome({ measure: "ons4", id: r.id }))} /></td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function PamResults({ e, update, editable }: { e: EpisodeView; update: Update; editable: boolean }) {
  const lists = useLists();
  const o = e.outcomes;
  if (o.pam.length === 0) return null;
  const latest = o.pam[o.pam.length - 1];
  return (
    <>
      <h4>Patient Activation Measure</h4>
      <ChartCanvas
        testId="pam-chart"
        height={200}
        label={`PAM score over time, ${o.pam.length} record${o.pam.length === 1 ? "" : "s"}; latest ${latest.score_text}, level ${latest.level}. The table below has every value.`}
        config={{
          type: "line",
          data: {
            datasets: [{ label: "PAM score", data: o.pam.map((r) => ({ x: dayNumber(r.recorded_on), y: r.score })), borderColor: SERIES[0].color, backgroundColor: SERIES[0].color, pointRadius: 6, borderWidth: 2 }],
          },
          options: { scales: { x: dateAxis(o.pam.map((r) => dayNumber(r.recorded_on))), y: { min: 0, max: 100, title: { display: true, text: "Score (0 to 100)" } } }, plugins: { legend: { display: false }, tooltip: dateTooltip } },
        }}
      />
      {o.pam_change && (
        <p className="app-change-line" data-testid="pam-change">
          Baseline {o.pam_change.baseline_score} (level {o.pam_change.baseline_level}) to latest {o.pam_change.latest_score} (level {o.pam_change.latest_level}):{" "}
          <strong className={`app-direction app-direction--${o.pam_change.direction}`}>{o.pam_change.summary}</strong>
          {o.pam_change.gain_of_3 && " – a gain of 3 points or more"}
        </p>
      )}
      <table className="nhsuk-table" data-testid="pam-records">
        <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">PAM records</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Record</th>
            <th scope="col">Score</th>
            <th scope="col">Level</th>
            <th scope="col">Version</th>
            {editable && <th scope="col"><span className="nhsuk-u-visually-hidden">Actions</span></th>}
          </tr>
        </thead>
        <tbody>
          {o.pam.map((r) => (
            <tr key={r.id}>
              <td className="app-nowrap">{isoToGB(r.recorded_on)}</td>
              <td>{labelOf(lists.outcome_roles, r.role)}</td>
              <td>{r.score_text}</td>
              <td>
                {r.level} <span className="app-muted app-small">{r.level_meaning}</span>
                {r.level_warning && <p className="app-warning-text" role="note">{r.level_warning}</p>}
              </td>
              <td>{labelOf(lists.pam_versions, r.version)}</td>
              {editable && (
                <td><DeleteButton what={`PAM of ${isoToGB(r.recorded_on)}`} onConfirm={() => void update(api.delete_outcome({ measure: "pam", id: r.id }))} /></td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** The person's outcomes for one episode: reminders, record buttons, charts and tables. */
export function OutcomesSection({ episode, update, recording, setRecording }: { episode: EpisodeView; update: Update; recording: "ons4" | "pam" | null; setRecording: (m: "ons4" | "pam" | null) => void }) {
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
          <Ons4FormPanel episode={episode} update={update} onDone={() => setRecording(null)} />
        ) : recording === "pam" ? (
          <PamFormPanel episode={episode} update={update} onDone={() => setRecording(null)} />
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
      <Ons4Results e={episode} update={update} editable={open} />
      <PamResults e={episode} update={update} editable={open} />
    </section>
  );
}
