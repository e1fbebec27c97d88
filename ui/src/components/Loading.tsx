import type { Loaded } from "../lib/useCommand";

/** In place of what is still loading, or could not be loaded: the reason, and "Try again". */
export function Loading<T>({ loaded, what }: { loaded: Loaded<T>; what: string }) {
  if (loaded.error)
    return (
      <div className="nhsuk-error-summary" role="alert" data-testid="load-failed">
        <p>
          Could not load {what}: {loaded.error.message}
        </p>
        <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0" onClick={loaded.retry}>
          Try again
        </button>
      </div>
    );
  return (
    <p className="app-muted" aria-busy="true">
      Loading {what}…
    </p>
  );
}
