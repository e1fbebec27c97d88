import { useState, type ReactNode } from "react";
import { api, type SettingsView } from "../../generated/api";
import { useCommand } from "../../lib/useCommand";
import { Loading } from "../../components/Loading";
import { copyText } from "../../lib/clipboard";

/** Where the guide can send the person. */
export interface WelcomeLinks {
  settings: (section: "backup" | "recovery" | "report" | "about-you") => void;
  importDirectory: () => void;
  newReferral: () => void;
  caseload: () => void;
  help: () => void;
}

interface Progress {
  supervisorKeys: number;
  backupFolder: string | null;
  handoverKey: string;
}

/** One step; `done` undefined is a step with nothing to tick off. */
function Step({ id, done, title, children }: { id: string; done?: boolean; title: string; children: ReactNode }) {
  return (
    <li className="app-step" data-step={id}>
      <h3 className="app-step__title">
        {title}{" "}
        {done !== undefined && (
          <strong className={`nhsuk-tag ${done ? "nhsuk-tag--green" : "nhsuk-tag--grey"}`} data-testid={`step-${id}`}>
            {done ? "Done" : "To do"}
          </strong>
        )}
      </h3>
      {children}
    </li>
  );
}

/** The first-run guide, shown once a new vault is made (and from Help): what Linkwork keeps and where,
 *  the four things to set up, and where to start. Each step says whether it is done. */
export function Welcome({ settings, go }: { settings: SettingsView | null; go: WelcomeLinks }) {
  const loaded = useCommand(
    () =>
      Promise.all([api.report_settings(), api.backup_settings(), api.handover_key()]).then(([r, b, h]): Progress => ({
        supervisorKeys: r.supervisor_keys.length,
        backupFolder: b.folder,
        handoverKey: h.recipient,
      })),
    [],
  );
  const progress = loaded.data;
  const [copied, setCopied] = useState<string | null>(null);
  const demo =
    "linkwork --data-dir ~/linkwork-demo init\nlinkwork --data-dir ~/linkwork-demo demo --people 40\nLINKWORK_DATA_DIR=~/linkwork-demo linkwork-desktop";

  return (
    <main className="nhsuk-main-wrapper app-narrow" id="maincontent" data-screen="welcome">
      <h1>Getting started with Linkwork</h1>
      <h2 className="nhsuk-heading-m">What Linkwork keeps, and where</h2>
      <p>
        Your caseload, contacts, plans, risks, outcomes, onward referrals and the directory of groups and services are kept in one encrypted database on this
        laptop{settings ? ", in " : "."}
        {settings && <span className="app-mono app-break">{settings.data_dir}</span>}
        {settings && "."} Only your passphrase, or a recovery key, opens it.
      </p>
      <div className="nhsuk-inset-text">
        <p>
          <strong>Nothing leaves this laptop unencrypted unless you save it yourself.</strong> Linkwork sends nothing over the internet. Backups, handovers and
          the monthly report are always encrypted; a GP letter or FHIR file is saved only where you choose.
        </p>
      </div>

      <h2 className="nhsuk-heading-m">Set up before your first referral</h2>
      {loaded.error && <Loading loaded={loaded} what="what is set up" />}
      <ol className="app-steps" data-testid="setup-steps">
        <Step id="recovery" done={!!settings?.recovery_recipient} title="1. A recovery key">
          <p>
            If you forget your passphrase, no one can open your records, not even IT. A recovery key, kept by your practice manager or supervisor, can.{" "}
            <button type="button" className="app-link-button" onClick={() => go.settings("recovery")}>
              Add a recovery key
            </button>
          </p>
        </Step>
        <Step id="supervisor" done={(progress?.supervisorKeys ?? 0) > 0} title="2. Your supervisor's key">
          <p>
            The monthly report is encrypted to your supervisor&rsquo;s key, so only they can open it. They make one with the{" "}
            <span className="app-mono">linkwork supervisor</span> command and send you the part starting <span className="app-mono">age1</span>.{" "}
            <button type="button" className="app-link-button" onClick={() => go.settings("report")}>
              Add your supervisor&rsquo;s key
            </button>
          </p>
        </Step>
        <Step id="backup" done={!!progress?.backupFolder} title="3. A backup folder">
          <p>
            If this laptop is lost or breaks, a backup is the only way back. Choose a network drive or an encrypted USB stick.{" "}
            <button type="button" className="app-link-button" onClick={() => go.settings("backup")}>
              Choose a backup folder
            </button>
          </p>
        </Step>
        <Step id="handover" title="4. Your handover key">
          <p>When a colleague hands a caseload over to you, they need this key. It is safe to share: it can only lock files for you.</p>
          {progress && (
            <p>
              <span className="app-mono app-break" data-testid="welcome-handover-key">
                {progress.handoverKey}
              </span>{" "}
              <button
                type="button"
                className="app-link-button"
                onClick={() =>
                  void copyText(progress.handoverKey).then((ok) => setCopied(ok ? "Handover key copied." : "Could not copy: select the key and copy it."))
                }
              >
                Copy the key
              </button>
            </p>
          )}
        </Step>
      </ol>
      <p role="status" className="app-saved" hidden={!copied}>
        {copied}
      </p>

      <h2 className="nhsuk-heading-m">Where to start</h2>
      <ul className="nhsuk-list nhsuk-list--bullet">
        <li>
          <button type="button" className="app-link-button" id="welcome-import" onClick={go.importDirectory}>
            Import your area&rsquo;s directory
          </button>{" "}
          of groups and services (Open Referral UK JSON or CSV, or Linkwork&rsquo;s spreadsheet template).
        </li>
        <li>
          <button type="button" className="app-link-button" id="welcome-referral" onClick={go.newReferral}>
            Add your first referral
          </button>
          .
        </li>
        <li>
          Try Linkwork with made-up people first, in a separate data folder so it never mixes with real records. Your IT team can run:
          <pre className="app-code" data-testid="welcome-demo">
            {demo}
          </pre>
        </li>
      </ul>
      <p>
        This guide is in{" "}
        <button type="button" className="app-link-button" onClick={go.help}>
          Help
        </button>{" "}
        (F1) whenever you need it.
      </p>
      <button type="button" className="nhsuk-button" id="welcome-done" onClick={go.caseload}>
        Go to the caseload
      </button>
    </main>
  );
}
