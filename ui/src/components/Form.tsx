import { useEffect, useRef, type ReactNode } from "react";
import type { ApiError } from "../generated/api";

/** Field errors keyed by the core's field name, plus one form-level error. */
export interface FormErrors {
  fields: Record<string, string>;
  form: string | null;
}

export const noErrors: FormErrors = { fields: {}, form: null };

/** Puts a core error beside its field when it names one this form has, else at the top. */
export function errorsFrom(e: ApiError, fieldsOnForm: string[]): FormErrors {
  if (e.field && fieldsOnForm.includes(e.field)) return { fields: { [e.field]: e.message }, form: null };
  return { fields: {}, form: e.message };
}

export function ErrorSummary({ errors, labels }: { errors: FormErrors; labels?: Record<string, string> }) {
  const ref = useRef<HTMLDivElement>(null);
  const entries = Object.entries(errors.fields);
  const any = entries.length > 0 || errors.form;
  useEffect(() => {
    if (any) ref.current?.focus();
  }, [errors, any]);
  if (!any) return null;
  return (
    <div className="nhsuk-error-summary" aria-labelledby="error-summary-title" role="alert" tabIndex={-1} ref={ref}>
      <h2 className="nhsuk-error-summary__title" id="error-summary-title">
        There is a problem
      </h2>
      <div className="nhsuk-error-summary__body">
        {errors.form && <p>{errors.form}</p>}
        {entries.length > 0 && (
          <ul className="nhsuk-list nhsuk-error-summary__list">
            {entries.map(([field, message]) => (
              <li key={field}>
                <a
                  href={`#${field}`}
                  onClick={(ev) => {
                    ev.preventDefault();
                    document.getElementById(field)?.focus();
                  }}
                >
                  {labels?.[field] ? `${labels[field]}: ` : ""}
                  {message}
                </a>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

interface TextFieldProps {
  id: string;
  label: string;
  hint?: ReactNode;
  error?: string;
  value: string;
  onChange: (v: string) => void;
  type?: "text" | "password" | "number";
  autoComplete?: string;
  inputClass?: string;
  inputMode?: "numeric" | "decimal" | "text";
  min?: number;
  max?: number;
  autoFocus?: boolean;
  after?: ReactNode;
}

export function TextField(p: TextFieldProps) {
  const describedBy = [p.hint ? `${p.id}-hint` : null, p.error ? `${p.id}-error` : null, p.after ? `${p.id}-after` : null].filter(Boolean).join(" ");
  return (
    <div className={`nhsuk-form-group${p.error ? " nhsuk-form-group--error" : ""}`}>
      <label className="nhsuk-label" htmlFor={p.id}>
        {p.label}
      </label>
      {p.hint && (
        <div className="nhsuk-hint" id={`${p.id}-hint`}>
          {p.hint}
        </div>
      )}
      {p.error && (
        <span className="nhsuk-error-message" id={`${p.id}-error`}>
          <span className="nhsuk-u-visually-hidden">Error:</span> {p.error}
        </span>
      )}
      <input
        className={`nhsuk-input${p.inputClass ? ` ${p.inputClass}` : ""}${p.error ? " nhsuk-input--error" : ""}`}
        id={p.id}
        name={p.id}
        type={p.type ?? "text"}
        value={p.value}
        autoComplete={p.autoComplete ?? "off"}
        spellCheck={false}
        inputMode={p.inputMode}
        min={p.min}
        max={p.max}
        autoFocus={p.autoFocus}
        aria-describedby={describedBy || undefined}
        aria-invalid={p.error ? true : undefined}
        onChange={(e) => p.onChange(e.target.value)}
      />
      {p.after && <div id={`${p.id}-after`}>{p.after}</div>}
    </div>
  );
}

export function SubmitButton({ busy, children, busyText }: { busy: boolean; children: ReactNode; busyText: string }) {
  return (
    <button className="nhsuk-button" type="submit" disabled={busy} aria-disabled={busy}>
      {busy ? busyText : children}
    </button>
  );
}
