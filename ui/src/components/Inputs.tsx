import type { Choice } from "../generated/api";

/** The hint and the error a field is described by, by the ids they are given below. */
function describedBy(id: string, hint?: string, error?: string): string | undefined {
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
}

/** A choice from one of the core's lists, typed as that list's values (the core sends matching slugs). */
export function Select<T extends string>({
  id,
  label,
  choices,
  value,
  onChange,
  error,
  blank,
  hint,
}: {
  id: string;
  label: string;
  choices: Choice[];
  value: T | "";
  onChange: (v: T) => void;
  error?: string;
  blank?: string;
  hint?: string;
}) {
  return (
    <div className={`nhsuk-form-group${error ? " nhsuk-form-group--error" : ""}`}>
      <label className="nhsuk-label" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <div className="nhsuk-hint" id={`${id}-hint`}>
          {hint}
        </div>
      )}
      {error && (
        <span className="nhsuk-error-message" id={`${id}-error`}>
          <span className="nhsuk-u-visually-hidden">Error:</span> {error}
        </span>
      )}
      <select
        className={`nhsuk-select${error ? " nhsuk-select--error" : ""}`}
        id={id}
        name={id}
        value={value}
        onChange={(e) => onChange(e.target.value as T)}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? true : undefined}
      >
        {blank !== undefined && <option value="">{blank}</option>}
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function Checkboxes<T extends string>({
  id,
  legend,
  hint,
  choices,
  values,
  onChange,
  error,
}: {
  id: string;
  legend: string;
  hint?: string;
  choices: Choice[];
  values: T[];
  onChange: (v: T[]) => void;
  error?: string;
}) {
  return (
    <div className={`nhsuk-form-group${error ? " nhsuk-form-group--error" : ""}`} id={id}>
      <fieldset className="nhsuk-fieldset" aria-describedby={describedBy(id, hint, error)} aria-invalid={error ? true : undefined}>
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{legend}</legend>
        {hint && (
          <div className="nhsuk-hint" id={`${id}-hint`}>
            {hint}
          </div>
        )}
        {error && (
          <span className="nhsuk-error-message" id={`${id}-error`}>
            <span className="nhsuk-u-visually-hidden">Error:</span> {error}
          </span>
        )}
        <div className="nhsuk-checkboxes nhsuk-checkboxes--small app-columns">
          {choices.map((c) => {
            const cid = `${id}-${c.value}`;
            const v = c.value as T;
            return (
              <div className="nhsuk-checkboxes__item" key={c.value}>
                <input
                  className="nhsuk-checkboxes__input"
                  id={cid}
                  type="checkbox"
                  checked={values.includes(v)}
                  onChange={(e) => onChange(e.target.checked ? [...values, v] : values.filter((x) => x !== v))}
                />
                <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={cid}>
                  {c.label}
                </label>
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

export function TextArea({
  id,
  label,
  hint,
  value,
  onChange,
  onBlur,
  error,
  rows,
  autoFocus,
}: {
  id: string;
  label: string;
  hint?: string;
  value: string;
  onChange: (v: string) => void;
  onBlur?: () => void;
  error?: string;
  rows?: number;
  autoFocus?: boolean;
}) {
  return (
    <div className={`nhsuk-form-group${error ? " nhsuk-form-group--error" : ""}`}>
      <label className="nhsuk-label" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <div className="nhsuk-hint" id={`${id}-hint`}>
          {hint}
        </div>
      )}
      {error && (
        <span className="nhsuk-error-message" id={`${id}-error`}>
          <span className="nhsuk-u-visually-hidden">Error:</span> {error}
        </span>
      )}
      <textarea
        autoFocus={autoFocus}
        className={`nhsuk-textarea${error ? " nhsuk-textarea--error" : ""}`}
        id={id}
        name={id}
        rows={rows ?? 4}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onBlur={onBlur}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? true : undefined}
      />
    </div>
  );
}
