import { useEffect, useId, useRef, type ReactNode } from "react";
import type { ApiError } from "../generated/api";

/** Field errors keyed by the id of the field on the page, plus one form-level error. */
export interface FormErrors {
  fields: Record<string, string>;
  form: string | null;
}

export const noErrors: FormErrors = { fields: {}, form: null };

/**
 * Puts each of the core's problems beside its field when this form has it, the rest at the top.
 * `ids` renames a core field where two forms on one page share a field name (ids stay unique).
 */
export function errorsFrom(e: ApiError, fieldsOnForm: string[], ids: Record<string, string> = {}): FormErrors {
  const problems = e.problems.length > 0 ? e.problems : e.field ? [{ field: e.field, message: e.message }] : [];
  const fields: Record<string, string> = {};
  const others: string[] = [];
  for (const p of problems) {
    if (fieldsOnForm.includes(p.field)) fields[ids[p.field] ?? p.field] ??= p.message;
    else others.push(p.message);
  }
  if (problems.length === 0) others.push(e.message);
  return { fields, form: others.length > 0 ? others.join(" ") : null };
}

/** Focuses an element by id once the next render has put it on the page (e.g. the button that
 *  opens a form, after the form closes), so focus never falls back to the page. */
export function focusSoon(id: string) {
  setTimeout(() => document.getElementById(id)?.focus(), 0);
}

/** Focuses a field by id; for a group (radios, checkboxes) its chosen or first input. */
export function focusField(id: string) {
  const el = document.getElementById(id);
  if (!el) return;
  const target = el.matches("input, select, textarea, button") ? el : (el.querySelector<HTMLElement>("input:checked, input, select, textarea") ?? el);
  target.scrollIntoView({ block: "center" });
  target.focus();
}

export function ErrorSummary({ errors, labels }: { errors: FormErrors; labels?: Record<string, string> }) {
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const entries = Object.entries(errors.fields);
  const any = entries.length > 0 || errors.form;
  useEffect(() => {
    if (any) ref.current?.focus();
  }, [errors, any]);
  if (!any) return null;
  return (
    <div className="nhsuk-error-summary" data-testid="error-summary" aria-labelledby={titleId} role="alert" tabIndex={-1} ref={ref}>
      <h2 className="nhsuk-error-summary__title" id={titleId}>
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
                    focusField(field);
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

/** A form's submit button and Cancel; `warning` for a step that cannot be undone lightly. */
export function SaveOrCancel({ id, label, onCancel, warning }: { id?: string; label: string; onCancel: () => void; warning?: boolean }) {
  return (
    <div className="nhsuk-button-group">
      <button className={`nhsuk-button${warning ? " nhsuk-button--warning" : ""}`} type="submit" id={id}>
        {label}
      </button>
      <button className="nhsuk-button nhsuk-button--secondary" type="button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
