import { useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { api, type ContactId, type EpisodeView, type Ons4ItemInfo } from "../../generated/api";
import { ErrorSummary, SaveOrCancel } from "../../components/Form";
import { formatDateGB } from "../../lib/format";
import { useLists } from "../../lib/lists";
import { useForm } from "../../lib/useForm";
import type { Update } from "../person/update";
import { TONE_TAG } from "./Band";
import { WhenFields } from "./FormParts";

const ANSWERS = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"];

/** One ONS4 question: eleven buttons and "declined", as a native radio group (arrow keys work)
 *  plus number keys: 0–9 pick that score, 1 then 0 quickly picks 10, D picks declined. */
function Scale({
  info,
  value,
  onChange,
  error,
  autoFocus,
}: {
  info: Ons4ItemInfo;
  value: string;
  onChange: (v: string) => void;
  error?: string;
  autoFocus?: boolean;
}) {
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
    } else {
      // Anything typed between 1 and 0 (an arrow, Tab, D) means they were not one "10".
      lastKey.current = { key: "", at: 0 };
      if (e.key === "d" || e.key === "D") pick("declined", e);
    }
  }
  const band = value !== "" && value !== "declined" ? info.bands[Number(value)] : null;
  return (
    <div className={`nhsuk-form-group app-scale${error ? " nhsuk-form-group--error" : ""}`} id={info.item}>
      <fieldset
        className="nhsuk-fieldset"
        onKeyDown={onKey}
        onPointerDown={() => (lastKey.current = { key: "", at: 0 })}
        aria-describedby={error ? `${name}-hint ${name}-error` : `${name}-hint`}
        aria-invalid={error ? true : undefined}
      >
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">
          <span className="app-scale__label">{info.label}</span> {info.question}
        </legend>
        <div className="nhsuk-hint" id={`${name}-hint`}>
          0 = {info.zero}, 10 = {info.ten}. Type a number, or D for declined.
        </div>
        {error && (
          <span className="nhsuk-error-message" id={`${name}-error`}>
            <span className="nhsuk-u-visually-hidden">Error:</span> {error}
          </span>
        )}
        <div className="app-scale__row">
          {ANSWERS.map((a, i) => (
            <span className="app-scale__option" key={a}>
              <input
                className="app-scale__input"
                type="radio"
                id={`${name}-${a}`}
                name={name}
                value={a}
                checked={value === a}
                onChange={() => onChange(a)}
                autoFocus={autoFocus && i === 0}
              />
              <label className="app-scale__button" htmlFor={`${name}-${a}`}>
                {a}
              </label>
            </span>
          ))}
          <span className="app-scale__option app-scale__option--declined">
            <input
              className="app-scale__input"
              type="radio"
              id={`${name}-declined`}
              name={name}
              value="declined"
              checked={value === "declined"}
              onChange={() => onChange("declined")}
            />
            <label className="app-scale__button" htmlFor={`${name}-declined`}>
              Declined to answer
            </label>
          </span>
        </div>
        <p className="app-scale__band" aria-live="polite" data-testid={`band-${info.item}`}>
          {band ? (
            <>
              Score <strong>{band.value}</strong>, band{" "}
              <strong className={`nhsuk-tag ${TONE_TAG[band.tone ?? "fair"]} app-tag-inline`}>{band.band_label}</strong>
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

const FIELDS = ["life_satisfaction", "worthwhile", "happiness", "anxiety", "recorded_on", "contact_id"];

/** `onDone` gets what was saved, to say so, or nothing when the form was cancelled. */
export function Ons4FormPanel({ episode, update, onDone }: { episode: EpisodeView; update: Update; onDone: (saved?: string) => void }) {
  const lists = useLists();
  const [answers, setAnswers] = useState<Record<string, string>>({ life_satisfaction: "", worthwhile: "", happiness: "", anxiety: "" });
  const [date, setDate] = useState(formatDateGB(new Date()));
  const [contact, setContact] = useState<ContactId | "">("");
  const { errors, submit } = useForm(FIELDS);
  const form = useRef<HTMLFormElement>(null);

  async function save(e?: FormEvent) {
    e?.preventDefault();
    const saved = await submit(() =>
      update(
        api.add_ons4({
          episode_id: episode.id,
          contact_id: contact || null,
          recorded_on: date,
          life_satisfaction: answers.life_satisfaction,
          worthwhile: answers.worthwhile,
          happiness: answers.happiness,
          anxiety: answers.anxiety,
        }),
      ),
    );
    if (saved) {
      const said = lists.ons4_items.map((i) => `${i.label.toLowerCase()} ${answers[i.item]}`).join(", ");
      onDone(`ONS4 for ${date} saved: ${said}.`);
    }
  }

  return (
    <div className="app-panel" data-testid="ons4-form">
      <h3>ONS4 personal wellbeing</h3>
      <ErrorSummary errors={errors} />
      <form
        ref={form}
        noValidate
        id="ons4-form"
        onSubmit={(e) => void save(e)}
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
          <Scale
            key={info.item}
            info={info}
            value={answers[info.item]}
            onChange={(v) => setAnswers((a) => ({ ...a, [info.item]: v }))}
            error={errors.fields[info.item]}
            autoFocus={i === 0}
          />
        ))}
        <WhenFields episode={episode} date={date} contact={contact} onDate={setDate} onContact={setContact} errors={errors} />
        <SaveOrCancel id="save-ons4" label="Save ONS4" onCancel={() => onDone()} />
      </form>
    </div>
  );
}
