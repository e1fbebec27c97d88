import { useCallback, useRef, useState } from "react";
import type { ApiError } from "../generated/api";
import { errorsFrom, noErrors, type FormErrors } from "../components/Form";
import { toApiError } from "./errors";

/**
 * Busy state, field errors and submit for every form. `submit` runs the action once at a time; on
 * failure the core's error goes beside its field when the form has it (else at the top) and
 * `submit` resolves to `undefined`, so no rejection is ever left unhandled.
 */
export function useForm(fields: readonly string[], ids: Record<string, string> = {}) {
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const running = useRef(false);
  const fieldList = useRef(fields);
  fieldList.current = fields;
  const idMap = useRef(ids);
  idMap.current = ids;

  const submit = useCallback(async <T>(action: () => Promise<T>): Promise<T | undefined> => {
    if (running.current) return undefined;
    running.current = true;
    setBusy(true);
    try {
      const result = await action();
      setErrors(noErrors);
      setError(null);
      return result;
    } catch (e) {
      const err = toApiError(e);
      setErrors(errorsFrom(err, [...fieldList.current], idMap.current));
      setError(err);
      return undefined;
    } finally {
      running.current = false;
      setBusy(false);
    }
  }, []);

  const clear = useCallback(() => {
    setErrors(noErrors);
    setError(null);
  }, []);

  return { errors, error, busy, submit, setErrors, clear };
}
