import type { ApiError } from "../generated/api";

/** An error nothing else on the screen showed (a failed click, a lost request): never silent. */
export function ErrorBanner({ error, onDismiss }: { error: ApiError; onDismiss: () => void }) {
  return (
    <div className="nhsuk-error-summary app-banner" role="alert" data-testid="error-banner">
      <h2 className="nhsuk-error-summary__title">Something went wrong</h2>
      <div className="nhsuk-error-summary__body">
        <p>{error.message}</p>
        <button type="button" className="app-link-button" onClick={onDismiss}>
          Dismiss
        </button>
      </div>
    </div>
  );
}
