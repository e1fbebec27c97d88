import type { ApiError } from "../../generated/api";

/** The vault exists but cannot be used. Linkwork never offers to start again over it. */
export function VaultProblem({ error, onRetry }: { error: ApiError; onRetry: () => void }) {
  return (
    <main className="nhsuk-main-wrapper app-narrow" id="maincontent" data-screen="vault-problem">
      <h1>Linkwork cannot open your vault</h1>
      <div className="nhsuk-warning-callout">
        <h2 className="nhsuk-warning-callout__label">
          <span role="text">
            <span className="nhsuk-u-visually-hidden">Important: </span>
            Nothing has been changed
          </span>
        </h2>
        <p data-testid="problem-message">{error.message}</p>
      </div>
      <p>Linkwork will not create a new, empty vault over this one, so your records stay recoverable. When the problem is fixed, try again.</p>
      <button className="nhsuk-button nhsuk-button--secondary" type="button" onClick={onRetry}>
        Try again
      </button>
      <p className="nhsuk-body-s app-muted">Error code for support: {error.code}</p>
    </main>
  );
}
