import { useState, type FormEvent } from "react";
import { api, type AppStatus, type RestoreDone, type RestoreErased } from "../../generated/api";
import { ErrorSummary, SubmitButton, TextField } from "../../components/Form";
import { NONE_CHOSEN, pickFile, type Chosen } from "../../lib/files";
import { useForm } from "../../lib/useForm";
import { NewPassphrase } from "../../components/NewPassphrase";

const FIELDS = ["path", "passphrase", "recovery_identity", "new_passphrase", "new_passphrase_confirm", "replace", "erased"];

/**
 * A new laptop (or after a loss): restore a backup into this computer's data folder. Everything is
 * checked before anything is written; a vault already here is replaced only when ticked, and then
 * moved aside, never deleted.
 */
export function RestoreBackup({ status, onRestored, onBack }: { status: AppStatus; onRestored: (s: AppStatus) => void; onBack: () => void }) {
  const [path, setPath] = useState<Chosen | null>(null);
  const [how, setHow] = useState<"passphrase" | "recovery">("passphrase");
  const [passphrase, setPassphrase] = useState("");
  const [identity, setIdentity] = useState("");
  const [newPass, setNewPass] = useState("");
  const [confirm, setConfirm] = useState("");
  const [replace, setReplace] = useState(false);
  const [unsigned, setUnsigned] = useState(false);
  const [erased, setErased] = useState<RestoreErased | null>(null);
  const [after, setAfter] = useState<RestoreDone | null>(null);
  const { errors, error, busy, submit } = useForm(FIELDS, { path: "restore-choose", erased: "restore-erased" });
  // Asked only once the core found people in the backup erased from this vault since.
  const askErased = erased !== null || (error?.code === "IMPORT_REFUSED" && error.field === "erased");
  // Offered only once a backup turned out to be unsigned (made before backups were signed).
  const askUnsigned = unsigned || error?.code === "BACKUP_UNSIGNED";
  const occupied = status.vault !== "no_vault";

  async function choose() {
    const p = await pickFile("Choose a Linkwork backup", [{ name: "Linkwork backup", extensions: ["age"] }]);
    if (p) setPath(p);
  }

  async function restore(e: FormEvent) {
    e.preventDefault();
    const done = await submit(() =>
      api.restore_backup({
        path: path?.handle ?? NONE_CHOSEN,
        passphrase: how === "passphrase" ? passphrase : null,
        recovery_identity: how === "recovery" ? identity : null,
        new_passphrase: how === "recovery" ? newPass : null,
        new_passphrase_confirm: how === "recovery" ? confirm : null,
        replace,
        unsigned,
        erased,
      }),
    );
    if (!done) return;
    // Something to say about erased people first; otherwise straight to the caseload.
    if (done.erased_again.length > 0 || done.erasures_unchecked) {
      setAfter(done);
      setTimeout(() => document.getElementById("restore-after-title")?.focus(), 0);
    } else onRestored(done.status);
  }

  if (after) {
    return (
      <main className="nhsuk-main-wrapper app-narrow" id="maincontent" data-screen="restore">
        <h1 id="restore-after-title" tabIndex={-1}>
          Restored
        </h1>
        {after.erased_again.length > 0 && (
          <p data-testid="restore-erased-again">Erased again, as they were erased after this backup was made: {after.erased_again.join(", ")}.</p>
        )}
        {after.erasures_unchecked && (
          <div className="nhsuk-warning-callout" data-testid="restore-erasures-unchecked">
            <h2 className="nhsuk-warning-callout__label">
              <span role="text">
                <span className="nhsuk-u-visually-hidden">Important: </span>Check for people you erased
              </span>
            </h2>
            <p>
              The vault this replaced had people erased from it, and this backup was made by an earlier version of Linkwork, so it could not be checked for
              them. If anyone you erased is back, erase them again from their Details tab.
            </p>
          </div>
        )}
        <button className="nhsuk-button" type="button" id="restore-continue" onClick={() => onRestored(after.status)}>
          Continue
        </button>
      </main>
    );
  }

  return (
    <main className="nhsuk-main-wrapper app-narrow" id="maincontent" data-screen="restore">
      <h1>Restore from a backup</h1>
      <p>For a new laptop, or after one was lost: Linkwork checks the backup completely before it writes anything, then opens it here with a fresh key.</p>
      <ErrorSummary errors={errors} />
      <form onSubmit={(e) => void restore(e)} noValidate id="restore">
        <div className={`nhsuk-form-group${errors.fields.path ? " nhsuk-form-group--error" : ""}`}>
          <p className="nhsuk-label" id="restore-file-label">
            Backup file
          </p>
          {errors.fields.path && <span className="nhsuk-error-message">{errors.fields.path}</span>}
          <p data-testid="restore-file">{path ? path.name : "None chosen yet."}</p>
          <button
            className="nhsuk-button nhsuk-button--secondary"
            type="button"
            id="restore-choose"
            aria-describedby="restore-file-label"
            onClick={() => void choose()}
          >
            Choose backup file…
          </button>
        </div>
        <fieldset className="nhsuk-fieldset">
          <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Open it with</legend>
          <div className="nhsuk-radios nhsuk-radios--small">
            <div className="nhsuk-radios__item">
              <input
                className="nhsuk-radios__input"
                id="restore-with-passphrase"
                type="radio"
                name="restore-with"
                checked={how === "passphrase"}
                onChange={() => setHow("passphrase")}
              />
              <label className="nhsuk-label nhsuk-radios__label" htmlFor="restore-with-passphrase">
                The passphrase the vault had when the backup was made
              </label>
            </div>
            <div className="nhsuk-radios__item">
              <input
                className="nhsuk-radios__input"
                id="restore-with-recovery"
                type="radio"
                name="restore-with"
                checked={how === "recovery"}
                onChange={() => setHow("recovery")}
              />
              <label className="nhsuk-label nhsuk-radios__label" htmlFor="restore-with-recovery">
                The recovery key, then a new passphrase
              </label>
            </div>
          </div>
        </fieldset>
        {how === "passphrase" ? (
          <TextField
            id="passphrase"
            label="Passphrase"
            type="password"
            autoComplete="current-password"
            value={passphrase}
            onChange={setPassphrase}
            error={errors.fields.passphrase}
          />
        ) : (
          <>
            <TextField
              id="recovery_identity"
              label="Recovery key"
              hint="Starts with AGE-SECRET-KEY-1. It is not kept after this."
              type="password"
              inputClass="app-input--mono"
              value={identity}
              onChange={setIdentity}
              error={errors.fields.recovery_identity}
            />
            <NewPassphrase id="new_passphrase" value={newPass} again={confirm} onChange={setNewPass} onAgain={setConfirm} errors={errors.fields} />
          </>
        )}
        {occupied && (
          <div className="nhsuk-warning-callout">
            <h3 className="nhsuk-warning-callout__label">
              <span role="text">
                <span className="nhsuk-u-visually-hidden">Important: </span>There is a vault on this computer
              </span>
            </h3>
            <p>Restoring replaces it. It is moved aside into a folder next to it, not deleted.</p>
            <div className="nhsuk-checkboxes nhsuk-checkboxes--small">
              <div className="nhsuk-checkboxes__item">
                <input className="nhsuk-checkboxes__input" id="replace" type="checkbox" checked={replace} onChange={(e) => setReplace(e.target.checked)} />
                <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor="replace">
                  Replace the vault on this computer
                </label>
              </div>
            </div>
          </div>
        )}
        {askUnsigned && (
          <div className="nhsuk-form-group">
            <div className="nhsuk-checkboxes nhsuk-checkboxes--small">
              <div className="nhsuk-checkboxes__item">
                <input className="nhsuk-checkboxes__input" id="unsigned" type="checkbox" checked={unsigned} onChange={(e) => setUnsigned(e.target.checked)} />
                <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor="unsigned">
                  This is my own backup, made before Linkwork signed its backups, from my backup folder
                </label>
              </div>
            </div>
          </div>
        )}
        {askErased && (
          <div className={`nhsuk-form-group${errors.fields["restore-erased"] ? " nhsuk-form-group--error" : ""}`}>
            <fieldset className="nhsuk-fieldset" id="restore-erased">
              <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">People erased since this backup was made</legend>
              {errors.fields["restore-erased"] && <span className="nhsuk-error-message">{errors.fields["restore-erased"]}</span>}
              <div className="nhsuk-radios nhsuk-radios--small">
                <div className="nhsuk-radios__item">
                  <input
                    className="nhsuk-radios__input"
                    id="restore-erase-again"
                    type="radio"
                    name="restore-erased"
                    checked={erased === "erase_again"}
                    onChange={() => setErased("erase_again")}
                  />
                  <label className="nhsuk-label nhsuk-radios__label" htmlFor="restore-erase-again">
                    Erase them again as the backup is restored: their erasure stands
                  </label>
                </div>
                <div className="nhsuk-radios__item">
                  <input
                    className="nhsuk-radios__input"
                    id="restore-keep"
                    type="radio"
                    name="restore-erased"
                    checked={erased === "keep"}
                    onChange={() => setErased("keep")}
                  />
                  <label className="nhsuk-label nhsuk-radios__label" htmlFor="restore-keep">
                    Keep them: I know they should be back
                  </label>
                </div>
              </div>
            </fieldset>
          </div>
        )}
        <SubmitButton busy={busy} busyText="Checking and restoring…">
          Check and restore
        </SubmitButton>
      </form>
      <p>
        <button type="button" className="app-link-button" id="restore-back" onClick={onBack}>
          {occupied ? "Back to unlock" : "Back to setting up a new vault"}
        </button>
      </p>
      <p className="nhsuk-body-s app-muted">Data folder: {status.data_dir}</p>
    </main>
  );
}
