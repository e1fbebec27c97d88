import type { Choice } from "../generated/api";

export function Select({ id, label, choices, value, onChange, error, blank }: { id: string; label: string; choices: Choice[]; value: string; onChange: (v: string) => void; error?: string; blank?: string }) {
  return (
    <div className={`nhsuk-form-group${error ? " nhsuk-form-group--error" : ""}`}>
      <label className="nhsuk-label" htmlFor={id}>
        {label}
      </label>
      {error && (
        <span className="nhsuk-error-message" id={`${id}-error`}>
          <span className="nhsuk-u-visually-hidden">Error:</span> {error}
        </span>
      )}
      <select className={`nhsuk-select${error ? " nhsuk-select--error" : ""}`} id={id} name={id} value={value} onChange={(e) => onChange(e.target.value)} aria-describedby={error ? `${id}-error` : undefined}>
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

export function Checkboxes({ id, legend, hint, choices, values, onChange, error }: { id: string; legend: string; hint?: string; choices: Choice[]; values: string[]; onChange: (v: string[]) => void; error?: string }) {
  return (
    <div className={`nhsuk-form-group${error ? " nhsuk-form-group--error" : ""}`} id={id}>
      <fieldset className="nhsuk-fieldset" aria-describedby={hint ? `${id}-hint` : undefined}>
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{legend}</legend>
        {hint && (
          <div className="nhsuk-hint" id={`${id}-hint`}>
            {hint}
          </div>
        )}
        {error && (
          <span className="nhsuk-error-message">
            <span className="nhsuk-u-visually-hidden">Error:</span> {error}
          </span>
        )}
        <div className="nhsuk-checkboxes nhsuk-checkboxes--small app-columns">
          {choices.map((c) => {
            const cid = `${id}-${c.value}`;
            return (
              <div className="nhsuk-checkboxes__item" key={c.value}>
                <input
                  className="nhsuk-checkboxes__input"
                  id={cid}
                  type="checkbox"
                  checked={values.includes(c.value)}
                  onChange={(e) => onChange(e.target.checked ? [...values, c.value] : values.filter((v) => v !== c.value))}
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

export function TextArea({ id, label, hint, value, onChange, onBlur, error, rows }: { id: string; label: string; hint?: string; value: string; onChange: (v: string) => void; onBlur?: () => void; error?: string; rows?: number }) {
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
      <textarea className={`nhsuk-textarea${error ? " nhsuk-textarea--error" : ""}`} id={id} name={id} rows={rows ?? 4} value={value} onChange={(e) => onChange(e.target.value)} onBlur={onBlur} aria-describedby={hint ? `${id}-hint` : undefined} />
    </div>
  );
}
