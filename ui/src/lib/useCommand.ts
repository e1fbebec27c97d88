import { useCallback, useEffect, useRef, useState, type DependencyList } from "react";
import type { ApiError } from "../generated/api";
import { toApiError } from "./errors";

/** What a screen loaded from the core: the data once it came, or why it did not, and a way to ask
 *  again. A form that edits loaded data is drawn only from `data`, so a load that failed can never
 *  be saved over (an empty box saved as "no keys"). */
export interface Loaded<T> {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
  /** Ask again (after a failure, or when something else changed the data). */
  retry: () => void;
  /** Replace the data with what a save returned. */
  set: (data: T) => void;
}

/**
 * Loads data for a screen with one of the generated `api` commands: loading, error and retry in
 * one place. Reloads when `deps` change; an answer to an older request is dropped, so a slow
 * first load cannot overwrite a newer one.
 */
export function useCommand<T>(load: () => Promise<T>, deps: DependencyList): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const [tries, setTries] = useState(0);
  const latest = useRef(0);
  const loader = useRef(load);
  loader.current = load;

  useEffect(() => {
    const ask = ++latest.current;
    setLoading(true);
    setError(null);
    loader.current().then(
      (d) => {
        if (ask !== latest.current) return;
        setData(d);
        setLoading(false);
      },
      (e) => {
        if (ask !== latest.current) return;
        setError(toApiError(e));
        setLoading(false);
      },
    );
    // `deps` are the caller's: what the load depends on.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tries]);

  const retry = useCallback(() => setTries((n) => n + 1), []);
  const set = useCallback((d: T) => {
    latest.current++;
    setData(d);
    setError(null);
    setLoading(false);
  }, []);
  return { data, error, loading, retry, set };
}
