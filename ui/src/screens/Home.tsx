import type { AppStatus, SettingsView } from "../generated/api";
import { minutes } from "../lib/format";

/** The landing page after unlock. The caseload arrives here with the next release. */
export function Home({ status, settings, onOpenSettings }: { status: AppStatus; settings: SettingsView | null; onOpenSettings: () => void }) {
  return (
    <main className="nhsuk-main-wrapper" id="maincontent" data-screen="home">
      <h1>Linkwork is unlocked</h1>
      <p className="nhsuk-lede-text">Your vault is open on this computer and encrypted on disk.</p>
      <dl className="nhsuk-summary-list">
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">Locks itself after</dt>
          <dd className="nhsuk-summary-list__value" data-testid="home-auto-lock">
            {settings ? `${minutes(settings.auto_lock_minutes)} without activity` : "…"}
          </dd>
        </div>
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">Recovery key</dt>
          <dd className="nhsuk-summary-list__value">{status.recovery_recipient ? "Set up" : "Not set up"}</dd>
        </div>
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">Data folder</dt>
          <dd className="nhsuk-summary-list__value app-break">{status.data_dir}</dd>
        </div>
      </dl>
      {!status.recovery_recipient && (
        <div className="nhsuk-warning-callout" data-testid="no-recovery-warning">
          <h2 className="nhsuk-warning-callout__label">
            <span role="text">
              <span className="nhsuk-u-visually-hidden">Important: </span>
              No recovery key
            </span>
          </h2>
          <p>If you forget your passphrase, your records cannot be opened. Ask your practice manager or supervisor for their age public key and add it in Settings.</p>
          <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={onOpenSettings}>
            Add a recovery key
          </button>
        </div>
      )}
    </main>
  );
}
